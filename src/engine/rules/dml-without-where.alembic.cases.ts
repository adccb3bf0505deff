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
    {
      framework: "alembic",
      name: "SQLAlchemy Core statements on a lightweight table: t.delete(), sa.delete(t), t.update().values(...)",
      code: `from alembic import op
import sqlalchemy as sa

revision = "d1"
down_revision = "c9"

sessions = sa.table("sessions", sa.column("id", sa.Integer))
accounts = sa.table("accounts", sa.column("status", sa.String))


def upgrade():
    op.execute(sessions.delete())
    op.execute(sa.delete(sessions))
    op.get_bind().execute(accounts.update().values(status="active"))


def downgrade():
    pass
`,
      lines: [12, 13, 14],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "SQLAlchemy Core statements restricted by where()",
      code: `from alembic import op
import sqlalchemy as sa

revision = "d2"
down_revision = "d1"

accounts = sa.table("accounts", sa.column("status", sa.String))


def upgrade():
    op.execute(accounts.update().where(accounts.c.status == None).values(status="new"))
    op.execute(accounts.delete().where(accounts.c.status == "spam"))


def downgrade():
    pass
`,
    },
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
