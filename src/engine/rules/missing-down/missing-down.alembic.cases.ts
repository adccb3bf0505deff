import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "no downgrade() function",
      code: `from alembic import op

revision = "5a8e2f0c6b13"
down_revision = "3f1c9a7b2d4e"


def upgrade():
    op.drop_index("ix_legacy_invoice_lines_invoice_id", table_name="legacy_invoice_lines")
`,
      lines: [8],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "downgrade() present",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("invoices", sa.Column("paid_at", sa.DateTime(timezone=True)))


def downgrade():
    op.drop_column("invoices", "paid_at")
`,
    },
  ],
});
