import { defineCases } from "../support/rule.js";

const alembic = (body: string) => `from alembic import op\n\nrevision = "c3"\ndown_revision = "b2"\n\n\ndef upgrade():\n${body}\n\n\ndef downgrade():\n    pass\n`;

/** The engine's own finding for Alembic: an operation looked up with getattr, Python run from a string, SQL not in the file. */
export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "a str.format whose table name is known only at run time (read from the database) stays hidden",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    conn = op.get_bind()
    for (table,) in conn.execute(sa.text("SELECT tablename FROM pg_tables")):
        op.execute("UPDATE {} SET household_id = 1".format(table))


def downgrade():
    pass
`,
      lines: [11],
    },
    {
      framework: "alembic",
      name: "Alembic's operation called on an object the file does not say is Alembic's op (an env.py that passes it as `ops`) is not passed unread",
      code: `revision = "a1"\ndown_revision = None\n\n\ndef upgrade(ops):\n    ops.create_index("ix_queueitem_state", "queueitem", ["state_id"])\n\n\ndef downgrade(ops):\n    ops.drop_index("ix_queueitem_state")\n`,
      lines: [6, 10],
      severities: ["warning", "warning"],
      messages: ["`ops.create_index(...)` reads like Alembic's `op.create_index`, but nothing in this file says `ops` is Alembic's op"],
    },
    {
      framework: "alembic",
      name: "SQL built at run time inside a loop over a literal list is one finding, not one per item of the list",
      code: `from alembic import op

from app.sql import max_id_query

revision = "b2"
down_revision = "a1"

tables = [("users", "users"), ("projects", "projects"), ("events", "events")]


def upgrade():
    connection = op.get_bind()
    for schema, table in tables:
        statement = max_id_query(schema, table)
        connection.exec_driver_sql(statement)


def downgrade():
    pass
`,
      lines: [15],
    },
    {
      framework: "alembic",
      name: "a % format or a str.format that puts a run-time value where a table name goes stays hidden, whatever else is known",
      code: `from alembic import op

from app.naming import table_for

revision = "b2"
down_revision = "a1"

SEEN = "2016-06-01"


def upgrade():
    op.execute("UPDATE %s SET seen_at = '%s'" % (table_for("users"), SEEN))
    op.execute("DELETE FROM {table} WHERE created_at < '{}'".format(SEEN, table=table_for("events")))


def downgrade():
    pass
`,
      lines: [12, 13],
      messages: ["built at run time (`\"UPDATE %s SET seen_at = '%s'\" % (table_for(\"users\"), SEEN)`)", "built at run time"],
    },
    {
      framework: "alembic",
      name: "SQL joined with + to a run-time value where a name goes, or where PostgreSQL takes only a number literal (RESTART WITH), stays hidden; a whole table name only known at run time is said to be so",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    conn = op.get_bind()
    for (table, last) in conn.execute(sa.text("SELECT relname, n_live_tup FROM pg_stat_user_tables")):
        conn.execute(sa.text("DELETE FROM " + table + " WHERE id = 1"))
        conn.execute(sa.text("ALTER SEQUENCE items_id_seq RESTART WITH " + str(last)))
        op.execute("UPDATE items SET " + table + "_id = 1")


def downgrade():
    pass
`,
      lines: [11, 12, 13],
      messages: ['built at run time (`"DELETE FROM " + table + " WHERE id = 1"`): the name of its table or index is only known when it runs', "built at run time", "built at run time"],
    },
    {
      framework: "alembic",
      name: "a run-time part that is a whole WHERE condition, or glued to a name without being a schema prefix (its value may be any text), stays hidden even beside a schema prefix",
      code: `from alembic import context, op

from app.filters import stale_rows

revision = "b2"
down_revision = "a1"


def upgrade():
    schema = context.get_context().version_table_schema + "." if context.get_context().version_table_schema else ""
    op.execute("DELETE FROM " + schema + "sessions WHERE " + stale_rows())
    op.execute("UPDATE %sfoo SET %s = 1" % (schema, stale_rows()))
    op.execute("UPDATE " + stale_rows() + "sessions SET seen = true")


def downgrade():
    pass
`,
      lines: [11, 12, 13],
      messages: ['built at run time (`"DELETE FROM " + schema + "sessions WHERE " + stale_rows()`): its condition is only known when it runs', "built at run time", "built at run time"],
    },
    {
      framework: "alembic",
      name: "the .name of an sa.Enum built without name= (SQLAlchemy names it after the Python enum when it runs), or of a project's own Enum class: the statement stays hidden",
      code: `from alembic import op
import sqlalchemy as sa

from app.models import Kind
from app.types import Enum

revision = "b2"
down_revision = "a1"

kind_enum = sa.Enum(Kind)
app_enum = Enum("a", "b", name="kind")


def upgrade():
    op.execute("DROP TYPE {}".format(kind_enum.name))
    op.execute("DROP TYPE %s" % app_enum.name)


def downgrade():
    pass
`,
      lines: [15, 16],
    },
    { framework: "alembic", name: "op.execute looked up with getattr (still checked as op.execute)", code: alembic('    getattr(op, "execute")("DELETE FROM sessions WHERE expired")'), lines: [8] },
    { framework: "alembic", name: "an operation whose name is computed", code: alembic('    getattr(op, "drop_" + KIND)("sessions")'), lines: [8] },
    { framework: "alembic", name: "Python in a string given to exec", code: alembic("    exec(\"op.drop_column('users', 'email')\")"), lines: [8] },
    { framework: "alembic", name: "SQL a function builds", code: alembic("    op.execute(cleanup_sql())"), lines: [8] },
    {
      framework: "alembic",
      name: "a DDL element whose name is computed at run time",
      code: alembic("    op.execute(sa.schema.DropSequence(sa.Sequence(seq_name())))").replace("from alembic import op", "from alembic import op\nimport sqlalchemy as sa"),
      lines: [9],
    },
    {
      framework: "alembic",
      name: "DDL() whose statement SQLAlchemy fills from a context (%(table)s), and a sqlalchemy_utils CreateView of a select() built in Python: their SQL is not known",
      code: `from alembic import op
import sqlalchemy as sa
from sqlalchemy_utils.view import CreateView

revision = "c3"
down_revision = "b2"

users = sa.table("users", sa.column("id"))


def upgrade():
    op.execute(sa.DDL("ALTER TABLE %(table)s OWNER TO app"))
    op.execute(CreateView("active_users", sa.select(users.c.id)))


def downgrade():
    pass
`,
      lines: [12, 13],
    },
    {
      framework: "alembic",
      name: "a helper of the file given a flag the migration queried, whose flag picks the publication's tables or the statement's kind: what runs is only known when it runs, so it stays hidden",
      code: `from alembic import op
import sqlalchemy as sa

revision = "c3"
down_revision = "b2"


def _tables_ddl(with_user):
    tables = ", ".join(["documents"] + (['"user"'] if with_user else []))
    return f"ALTER PUBLICATION zero_publication SET TABLE {tables}"


def _verb_ddl(exists):
    verb = "ALTER" if exists else "CREATE"
    return verb + " PUBLICATION zero_publication SET TABLE documents"


def upgrade():
    conn = op.get_bind()
    flag = conn.execute(sa.text("SELECT 1 FROM pg_publication")).fetchone() is not None
    conn.execute(sa.text(_tables_ddl(flag)))
    conn.execute(sa.text(_verb_ddl(flag)))


def downgrade():
    pass
`,
      lines: [21, 22],
      messages: ["built at run time (`_tables_ddl(flag)`): the name of its table or index is only known when it runs", "built at run time (`_verb_ddl(flag)`)"],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "a table list \", \".join()ed from a module's literal list: the statement is known, checked as written",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"

TABLES = ["legacy_a", "legacy_b"]


def upgrade():
    op.execute("DROP TABLE IF EXISTS {}".format(", ".join(TABLES)))


def downgrade():
    pass
`,
    },
    {
      framework: "alembic",
      name: "the table name of a dedent(f-string) and of a str.format comes from a literal list the code loops over: every statement is known, and judged as if written out",
      code: `from textwrap import dedent

from alembic import op
import sqlalchemy as sa
from sqlalchemy import orm

revision = "b2"
down_revision = "a1"


def _assign(session, table, household_id):
    sql = sa.text(
        dedent(
            f"""
            UPDATE {table}
            SET household_id = :household_id
            WHERE group_id = :group_id
            """,
        )
    )
    session.execute(sql, {"household_id": household_id, "group_id": 1})


def upgrade():
    session = orm.Session(bind=op.get_bind())
    for table in ["cookbooks", "users"]:
        _assign(session, table, 1)
    for table in ("webhooks", "invites"):
        op.execute("UPDATE {} SET household_id = 1 WHERE group_id = 1".format(table))


def downgrade():
    pass
`,
    },
    {
      framework: "alembic",
      name: "seed rows written with str.format and % of module constants, and of run-time values (uuid4, utcnow) that only fill quoted SQL strings: the statements are known and checked",
      code: `import uuid
from datetime import datetime

from alembic import op

revision = "0025_notify_service_data"
down_revision = "0024_add_research_mode_defaults"

user_id = "6af522d0-2915-4e52-83a3-3690455a5fe6"
service_id = "d6aa2c68-a2d9-4437-ab19-3ae8eb202553"


def upgrade():
    user_to_service_insert = """INSERT INTO user_to_service (user_id, service_id) VALUES ('{}', '{}')"""
    op.execute(user_to_service_insert.format(user_id, service_id))
    service_insert = """INSERT INTO services (id, name, created_at, created_by_id)
                        VALUES ('{}', 'Notify service', '{}', '{}')
                    """
    op.execute(service_insert.format(service_id, datetime.utcnow(), user_id))
    op.execute(
        "insert into letter_rates values('{}', '{}', null, 1, 0.30, True, 'second')".format(
            str(uuid.uuid4()), datetime(2016, 3, 31, 23, 00, 00)
        )
    )
    op.execute("INSERT INTO key_types VALUES ('%s'), ('%s')" % ("normal", "team"))
    op.execute("INSERT INTO rates (id, valid_from) VALUES ('%(id)s', '%(at)s')" % {"id": uuid.uuid4(), "at": datetime.utcnow()})


def downgrade():
    op.execute("DELETE FROM user_to_service WHERE user_id = '{}'".format(user_id))
`,
    },
    {
      framework: "alembic",
      name: "SQL joined with + or formatted with run-time values (str(id), a parameter, a row's value) only where values go, unquoted or in a quoted string: the statements are known and checked (tasking-manager)",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    conn = op.get_bind()
    org_id = conn.execute(sa.text("select id from organisations limit 1")).scalar()
    conn.execute(sa.text("insert into teams (visibility,invite_only,organisation_id,name) values (1,true," + str(org_id) + ",'validators');"))
    for (name,) in conn.execute(sa.text("select distinct campaigns from tags")):
        conn.execute("insert into campaigns (name) values ('" + name + "')")
    counts(org_id)


def counts(project_id: int):
    conn = op.get_bind()
    conn.execute(sa.text("SELECT task_status, count(task_status) FROM tasks WHERE project_id={0} GROUP BY task_status".format(project_id)))
    conn.execute(sa.text("delete from team_members where team_id in (" + str(project_id) + ") and active = " + str(True)))


def downgrade():
    pass
`,
    },
    {
      framework: "alembic",
      name: "sa.text() with its own :name binds and a run-time value joined where a value goes: the binds are values too, the statement is known and checked",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    conn = op.get_bind()
    org_id = conn.execute(sa.text("select id from organisations limit 1")).scalar()
    conn.execute(sa.text("update teams set name = :name, invite_only = :closed where organisation_id = " + str(org_id)), {"name": "validators", "closed": True})


def downgrade():
    pass
`,
    },
    {
      framework: "alembic",
      name: "SQL whose only run-time part is a schema prefix (name and `.`, or nothing) before a table or index name, glued or written before its `.`: the statements are known and checked on their unqualified names (rucio's version_table_schema)",
      code: `from alembic import context, op
from alembic.context import get_context

revision = "b2"
down_revision = "a1"


def upgrade():
    schema = context.get_context().version_table_schema + "." if context.get_context().version_table_schema else ""
    op.execute("UPDATE " + schema + "account_attr_map SET value='true' WHERE value='True'")
    op.execute("ALTER TABLE %saccount_attr_map ADD COLUMN note text" % schema)
    op.execute(f"DROP INDEX IF EXISTS {schema}account_attr_map_value_idx")
    op.execute("UPDATE {}.account_attr_map SET value = 'false' WHERE value = {}".format(get_context().version_table_schema, 0))


def downgrade():
    pass
`,
    },
    {
      framework: "alembic",
      name: "SQL built with str.format, % and an f-string from module constants: sa.Enum(name=...)'s .name, passed to a helper of the file with literal arguments (tracim's replace_enum), and a Table's name: the statements are known",
      code: `import typing

from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"

old_types = ("USER", "WORKSPACE")
old_enum = sa.Enum(*old_types, name="entitytype")
new_enum = sa.Enum(*(old_types + ("MENTION",)), name="entitytype")
events = sa.Table("events", sa.MetaData(), sa.Column("id", sa.Integer))


def replace_enum(table_name: str, column_name: str, from_enum: sa.Enum, to_enum: sa.Enum, default: typing.Any) -> None:
    op.execute("ALTER TYPE {} RENAME TO {}_old".format(from_enum.name, from_enum.name))
    op.execute("ALTER TABLE {} ALTER {} DROP DEFAULT".format(table_name, column_name))
    to_enum.create(op.get_bind(), checkfirst=False)
    op.alter_column(table_name, column_name, type_=to_enum, postgresql_using="{}::text::{}".format(column_name, to_enum.name))
    op.execute("DROP TYPE %s_old" % from_enum.name)


def upgrade():
    replace_enum("events", "entity_type", old_enum, new_enum, None)
    op.execute(f"COMMENT ON TABLE {events.name} IS 'entity events'")


def downgrade():
    replace_enum("events", "entity_type", new_enum, old_enum, None)
`,
    },
    {
      framework: "alembic",
      name: "a helper of the file builds the publication's DDL, given a flag the migration queried that only decides which columns a table's column list holds: the statement and its tables are known, and checked (SurfSense's zero_publication)",
      code: `from alembic import op
import sqlalchemy as sa

revision = "c3"
down_revision = "b2"

DOCUMENT_COLS = ["id", "title"]


def _has_zero_version(conn, table):
    return conn.execute(sa.text("SELECT 1 FROM information_schema.columns WHERE table_name = :t AND column_name = '_0_version'"), {"t": table}).fetchone() is not None


def _set_table_ddl(documents_has_zero_ver: bool) -> str:
    doc_cols = DOCUMENT_COLS + (['"_0_version"'] if documents_has_zero_ver else [])
    doc_col_list = ", ".join(doc_cols)
    return f"ALTER PUBLICATION zero_publication SET TABLE notifications, documents ({doc_col_list})"


def upgrade():
    conn = op.get_bind()
    conn.execute(sa.text(_set_table_ddl(_has_zero_version(conn, "documents"))))


def downgrade():
    conn = op.get_bind()
    conn.execute(sa.text(f"CREATE PUBLICATION zero_publication FOR TABLE documents ({', '.join(DOCUMENT_COLS)})"))
`,
    },
    { framework: "alembic", name: "op.execute called by name with its SQL written out", code: alembic('    op.execute("DELETE FROM sessions WHERE expired")') },
    {
      framework: "alembic",
      name: "SQLAlchemy DDL elements with literal arguments: their SQL is known (ckan's DropSequence)",
      code: `from alembic import op
import sqlalchemy as sa
from sqlalchemy.schema import CreateSequence, DropSequence, Sequence

revision = "c3"
down_revision = "b2"


def upgrade():
    op.execute(DropSequence(Sequence("package_id_seq")))
    op.execute(sa.schema.DropIndex(sa.Index("ix_package_old")))
    op.execute(sa.schema.CreateSchema("audit", if_not_exists=True))


def downgrade():
    op.execute(sa.schema.DropSchema("audit", if_exists=True, cascade=True))
    op.execute(CreateSequence(Sequence("package_id_seq", start=100, increment=1, schema="public")))
`,
    },
    {
      framework: "alembic",
      name: "a literal DDL() and sqlalchemy_utils' DropView / CreateView of a text(): read as the SQL they compile to (Wazo's DropView(materialized=True), DDL('DROP TYPE ...'))",
      code: `from alembic import op
import sqlalchemy as sa
from sqlalchemy import DDL
from sqlalchemy_utils.view import CreateView, DropView

revision = "85fdd3fb9cde"
down_revision = "e8ef1a06f16f"


def upgrade():
    op.execute(DropView("endpoint_sip_options_view", materialized=True))
    op.execute(CreateView("active_users", sa.text("SELECT id FROM users WHERE active"), replace=True))


def downgrade():
    op.execute(DDL("DROP TYPE voicemail_accesstype"))
    op.execute(sa.DDL("UPDATE users SET name = name || '%%'"))
`,
    },
    {
      framework: "alembic",
      name: "a SQLAlchemy select read through the connection",
      code: 'from alembic import op\nimport sqlalchemy as sa\n\nrevision = "c3"\ndown_revision = "b2"\n\nsessions = sa.table("sessions", sa.column("id"))\n\n\ndef upgrade():\n    conn = op.get_bind()\n    ids = conn.execute(sa.select(sessions.c.id)).fetchall()\n\n\ndef downgrade():\n    pass\n',
    },
  ],
});
