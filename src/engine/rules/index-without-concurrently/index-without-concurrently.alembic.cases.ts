import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "op.create_index on an existing table",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_index(op.f("ix_invoices_customer_id"), "invoices", ["customer_id"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_invoices_customer_id"), table_name="invoices")
`,
      lines: [8],
    },
    {
      framework: "alembic",
      name: "add_column with index=True creates the index after the column",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("invoices", sa.Column("paid_at", sa.DateTime(timezone=True), nullable=True, index=True))


def downgrade():
    op.drop_column("invoices", "paid_at")
`,
      lines: [9],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "postgresql_concurrently=True inside autocommit_block()",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.get_context().autocommit_block():
        op.create_index("ix_invoices_customer_id", "invoices", ["customer_id"], postgresql_concurrently=True)


def downgrade():
    with op.get_context().autocommit_block():
        op.drop_index("ix_invoices_customer_id", table_name="invoices", postgresql_concurrently=True)
`,
    },
  ],
});
