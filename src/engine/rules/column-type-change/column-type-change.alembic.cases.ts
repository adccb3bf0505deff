import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "alter_column type_ with existing_type",
      code: `from alembic import op
import sqlalchemy as sa

revision = "eb8714b4b6ca"
down_revision = "401fef781277"


def upgrade():
    op.alter_column(
        "pledges",
        "amount",
        existing_type=sa.NUMERIC(precision=25, scale=10),
        type_=sa.BigInteger(),
        existing_nullable=False,
    )


def downgrade():
    op.alter_column("pledges", "amount", existing_type=sa.BigInteger(), type_=sa.NUMERIC(precision=25, scale=10))
`,
      lines: [9],
    },
    {
      framework: "alembic",
      name: "a table in a schema: the fix passes schema= (Alembic quotes a dotted name as one identifier) and imports what it reads",
      code: `from alembic import op


revision = "06a4ec717b84"
down_revision = "7024f7f66e20"


def upgrade():
    op.execute("ALTER TABLE event_abstracts.abstract_field_values ALTER COLUMN data TYPE jsonb")


def downgrade():
    op.execute("ALTER TABLE event_abstracts.abstract_field_values ALTER COLUMN data TYPE json")
`,
      lines: [9],
      fixes: [
        `# at the top of the revision (it does not import them):
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# "data_new" of the new type beside "data", kept converted by a trigger while the code writes "data":
op.add_column("abstract_field_values", sa.Column("data_new", postgresql.JSONB(), nullable=True), schema="event_abstracts")
op.execute("""
CREATE FUNCTION event_abstracts.abstract_field_values_sync_data_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.data_new := NEW.data;
  RETURN NEW;
END $$;
CREATE TRIGGER abstract_field_values_sync_data_new BEFORE INSERT OR UPDATE ON event_abstracts.abstract_field_values
  FOR EACH ROW EXECUTE FUNCTION event_abstracts.abstract_field_values_sync_data_new();
""")

# then a new migration, alembic/versions/a2d0c13faa9c_fill_event_abstracts_abstract_field_values_data_new.py:
from alembic import op
import sqlalchemy as sa

# a new id for this revision: any string unique among the revisions (\`alembic revision\` makes one)
NEW_REVISION_ID = "a2d0c13faa9c"
revision = NEW_REVISION_ID
down_revision = "06a4ec717b84"
branch_labels = None
depends_on = None


def upgrade():
    with op.get_context().autocommit_block():
        # 1000 rows a statement, each committed on its own (autocommit_block), until one updates nothing
        while op.get_bind().execute(sa.text("UPDATE event_abstracts.abstract_field_values SET data_new = data WHERE ctid IN (SELECT ctid FROM event_abstracts.abstract_field_values WHERE data_new IS DISTINCT FROM data::jsonb LIMIT 1000)")).rowcount:
            pass


def downgrade():
    pass

# then a new migration, alembic/versions/f6356593127a_swap_event_abstracts_abstract_field_values_data.py:
from alembic import op

# a new id for this revision: any string unique among the revisions (\`alembic revision\` makes one)
NEW_REVISION_ID = "f6356593127a"
revision = NEW_REVISION_ID
down_revision = "a2d0c13faa9c"
branch_labels = None
depends_on = None


def upgrade():
    # the swap: short locks, no rewrite; a view that reads the old column makes DROP COLUMN fail: create it again over the new one in the same step
    # the earlier migrations do not show every constraint and index of event_abstracts.abstract_field_values (it was not created in them as SQL): list them (\\d event_abstracts.abstract_field_values) and rebuild on data_new what reads data; FOREIGN KEYs that reference data must be dropped before the swap and added back after it
    op.execute("""
    DROP TRIGGER abstract_field_values_sync_data_new ON event_abstracts.abstract_field_values;
    DROP FUNCTION event_abstracts.abstract_field_values_sync_data_new();
    -- data's default and sequence, if any (the migrations do not show them), given to data_new before DROP COLUMN takes them
    DO $$
    DECLARE
      old_default text := (SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
                           WHERE d.adrelid = 'event_abstracts.abstract_field_values'::regclass AND a.attname = 'data');
      owned text := pg_get_serial_sequence('event_abstracts.abstract_field_values', 'data');
    BEGIN
      IF owned IS NOT NULL AND old_default IS NOT NULL THEN
        EXECUTE format('ALTER SEQUENCE %s OWNED BY %s.%I', owned, 'event_abstracts.abstract_field_values', 'data_new');
      END IF;
      IF old_default IS NOT NULL THEN
        EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET DEFAULT (%s)::jsonb', 'event_abstracts.abstract_field_values', 'data_new', old_default);
      END IF;
    END $$;
    ALTER TABLE event_abstracts.abstract_field_values DROP COLUMN data;
    ALTER TABLE event_abstracts.abstract_field_values RENAME COLUMN data_new TO data;
    """)


def downgrade():
    pass`,
      ],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "widening a varchar",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.alter_column("organizations", "name", existing_type=sa.String(length=120), type_=sa.String(length=255))


def downgrade():
    op.alter_column("organizations", "name", existing_type=sa.String(length=255), type_=sa.String(length=120))
`,
    },
  ],
});
