import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "op.drop_table",
      code: `from alembic import op

revision = "5a8e2f0c6b13"
down_revision = "3f1c9a7b2d4e"


def upgrade():
    op.drop_table("legacy_invoice_lines")


def downgrade():
    op.execute("CREATE TABLE legacy_invoice_lines (id bigint PRIMARY KEY)")
`,
      lines: [8],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "the table was copied to a backup first",
      code: `from alembic import op

revision = "5a8e2f0c6b13"
down_revision = "3f1c9a7b2d4e"


def upgrade():
    op.execute("CREATE TABLE legacy_invoice_lines_backup AS TABLE legacy_invoice_lines")
    op.drop_table("legacy_invoice_lines")


def downgrade():
    op.execute("ALTER TABLE legacy_invoice_lines_backup RENAME TO legacy_invoice_lines")
`,
    },
  ],
});
