import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "alter_column new_column_name (the Netflix/lemur rename): the expand in upgrade, and a downgrade that undoes it instead of renaming back a column the upgrade no longer renames",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.alter_column("users", "name", new_column_name="full_name")


def downgrade():
    op.alter_column("users", "full_name", new_column_name="name")
`,
      lines: [8],
      fixes: [
        `# expand: "full_name" beside "name", kept in step by a trigger while old and new code run
# the type of users.name is not in the migrations or schema dump migguard read, so this copies it from the table:
existing = {col["name"]: col["type"] for col in sa.inspect(op.get_bind()).get_columns("users")}
op.add_column("users", sa.Column("full_name", existing["name"], nullable=True))
op.execute("""
CREATE FUNCTION users_sync_full_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.full_name := COALESCE(NEW.full_name, NEW.name);
    NEW.name := COALESCE(NEW.name, NEW.full_name);
  ELSIF NEW.name IS DISTINCT FROM OLD.name THEN
    NEW.full_name := NEW.name;
  ELSIF NEW.full_name IS DISTINCT FROM OLD.full_name THEN
    NEW.name := NEW.full_name;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER users_sync_full_name BEFORE INSERT OR UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION users_sync_full_name();
""")

# and in this revision's downgrade(), in place of its rename back (line 12), which would fail: "name" is never renamed now:
op.execute("""
DROP TRIGGER users_sync_full_name ON users;
DROP FUNCTION users_sync_full_name();
""")
op.drop_column("users", "full_name")

# then a new migration, alembic/versions/fe1692cd7fe5_fill_users_full_name.py:
from alembic import op
import sqlalchemy as sa

# a new id for this revision: any string unique among the revisions (\`alembic revision\` makes one)
NEW_REVISION_ID = "fe1692cd7fe5"
revision = NEW_REVISION_ID
down_revision = "b2"
branch_labels = None
depends_on = None


def upgrade():
    with op.get_context().autocommit_block():
        # 1000 rows a statement, each committed on its own (autocommit_block), until one updates nothing
        while op.get_bind().execute(sa.text("UPDATE users SET full_name = name WHERE ctid IN (SELECT ctid FROM users WHERE full_name IS DISTINCT FROM name LIMIT 1000)")).rowcount:
            pass


def downgrade():
    # nothing to undo: the copied values stay
    pass

# then a new migration, alembic/versions/9c7e4244f491_drop_users_name.py:
from alembic import op

# a new id for this revision: any string unique among the revisions (\`alembic revision\` makes one)
NEW_REVISION_ID = "9c7e4244f491"
revision = NEW_REVISION_ID
down_revision = "fe1692cd7fe5"
branch_labels = None
depends_on = None


def upgrade():
    # once no running code uses "name":
    op.execute("DROP TRIGGER users_sync_full_name ON users;")
    op.execute("DROP FUNCTION users_sync_full_name();")
    op.execute("ALTER TABLE users DROP COLUMN name;")


def downgrade():
    raise RuntimeError("users.name was dropped: restore it from a backup")
    pass`,
      ],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "renaming a column of a table created in the same revision",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_table("drafts", sa.Column("id", sa.BigInteger(), primary_key=True), sa.Column("name", sa.Text()))
    op.alter_column("drafts", "name", new_column_name="title")


def downgrade():
    op.drop_table("drafts")
`,
    },
  ],
});
