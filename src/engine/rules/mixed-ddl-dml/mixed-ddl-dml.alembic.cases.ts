import { defineCases } from "../support/rule.js";
import { MAILU_LOWERCASE_KEYS } from "../../testing/python-fixtures.js";

/** The re-adding of the key in MAILU_LOWERCASE_KEYS. */
const KEY_ADDED_BACK = `    with op.batch_alter_table("user") as batch_op:
        batch_op.create_foreign_key("user_domain_name_fkey", "domain", ["domain_name"], ["name"])
`;

/** A revision that maps plugin and plugin_instance, then creates plugin_instance: the data step that follows decides. */
const PLUGIN_INSTANCE_CREATED = `from alembic import op
import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.ext.declarative import declarative_base

Base = declarative_base()

revision = "b2"
down_revision = "a1"


class Plugin(Base):
    __tablename__ = "plugin"
    id = sa.Column(sa.Integer, primary_key=True)
    enabled = sa.Column(sa.Boolean)


class PluginInstance(Base):
    __tablename__ = "plugin_instance"
    id = sa.Column(sa.Integer, primary_key=True)
    enabled = sa.Column(sa.Boolean)
    plugin_id = sa.Column(sa.Integer, sa.ForeignKey("plugin.id"))


def upgrade():
    session = Session(bind=op.get_bind())
    op.create_table(
        "plugin_instance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=True),
        sa.Column("plugin_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["plugin_id"], ["plugin.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
`;

/** Backend.AI 69c059996cbd (trimmed): a stub model whose class body annotates a column with `uuid.UUID`, evaluated when the class is defined. */
const ANNOTATED_STUB = `import uuid
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import registry

revision = "69c059996cbd"
down_revision = "9e599b62f6f1"

Base = registry(metadata=sa.MetaData()).generate_base()


def upgrade():
    conn = op.get_bind()
    op.add_column("sessions", sa.Column("agent_ids", sa.ARRAY(sa.String()), nullable=True))

    class SessionRow(Base):
        __tablename__ = "sessions"
        id: sa.Column[uuid.UUID] = sa.Column("id", sa.Uuid(), primary_key=True)
        agent_ids: sa.Column[list[str] | None] = sa.Column("agent_ids", sa.ARRAY(sa.String), nullable=True)

    agents: dict[Any, list[str]] = {}
    conn.execute(sa.update(SessionRow).values(agent_ids=sa.func.array_agg(SessionRow.id)))


def downgrade():
    op.drop_column("sessions", "agent_ids")
`;

/** Its fix: the new revision imports uuid for the annotation (and not typing's Any, which only the line that stays reads). */
const FIX69 = `# revision 1, migrations/versions/69c059996cbd_agent_ids.py as it becomes: without the data change
import uuid
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import registry

revision = "69c059996cbd"
down_revision = "9e599b62f6f1"

Base = registry(metadata=sa.MetaData()).generate_base()


def upgrade():
    conn = op.get_bind()
    op.add_column("sessions", sa.Column("agent_ids", sa.ARRAY(sa.String()), nullable=True))

    class SessionRow(Base):
        __tablename__ = "sessions"
        id: sa.Column[uuid.UUID] = sa.Column("id", sa.Uuid(), primary_key=True)
        agent_ids: sa.Column[list[str] | None] = sa.Column("agent_ids", sa.ARRAY(sa.String), nullable=True)

    agents: dict[Any, list[str]] = {}


def downgrade():
    op.drop_column("sessions", "agent_ids")

# revision 2, new file migrations/versions/c599f5ffe632_backfill_sessionrow.py: the data change, once revision 1 is deployed (rollback does not bring the old values back: keep a copy first if they may be needed; on a large table, in batches)
import uuid
import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import registry


Base = registry(metadata=sa.MetaData()).generate_base()


# a new id for this revision: any string unique among the revisions (\`alembic revision\` makes one)
NEW_REVISION_ID = "c599f5ffe632"
revision = NEW_REVISION_ID
down_revision = "69c059996cbd"
branch_labels = None
depends_on = None


def upgrade():
    conn = op.get_bind()
    class SessionRow(Base):
        __tablename__ = "sessions"
        id: sa.Column[uuid.UUID] = sa.Column("id", sa.Uuid(), primary_key=True)
        agent_ids: sa.Column[list[str] | None] = sa.Column("agent_ids", sa.ARRAY(sa.String), nullable=True)
    conn.execute(sa.update(SessionRow).values(agent_ids=sa.func.array_agg(SessionRow.id)))


def downgrade():
    # the values this data change overwrote are not kept: restore them from a copy if they are needed
    pass`;

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "Mailu 5aeb5811408e (trimmed): the key dropped, the keys on both of its sides lowercased, the key added back by its name: the data change needs the key gone, so the three stay in one transaction, a note on the lock (no split that leaves the tables without their key)",
      code: MAILU_LOWERCASE_KEYS,
      lines: [16],
      severities: ["info"],
      messages: ["This data change runs between the drop of the constraints it would break (line 14) and their re-adding (line 20): the three belong in one transaction, as written."],
    },
    {
      framework: "alembic",
      name: "the same lowercasing with the key dropped and never added back: a schema change of its own, the warning stays",
      code: MAILU_LOWERCASE_KEYS.replace(KEY_ADDED_BACK, ""),
      lines: [16],
      severities: ["warning"],
      messages: ["This migration changes both the schema and the data in one transaction"],
    },
    {
      framework: "alembic",
      name: "the inspector's question asked after the ADD COLUMN: moved with the backfill it answers the same, so the split is offered as usual",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("searchspaces", sa.Column("api_access_enabled", sa.Boolean(), nullable=True))
    if sa.inspect(op.get_bind()).has_column("searchspaces", "legacy_api_access"):
        op.execute("UPDATE searchspaces SET api_access_enabled = legacy_api_access")


def downgrade():
    op.drop_column("searchspaces", "api_access_enabled")
`,
      lines: [11],
      severities: ["error"],
      messages: ["This data change runs in the same transaction as the schema change of searchspaces on line 9"],
    },
    {
      framework: "alembic",
      name: "a backfill decided by SQLAlchemy's inspector (has_column's answer bound to a name) asked before the ADD COLUMN: split off, the question would find the column and the fill never run; kept with its DDL, a note",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    has_col = sa.inspect(op.get_bind()).has_column("searchspaces", "api_access_enabled")
    op.add_column("searchspaces", sa.Column("api_access_enabled", sa.Boolean(), nullable=True))
    if not has_col:
        op.execute("UPDATE searchspaces SET api_access_enabled = true")


def downgrade():
    op.drop_column("searchspaces", "api_access_enabled")
`,
      lines: [12],
      severities: ["info"],
      messages: ["This data change runs only as the schema question of line 9 (it reads sa.inspect(op.get_bind()).has_column) decides, asked before the schema change of line 10"],
    },
    {
      framework: "alembic",
      name: "a move in Alembic: op.add_column, tokens copied in with op.execute(UPDATE ... FROM tokens), then op.drop_table(\"tokens\"): the copy stays with the drop of its source, a note on the lock held through it",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("emails", sa.Column("token", sa.Text(), nullable=True))
    op.execute("UPDATE emails SET token = tokens.token FROM tokens WHERE tokens.email_id = emails.id")
    op.drop_table("tokens")


def downgrade():
    pass
`,
      lines: [10],
      severities: ["info"],
      messages: ["This data change copies values out of tokens, which line 11 then drops: a move, whose copy and drop belong in one transaction, as written."],
    },
    {
      framework: "alembic",
      name: "Backend.AI 69c059996cbd: the new revision carries the module's imports its code reads in annotations too (a stub model's `sa.Column[uuid.UUID]` runs when the class is defined: without `import uuid`, a NameError)",
      path: "migrations/versions/69c059996cbd_agent_ids.py",
      code: ANNOTATED_STUB,
      lines: [24],
      fixes: [FIX69],
    },
    {
      framework: "alembic",
      name: "onyx e91df4e935ef: an op.add_column written over several lines keeps its own indentation in the fix, the lines added after it take its first line's",
      code: `import sqlalchemy as sa
from alembic import op

revision = "e91df4e935ef"
down_revision = "91fd3b470d1a"


def upgrade():
    op.add_column(
        "document_set",
        sa.Column("is_public", sa.Boolean(), nullable=True),
    )
    op.execute("UPDATE document_set SET is_public = true WHERE is_public IS NULL")
    op.alter_column("document_set", "is_public", nullable=False)


def downgrade():
    op.drop_column("document_set", "is_public")
`,
      lines: [13],
      severities: ["warning"],
      fixes: [
        `# document_set.is_public: added NOT NULL with the backfill's constant as its default, which gives every row the value without a
# rewrite and the NOT NULL without a scan (PostgreSQL 11+); the UPDATE and the separate NOT NULL go:
import sqlalchemy as sa
from alembic import op

revision = "e91df4e935ef"
down_revision = "91fd3b470d1a"


def upgrade():
    op.add_column(
        "document_set",
        sa.Column("is_public", sa.Boolean(), nullable=False, server_default=sa.text("true")),
    )
    # is_public had no default as written: dropped again, so the table ends as the migration left it (delete this line to keep it, if code that does not set is_public inserts rows)
    op.alter_column("document_set", "is_public", server_default=None)


def downgrade():
    op.drop_column("document_set", "is_public")`,
      ],
    },
    {
      framework: "alembic",
      name: "SurfSense 166: the backfill runs only if information_schema said, before the ADD COLUMN, that the column was missing (this revision adds it): split off, the question would be asked after the column exists and the fill never run, so it stays with its DDL as written, a note on the lock that costs",
      path: "surfsense_backend/alembic/versions/166_add_pat_and_api_access.py",
      code: `import sqlalchemy as sa
from alembic import op

revision = "166"
down_revision = "165"


def upgrade() -> None:
    bind = op.get_bind()
    api_access_column_exists = bind.execute(
        sa.text(
            "SELECT EXISTS (SELECT FROM information_schema.columns "
            "WHERE table_name = 'searchspaces' AND column_name = 'api_access_enabled')"
        )
    ).scalar()

    op.execute(
        "ALTER TABLE searchspaces ADD COLUMN IF NOT EXISTS "
        "api_access_enabled BOOLEAN NOT NULL DEFAULT false"
    )

    if not api_access_column_exists:
        op.execute("UPDATE searchspaces SET api_access_enabled = true")


def downgrade() -> None:
    op.execute("ALTER TABLE searchspaces DROP COLUMN IF EXISTS api_access_enabled")
`,
      lines: [23],
      severities: ["info"],
      messages: [
        "This data change runs only as the schema question of line 10 (it reads information_schema.columns) decides, asked before the schema change of line 18: it tells whether this migration makes that change. It belongs with that change, as written: split into a migration of its own, the question would be asked after the change has run and answer otherwise. Kept as written, searchspaces stays locked (the ACCESS EXCLUSIVE lock of line 18) until the data change has written its rows, as long as that takes.",
      ],
      fixes: [
        `# keep the data change with the schema change of line 18, in this migration, as written (the whole migration): it runs as the
# question of line 10, asked before line 18, decides, that is as this migration finds the schema. Moved into a migration
# of its own, the question would run after line 18 and find the schema already changed, so the data change would not run as meant.
# On a table too large to lock for the data change, split only with the answer kept: have this migration write what the
# question found (a row in a table of your own), and the next one read that instead of asking the schema again.
import sqlalchemy as sa
from alembic import op

revision = "166"
down_revision = "165"


def upgrade() -> None:
    bind = op.get_bind()
    api_access_column_exists = bind.execute(
        sa.text(
            "SELECT EXISTS (SELECT FROM information_schema.columns "
            "WHERE table_name = 'searchspaces' AND column_name = 'api_access_enabled')"
        )
    ).scalar()

    op.execute(
        "ALTER TABLE searchspaces ADD COLUMN IF NOT EXISTS "
        "api_access_enabled BOOLEAN NOT NULL DEFAULT false"
    )

    if not api_access_column_exists:
        op.execute("UPDATE searchspaces SET api_access_enabled = true")


def downgrade() -> None:
    op.execute("ALTER TABLE searchspaces DROP COLUMN IF EXISTS api_access_enabled")`,
      ],
    },
    {
      framework: "alembic",
      name: "the same question asked after the ADD COLUMN: the split still asks it after the schema change, so it keeps its meaning and the split is offered",
      path: "surfsense_backend/alembic/versions/166_add_pat_and_api_access.py",
      code: `import sqlalchemy as sa
from alembic import op

revision = "166"
down_revision = "165"


def upgrade() -> None:
    op.execute(
        "ALTER TABLE searchspaces ADD COLUMN IF NOT EXISTS "
        "api_access_enabled BOOLEAN NOT NULL DEFAULT false"
    )

    bind = op.get_bind()
    api_access_column_exists = bind.execute(
        sa.text(
            "SELECT EXISTS (SELECT FROM information_schema.columns "
            "WHERE table_name = 'searchspaces' AND column_name = 'api_access_enabled')"
        )
    ).scalar()

    if not api_access_column_exists:
        op.execute("UPDATE searchspaces SET api_access_enabled = true")


def downgrade() -> None:
    op.execute("ALTER TABLE searchspaces DROP COLUMN IF EXISTS api_access_enabled")
`,
      lines: [23],
      severities: ["error"],
      messages: ["This data change runs in the same transaction as the schema change of searchspaces on line 10"],
    },
    {
      framework: "alembic",
      name: "notifications-api 0033: a foreign key on the new column is created before the rows it points to are inserted, then the constant backfill: a default written at the ADD COLUMN would break the key, so the keep-together note stays",
      code: `import sqlalchemy as sa
from alembic import op

revision = "0033_api_key_type"
down_revision = "0032_notification_created_status"


def upgrade():
    op.create_table("key_types", sa.Column("name", sa.String(length=255), nullable=False), sa.PrimaryKeyConstraint("name"))
    op.add_column("api_keys", sa.Column("key_type", sa.String(length=255), nullable=True))
    op.create_foreign_key(None, "api_keys", "key_types", ["key_type"], ["name"])
    op.execute("insert into key_types values ('normal'), ('team')")
    op.execute("update api_keys set key_type = 'normal'")
    op.alter_column("api_keys", "key_type", nullable=False)


def downgrade():
    op.drop_column("api_keys", "key_type")
    op.drop_table("key_types")
`,
      lines: [13],
      severities: ["info"],
    },
    {
      framework: "alembic",
      name: "op.add_column nullable, op.execute of one constant on every row, alter_column nullable=False: a warning whose fix gives the Column nullable=False and the constant as server_default, then drops it (the column had none)",
      code: `import sqlalchemy as sa
from alembic import op

revision = "b1"
down_revision = "a1"


def upgrade():
    op.add_column("field", sa.Column("order", sa.Float(), nullable=True))
    op.execute('UPDATE field SET "order" = 0 WHERE "order" IS NULL')
    op.alter_column("field", "order", nullable=False)


def downgrade():
    op.drop_column("field", "order")
`,
      lines: [10],
      severities: ["warning"],
      fixes: [
        `# field.order: added NOT NULL with the backfill's constant as its default, which gives every row the value without a
# rewrite and the NOT NULL without a scan (PostgreSQL 11+); the UPDATE and the separate NOT NULL go:
import sqlalchemy as sa
from alembic import op

revision = "b1"
down_revision = "a1"


def upgrade():
    op.add_column("field", sa.Column("order", sa.Float(), nullable=False, server_default=sa.text("0")))
    # order had no default as written: dropped again, so the table ends as the migration left it (delete this line to keep it, if code that does not set order inserts rows)
    op.alter_column("field", "order", server_default=None)


def downgrade():
    op.drop_column("field", "order")`,
      ],
    },
    {
      framework: "alembic",
      name: "the same with sa.update(...).values(kind=...) and no where: the constant is the literal it binds",
      code: `import sqlalchemy as sa
from alembic import op

revision = "b2"
down_revision = "b1"

accounts = sa.table("accounts", sa.column("kind", sa.String))


def upgrade():
    op.add_column("accounts", sa.Column("kind", sa.String(20)))
    op.execute(accounts.update().values(kind="personal"))
    op.alter_column("accounts", "kind", nullable=False)


def downgrade():
    op.drop_column("accounts", "kind")
`,
      lines: [12],
      severities: ["warning"],
      messages: ["ADD COLUMN ... NOT NULL DEFAULT 'personal' (PostgreSQL 11+)"],
    },
    {
      framework: "alembic",
      name: "a backfill from another column, then nullable=False: the keep-together note stays",
      code: `import sqlalchemy as sa
from alembic import op

revision = "b3"
down_revision = "b2"


def upgrade():
    op.add_column("field", sa.Column("rank", sa.Integer(), nullable=True))
    op.execute("UPDATE field SET rank = position")
    op.alter_column("field", "rank", nullable=False)


def downgrade():
    op.drop_column("field", "rank")
`,
      lines: [10],
      severities: ["info"],
    },
    {
      framework: "alembic",
      name: "an UPDATE that fills the NULLs a batch_alter_table's alter_column nullable=False then forbids: the kept code is the whole revision as written, the batch call inside its with op.batch_alter_table(...) block (batch_op is bound only there)",
      files: { "migrations/versions/a1_create_users.py": `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "a1"\ndown_revision = None\n\n\ndef upgrade():\n    op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("visibility", sa.String(20), nullable=True))\n\n\ndef downgrade():\n    op.drop_table("users")\n` },
      path: "migrations/versions/b2_visibility_not_null.py",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.execute("UPDATE users SET visibility = 'PRIVATE' WHERE visibility IS NULL")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("visibility", nullable=False)


def downgrade():
    pass
`,
      lines: [8],
      fixes: [
        `# keep the data change and the set not null it prepares in this migration, in this order and in one
# transaction, as written (the whole migration); on a large table, take the NOT NULL as set-not-null shows (a CHECK ... NOT VALID, then VALIDATE), after the data change:
from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.execute("UPDATE users SET visibility = 'PRIVATE' WHERE visibility IS NULL")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("visibility", nullable=False)


def downgrade():
    pass`,
      ],
    },
    {
      framework: "alembic",
      name: "an UPDATE, then an ALTER TABLE ... ADD GENERATED AS IDENTITY the model keeps raw (START WITH a value the revision sets): a schema change after the data change",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    n = 5
    op.execute("UPDATE items SET flag = false WHERE id > 0")
    op.execute(f"ALTER TABLE items ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (START WITH {n})")


def downgrade():
    pass
`,
      lines: [9],
      messages: ["the schema change then waits for its ACCESS EXCLUSIVE lock on items"],
    },
    {
      framework: "alembic",
      name: "an UPDATE joined with + from values known only at run time (str(...) where values go), after a schema change: a data change read from its SQL, mixed with the schema change (tasking-manager)",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("projects", sa.Column("tasks_mapped", sa.Integer(), nullable=True))
    conn = op.get_bind()
    for (project_id, mapped) in conn.execute(sa.text("select project_id, count(*) from tasks group by project_id")):
        op.execute("UPDATE projects " + "SET tasks_mapped =" + str(mapped) + " where id = " + str(project_id))


def downgrade():
    pass
`,
      lines: [12],
      messages: ["schema change of projects on line 9"],
    },
    {
      framework: "alembic",
      name: "an UPDATE, then an ALTER TABLE whose f-string holds a value known only at run time (START WITH {n}) in the same string: the ALTER is schema work migguard could not parse, cut out by PostgreSQL's scanner, and the two are mixed",
      code: `import os

from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    n = int(os.environ["START"])
    op.execute(f"UPDATE items SET flag = true; ALTER TABLE items ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (START WITH {n})")


def downgrade():
    pass
`,
      lines: [11],
      messages: ["runs in the same transaction as the schema change after it"],
    },
    {
      framework: "alembic",
      name: "an UPDATE, then in a call of its own an ALTER TABLE whose f-string holds a value known only at run time: the unparsed ALTER counts as the schema change",
      code: `import os

from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    n = int(os.environ["START"])
    op.execute("UPDATE items SET flag = false WHERE id > 0")
    op.execute(f"ALTER TABLE items ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (START WITH {n})")


def downgrade():
    pass
`,
      lines: [11],
    },
    {
      framework: "alembic",
      name: "an unparsed ALTER TABLE (START WITH {n}) and then an UPDATE in one f-string: each statement is read by its own first keyword, so the UPDATE is a data change after the schema change, not part of it",
      code: `import os

from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    n = int(os.environ["START"])
    op.execute(f"ALTER TABLE items ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (START WITH {n}); UPDATE items SET flag = true")


def downgrade():
    pass
`,
      lines: [11],
      messages: ["the data change runs while the locks of the schema change before it are held"],
    },
    {
      framework: "alembic",
      name: "numbered revisions (0001_scores, then 0002_titles): the new revisions take the next numbers after the newest, and the fix says that they then run out of their numbers' order",
      path: "migrations/versions/0001_scores.py",
      code: `from alembic import op
import sqlalchemy as sa

revision = "0001_scores"
down_revision = None


def upgrade():
    op.add_column("posts", sa.Column("score", sa.Integer(), nullable=True))
    op.execute("UPDATE posts SET score = 1")


def downgrade():
    op.drop_column("posts", "score")
`,
      files: {
        "migrations/versions/0002_titles.py": `from alembic import op
import sqlalchemy as sa

revision = "0002_titles"
down_revision = "0001_scores"


def upgrade():
    op.add_column("posts", sa.Column("title", sa.Text(), nullable=True))


def downgrade():
    op.drop_column("posts", "title")
`,
      },
      lines: [10],
      fixes: [
        "# revision 1, migrations/versions/0001_scores.py as it becomes: without the data change\nfrom alembic import op\nimport sqlalchemy as sa\n\nrevision = \"0001_scores\"\ndown_revision = None\n\n\ndef upgrade():\n    op.add_column(\"posts\", sa.Column(\"score\", sa.Integer(), nullable=True))\n\n\ndef downgrade():\n    op.drop_column(\"posts\", \"score\")\n\n# revision 2, new file migrations/versions/0003_backfill_posts.py: the data change, once revision 1 is deployed (rolling back migration 1 drops what this fills; on a large table, in batches)\n# until revision 2 has run, posts.score holds only its default: deploy the code that reads it after revision 2, not with revision 1\nfrom alembic import op\n\n\n# the next number of the project's revisions (its ids are its file names: keep them the same if you rename)\nNEW_REVISION_ID = \"0003_backfill_posts\"\nrevision = NEW_REVISION_ID\ndown_revision = \"0001_scores\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    op.execute(\"UPDATE posts SET score = 1\")\n\n\ndef downgrade():\n    # nothing to undo: downgrading the revision before drops posts.score, which this fills\n    pass\n\n# migrations/versions/0002_titles.py has down_revision \"0001_scores\": set it to \"0003_backfill_posts\", so that it runs after the new revisions\n# the project numbers its revisions in the order they run: the new ones run before 0002_titles but are numbered after the newest, so split this revision only while it is the newest, or renumber by hand",
      ],
    },
    {
      framework: "alembic",
      name: "notifications-api 0017: an enum swap (new column, backfill, renames into place, old column dropped, NOT NULL) stays one atomic migration: split, rows written after the backfill get no new_status and the NOT NULL fails; the fix is the whole revision as written (status_type's assignment, op.get_bind() included), every statement once",
      code: `import sqlalchemy as sa
from alembic import op

revision = "0017_add_failure_types"
down_revision = "0016_reply_to_email"


def upgrade():
    status_type = sa.Enum("sending", "delivered", "failed", "technical-failure", name="notification_status_type")
    status_type.create(op.get_bind())
    op.add_column("notifications", sa.Column("new_status", status_type, nullable=True))
    op.execute("update notifications set new_status = CAST(CAST(status as text) as notification_status_type)")
    op.alter_column("notifications", "status", new_column_name="old_status")
    op.alter_column("notifications", "new_status", new_column_name="status")
    op.drop_column("notifications", "old_status")
    op.execute("DROP TYPE notification_status_types")
    op.alter_column("notifications", "status", nullable=False)


def downgrade():
    pass
`,
      lines: [12],
      severities: ["info"],
      messages: ["(line 15, which drops old_status, the column the backfill copies from; and line 17, which makes status NOT NULL), as it must: split apart, rows the running code writes in between get no new_status, and those statements then fail"],
      fixes: [
        `# keep the backfill of notifications.new_status and the statements after it in this migration, in one transaction, as written (the whole migration):
# line 15 drops old_status, the column the backfill copies from: it needs every row filled.
# line 17 makes status NOT NULL: it needs every row filled.
# Split into migrations, rows the running code writes after the backfill get no new_status (that code does not know
# the column), and lines 15 and 17 then fail on them or lose their values.
# On a table too large to lock for the backfill, split only with every write covered until the swap: a trigger on notifications
# that sets new_status on INSERT and UPDATE as the backfill does, created before the backfill and dropped with the swap.
import sqlalchemy as sa
from alembic import op

revision = "0017_add_failure_types"
down_revision = "0016_reply_to_email"


def upgrade():
    status_type = sa.Enum("sending", "delivered", "failed", "technical-failure", name="notification_status_type")
    status_type.create(op.get_bind())
    op.add_column("notifications", sa.Column("new_status", status_type, nullable=True))
    op.execute("update notifications set new_status = CAST(CAST(status as text) as notification_status_type)")
    op.alter_column("notifications", "status", new_column_name="old_status")
    op.alter_column("notifications", "new_status", new_column_name="status")
    op.drop_column("notifications", "old_status")
    op.execute("DROP TYPE notification_status_types")
    op.alter_column("notifications", "status", nullable=False)


def downgrade():
    pass`,
      ],
    },
    {
      framework: "alembic",
      name: "FitTrackee 44: two backfills, each of a column the revision adds and makes NOT NULL right after it: the first backfill is judged by its own NOT NULL, and the finding is a note on the lock that keeping them together costs",
      code: `import sqlalchemy as sa
from alembic import op

revision = "8a80bec0a410"
down_revision = "70f12f8c0218"


def upgrade():
    op.add_column("users", sa.Column("analysis_visibility", sa.String(20), server_default="PRIVATE", nullable=True))
    op.execute("UPDATE users SET analysis_visibility = 'PRIVATE'")
    op.alter_column("users", "analysis_visibility", nullable=False)
    op.add_column("workouts", sa.Column("analysis_visibility", sa.String(20), server_default="PRIVATE", nullable=True))
    op.execute("UPDATE workouts SET analysis_visibility = 'PRIVATE'")
    op.alter_column("workouts", "analysis_visibility", nullable=False)


def downgrade():
    op.drop_column("workouts", "analysis_visibility")
    op.drop_column("users", "analysis_visibility")
`,
      lines: [10],
      severities: ["info"],
      messages: [
        "This backfill of users.analysis_visibility runs in one transaction with what needs it to cover every row (line 11, which makes analysis_visibility NOT NULL), as it must: split apart, rows the running code writes in between get no analysis_visibility, and that statement then fails on them or loses their values. Kept as written, users stays locked (the ACCESS EXCLUSIVE lock of line 9) until the backfill has written every row, as long as that takes",
      ],
    },
    {
      framework: "alembic",
      name: "a split revision that a later revision follows: the new revisions come right after it (down_revision: its id) and the fix says which revision to re-point, and to what",
      path: "alembic/versions/a1_scores.py",
      code: `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.add_column("posts", sa.Column("score", sa.Integer(), nullable=True))
    op.execute("UPDATE posts SET score = 1")


def downgrade():
    op.drop_column("posts", "score")
`,
      files: {
        "alembic/versions/b2_titles.py": `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("posts", sa.Column("title", sa.Text(), nullable=True))


def downgrade():
    op.drop_column("posts", "title")
`,
      },
      lines: [10],
      fixes: [
        `# revision 1, alembic/versions/a1_scores.py as it becomes: without the data change
from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.add_column("posts", sa.Column("score", sa.Integer(), nullable=True))


def downgrade():
    op.drop_column("posts", "score")

# revision 2, new file alembic/versions/4005d0ac5e2e_backfill_posts.py: the data change, once revision 1 is deployed (rolling back migration 1 drops what this fills; on a large table, in batches)
# until revision 2 has run, posts.score holds only its default: deploy the code that reads it after revision 2, not with revision 1
from alembic import op


# a new id for this revision: any string unique among the revisions (\`alembic revision\` makes one)
NEW_REVISION_ID = "4005d0ac5e2e"
revision = NEW_REVISION_ID
down_revision = "a1"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("UPDATE posts SET score = 1")


def downgrade():
    # nothing to undo: downgrading the revision before drops posts.score, which this fills
    pass

# alembic/versions/b2_titles.py has down_revision "a1": set it to "4005d0ac5e2e", so that it runs after the new revisions`,
      ],
    },
    {
      framework: "alembic",
      name: "fides' monitor keys (trimmed): the data change sits in a loop that also builds an index; its statements alone read the loop's variable, so the fix names the lines to move, never code that raises NameError",
      path: "alembic/versions/b2_keys.py",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    conn = op.get_bind()
    op.add_column("monitorconfig", sa.Column("legacy", sa.Boolean(), nullable=True))
    for table in ("monitorconfig", "monitorexecution"):
        conn.execute(sa.text(f"UPDATE {table} SET legacy = true WHERE key LIKE '%.%'"))
        op.create_index(f"ix_{table}_legacy", table, ["legacy"])


def downgrade():
    pass
`,
      lines: [12],
      fixes: [
        "# migguard could not cut this migration into files: the data change runs inside code (a helper function, a loop) that also\n# holds statements that stay, and its statements alone are no Python that runs (they read table, which they do not define).\n# Move the code of lines 12-13 that runs the data change, with the calls that run it,\n# in a migration of its own, after this one, and the statements from line 13 on in a third.",
      ],
    },
    {
      framework: "alembic",
      name: "aleph's hard_deletes: a loop deletes every soft-deleted row of each reflected table, then the deleted_at columns are dropped: the deletes prepare the drops and run before any lock is taken, a note to keep them together",
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
      lines: [15],
      severities: ["info"],
      messages: ["This data change prepares the schema change of line 17 (drop column on alert)"],
    },
    {
      framework: "alembic",
      name: "aleph's entity_ids: rows selected through a reflected MetaData, then updated in a loop after a schema change; env.py beside versions/ in a folder of any name runs all revisions in one transaction: revision 2 first commits, reflects again and defines q before reading it",
      path: "aleph/migrate/versions/b3959bf8cc66_entity_ids.py",
      files: {
        "aleph/migrate/env.py": `from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config


def run_migrations_online():
    engine = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.", poolclass=pool.NullPool)
    connection = engine.connect()
    context.configure(connection=connection, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
`,
      },
      code: `from alembic import op
import sqlalchemy as sa

revision = "b3959bf8cc66"
down_revision = "1519391870a0"


def upgrade():
    op.add_column("entity", sa.Column("label", sa.Unicode(), nullable=True))
    bind = op.get_bind()
    meta = sa.MetaData()
    meta.bind = bind
    meta.reflect(bind=bind)
    entity_table = meta.tables["entity"]
    q = sa.select(entity_table)
    rp = bind.execute(q)
    for entity in rp.fetchall():
        q = sa.update(entity_table)
        q = q.where(entity_table.c.id == entity.id)
        q = q.values(label=entity.name)
        bind.execute(q)


def downgrade():
    pass
`,
      lines: [21],
      fixes: [
        "# revision 1, aleph/migrate/versions/b3959bf8cc66_entity_ids.py as it becomes: without the data change\nfrom alembic import op\nimport sqlalchemy as sa\n\nrevision = \"b3959bf8cc66\"\ndown_revision = \"1519391870a0\"\n\n\ndef upgrade():\n    op.add_column(\"entity\", sa.Column(\"label\", sa.Unicode(), nullable=True))\n    bind = op.get_bind()\n    meta = sa.MetaData()\n    meta.bind = bind\n    meta.reflect(bind=bind)\n    entity_table = meta.tables[\"entity\"]\n    q = sa.select(entity_table)\n\n\ndef downgrade():\n    pass\n\n# revision 2, new file aleph/migrate/versions/08285c751686_backfill_entity.py: the data change, once revision 1 is deployed (rolling back migration 1 drops what this fills; on a large table, in batches)\n# until revision 2 has run, entity.label holds only its default: deploy the code that reads it after revision 2, not with revision 1\nfrom alembic import op\nimport sqlalchemy as sa\n\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"08285c751686\"\nrevision = NEW_REVISION_ID\ndown_revision = \"b3959bf8cc66\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    # aleph/migrate/env.py runs every revision of an upgrade in one transaction (context.configure has no transaction_per_migration=True):\n    # commit what the revisions before ran, releasing their locks; the statements below run in a new transaction\n    with op.get_context().autocommit_block():\n        pass\n    bind = op.get_bind()\n    meta = sa.MetaData()\n    meta.bind = bind\n    meta.reflect(bind=bind)\n    entity_table = meta.tables[\"entity\"]\n    q = sa.select(entity_table)\n    rp = bind.execute(q)\n    for entity in rp.fetchall():\n        q = sa.update(entity_table)\n        q = q.where(entity_table.c.id == entity.id)\n        q = q.values(label=entity.name)\n        bind.execute(q)\n\n\ndef downgrade():\n    # nothing to undo: downgrading the revision before drops entity.label, which this fills\n    pass",
      ],
    },
    {
      framework: "alembic",
      name: "zou's introduce_concepts (trimmed): the stub models the data change builds move with what they read, their bases (base = declarative_base(), BaseMixin) and every import their bodies use (sa, expression, UUIDType)",
      path: "zou/migrations/versions/feffd3c5b806_introduce_concepts.py",
      code: `from alembic import op
import sqlalchemy as sa
from sqlalchemy import orm
from sqlalchemy.ext.declarative import declarative_base
from zou.migrations.utils.base import BaseMixin
from sqlalchemy_utils import UUIDType
from sqlalchemy.sql import expression

revision = "feffd3c5b806"
down_revision = "5b9fd9ddfe43"
branch_labels = None
depends_on = None

base = declarative_base()


class TaskStatus(base, BaseMixin):
    __tablename__ = "task_status"
    name = sa.Column(sa.String(40), nullable=False)
    for_concept = sa.Column(sa.Boolean(), server_default=expression.false(), default=False)


class TaskType(base, BaseMixin):
    __tablename__ = "task_type"
    name = sa.Column(sa.String(40), nullable=False)
    department_id = sa.Column(UUIDType(binary=False), sa.ForeignKey("department.id"), index=True)


def upgrade():
    with op.batch_alter_table("task_status", schema=None) as batch_op:
        batch_op.add_column(sa.Column("for_concept", sa.Boolean(), server_default=sa.text("false"), nullable=True))

    bind = op.get_bind()
    session = orm.Session(bind=bind)
    session.merge(TaskStatus(name="Neutral", for_concept=True))
    session.merge(TaskType(name="Concept"))
    session.commit()


def downgrade():
    bind = op.get_bind()
    session = orm.Session(bind=bind)
    session.query(TaskStatus).filter_by(for_concept=True).delete()
    session.commit()
    with op.batch_alter_table("task_status", schema=None) as batch_op:
        batch_op.drop_column("for_concept")
`,
      lines: [35],
      fixes: ["# revision 1, zou/migrations/versions/feffd3c5b806_introduce_concepts.py as it becomes: without the data change\nfrom alembic import op\nimport sqlalchemy as sa\nfrom sqlalchemy import orm\nfrom sqlalchemy.ext.declarative import declarative_base\nfrom zou.migrations.utils.base import BaseMixin\nfrom sqlalchemy_utils import UUIDType\nfrom sqlalchemy.sql import expression\n\nrevision = \"feffd3c5b806\"\ndown_revision = \"5b9fd9ddfe43\"\nbranch_labels = None\ndepends_on = None\n\nbase = declarative_base()\n\n\nclass TaskStatus(base, BaseMixin):\n    __tablename__ = \"task_status\"\n    name = sa.Column(sa.String(40), nullable=False)\n    for_concept = sa.Column(sa.Boolean(), server_default=expression.false(), default=False)\n\n\ndef upgrade():\n    with op.batch_alter_table(\"task_status\", schema=None) as batch_op:\n        batch_op.add_column(sa.Column(\"for_concept\", sa.Boolean(), server_default=sa.text(\"false\"), nullable=True))\n\n    bind = op.get_bind()\n    session = orm.Session(bind=bind)\n\n\ndef downgrade():\n    bind = op.get_bind()\n    session = orm.Session(bind=bind)\n    session.query(TaskStatus).filter_by(for_concept=True).delete()\n    session.commit()\n    with op.batch_alter_table(\"task_status\", schema=None) as batch_op:\n        batch_op.drop_column(\"for_concept\")\n\n# revision 2, new file zou/migrations/versions/ce4a9fb381fe_backfill_data.py: the data change, once revision 1 is deployed (rollback does not bring the old values back: keep a copy first if they may be needed; on a large table, in batches)\nfrom alembic import op\nimport sqlalchemy as sa\nfrom sqlalchemy import orm\nfrom sqlalchemy.ext.declarative import declarative_base\nfrom zou.migrations.utils.base import BaseMixin\nfrom sqlalchemy_utils import UUIDType\nfrom sqlalchemy.sql import expression\n\n\nbase = declarative_base()\n\n\nclass TaskStatus(base, BaseMixin):\n    __tablename__ = \"task_status\"\n    name = sa.Column(sa.String(40), nullable=False)\n    for_concept = sa.Column(sa.Boolean(), server_default=expression.false(), default=False)\n\n\nclass TaskType(base, BaseMixin):\n    __tablename__ = \"task_type\"\n    name = sa.Column(sa.String(40), nullable=False)\n    department_id = sa.Column(UUIDType(binary=False), sa.ForeignKey(\"department.id\"), index=True)\n\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"ce4a9fb381fe\"\nrevision = NEW_REVISION_ID\ndown_revision = \"feffd3c5b806\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    bind = op.get_bind()\n    session = orm.Session(bind=bind)\n    session.merge(TaskStatus(name=\"Neutral\", for_concept=True))\n    session.merge(TaskType(name=\"Concept\"))\n    session.commit()\n\n\ndef downgrade():\n    # the values this data change overwrote are not kept: restore them from a copy if they are needed\n    pass"],
    },
    {
      framework: "alembic",
      name: "type change and a backfill UPDATE in one revision",
      code: `from alembic import op
import sqlalchemy as sa

revision = "eb8714b4b6ca"
down_revision = "401fef781277"


def upgrade():
    op.alter_column("pledges", "amount", existing_type=sa.Numeric(25, 10), type_=sa.BigInteger())
    op.execute("update pledges set amount = amount * 100")


def downgrade():
    op.alter_column("pledges", "amount", existing_type=sa.BigInteger(), type_=sa.Numeric(25, 10))
`,
      lines: [10],
    },
    {
      framework: "alembic",
      name: "ORM data changes through op.get_bind() next to a schema change",
      code: `from alembic import op
import sqlalchemy as sa
from sqlalchemy.orm import Session

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("dbs", sa.Column("allow_run_sync", sa.Boolean(), nullable=True))
    session = Session(bind=op.get_bind())
    for row in session.query(Database).all():
        row.allow_run_sync = True
    session.commit()


def downgrade():
    op.drop_column("dbs", "allow_run_sync")
`,
      lines: [12],
    },
    {
      framework: "alembic",
      name: "a copy loop before a drop_column: the loop moves whole, with its connection and the module's table object, and the drop stays with the copy (one transaction)",
      code: `from alembic import op
import sqlalchemy as sa
from sqlalchemy.sql import table

revision = "d7d747033183"
down_revision = "e5c7a4e2df4d"

destinations = table("destinations", sa.Column("id", sa.Integer), sa.Column("options", sa.Text), sa.Column("secret", sa.Text))


def upgrade():
    op.add_column("destinations", sa.Column("secret", sa.Text(), nullable=True))
    conn = op.get_bind()
    for dest in conn.execute(destinations.select()):
        conn.execute(destinations.update().where(destinations.c.id == dest.id).values(secret=dest.options))
    op.drop_column("destinations", "options")


def downgrade():
    pass
`,
      // the UPDATE in the loop is the first write: the select the loop reads writes nothing
      lines: [15],
      fixes: [
        "# revision 1, alembic/versions/abc123_case.py as it becomes: without the data change\nfrom alembic import op\nimport sqlalchemy as sa\nfrom sqlalchemy.sql import table\n\nrevision = \"d7d747033183\"\ndown_revision = \"e5c7a4e2df4d\"\n\ndestinations = table(\"destinations\", sa.Column(\"id\", sa.Integer), sa.Column(\"options\", sa.Text), sa.Column(\"secret\", sa.Text))\n\n\ndef upgrade():\n    op.add_column(\"destinations\", sa.Column(\"secret\", sa.Text(), nullable=True))\n    conn = op.get_bind()\n\n\ndef downgrade():\n    pass\n\n# revision 2, new file alembic/versions/e9e98a8c9d86_backfill_destinations.py: the data change with the statements it prepares (one transaction: rows written between them would break them), once revision 1 is deployed (rolling back migration 1 drops what this fills; on a large table, in batches)\n# until revision 2 has run, destinations.secret holds only its default: deploy the code that reads it after revision 2, not with revision 1\nfrom alembic import op\nimport sqlalchemy as sa\nfrom sqlalchemy.sql import table\n\n\ndestinations = table(\"destinations\", sa.Column(\"id\", sa.Integer), sa.Column(\"options\", sa.Text), sa.Column(\"secret\", sa.Text))\n\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"e9e98a8c9d86\"\nrevision = NEW_REVISION_ID\ndown_revision = \"d7d747033183\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    conn = op.get_bind()\n    for dest in conn.execute(destinations.select()):\n        conn.execute(destinations.update().where(destinations.c.id == dest.id).values(secret=dest.options))\n    op.drop_column(\"destinations\", \"options\")\n\n\ndef downgrade():\n    pass",
      ],
    },
    {
      framework: "alembic",
      name: "a data change in helpers that upgrade() calls: the calling statement moves whole with the helpers and what their signatures read (a chained call on lines of its own stays inside its statement); the bound sa.text UPDATE is read as SQL, a backfill of the column just added, so the drop after it waits in a third revision",
      code: `from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

from alembic import op

revision = "d7c6efd2de42"
down_revision = "09aba125b57a"


def copy_group(group_id: Any):
    session = orm.Session(bind=op.get_bind())
    user_ids = (
        session.execute(sa.text("SELECT id FROM users WHERE group_id=:group_id").bindparams(group_id=group_id))
        .scalars()
        .all()
    )
    for user_id in user_ids:
        session.execute(sa.text("UPDATE users SET rating = 0 WHERE id = :id").bindparams(id=user_id))


def copy_all():
    session = orm.Session(bind=op.get_bind())
    for group_id in session.execute(sa.text("SELECT id FROM groups")).scalars().all():
        copy_group(group_id)


def upgrade():
    op.add_column("users", sa.Column("rating", sa.Float(), nullable=True))
    copy_all()
    op.drop_table("users_to_favorites")


def downgrade():
    pass
`,
      lines: [20],
      fixes: ["# revision 1, alembic/versions/abc123_case.py as it becomes: without the data change and the statements after it\nfrom typing import Any\n\nimport sqlalchemy as sa\nfrom sqlalchemy import orm\n\nfrom alembic import op\n\nrevision = \"d7c6efd2de42\"\ndown_revision = \"09aba125b57a\"\n\n\ndef upgrade():\n    op.add_column(\"users\", sa.Column(\"rating\", sa.Float(), nullable=True))\n\n\ndef downgrade():\n    pass\n\n# revision 2, new file alembic/versions/7717a07b6656_backfill_users.py: the data change, once revision 1 is deployed (rolling back migration 1 drops what this fills; on a large table, in batches)\n# until revision 2 has run, users.rating holds only its default: deploy the code that reads it after revision 2, not with revision 1\nfrom typing import Any\nimport sqlalchemy as sa\nfrom sqlalchemy import orm\nfrom alembic import op\n\n\ndef copy_group(group_id: Any):\n    session = orm.Session(bind=op.get_bind())\n    user_ids = (\n        session.execute(sa.text(\"SELECT id FROM users WHERE group_id=:group_id\").bindparams(group_id=group_id))\n        .scalars()\n        .all()\n    )\n    for user_id in user_ids:\n        session.execute(sa.text(\"UPDATE users SET rating = 0 WHERE id = :id\").bindparams(id=user_id))\n\n\ndef copy_all():\n    session = orm.Session(bind=op.get_bind())\n    for group_id in session.execute(sa.text(\"SELECT id FROM groups\")).scalars().all():\n        copy_group(group_id)\n\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"7717a07b6656\"\nrevision = NEW_REVISION_ID\ndown_revision = \"d7c6efd2de42\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    copy_all()\n\n\ndef downgrade():\n    # nothing to undo: downgrading the revision before drops users.rating, which this fills\n    pass\n\n# revision 3, new file alembic/versions/6703db6ac6a8_after_backfill_users.py: the statements after the data change, once revision 2 has run (they need it done; rolling back revision 1 undoes them)\nfrom alembic import op\n\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"6703db6ac6a8\"\nrevision = NEW_REVISION_ID\ndown_revision = \"7717a07b6656\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    op.drop_table(\"users_to_favorites\")\n\n\ndef downgrade():\n    pass"],
    },
    {
      framework: "alembic",
      name: "rows fetched with connection.execute(sa.text(...)) from a data-modifying WITH (DELETE ... RETURNING): the DELETE is a data change, not a read",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("sessions", sa.Column("revoked_at", sa.DateTime(), nullable=True))
    connection = op.get_bind()
    rows = connection.execute(sa.text("WITH expired AS (DELETE FROM sessions WHERE expires_at < now() RETURNING id) SELECT id FROM expired"))
    for row in rows:
        print(row.id)


def downgrade():
    op.drop_column("sessions", "revoked_at")
`,
      lines: [11],
    },
    {
      framework: "alembic",
      name: "an UPDATE in op.execute(sa.text(...).bindparams(...)) after ALTER COLUMN on an existing table: the bound text is read as SQL (its :name a parameter), a data change",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.alter_column("accounts", "plan", existing_type=sa.String(20), type_=sa.String(40))
    op.execute(sa.text("UPDATE accounts SET plan = :plan WHERE plan = 'basic'").bindparams(plan="free"))


def downgrade():
    pass
`,
      lines: [10],
    },
    {
      framework: "alembic",
      name: "packit-service f5792581522c: the split moves the written downgrade's undo of the statements after the data change into revision 3's downgrade, naming the table revision 1's downgrade renames back as it still is then",
      code: `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.rename_table("runs", "releases")
    op.add_column("releases", sa.Column("kind", sa.Text(), nullable=True))
    op.execute("UPDATE releases SET kind = 'sync'")
    op.alter_column("targets", "run_id", new_column_name="release_id")
    op.drop_constraint("targets_run_id_fkey", "targets", type_="foreignkey")
    op.create_foreign_key("targets_release_id_fkey", "targets", "releases", ["release_id"], ["id"])


def downgrade():
    op.drop_column("releases", "kind")
    op.rename_table("releases", "runs")
    op.alter_column("targets", "release_id", new_column_name="run_id")
    op.drop_constraint("targets_release_id_fkey", "targets", type_="foreignkey")
    op.create_foreign_key("targets_run_id_fkey", "targets", "runs", ["run_id"], ["id"])
`,
      lines: [11],
      fixes: ["# revision 1, alembic/versions/abc123_case.py as it becomes: without the data change and the statements after it\nfrom alembic import op\nimport sqlalchemy as sa\n\nrevision = \"a1\"\ndown_revision = None\n\n\ndef upgrade():\n    op.rename_table(\"runs\", \"releases\")\n    op.add_column(\"releases\", sa.Column(\"kind\", sa.Text(), nullable=True))\n\n\ndef downgrade():\n    op.drop_column(\"releases\", \"kind\")\n    op.rename_table(\"releases\", \"runs\")\n\n# revision 2, new file alembic/versions/e1d237b2927a_backfill_releases.py: the data change, once revision 1 is deployed (rolling back migration 1 drops what this fills; on a large table, in batches)\n# until revision 2 has run, releases.kind holds only its default: deploy the code that reads it after revision 2, not with revision 1\nfrom alembic import op\n\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"e1d237b2927a\"\nrevision = NEW_REVISION_ID\ndown_revision = \"a1\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    op.execute(\"UPDATE releases SET kind = 'sync'\")\n\n\ndef downgrade():\n    # nothing to undo: downgrading the revision before drops releases.kind, which this fills\n    pass\n\n# revision 3, new file alembic/versions/43523344dbca_after_backfill_releases.py: the statements after the data change, once revision 2 has run (they need it done; its downgrade undoes them, moved from the one of revision 1)\nfrom alembic import op\n\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"43523344dbca\"\nrevision = NEW_REVISION_ID\ndown_revision = \"e1d237b2927a\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    op.alter_column(\"targets\", \"run_id\", new_column_name=\"release_id\")\n    op.drop_constraint(\"targets_run_id_fkey\", \"targets\", type_=\"foreignkey\")\n    op.create_foreign_key(\"targets_release_id_fkey\", \"targets\", \"releases\", [\"release_id\"], [\"id\"])\n\n\ndef downgrade():\n    op.alter_column(\"targets\", \"release_id\", new_column_name=\"run_id\")\n    op.drop_constraint(\"targets_release_id_fkey\", \"targets\", type_=\"foreignkey\")\n    op.create_foreign_key(\"targets_run_id_fkey\", \"targets\", \"releases\", [\"run_id\"], [\"id\"])\n    pass"],
    },
    {
      framework: "alembic",
      name: "duplicates deleted with op.execute, then create_unique_constraint on the columns they repeat: the delete prepares the constraint, the keep-together note",
      code: `from alembic import op

revision = "b2"
down_revision = "b1"


def upgrade():
    op.execute("DELETE FROM votes a USING votes b WHERE a.voter_id = b.voter_id AND a.votable_id = b.votable_id AND a.id > b.id")
    op.create_unique_constraint("uq_votes_voter_votable", "votes", ["voter_id", "votable_id"])


def downgrade():
    op.drop_constraint("uq_votes_voter_votable", "votes")
`,
      lines: [8],
      severities: ["info"],
      messages: ["This data change prepares the schema change of line 9 (add constraint on votes)"],
    },
    {
      framework: "alembic",
      name: "security_monkey 11f081cf54e2: an ORM session collects the duplicates in a loop and deletes them, then the unique constraint: the loop is the data change's own code, which prepares the constraint, the keep-together note",
      code: `from alembic import op
import sqlalchemy as sa
from sqlalchemy.orm import sessionmaker
from sqlalchemy.ext.declarative import declarative_base

revision = "11f081cf54e2"
down_revision = "a9fe9c93ed75"

Session = sessionmaker()
Base = declarative_base()


class AccountTypeCustomValues(Base):
    __tablename__ = "account_type_values"
    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(64))
    account_id = sa.Column(sa.Integer, nullable=False)


def upgrade():
    bind = op.get_bind()
    session = Session(bind=bind)

    results = session.query(AccountTypeCustomValues).all()
    delete_list = []
    seen = {}
    for result in results:
        key = "{}-{}".format(result.account_id, result.name)
        if seen.get(key):
            delete_list.append(result)
        else:
            seen[key] = result

    for d in delete_list:
        session.delete(d)
    session.commit()

    op.create_unique_constraint("uq_account_id_name", "account_type_values", ["account_id", "name"])


def downgrade():
    op.drop_constraint("uq_account_id_name", "account_type_values")
`,
      lines: [24],
      severities: ["info"],
      messages: ["This data change prepares the schema change of line 38 (add constraint on account_type_values)"],
    },
    {
      framework: "alembic",
      name: "every row deleted with SQLAlchemy's delete() on a table construct, then a NOT NULL column without a default: the delete prepares the ADD COLUMN, the keep-together note",
      code: `from alembic import op
import sqlalchemy as sa

revision = "c2"
down_revision = "c1"

imports = sa.table("imports", sa.column("id", sa.Integer))


def upgrade():
    op.get_bind().execute(sa.delete(imports))
    op.add_column("imports", sa.Column("state", sa.Text(), nullable=False))


def downgrade():
    op.drop_column("imports", "state")
`,
      lines: [11],
      severities: ["info"],
      messages: ["This data change prepares the schema change of line 12 (add column on imports)"],
    },
    {
      framework: "alembic",
      name: "a column added, backfilled, then made unique: the backfill writes the new column under the ADD COLUMN's lock, more than preparing the constraint, so the error stays",
      code: `from alembic import op
import sqlalchemy as sa

revision = "d2"
down_revision = "d1"


def upgrade():
    op.add_column("votes", sa.Column("slug", sa.Text(), nullable=True))
    op.execute("UPDATE votes SET slug = 'v' || id")
    op.create_unique_constraint("uq_votes_slug", "votes", ["slug"])


def downgrade():
    op.drop_constraint("uq_votes_slug", "votes")
    op.drop_column("votes", "slug")
`,
      lines: [10],
      severities: ["error"],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "tildes 24014adda7c3: connection.execution_options(isolation_level=\"AUTOCOMMIT\") configures Alembic's connection, it changes no data",
      code: `from alembic import op

revision = "24014adda7c3"
down_revision = "7ac1aad64144"


def upgrade():
    # ALTER TYPE doesn't work from inside a transaction, disable it
    connection = None
    if not op.get_context().as_sql:
        connection = op.get_bind()
        connection.execution_options(isolation_level="AUTOCOMMIT")

    op.execute("ALTER TYPE logeventtype ADD VALUE IF NOT EXISTS 'TOPIC_LINK_EDIT'")

    # re-activate the transaction for any future migrations
    if connection is not None:
        connection.execution_options(isolation_level="READ_COMMITTED")


def downgrade():
    # can't remove from enums, do nothing
    pass
`,
    },
    {
      framework: "alembic",
      name: "tildes 1996feae620d: the enum value added IF NOT EXISTS in AUTOCOMMIT, committed before the UPDATE that uses it starts: the split the value needs, no lock held over the data change, a rerun adds nothing again",
      code: `from alembic import op

revision = "1996feae620d"
down_revision = "b825165870d9"


def upgrade():
    # ALTER TYPE doesn't work from inside a transaction, disable it
    connection = None
    if not op.get_context().as_sql:
        connection = op.get_bind()
        connection.execution_options(isolation_level="AUTOCOMMIT")

    op.execute("ALTER TYPE commenttagoption ADD VALUE IF NOT EXISTS 'MALICE'")

    # re-activate the transaction for any future migrations
    if connection is not None:
        connection.execution_options(isolation_level="READ_COMMITTED")
    op.execute("UPDATE comment_tags SET tag = 'MALICE' WHERE tag IN ('FLAME', 'TROLL')")


def downgrade():
    op.execute("UPDATE comment_tags SET tag = 'FLAME' WHERE tag = 'MALICE'")
`,
    },
    {
      framework: "alembic",
      name: "onyx c9e2cd766c29: SELECT current_schema() run on Alembic's connection and on a Session, its result fetched with .scalar(): the result's scalar() is no statement run, and the SELECT writes nothing",
      code: `from alembic import op
import sqlalchemy as sa
from sqlalchemy import text
from sqlalchemy.orm import Session

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("file_record", sa.Column("bucket_name", sa.String(), nullable=True))
    schema = op.get_bind().execute(text("SELECT current_schema()")).scalar()
    print(schema)
    _set_tenant(Session(bind=op.get_bind()))


def _set_tenant(session: Session) -> None:
    current_tenant = session.execute(text("SELECT current_schema()")).scalar()
    print(current_tenant)


def downgrade():
    op.drop_column("file_record", "bucket_name")
`,
    },
    {
      framework: "alembic",
      name: "an ALTER TABLE whose f-string holds a value known only at run time where SQL wants a number (START WITH {next_id}): schema work migguard could not parse, not a data change",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    connection = op.get_bind()
    op.execute("ALTER TABLE events ALTER COLUMN id DROP DEFAULT")
    res = connection.execute(sa.text("SELECT MAX(id) FROM events"))
    next_id = res.fetchone()[0] + 1
    connection.execute(sa.text(f"ALTER TABLE events ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (START WITH {next_id})"))


def downgrade():
    pass
`,
    },
    {
      framework: "alembic",
      name: "a sequence moved past the largest id read with connection.scalars(sa.select(...)).one_or_none(): the SELECT writes nothing and ALTER SEQUENCE is DDL",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    connection = op.get_bind()
    op.execute("ALTER TABLE common.project_slugs RENAME TO entity_slugs")
    last_id_stmt = sa.select(sa.func.max(sa.column("id", type_=sa.INT))).select_from(sa.table("entity_slugs", schema="common"))
    last_id = connection.scalars(last_id_stmt).one_or_none()
    op.execute(sa.text(f"ALTER SEQUENCE common.entity_slugs_id_seq RESTART WITH {last_id + 1}"))


def downgrade():
    pass
`,
    },
    {
      framework: "alembic",
      name: "SELECT MAX(id) composed with psycopg2's sql.SQL and sql.Identifier over a literal list, then the id's default dropped: a read and DDL, no data change",
      code: `from alembic import op
import sqlalchemy as sa
from psycopg2 import sql

revision = "b2"
down_revision = "a1"

tables = [("users", "users", "id"), ("events", "events", "id")]


def upgrade():
    connection = op.get_bind()
    for schema, table, column in tables:
        op.execute(sa.text(f"LOCK TABLE {schema}.{table} IN EXCLUSIVE MODE"))
        statement = sql.SQL("SELECT MAX(id) FROM {}").format(sql.Identifier(schema, table)).as_string(connection)
        next_id = connection.exec_driver_sql(statement).fetchone()[0] + 1
        connection.execute(sa.text(f"ALTER TABLE {schema}.{table} ALTER COLUMN {column} DROP DEFAULT"))


def downgrade():
    pass
`,
    },
    {
      framework: "alembic",
      name: "a SELECT COUNT(*) read for a size check before create_index writes no rows",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    connection = op.get_bind()
    count = connection.execute(sa.text("SELECT COUNT(*) FROM servednoticehistory")).scalar()
    if count < 1000000:
        op.create_index("ix_servednoticehistory_property_id", "servednoticehistory", ["property_id"])


def downgrade():
    op.drop_index("ix_servednoticehistory_property_id", table_name="servednoticehistory")
`,
    },
    {
      framework: "alembic",
      name: "the loop changes rows of the existing plugin (p.enabled = False), but the only schema change creates plugin_instance: its lock is on a table nothing uses yet, and the plugin rows are locked as long without it",
      code: `${PLUGIN_INSTANCE_CREATED}    for p in session.query(Plugin).all():
        p.enabled = False
    session.flush()


def downgrade():
    op.drop_table("plugin_instance")
`,
    },
    {
      framework: "alembic",
      name: "every schema change is on a table created here: the data change's lock is only its own",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_table("archived_user", sa.Column("id", sa.BigInteger(), primary_key=True), sa.Column("name", sa.Text()))
    op.create_index("ix_archived_user_name", "archived_user", ["name"])
    op.execute("DELETE FROM app_user WHERE archived")


def downgrade():
    op.drop_index("ix_archived_user_name", table_name="archived_user")
    op.drop_table("archived_user")
`,
    },
    {
      framework: "alembic",
      name: "rows of an existing table read through the ORM and copied into a table this migration creates (session.add of the file's mapped class): seeding the new table is part of creating it",
      code: `${PLUGIN_INSTANCE_CREATED}    for p in session.query(Plugin).all():
        session.add(PluginInstance(plugin_id=p.id, enabled=p.enabled))
    session.flush()


def downgrade():
    op.drop_table("plugin_instance")
`,
    },
    {
      framework: "alembic",
      name: "the only schema change drops a table the data change does not touch",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.drop_table("inventory_discrepancies")
    op.execute("DELETE FROM events WHERE kind = 'snapshot'")


def downgrade():
    pass
`,
    },
    {
      framework: "alembic",
      name: "seeding a table created in the same revision",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"

roles = sa.table("roles", sa.column("id", sa.Integer), sa.column("name", sa.String))


def upgrade():
    op.create_table("roles", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("name", sa.String(40)))
    op.bulk_insert(roles, [{"id": 1, "name": "admin"}, {"id": 2, "name": "member"}])


def downgrade():
    op.drop_table("roles")
`,
    },
  ],
});
