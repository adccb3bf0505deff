import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "postgresql_concurrently=True in Alembic's transaction",
      code: `from alembic import op

revision = "3f1c9a7b2d4e"
down_revision = "9b0e4d2c7a11"


def upgrade():
    op.create_index(
        "ix_invoices_customer_id",
        "invoices",
        ["customer_id"],
        postgresql_concurrently=True,
    )


def downgrade():
    op.drop_index("ix_invoices_customer_id", table_name="invoices")
`,
      lines: [8],
    },
    {
      framework: "alembic",
      name: "a helper function called from upgrade() is followed",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def index(table, column):
    op.create_index(f"ix_{table}_{column}", table, [column], postgresql_concurrently=True)


def upgrade():
    index("invoices", "customer_id")


def downgrade():
    op.drop_index("ix_invoices_customer_id", table_name="invoices")
`,
      lines: [8],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "inside autocommit_block()",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.get_context().autocommit_block():
        op.create_index("ix_invoices_customer_id", "invoices", ["customer_id"], postgresql_concurrently=True)
        op.execute("DROP INDEX CONCURRENTLY IF EXISTS ix_invoices_old")


def downgrade():
    with op.get_context().autocommit_block():
        op.drop_index("ix_invoices_customer_id", table_name="invoices", postgresql_concurrently=True)
`,
    },
  ],
});
