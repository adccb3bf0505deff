import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "lint: an UPDATE that fills the column the revision just before added nullable with no default: only NULLs are overwritten, a note",
      files: {
        "alembic/versions/a1_add_first_name.py": `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.add_column("people", sa.Column("first_name", sa.String(), nullable=True))


def downgrade():
    op.drop_column("people", "first_name")
`,
      },
      path: "alembic/versions/b2_backfill_first_name.py",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.execute("UPDATE people SET first_name = split_part(name, ' ', 1)")


def downgrade():
    pass
`,
      lines: [8],
      severities: ["info"],
      messages: ["but alembic/versions/a1_add_first_name.py, the migration just before it, added it with no value"],
    },
    {
      framework: "alembic",
      name: "an UPDATE formatted with % and str.format from a run-time value inside a quoted string is read; the fix moves the call as written, not a placeholder",
      code: `from datetime import datetime

from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.execute("UPDATE users SET seen_at = '%s'" % datetime.utcnow())


def downgrade():
    pass
`,
      lines: [10],
      fixes: [
        `# keep a copy first, so the old values can be restored:
op.execute("CREATE TABLE users_backup_b2 AS TABLE users")
# then the statement (to change only some rows, add their condition):
op.execute("UPDATE users SET seen_at = '%s'" % datetime.utcnow())`,
      ],
    },
    {
      framework: "alembic",
      name: "an UPDATE without WHERE whose only run-time part is the schema prefix of its table (rucio's version_table_schema) is read as the UPDATE it is",
      code: `from alembic import context, op

revision = "b2"
down_revision = "a1"


def upgrade():
    schema = context.get_context().version_table_schema + "." if context.get_context().version_table_schema else ""
    op.execute("UPDATE " + schema + "account_attr_map SET value = 'true'")


def downgrade():
    pass
`,
      lines: [9],
      messages: ["account_attr_map"],
    },
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
    {
      framework: "alembic",
      name: "ORM bulk delete/update through a Session on Alembic's connection, and sa.update(t).values(...) with t bound in upgrade()",
      code: `from alembic import op
import sqlalchemy as sa
from sqlalchemy import orm
from sqlalchemy.orm import declarative_base

from shop.models import Invoice

revision = "e1"
down_revision = "d2"

Base = declarative_base()


class Account(Base):
    __tablename__ = "accounts"
    id = sa.Column(sa.Integer, primary_key=True)
    status = sa.Column(sa.String)


def upgrade():
    session = sa.orm.Session(bind=op.get_bind())
    other = orm.Session(op.get_bind())
    other.query(Account).update({"status": "active"})
    session.query(Account).delete()
    session.query(Invoice).update({Invoice.status: "open"}, synchronize_session=False)
    audit = sa.table("audit_log", sa.column("kind", sa.String))
    op.execute(sa.update(audit).values(kind="legacy"))
    op.get_bind().execute(sa.delete(Account))


def downgrade():
    pass
`,
      lines: [23, 24, 25, 27, 28],
    },
    {
      framework: "alembic",
      name: "a version bump (Wazo's 8863a45bcbd0): the copy is named after the revision, so the next bump's copy does not collide with it",
      path: "alembic/versions/8863a45bcbd0_bump_version_26_06.py",
      code: `from alembic import op

revision = "8863a45bcbd0"
down_revision = "a1b2c3d4e5f6"


def upgrade():
    op.execute("UPDATE infos SET wazo_version = '26.06'")


def downgrade():
    pass
`,
      lines: [8],
      fixes: [
        "# keep a copy first, so the old values can be restored:\nop.execute(\"CREATE TABLE infos_backup_8863a45bcbd0 AS TABLE infos\")\n# then the statement (to change only some rows, add their condition):\nop.execute(\"UPDATE infos SET wazo_version = '26.06'\")",
      ],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "an UPDATE without WHERE after add_column nullable=False without a default on the same table: PostgreSQL ran that only on an empty table",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("users", sa.Column("tenant_id", sa.Integer(), nullable=False))
    op.execute("UPDATE users SET locale = 'en'")


def downgrade():
    op.drop_column("users", "tenant_id")
`,
    },
    {
      framework: "alembic",
      name: "the revision keeps its own copy, named after it, before the bump: nothing to report",
      path: "alembic/versions/cb49d48129fd_bump_version_26_07.py",
      code: `from alembic import op

revision = "cb49d48129fd"
down_revision = "8863a45bcbd0"


def upgrade():
    op.execute("CREATE TABLE infos_backup_cb49d48129fd AS TABLE infos")
    op.execute("UPDATE infos SET wazo_version = '26.07'")


def downgrade():
    pass
`,
    },
    {
      framework: "alembic",
      name: "agenta ac23de45fa67: a CASE that only adds is_split where flags lacks it (ELSE flags) keeps every value",
      code: `from alembic import op
import sqlalchemy as sa

revision = "ac23de45fa67"
down_revision = "ab12cd34ef56"


def upgrade() -> None:
    conn = op.get_bind()

    conn.execute(
        sa.text(
            """
            UPDATE evaluation_runs
            SET flags = CASE
                WHEN flags IS NULL THEN '{"is_split": false}'::jsonb
                WHEN NOT (flags ? 'is_split') THEN flags || '{"is_split": false}'::jsonb
                ELSE flags
            END
            """
        )
    )


def downgrade() -> None:
    pass
`,
    },
    {
      framework: "alembic",
      name: "ORM and Core statements restricted by filter() / filter_by() / where()",
      code: `from alembic import op
import sqlalchemy as sa
from sqlalchemy import orm

from shop.models import Account

revision = "e2"
down_revision = "e1"


def upgrade():
    session = orm.Session(bind=op.get_bind())
    session.query(Account).filter(Account.status == "spam").delete()
    session.query(Account).filter_by(status=None).update({"status": "new"})
    audit = sa.table("audit_log", sa.column("kind", sa.String))
    op.execute(sa.update(audit).where(audit.c.kind == None).values(kind="legacy"))
    op.execute(sa.delete(audit).where(audit.c.kind == "tmp"))


def downgrade():
    pass
`,
    },
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
    {
      framework: "alembic",
      name: "columns added just before, filled by op.execute(UPDATE ...) and by t.update().values(...)",
      code: `from alembic import op
import sqlalchemy as sa

revision = "f1"
down_revision = "e2"

accounts = sa.table("accounts", sa.column("trial", sa.Boolean))


def upgrade():
    op.add_column("accounts", sa.Column("plan", sa.String(20), nullable=True))
    op.execute("UPDATE accounts SET plan = (SELECT name FROM plans WHERE plans.id = accounts.plan_id)")
    op.add_column("accounts", sa.Column("trial", sa.Boolean(), nullable=True))
    op.execute(accounts.update().values(trial=False))


def downgrade():
    op.drop_column("accounts", "trial")
    op.drop_column("accounts", "plan")
`,
    },
  ],
});
