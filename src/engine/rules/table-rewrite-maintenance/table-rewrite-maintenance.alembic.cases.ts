import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "VACUUM FULL through op.execute",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.get_context().autocommit_block():
        op.execute("VACUUM FULL events")


def downgrade():
    pass
`,
      lines: [9],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "plain VACUUM",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.get_context().autocommit_block():
        op.execute("VACUUM (ANALYZE) events")


def downgrade():
    pass
`,
    },
  ],
});
