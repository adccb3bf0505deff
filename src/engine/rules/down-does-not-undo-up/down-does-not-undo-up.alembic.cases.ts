import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "downgrade() forgets the index",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("invoices", sa.Column("paid_at", sa.DateTime(timezone=True)))
    with op.get_context().autocommit_block():
        op.create_index("ix_invoices_due", "invoices", ["due_date"], postgresql_concurrently=True)


def downgrade():
    op.drop_column("invoices", "paid_at")
`,
      lines: [11],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "downgrade() undoes everything, in reverse order",
      code: `from alembic import op
import sqlalchemy as sa

revision = "7c4d1e9a0f25"
down_revision = "5a8e2f0c6b13"


def upgrade():
    op.add_column("invoices", sa.Column("paid_at", sa.DateTime(timezone=True), nullable=True))
    with op.get_context().autocommit_block():
        op.create_index("ix_invoices_paid_at", "invoices", ["paid_at"], postgresql_concurrently=True, if_not_exists=True)


def downgrade():
    with op.get_context().autocommit_block():
        op.drop_index("ix_invoices_paid_at", table_name="invoices", postgresql_concurrently=True, if_exists=True)
    op.drop_column("invoices", "paid_at")
`,
    },
  ],
});
