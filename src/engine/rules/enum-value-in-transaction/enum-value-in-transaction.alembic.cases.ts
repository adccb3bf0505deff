import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "the new value is used in the same transaction",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.execute("ALTER TYPE order_status ADD VALUE 'refunded'")
    op.execute("UPDATE orders SET status = 'refunded' WHERE refunded_at IS NOT NULL")


def downgrade():
    op.execute("UPDATE orders SET status = 'paid' WHERE status = 'refunded'")
`,
      lines: [9],
    },
    {
      framework: "alembic",
      name: "PostgreSQL 11 refuses ADD VALUE in a transaction at all: the revision's own statement in an autocommit block",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.execute("ALTER TYPE order_status ADD VALUE 'refunded'")


def downgrade():
    pass
`,
      config: { postgres_version: 11 },
      lines: [8],
      fixes: [`with op.get_context().autocommit_block():\n    op.execute("ALTER TYPE order_status ADD VALUE 'refunded'")`],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "the value is added in an autocommit block",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.get_context().autocommit_block():
        op.execute("ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded'")
    op.execute("UPDATE orders SET status = 'refunded' WHERE refunded_at IS NOT NULL")


def downgrade():
    op.execute("UPDATE orders SET status = 'paid' WHERE status = 'refunded'")
`,
    },
  ],
});
