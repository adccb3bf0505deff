import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "ALTER TYPE ... RENAME VALUE",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.execute("ALTER TYPE order_status RENAME VALUE 'canceled' TO 'cancelled'")


def downgrade():
    op.execute("ALTER TYPE order_status RENAME VALUE 'cancelled' TO 'canceled'")
`,
      lines: [8],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "adding a value",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.get_context().autocommit_block():
        op.execute("ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'cancelled'")


def downgrade():
    pass
`,
    },
  ],
});
