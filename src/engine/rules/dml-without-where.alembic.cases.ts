import { defineCases } from "./rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "DELETE without WHERE through the connection",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    conn = op.get_bind()
    conn.execute(sa.text("DELETE FROM sessions"))


def downgrade():
    pass
`,
      lines: [10],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "DELETE with WHERE",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.execute("DELETE FROM sessions WHERE expires_at < now()")


def downgrade():
    pass
`,
    },
  ],
});
