import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "downgrade() only passes",
      code: `from alembic import op

revision = "eca4694defa7"
down_revision = "5e4a03ef0bf0"


def upgrade():
    bind = op.get_bind()
    bind.execute("UPDATE dbs SET allow_run_sync = true")


def downgrade():
    pass
`,
      lines: [12],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "an upgrade that changes nothing may have an empty downgrade",
      code: `"""merge heads

Revision ID: c3
Revises: a1, b2
"""
revision = "c3"
down_revision = ("a1", "b2")


def upgrade():
    pass


def downgrade():
    pass
`,
    },
  ],
});
