import { defineCases } from "../support/rule.js";

/** a revision whose file name sorts after the one that drops its column: Alembic runs it first, by down_revision */
const CREATE_FLOW = `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = None


def upgrade():
    op.create_table("flow", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("tags", sa.JSON()))


def downgrade():
    op.drop_table("flow")
`;

/** an Alembic revision that drops users.nickname */
const DROP_NICKNAME = `from alembic import op
import sqlalchemy as sa

revision = "d4"
down_revision = "c3"


def upgrade():
    op.drop_column("users", "nickname")


def downgrade():
    op.add_column("users", sa.Column("nickname", sa.String(length=80), nullable=True))
`;

/** DROP_NICKNAME with a check first that raises while a nickname is set */
const GUARDED_DROP_NICKNAME = (check: string) => `from alembic import op
import sqlalchemy as sa

revision = "d4"
down_revision = "c3"


def upgrade():
    conn = op.get_bind()
    if ${check}:
        raise RuntimeError("clear users.nickname first")
    op.drop_column("users", "nickname")


def downgrade():
    op.add_column("users", sa.Column("nickname", sa.String(length=80), nullable=True))
`;

const USER_MODEL = (extra = "", bases = "Base") =>
  `from sqlalchemy import Column, Integer, String\nfrom sqlalchemy.orm import Mapped, mapped_column\n\nfrom .base import Base\n\n\nclass User(${bases}):\n    __tablename__ = "users"\n\n    id = Column(Integer, primary_key=True)\n    email: Mapped[str] = mapped_column(String(255))\n${extra}`;
const VIEWS = "def profile(session, user_id):\n    return session.get(User, user_id).email\n";

/**
 * An earlier revision than the previous one moves users.nickname into display_name with op.execute SQL (0002), and
 * 0003 adds a column in between; 0004 (the case's code) drops nickname on line 9.
 */
const NICKNAME_MOVE = {
  "migrations/versions/0001_users.py": `from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("users", sa.Column("id", sa.BigInteger(), primary_key=True), sa.Column("email", sa.String(255)), sa.Column("nickname", sa.Text()), sa.Column("display_name", sa.Text()))
`,
  "migrations/versions/0002_nickname_to_display_name.py": `from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("UPDATE users SET display_name = nickname WHERE display_name IS NULL")
`,
  "migrations/versions/0003_bio.py": `from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.add_column("users", sa.Column("bio", sa.Text()))
`,
};
const DROP_MOVED_NICKNAME = `from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade():
    op.drop_column("users", "nickname")
`;

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "an earlier revision (not the previous one) set display_name from nickname with op.execute SQL, and neither the model nor the code names nickname: the last step of the move, a note",
      path: "migrations/versions/0004_drop_nickname.py",
      code: DROP_MOVED_NICKNAME,
      files: { ...NICKNAME_MOVE, "app/models/user.py": USER_MODEL(), "app/views.py": VIEWS },
      lines: [8],
      severities: ["info"],
      messages: ["Dropping column users.nickname is the contract step of a move: the UPDATE at migrations/versions/0002_nickname_to_display_name.py:8 set display_name from nickname"],
    },
    {
      framework: "alembic",
      name: "no earlier revision copied nickname (0002 only fills display_name with a constant): no move is named, only the planned removal's note (neither the model nor the code names it)",
      path: "migrations/versions/0004_drop_nickname.py",
      code: DROP_MOVED_NICKNAME,
      files: { ...NICKNAME_MOVE, "migrations/versions/0002_nickname_to_display_name.py": NICKNAME_MOVE["migrations/versions/0002_nickname_to_display_name.py"].replace("display_name = nickname", "display_name = 'anonymous'"), "app/models/user.py": USER_MODEL(), "app/views.py": VIEWS },
      lines: [8],
      severities: ["info"],
      messages: ["It is the planned last step of a two-step removal"],
    },
    {
      framework: "alembic",
      name: "under an offline deploy (the container's entrypoint runs alembic upgrade head, then starts the server): no old code reads the column, only the data loss is left, a warning with the copy before the drop",
      path: "migrations/versions/0002_drop_nickname.py",
      code: `"""drop nickname"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_column("users", "nickname")
`,
      files: {
        "migrations/versions/0001_users.py": `"""users"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("users", sa.Column("id", sa.BigInteger(), primary_key=True), sa.Column("nickname", sa.Text()))
`,
        Dockerfile: 'FROM python:3.12\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["uvicorn", "app.main:app"]\n',
        "docker-entrypoint.sh": '#!/bin/sh\nset -e\nalembic upgrade head\nexec "$@"\n',
      },
      lines: [9],
      severities: ["warning"],
      messages: ["Dropping column users.nickname deletes its data, and a rollback cannot restore the values. No running code reads it then (docker-entrypoint.sh:3: "],
    },
    {
      framework: "alembic",
      name: "`if conn.execute(sa.text(\"SELECT 1 FROM users WHERE nickname IS NOT NULL LIMIT 1\")).scalar(): raise` before op.drop_column, and the model and code never name it: only NULLs go, a note naming the check's line",
      code: GUARDED_DROP_NICKNAME('conn.execute(sa.text("SELECT 1 FROM users WHERE nickname IS NOT NULL LIMIT 1")).scalar()'),
      files: { "app/models/user.py": USER_MODEL(), "app/views.py": VIEWS },
      lines: [12],
      severities: ["info"],
      messages: ["loses no data: the migration stops on line 10 when nickname holds a value"],
    },
    {
      framework: "alembic",
      name: "a check whose query counts every user (`SELECT count(*) FROM users WHERE email IS NOT NULL`) says nothing of nickname: the data-loss error stays",
      code: GUARDED_DROP_NICKNAME('conn.execute(sa.text("SELECT count(*) FROM users WHERE email IS NOT NULL")).scalar()'),
      lines: [12],
      severities: ["error"],
    },
    {
      framework: "alembic",
      name: "warehouse's ee5b8f66a223: an op.execute UPDATE ... FROM set squattee_id from squattee_name before the drop: the values live on converted, the fix drops it later with no backup",
      code: `from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "ee5b8f66a223"
down_revision = "8fd3400c760f"


def upgrade():
    op.add_column("warehouse_admin_squat", sa.Column("squattee_id", postgresql.UUID(as_uuid=True), nullable=True))
    op.execute(""" UPDATE warehouse_admin_squat
            SET squattee_id = packages.id
            FROM packages
            WHERE
                packages.name = warehouse_admin_squat.squattee_name
        """)
    op.alter_column("warehouse_admin_squat", "squattee_id", nullable=False)
    op.drop_column("warehouse_admin_squat", "squattee_name")


def downgrade():
    raise RuntimeError("Order No. 227 - Ni shagu nazad!")
`,
      lines: [18],
      severities: ["warning"],
      messages: ["the UPDATE at line 11 of this migration set squattee_id from squattee_name, so its values live on in it"],
      fixes: [
        [
          "# 1. Stop using the column and deploy. 2. Then drop it in a later revision (the UPDATE at line 11 of this migration set squattee_id from squattee_name: nothing to copy):",
          'op.drop_column("warehouse_admin_squat", "squattee_name")',
        ].join("\n"),
      ],
    },
    {
      framework: "alembic",
      name: "a NOT NULL column with a server_default fills the rows: it proves nothing about them, the drop keeps its finding",
      code: `from alembic import op
import sqlalchemy as sa

revision = "acee47666167"
down_revision = "88ae62ec8876"


def upgrade():
    op.add_column("projects", sa.Column("created_at", sa.DateTime(), nullable=False, server_default=sa.text("now()")))
    op.drop_column("projects", "created")


def downgrade():
    op.add_column("projects", sa.Column("created", sa.DateTime(), nullable=True))
    op.drop_column("projects", "created_at")
`,
      lines: [10],
    },
    {
      framework: "alembic",
      name: "op.drop_column of a sa.Computed(..., persisted=True) column an earlier revision added, its source kept: a note",
      path: "alembic/versions/b2_drop_search_vector.py",
      files: {
        "alembic/versions/a1_articles.py": `import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "a1"
down_revision = None


def upgrade():
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("body", sa.Text()),
        sa.Column("search_vector", postgresql.TSVECTOR(), sa.Computed("to_tsvector('simple', body)", persisted=True)),
    )


def downgrade():
    op.drop_table("articles")
`,
      },
      code: `import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "b2"
down_revision = "a1"


def upgrade():
    op.drop_column("articles", "search_vector")


def downgrade():
    op.add_column("articles", sa.Column("search_vector", postgresql.TSVECTOR(), sa.Computed("to_tsvector('simple', body)", persisted=True)))
`,
      lines: [10],
      severities: ["info"],
      messages: ["Dropping column articles.search_vector loses no data: it is GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED"],
    },
    {
      framework: "alembic",
      name: "aleph's hard_deletes: a loop over reflected tables deletes every row with deleted_at set, then drops it: only NULLs go, no data-loss claim; the old code selecting it stays",
      path: "alembic/versions/aa486b9e627e_hard_deletes.py",
      code: `from alembic import op
import sqlalchemy as sa

revision = "aa486b9e627e"
down_revision = "9dcef7592cea"


def upgrade():
    meta = sa.MetaData()
    meta.bind = op.get_bind()
    meta.reflect(bind=meta.bind)
    for table_name in ("alert", "mapping"):
        table = meta.tables[table_name]
        q = sa.delete(table).where(table.c.deleted_at != None)  # noqa
        meta.bind.execute(q)

    op.drop_column("alert", "deleted_at")
    op.drop_column("mapping", "deleted_at")


def downgrade():
    pass
`,
      lines: [17, 18],
      severities: ["warning", "warning"],
      messages: ["loses no data: the DELETE on line 15 removed every row where it was set", "loses no data: the DELETE on line 15 removed every row where it was set"],
      fixes: [
        '# 1. Stop using the column and deploy. 2. Then drop it in a later revision (the DELETE on line 15 left only NULLs in deleted_at: nothing to copy):\nop.drop_column("alert", "deleted_at")',
        '# 1. Stop using the column and deploy. 2. Then drop it in a later revision (the DELETE on line 15 left only NULLs in deleted_at: nothing to copy):\nop.drop_column("mapping", "deleted_at")',
      ],
    },
    {
      framework: "alembic",
      name: "op.execute(table.delete().where(table.c.deleted_at.isnot(None))) before the drop: only NULLs go, a warning",
      path: "alembic/versions/c3_hard_deletes.py",
      code: `from alembic import op
import sqlalchemy as sa

revision = "c3"
down_revision = "b2"

alert = sa.table("alert", sa.column("deleted_at", sa.DateTime()))


def upgrade():
    op.execute(alert.delete().where(alert.c.deleted_at.isnot(None)))
    op.drop_column("alert", "deleted_at")


def downgrade():
    op.add_column("alert", sa.Column("deleted_at", sa.DateTime(), nullable=True))
`,
      lines: [12],
      severities: ["warning"],
      messages: ["the DELETE on line 11 removed every row where it was set"],
    },
    {
      framework: "alembic",
      name: "a DELETE narrowed by two conditions (and_) may keep rows with a value: the data-loss error stays",
      path: "alembic/versions/c3_hard_deletes.py",
      code: `from alembic import op
import sqlalchemy as sa

revision = "c3"
down_revision = "b2"

alert = sa.table("alert", sa.column("deleted_at", sa.DateTime()), sa.column("kind", sa.String()))


def upgrade():
    op.execute(alert.delete().where(sa.and_(alert.c.deleted_at != None, alert.c.kind == "mail")))
    op.drop_column("alert", "deleted_at")


def downgrade():
    op.add_column("alert", sa.Column("deleted_at", sa.DateTime(), nullable=True))
`,
      lines: [12],
      severities: ["error"],
      messages: ["deletes its data"],
    },
    {
      framework: "alembic",
      name: "a loop over tables only the database names drops a column of each: the fix says the table is unknown, never prints a placeholder",
      path: "alembic/versions/e5_drop_extras.py",
      code: `from alembic import op
import sqlalchemy as sa

revision = "e5"
down_revision = "d4"


def upgrade():
    bind = op.get_bind()
    for table in sa.inspect(bind).get_table_names():
        op.drop_column(table, "extras")


def downgrade():
    pass
`,
      lines: [11],
      messages: ["Dropping column extras (of a table named at run time)"],
    },
    {
      framework: "alembic",
      name: "a loop over reversed() of a literal list drops the column of each table: one finding per table, with its name",
      path: "alembic/versions/e5_drop_extras.py",
      code: `from alembic import op
import sqlalchemy as sa

revision = "e5"
down_revision = "d4"

TABLES = ("package", "resource")


def upgrade():
    for table in reversed(TABLES):
        op.drop_column(table, "extras")


def downgrade():
    for table in TABLES:
        op.add_column(table, sa.Column("extras", sa.Text()))
`,
      lines: [12, 12],
      messages: ["package.extras", "resource.extras"],
    },
    {
      framework: "alembic",
      name: "strong evidence, a note: the users model (a declarative class) no longer declares the column and no code read names it",
      path: "alembic/versions/d4_drop_nickname.py",
      code: DROP_NICKNAME,
      files: { "app/models/user.py": USER_MODEL(), "app/views.py": VIEWS },
      lines: [9],
      severities: ["info"],
      messages: ["User (app/models/user.py) no longer declares nickname, and the 2 files of its code read never name it"],
    },
    {
      framework: "alembic",
      name: "partial evidence, a warning: only the model file was read",
      path: "alembic/versions/d4_drop_nickname.py",
      code: DROP_NICKNAME,
      files: { "app/models/user.py": USER_MODEL() },
      lines: [9],
      severities: ["warning"],
    },
    {
      framework: "alembic",
      name: "the model still declares the column (mapped_column with an explicit name): the data-loss error",
      path: "alembic/versions/d4_drop_nickname.py",
      code: DROP_NICKNAME,
      files: { "app/models/user.py": USER_MODEL('    nick: Mapped[str] = mapped_column("nickname", String(80))\n'), "app/views.py": VIEWS },
      lines: [9],
      severities: ["error"],
    },
    {
      framework: "alembic",
      name: "a mixin the model inherits from declares the column: the data-loss error",
      path: "alembic/versions/d4_drop_nickname.py",
      code: DROP_NICKNAME,
      files: {
        "app/models/user.py": USER_MODEL("", "NicknameMixin, Base"),
        "app/models/mixins.py": "from sqlalchemy import Column, String\n\n\nclass NicknameMixin:\n    __abstract__ = True\n    nickname = Column(String(80))\n",
        "app/views.py": VIEWS,
      },
      lines: [9],
      severities: ["error"],
    },
    {
      framework: "alembic",
      name: "code still reads the column (a view), though the model no longer declares it: the data-loss error",
      path: "alembic/versions/d4_drop_nickname.py",
      code: DROP_NICKNAME,
      files: { "app/models/user.py": USER_MODEL(), "app/views.py": 'def profile(session, user_id):\n    return session.execute(text("SELECT nickname FROM users WHERE id = :id"), {"id": user_id})\n' },
      lines: [9],
      severities: ["error"],
    },
    {
      framework: "alembic",
      name: "an imperative Table() still lists the column: the data-loss error",
      path: "alembic/versions/d4_drop_nickname.py",
      code: DROP_NICKNAME,
      files: {
        "app/tables.py": 'from sqlalchemy import Column, Integer, MetaData, String, Table\n\nmetadata = MetaData()\nusers = Table("users", metadata, Column("id", Integer, primary_key=True), Column("nickname", String(80)))\n',
        "app/views.py": VIEWS,
      },
      lines: [9],
      severities: ["error"],
    },
    {
      framework: "alembic",
      name: "the backup keeps the key and the column: the table's columns come from the revision down_revision names, whose file name sorts after this one",
      path: "alembic/versions/2023_01_01_aa_drop_tags.py",
      files: { "alembic/versions/2024_06_01_zz_create_flow.py": CREATE_FLOW },
      code: `from alembic import op
import sqlalchemy as sa

revision = "c3"
down_revision = "b2"


def upgrade():
    op.drop_column("flow", "tags")


def downgrade():
    op.add_column("flow", sa.Column("tags", sa.JSON()))
`,
      lines: [9],
      fixes: [
        '# 1. Stop using the column and deploy. 2. Keep a copy, then drop it in a later revision:\nop.execute("CREATE TABLE flow_tags_backup_c3 AS SELECT id, tags FROM flow")\nop.drop_column("flow", "tags")',
      ],
    },
    {
      framework: "alembic",
      name: "op.drop_column",
      code: `from alembic import op
import sqlalchemy as sa

revision = "2af8015830dd"
down_revision = "a8050411bc65"


def upgrade():
    op.drop_column("provenance", "provenance_digest")


def downgrade():
    op.add_column("provenance", sa.Column("provenance_digest", sa.Text(), nullable=True))
`,
      lines: [9],
    },
    {
      framework: "alembic",
      name: "batch_op.drop_column inside batch_alter_table",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("phone_number")


def downgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("phone_number", sa.String(32), nullable=True))
`,
      lines: [10],
    },
    {
      framework: "alembic",
      name: "no primary key known (Alembic revisions are not replayed in order): the whole table is copied, and a comment says so",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.drop_column("deployment", "schedule")


def downgrade():
    op.add_column("deployment", sa.Column("schedule", sa.JSON(), nullable=True))
`,
      lines: [9],
      fixes: [
        `# 1. Stop using the column and deploy. 2. Keep a copy, then drop it in a later revision:
# migguard found no primary key of deployment in the migrations: the whole table is copied (keeping only its key and schedule is enough)
op.execute("CREATE TABLE deployment_schedule_backup_b2 AS TABLE deployment")
op.drop_column("deployment", "schedule")`,
      ],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "drone-tm acee47666167: the upgrade adds projects.created_at NOT NULL without a default, so it runs only on an empty projects: dropping created loses nothing",
      code: `from alembic import op
import sqlalchemy as sa

revision = "acee47666167"
down_revision = "88ae62ec8876"


def upgrade():
    op.add_column("projects", sa.Column("created_at", sa.DateTime(), nullable=False))
    op.drop_column("projects", "created")


def downgrade():
    op.add_column("projects", sa.Column("created", sa.DateTime(), nullable=True))
    op.drop_column("projects", "created_at")
`,
    },
    {
      framework: "alembic",
      name: "a scratch column added and dropped by the same upgrade",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("team", sa.Column("personal", sa.Boolean(), nullable=True))
    op.execute("UPDATE organisation SET personal = team.personal FROM team WHERE team.id = organisation.id")
    op.drop_column("team", "personal")


def downgrade():
    pass
`,
    },
    {
      framework: "alembic",
      name: "one hazard, one finding: drop_column on a table the revision drops afterwards",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.drop_column("staged_changes", "branch_id")
    op.drop_table("staged_changes")


def downgrade():
    pass
`,
    },
    {
      framework: "alembic",
      name: "dropping a column of a table created in the same revision",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_table("drafts", sa.Column("id", sa.BigInteger(), primary_key=True), sa.Column("body", sa.Text()))
    op.drop_column("drafts", "body")


def downgrade():
    op.drop_table("drafts")
`,
    },
  ],
});
