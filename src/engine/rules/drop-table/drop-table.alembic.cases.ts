import { defineCases } from "../support/rule.js";

/** a revision that drops legacy_events */
const DROP_LEGACY_EVENTS = `from alembic import op

revision = "e5"
down_revision = "d4"


def upgrade():
    op.drop_table("legacy_events")


def downgrade():
    pass
`;
/** a declarative SQLAlchemy model of another table */
const USER_MODEL = { "app/models/user.py": 'from sqlalchemy import Column, Integer\n\nfrom .base import Base\n\n\nclass User(Base):\n    __tablename__ = "users"\n    id = Column(Integer, primary_key=True)\n' };

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "op.execute drops IF EXISTS a removed package's table no model or revision defines: the copy is guarded by to_regclass and the drop keeps IF EXISTS",
      path: "alembic/versions/e5_drop_allauth.py",
      code: `from alembic import op

revision = "e5"
down_revision = "d4"


def upgrade():
    op.execute("DROP TABLE IF EXISTS account_emailaddress")


def downgrade():
    pass
`,
      lines: [8],
      fixes: [
        "# 1. Stop using the table and deploy. 2. Keep a copy, then drop it in a later revision:\nop.execute(\"DO $$ BEGIN IF to_regclass('account_emailaddress') IS NOT NULL THEN CREATE TABLE account_emailaddress_backup_e5 AS TABLE account_emailaddress; END IF; END $$\")\nop.execute(\"DROP TABLE IF EXISTS account_emailaddress\")",
      ],
    },
    {
      framework: "alembic",
      name: "a loop over tables only the database names drops each, under an offline deploy: the message and the fix for no old code running say the table is unknown, never print a placeholder, and the error stays (what it drops is unknown)",
      path: "alembic/versions/e5_drop_legacy.py",
      code: `from alembic import op
import sqlalchemy as sa

revision = "e5"
down_revision = "d4"


def upgrade():
    bind = op.get_bind()
    for table in sa.inspect(bind).get_table_names():
        op.drop_table(table)


def downgrade():
    pass
`,
      config: { deploy: "offline" },
      lines: [11],
      severities: ["error"],
      messages: ["Dropping table (a name set at run time) deletes all its rows; a rollback cannot bring them back. No running code reads it then (config `deploy: offline`: nothing serves while it migrates)."],
      fixes: [
        "# migguard could not read a name this operation uses (it is computed when the migration runs), so it does not write the fix with a guessed name.\n# Write the name as a literal (or loop over a literal list) and migguard writes the fix for each.",
      ],
    },
    {
      framework: "alembic",
      name: "aleph's entitysets: the rows of diagram are selected and inserted into entityset in a loop before the drop: no data-loss claim, the old code using diagram stays, a warning",
      path: "alembic/versions/4c9e198c5b31_entitysets.py",
      code: `from alembic import op
import sqlalchemy as sa

revision = "4c9e198c5b31"
down_revision = "8dff301e1b1f"


def upgrade():
    op.create_table("entityset", sa.Column("id", sa.String(128), primary_key=True), sa.Column("label", sa.Unicode()))
    bind = op.get_bind()
    meta = sa.MetaData()
    meta.reflect(bind=bind)
    diagram_table = meta.tables["diagram"]
    entityset_table = meta.tables["entityset"]
    rp = bind.execute(sa.select(diagram_table))
    while True:
        diagram = rp.fetchone()
        if diagram is None:
            break
        q = sa.insert(entityset_table)
        q = q.values({"id": str(diagram.id), "label": diagram.label})
        bind.execute(q)
    op.drop_table("diagram")


def downgrade():
    pass
`,
      lines: [23],
      severities: ["warning"],
      messages: ["Dropping table diagram after the data step at line 15 (bind.execute(select)) read its rows: if that step moved them, no data is lost, but servers still running the old code use diagram"],
    },
    {
      framework: "alembic",
      name: "tasking-manager f86698c827cc: rows selected with SQL text on the connection, then written into other tables row by row, then the drop: a step that read its rows, not plain data loss",
      path: "migrations/versions/f86698c827cc_.py",
      code: `import sqlalchemy as sa
from alembic import op

revision = "f86698c827cc"
down_revision = "e3282e2db2d7"


def upgrade():
    conn = op.get_bind()
    campaign_tags = conn.execute(sa.text("select distinct(campaigns) from tags where campaigns is not null"))
    for campaign_tag in campaign_tags:
        conn.execute(sa.text("insert into campaigns (name) values (:name)"), {"name": campaign_tag[0]})
    op.drop_table("tags")


def downgrade():
    conn = op.get_bind()
    op.create_table("tags", sa.Column("id", sa.INTEGER(), nullable=False), sa.Column("campaigns", sa.VARCHAR(), nullable=True))
    conn.execute(sa.text("insert into tags (campaigns) select name from campaigns"))
`,
      lines: [13],
      severities: ["warning"],
      messages: ["Dropping table tags after the data step at line 10 (conn.execute(SELECT ... FROM tags)) read its rows: if that step moved them, no data is lost"],
    },
    {
      framework: "alembic",
      name: "rows selected with SQL text on the connection and only printed, nothing written elsewhere: the data-loss error stays",
      path: "migrations/versions/f86698c827cc_.py",
      code: `import sqlalchemy as sa
from alembic import op

revision = "f86698c827cc"
down_revision = "e3282e2db2d7"


def upgrade():
    conn = op.get_bind()
    campaign_tags = conn.execute(sa.text("select distinct(campaigns) from tags")).fetchall()
    print(len(campaign_tags))
    op.drop_table("tags")


def downgrade():
    pass
`,
      lines: [12],
      severities: ["error"],
    },
    {
      framework: "alembic",
      name: "rows of the table only selected (a count, a check) before the drop, nothing written elsewhere: the data-loss error stays",
      path: "alembic/versions/4c9e198c5b31_entitysets.py",
      code: `from alembic import op
import sqlalchemy as sa

revision = "4c9e198c5b31"
down_revision = "8dff301e1b1f"


def upgrade():
    bind = op.get_bind()
    meta = sa.MetaData()
    meta.reflect(bind=bind)
    rows = bind.execute(sa.select(meta.tables["diagram"])).fetchall()
    print(len(rows))
    op.drop_table("diagram")


def downgrade():
    pass
`,
      lines: [14],
      severities: ["error"],
    },
    {
      framework: "alembic",
      name: "sa.schema.DropTable given to op.execute is DROP TABLE (a SQLAlchemy DDL element, not hidden SQL)",
      path: "alembic/versions/e5_drop_legacy_events.py",
      code: `from alembic import op
import sqlalchemy as sa

revision = "e5"
down_revision = "d4"


def upgrade():
    op.execute(sa.schema.DropTable(sa.table("legacy_events"), if_exists=True))


def downgrade():
    pass
`,
      lines: [9],
      messages: ["Dropping table legacy_events"],
    },
    {
      framework: "alembic",
      name: "strong evidence, a note: no SQLAlchemy model maps the table any more and no code read names it or its class",
      path: "alembic/versions/e5_drop_legacy_events.py",
      code: DROP_LEGACY_EVENTS,
      files: {
        ...USER_MODEL,
        "app/views.py": "def home(session):\n    return session.query(User).count()\n",
      },
      lines: [8],
      severities: ["info"],
      messages: ["no SQLAlchemy model of the 1 model file read maps legacy_events"],
    },
    {
      framework: "alembic",
      name: "an imperative Table() still defines the table: the data-loss error",
      path: "alembic/versions/e5_drop_legacy_events.py",
      code: DROP_LEGACY_EVENTS,
      files: {
        ...USER_MODEL,
        "app/tables.py": "from sqlalchemy import Column, Integer, MetaData, Table\n\nmetadata = MetaData()\nlegacy = Table(\"legacy_events\", metadata, Column(\"id\", Integer))\n",
      },
      lines: [8],
      severities: ["error"],
    },
    {
      framework: "alembic",
      name: "code still names the table's class (LegacyEvent) though no model maps it: the data-loss error",
      path: "alembic/versions/e5_drop_legacy_events.py",
      code: DROP_LEGACY_EVENTS,
      files: {
        ...USER_MODEL,
        "app/views.py": "from .legacy import LegacyEvent\n\n\ndef events(session):\n    return session.query(LegacyEvent).all()\n",
      },
      lines: [8],
      severities: ["error"],
    },
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
      name: "INSERT ... SELECT from the table into another before the drop: the rows are copied by the statement itself",
      code: `from alembic import op

revision = "f86698c827cc"
down_revision = "e3282e2db2d7"


def upgrade():
    op.execute("INSERT INTO campaigns (name) SELECT DISTINCT campaigns FROM tags WHERE campaigns IS NOT NULL")
    op.drop_table("tags")


def downgrade():
    op.execute("CREATE TABLE tags (id serial PRIMARY KEY, campaigns text)")
    op.execute("INSERT INTO tags (campaigns) SELECT name FROM campaigns")
`,
    },
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
