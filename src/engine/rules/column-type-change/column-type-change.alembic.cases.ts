import { CI_MATRIX_SQLITE_POSTGRES } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "dstack 5ad8debc8fe6: a batch alter_column where the project also runs on SQLite: the trigger, backfill and swap (plpgsql) on PostgreSQL only, the with block as written on SQLite",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.alter_column(
            "runner_timestamp",
            existing_type=sa.INTEGER(),
            type_=sa.BigInteger(),
            existing_nullable=True,
        )


def downgrade():
    pass
`,
      files: CI_MATRIX_SQLITE_POSTGRES,
      lines: [10],
      messages: ["This concerns the PostgreSQL installations: the project also runs on SQLite."],
      fixes: ["# PostgreSQL's way on PostgreSQL only (the connection's dialect), the operation as written on SQLite:\n# in place of the whole with block (this was its only operation):\n# \"runner_timestamp_new\" of the new type beside \"runner_timestamp\", kept converted by a trigger while the code writes \"runner_timestamp\":\nif op.get_bind().dialect.name == \"postgresql\":\n    op.add_column(\"jobs\", sa.Column(\"runner_timestamp_new\", sa.BigInteger(), nullable=True))\n    op.execute(\"\"\"\n    CREATE FUNCTION jobs_sync_runner_timestamp_new() RETURNS trigger LANGUAGE plpgsql AS $$\n    BEGIN\n      NEW.runner_timestamp_new := NEW.runner_timestamp;\n      RETURN NEW;\n    END $$;\n    CREATE TRIGGER jobs_sync_runner_timestamp_new BEFORE INSERT OR UPDATE ON jobs\n      FOR EACH ROW EXECUTE FUNCTION jobs_sync_runner_timestamp_new();\n    \"\"\")\n    op.execute(\"\"\"\n    -- runner_timestamp's NOT NULL, if it has one (the migrations do not show it): runner_timestamp_new gets it through a CHECK validated in the swap\n    DO $$\n    BEGIN\n      IF (SELECT attnotnull FROM pg_attribute WHERE attrelid = 'jobs'::regclass AND attname = 'runner_timestamp') THEN\n        ALTER TABLE jobs ADD CONSTRAINT jobs_runner_timestamp_new_not_null CHECK (runner_timestamp_new IS NOT NULL) NOT VALID;\n      END IF;\n    END $$;\n    \"\"\")\nelse:\n    with op.batch_alter_table(\"jobs\", schema=None) as batch_op:\n        batch_op.alter_column(\n            \"runner_timestamp\",\n            existing_type=sa.INTEGER(),\n            type_=sa.BigInteger(),\n            existing_nullable=True,\n        )\n\n# then a new migration, alembic/versions/c6108bae4154_fill_jobs_runner_timestamp_new.py:\nfrom alembic import op\nimport sqlalchemy as sa\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"c6108bae4154\"\nrevision = NEW_REVISION_ID\ndown_revision = \"b2\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    if op.get_bind().dialect.name == \"postgresql\":\n        with op.get_context().autocommit_block():\n            # 1000 rows a statement, each committed on its own (autocommit_block), until one updates nothing\n            while op.get_bind().execute(sa.text(\"UPDATE jobs SET runner_timestamp_new = runner_timestamp WHERE ctid IN (SELECT ctid FROM jobs WHERE runner_timestamp_new IS DISTINCT FROM runner_timestamp::bigint LIMIT 1000)\")).rowcount:\n                pass\n\n\ndef downgrade():\n    pass\n\n# then a new migration, alembic/versions/69d51ec004e3_swap_jobs_runner_timestamp.py:\nfrom alembic import op\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"69d51ec004e3\"\nrevision = NEW_REVISION_ID\ndown_revision = \"c6108bae4154\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    # the swap: short locks, no rewrite; a view that reads the old column makes DROP COLUMN fail, and an index or constraint on it that the migrations do not show goes with it: create them again over the new one in the same step\n    # the earlier migrations do not show every constraint and index of jobs (it was not created in them as SQL): list them (\\d jobs) and rebuild on runner_timestamp_new what reads runner_timestamp; FOREIGN KEYs that reference runner_timestamp must be dropped before the swap and added back after it\n    if op.get_bind().dialect.name == \"postgresql\":\n        op.execute(\"\"\"\n        DO $$\n        BEGIN\n          IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = 'jobs'::regclass AND conname = 'jobs_runner_timestamp_new_not_null') THEN\n            ALTER TABLE jobs VALIDATE CONSTRAINT jobs_runner_timestamp_new_not_null;\n            ALTER TABLE jobs ALTER COLUMN runner_timestamp_new SET NOT NULL;\n            ALTER TABLE jobs DROP CONSTRAINT jobs_runner_timestamp_new_not_null;\n          END IF;\n        END $$;\n        DROP TRIGGER jobs_sync_runner_timestamp_new ON jobs;\n        DROP FUNCTION jobs_sync_runner_timestamp_new();\n        -- runner_timestamp's default and sequence, or its identity, if any (the migrations do not show them), given to runner_timestamp_new before DROP COLUMN takes them\n        DO $$\n        DECLARE\n          old_default text := (SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum\n                               WHERE d.adrelid = 'jobs'::regclass AND a.attname = 'runner_timestamp');\n          owned text := pg_get_serial_sequence('jobs', 'runner_timestamp');\n          old_identity \"char\" := (SELECT attidentity FROM pg_attribute WHERE attrelid = 'jobs'::regclass AND attname = 'runner_timestamp');\n        BEGIN\n          IF old_identity IN ('a', 'd') THEN\n            EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET NOT NULL', 'jobs', 'runner_timestamp_new');\n            EXECUTE format('ALTER TABLE %s ALTER COLUMN %I ADD GENERATED %s AS IDENTITY', 'jobs', 'runner_timestamp_new', CASE old_identity WHEN 'a' THEN 'ALWAYS' ELSE 'BY DEFAULT' END);\n            EXECUTE format('SELECT setval(%L, last_value, is_called) FROM %s', pg_get_serial_sequence('jobs', 'runner_timestamp_new'), owned);\n          END IF;\n          IF owned IS NOT NULL AND old_default IS NOT NULL THEN\n            EXECUTE format('ALTER SEQUENCE %s OWNED BY %s.%I', owned, 'jobs', 'runner_timestamp_new');\n            EXECUTE format('ALTER SEQUENCE %s AS bigint', owned);\n          END IF;\n          IF old_default IS NOT NULL THEN\n            EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET DEFAULT (%s)::bigint', 'jobs', 'runner_timestamp_new', old_default);\n          END IF;\n        END $$;\n        ALTER TABLE jobs DROP COLUMN runner_timestamp;\n        ALTER TABLE jobs RENAME COLUMN runner_timestamp_new TO runner_timestamp;\n        \"\"\")\n\n\ndef downgrade():\n    pass"],
    },
    {
      framework: "alembic",
      name: "a loop over table names whose body skips one of them with continue, decided per item: that table's column is not converted",
      code: `from alembic import op

revision = "fa8cf884aa8e"
down_revision = "a7e8a70b1772"

tables = ["user", "webhook", "blogpost"]


def upgrade():
    for t in tables:
        if t == "webhook":
            continue
        op.execute("""ALTER TABLE "%s" ALTER COLUMN info SET DATA TYPE jsonb USING info::jsonb""" % t)


def downgrade():
    pass
`,
      lines: [13, 13],
      messages: ["Changing blogpost.info to jsonb", "Changing user.info to jsonb"],
    },
    {
      framework: "alembic",
      name: "a comprehension statement with an if clause on its variable: unrolled, the items the if leaves out skipped",
      code: `from alembic import op

revision = "fa8cf884aa8e"
down_revision = "a7e8a70b1772"

tables = ["user", "webhook", "blogpost"]


def upgrade():
    [op.execute("""ALTER TABLE "%s" ALTER COLUMN info SET DATA TYPE jsonb USING info::jsonb""" % t) for t in tables if t != "webhook"]


def downgrade():
    pass
`,
      lines: [10, 10],
      messages: ["Changing blogpost.info to jsonb", "Changing user.info to jsonb"],
    },
    {
      framework: "alembic",
      name: "pybossa fa8cf884aa8e: an if/else on the loop variable inside a loop over table names is decided per item: only webhook converts payload, the other tables info",
      code: `from alembic import op

revision = "fa8cf884aa8e"
down_revision = "a7e8a70b1772"

tables = ["user", "blogpost", "webhook"]


def upgrade():
    for table in tables:
        if table == "user":
            op.execute("DROP MATERIALIZED VIEW users_rank")
        if table != "webhook":
            query = """ALTER TABLE "%s" ALTER COLUMN info SET DATA TYPE jsonb USING info::jsonb;""" % table
        else:
            query = """ALTER TABLE "%s" ALTER COLUMN payload SET DATA TYPE jsonb USING payload::jsonb;""" % table
        op.execute(query)


def downgrade():
    pass
`,
      lines: [17, 17, 17],
      messages: ["Changing blogpost.info to jsonb", "Changing user.info to jsonb", "Changing webhook.payload to jsonb"],
    },
    {
      framework: "alembic",
      name: "mwdb-core 7054c09d10ac: a later revision renames the table (metakey to attribute): the swap's fill and DROP COLUMN would run at the head of the history under the old name, so no swap, and the fix names the rename",
      path: "migrations/versions/b2_value_jsonb.py",
      files: {
        "migrations/versions/a1_create.py": `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "a1"\ndown_revision = None\n\n\ndef upgrade():\n    op.create_table("metakey", sa.Column("id", sa.Integer, primary_key=True), sa.Column("value", sa.Text(), nullable=False))\n\n\ndef downgrade():\n    pass\n`,
        "migrations/versions/c3_rename.py": `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "c3"\ndown_revision = "b2"\n\n\ndef upgrade():\n    op.rename_table("metakey", "attribute")\n\n\ndef downgrade():\n    pass\n`,
      },
      code: `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "b2"\ndown_revision = "a1"\n\n\ndef upgrade():\n    op.alter_column("metakey", "value", type_=sa.dialects.postgresql.JSONB(), postgresql_using="to_jsonb(value)")\n\n\ndef downgrade():\n    pass\n`,
      lines: [9],
      fixes: [
        "# no swap: a later migration renames what it converts (migrations/versions/c3_rename.py:9 renames table metakey to attribute), and the swap's steps after this migration (the fill, the DROP COLUMN) would run at the head of the history, where the old names are gone.\n# The rewrite stays as written: run this migration when metakey can be locked for its length.",
      ],
    },
    {
      framework: "alembic",
      name: "bodhi 190ba571c7d2: a column the application's SQLAlchemy model declares primary_key=True, on a table the migrations never define: no column swap, whose DROP COLUMN would take the key with it; the finding says why",
      path: "bodhi/server/migrations/versions/190ba571c7d2_remove_batched.py",
      files: { "bodhi/server/models.py": "from sqlalchemy import Column, Integer, ForeignKey, Enum\nfrom sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n\n\nclass Compose(Base):\n    __tablename__ = \"composes\"\n    release_id = Column(Integer, ForeignKey(\"releases.id\"), primary_key=True, nullable=False)\n    request = Column(Enum(\"testing\", \"stable\", name=\"ck_update_request\"), primary_key=True, nullable=False)\n" },
      code: "from alembic import op\n\nrevision = \"190ba571c7d2\"\ndown_revision = \"5c86a3f9dc03\"\n\n\ndef upgrade():\n    op.execute(\"ALTER TYPE ck_update_request RENAME TO ck_update_request_old\")\n    op.execute(\"CREATE TYPE ck_update_request AS ENUM('testing', 'stable')\")\n    op.execute(\"ALTER TABLE composes ALTER COLUMN request TYPE ck_update_request USING request::text::ck_update_request\")\n    op.execute(\"DROP TYPE ck_update_request_old\")\n\n\ndef downgrade():\n    pass\n",
      lines: [10],
      messages: ["request is part of composes's primary key (bodhi/server/models.py: Compose declares it primary_key=True), which the migrations do not show: no column swap is offered."],
      fixes: ["# no expand/contract for composes.request: it is part of the primary key (bodhi/server/models.py: Compose), and a swap ends with DROP COLUMN, which\n# drops the key with it; rebuilding it (a unique index built CONCURRENTLY over the new column and the key's other columns,\n# the FOREIGN KEYs that reference it dropped and added back) needs the key's definition, which the migrations do not show.\n# On a small table keep the change as written; on a large one, plan the key's rebuild from \\d composes."],
    },
    {
      framework: "alembic",
      name: "schema-qualified SQL on a table created with create_table(schema=\"billing\"): the old type is read from that revision (text), so the change is known to rewrite",
      path: "alembic/versions/b2_note_type.py",
      files: {
        "alembic/versions/a1_init.py": `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_table(
        "invoices",
        sa.Column("id", sa.BigInteger(), primary_key=True),
        sa.Column("amount", sa.Numeric(10, 2), nullable=False),
        sa.Column("note", sa.Text()),
        schema="billing",
    )


def downgrade():
    op.drop_table("invoices", schema="billing")
`,
      },
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.execute("ALTER TABLE billing.invoices ALTER COLUMN note TYPE integer USING note::integer")


def downgrade():
    # the old type is not written here: the case is about the earlier revision's
    pass
`,
      lines: [8],
      // with the old type unknown: "changing a column to integer rewrites the whole table"
      messages: ["a USING conversion rewrites the table"],
    },
    {
      framework: "alembic",
      name: "a String column to postgresql.CITEXT: no row rewritten (the extension's cast is WITHOUT FUNCTION), a note that any index on it is rebuilt",
      code: `from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "c1"
down_revision = "b1"


def upgrade():
    op.alter_column("users", "email", existing_type=sa.String(length=255), type_=postgresql.CITEXT())


def downgrade():
    op.alter_column("users", "email", existing_type=postgresql.CITEXT(), type_=sa.String(length=255))
`,
      lines: [10],
      severities: ["info"],
      messages: ["varchar(255) -> citext is binary-coercible (the citext extension's casts are WITHOUT FUNCTION), so no row is rewritten, but any index on users.email is rebuilt"],
    },
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
      name: "an integer key to bigint: the columns whose named foreign keys reference it (sa.ForeignKey in create_table, op.create_foreign_key) are converted with it, the keys added back under their names",
      path: "alembic/versions/b2_bigint_ids.py",
      files: {
        "alembic/versions/a1_init.py": `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_table("clients", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("name", sa.Text(), nullable=False))
    op.create_table(
        "codes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("client_id", sa.Integer(), sa.ForeignKey("clients.id", name="fk_codes_client_id_clients", ondelete="CASCADE"), nullable=False),
    )
    op.create_table("grants", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("client_id", sa.Integer()))
    op.create_foreign_key(op.f("fk_grants_client_id_clients"), "grants", "clients", ["client_id"], ["id"])


def downgrade():
    op.drop_table("grants")
    op.drop_table("codes")
    op.drop_table("clients")
`,
      },
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.alter_column("clients", "id", existing_type=sa.Integer(), type_=sa.BigInteger())


def downgrade():
    op.alter_column("clients", "id", existing_type=sa.BigInteger(), type_=sa.Integer())
`,
      lines: [9],
      fixes: ["# clients.id and the columns that reference it (codes.client_id, grants.client_id) converted together:\n# a FOREIGN KEY holds only between columns of compatible types. A column of the new type beside each, kept converted by a trigger\n# while the code writes the old one; each filled in batches; one swap exchanges them all, the keys added back NOT VALID:\nop.add_column(\"clients\", sa.Column(\"id_new\", sa.BigInteger(), nullable=True))\nop.execute(\"\"\"\nCREATE FUNCTION clients_sync_id_new() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.id_new := NEW.id;\n  RETURN NEW;\nEND $$;\nCREATE TRIGGER clients_sync_id_new BEFORE INSERT OR UPDATE ON clients\n  FOR EACH ROW EXECUTE FUNCTION clients_sync_id_new();\n\"\"\")\nop.execute(\"ALTER TABLE clients ADD CONSTRAINT clients_id_new_not_null CHECK (id_new IS NOT NULL) NOT VALID;\")\nop.add_column(\"codes\", sa.Column(\"client_id_new\", sa.BigInteger(), nullable=True))\nop.execute(\"\"\"\nCREATE FUNCTION codes_sync_client_id_new() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.client_id_new := NEW.client_id;\n  RETURN NEW;\nEND $$;\nCREATE TRIGGER codes_sync_client_id_new BEFORE INSERT OR UPDATE ON codes\n  FOR EACH ROW EXECUTE FUNCTION codes_sync_client_id_new();\n\"\"\")\nop.execute(\"ALTER TABLE codes ADD CONSTRAINT codes_client_id_new_not_null CHECK (client_id_new IS NOT NULL) NOT VALID;\")\nop.add_column(\"grants\", sa.Column(\"client_id_new\", sa.BigInteger(), nullable=True))\nop.execute(\"\"\"\nCREATE FUNCTION grants_sync_client_id_new() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.client_id_new := NEW.client_id;\n  RETURN NEW;\nEND $$;\nCREATE TRIGGER grants_sync_client_id_new BEFORE INSERT OR UPDATE ON grants\n  FOR EACH ROW EXECUTE FUNCTION grants_sync_client_id_new();\n\"\"\")\n\n# then a new migration, alembic/versions/aaf5ca010182_fill_clients_id_new.py:\nfrom alembic import op\nimport sqlalchemy as sa\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"aaf5ca010182\"\nrevision = NEW_REVISION_ID\ndown_revision = \"b2\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    with op.get_context().autocommit_block():\n        # 1000 rows a statement, each committed on its own (autocommit_block), until one updates nothing\n        while op.get_bind().execute(sa.text(\"UPDATE clients SET id_new = id WHERE ctid IN (SELECT ctid FROM clients WHERE id_new IS DISTINCT FROM id::bigint LIMIT 1000)\")).rowcount:\n            pass\n\n\ndef downgrade():\n    pass\n\n# then a new migration, alembic/versions/0665165fd9b1_fill_codes_client_id_new.py:\nfrom alembic import op\nimport sqlalchemy as sa\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"0665165fd9b1\"\nrevision = NEW_REVISION_ID\ndown_revision = \"aaf5ca010182\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    with op.get_context().autocommit_block():\n        # 1000 rows a statement, each committed on its own (autocommit_block), until one updates nothing\n        while op.get_bind().execute(sa.text(\"UPDATE codes SET client_id_new = client_id WHERE ctid IN (SELECT ctid FROM codes WHERE client_id_new IS DISTINCT FROM client_id::bigint LIMIT 1000)\")).rowcount:\n            pass\n\n\ndef downgrade():\n    pass\n\n# then a new migration, alembic/versions/4baa5fff7b85_fill_grants_client_id_new.py:\nfrom alembic import op\nimport sqlalchemy as sa\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"4baa5fff7b85\"\nrevision = NEW_REVISION_ID\ndown_revision = \"0665165fd9b1\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    with op.get_context().autocommit_block():\n        # 1000 rows a statement, each committed on its own (autocommit_block), until one updates nothing\n        while op.get_bind().execute(sa.text(\"UPDATE grants SET client_id_new = client_id WHERE ctid IN (SELECT ctid FROM grants WHERE client_id_new IS DISTINCT FROM client_id::bigint LIMIT 1000)\")).rowcount:\n            pass\n\n\ndef downgrade():\n    pass\n\n# then a new migration, alembic/versions/a0dbdec4aaf7_index_clients_id_new.py:\nfrom alembic import op\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"a0dbdec4aaf7\"\nrevision = NEW_REVISION_ID\ndown_revision = \"4baa5fff7b85\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    with op.get_context().autocommit_block():\n        op.execute(\"CREATE UNIQUE INDEX CONCURRENTLY clients_pkey_new ON clients (id_new);\")\n\n\ndef downgrade():\n    pass\n\n# then a new migration, alembic/versions/f73d00305cbf_swap_clients_id.py:\nfrom alembic import op\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"f73d00305cbf\"\nrevision = NEW_REVISION_ID\ndown_revision = \"a0dbdec4aaf7\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    # the swap: short locks, no rewrite; a view that reads the old column makes DROP COLUMN fail, and an index or constraint on it that the migrations do not show goes with it: create them again over the new one in the same step\n    # the primary key is rebuilt as clients_pkey, PostgreSQL's name for a key declared inline: if the project names its keys otherwise (a naming convention), use that name\n    # the earlier migrations create clients with op.create_table, whose constraints and indexes on id migguard rebuilds here as far as it reads them: list them (\\d clients) and rebuild on id_new any other that reads id; FOREIGN KEYs that reference id must be dropped before the swap and added back after it\n    # the earlier migrations create codes with op.create_table, whose constraints and indexes on client_id migguard rebuilds here as far as it reads them: list them (\\d codes) and rebuild on client_id_new any other that reads client_id; FOREIGN KEYs that reference client_id must be dropped before the swap and added back after it\n    # the earlier migrations create grants with op.create_table, whose constraints and indexes on client_id migguard rebuilds here as far as it reads them: list them (\\d grants) and rebuild on client_id_new any other that reads client_id; FOREIGN KEYs that reference client_id must be dropped before the swap and added back after it\n    op.execute(\"\"\"\n    ALTER TABLE clients VALIDATE CONSTRAINT clients_id_new_not_null;\n    ALTER TABLE clients ALTER COLUMN id_new SET NOT NULL;\n    ALTER TABLE clients DROP CONSTRAINT clients_id_new_not_null;\n    DROP TRIGGER clients_sync_id_new ON clients;\n    DROP FUNCTION clients_sync_id_new();\n    -- id's default and sequence, or its identity, if any (the migrations do not show them), given to id_new before DROP COLUMN takes them\n    DO $$\n    DECLARE\n      old_default text := (SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum\n                           WHERE d.adrelid = 'clients'::regclass AND a.attname = 'id');\n      owned text := pg_get_serial_sequence('clients', 'id');\n      old_identity \"char\" := (SELECT attidentity FROM pg_attribute WHERE attrelid = 'clients'::regclass AND attname = 'id');\n    BEGIN\n      IF old_identity IN ('a', 'd') THEN\n        EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET NOT NULL', 'clients', 'id_new');\n        EXECUTE format('ALTER TABLE %s ALTER COLUMN %I ADD GENERATED %s AS IDENTITY', 'clients', 'id_new', CASE old_identity WHEN 'a' THEN 'ALWAYS' ELSE 'BY DEFAULT' END);\n        EXECUTE format('SELECT setval(%L, last_value, is_called) FROM %s', pg_get_serial_sequence('clients', 'id_new'), owned);\n      END IF;\n      IF owned IS NOT NULL AND old_default IS NOT NULL THEN\n        EXECUTE format('ALTER SEQUENCE %s OWNED BY %s.%I', owned, 'clients', 'id_new');\n        EXECUTE format('ALTER SEQUENCE %s AS bigint', owned);\n      END IF;\n      IF old_default IS NOT NULL THEN\n        EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET DEFAULT (%s)::bigint', 'clients', 'id_new', old_default);\n      END IF;\n    END $$;\n    ALTER TABLE codes VALIDATE CONSTRAINT codes_client_id_new_not_null;\n    ALTER TABLE codes ALTER COLUMN client_id_new SET NOT NULL;\n    ALTER TABLE codes DROP CONSTRAINT codes_client_id_new_not_null;\n    DROP TRIGGER codes_sync_client_id_new ON codes;\n    DROP FUNCTION codes_sync_client_id_new();\n    DROP TRIGGER grants_sync_client_id_new ON grants;\n    DROP FUNCTION grants_sync_client_id_new();\n    ALTER TABLE codes DROP CONSTRAINT fk_codes_client_id_clients;\n    ALTER TABLE grants DROP CONSTRAINT fk_grants_client_id_clients;\n    ALTER TABLE clients DROP COLUMN id;\n    ALTER TABLE codes DROP COLUMN client_id;\n    ALTER TABLE grants DROP COLUMN client_id;\n    ALTER TABLE clients RENAME COLUMN id_new TO id;\n    ALTER TABLE codes RENAME COLUMN client_id_new TO client_id;\n    ALTER TABLE grants RENAME COLUMN client_id_new TO client_id;\n    ALTER TABLE clients ADD CONSTRAINT clients_pkey PRIMARY KEY USING INDEX clients_pkey_new;\n    ALTER TABLE codes ADD CONSTRAINT fk_codes_client_id_clients FOREIGN KEY (client_id) REFERENCES clients (id) ON DELETE CASCADE NOT VALID;\n    ALTER TABLE grants ADD CONSTRAINT fk_grants_client_id_clients FOREIGN KEY (client_id) REFERENCES clients (id) NOT VALID;\n    \"\"\")\n\n\ndef downgrade():\n    pass\n\n# then a new migration, alembic/versions/4338d428a0bd_validate_clients_id_keys.py:\nfrom alembic import op\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"4338d428a0bd\"\nrevision = NEW_REVISION_ID\ndown_revision = \"f73d00305cbf\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    op.execute(\"ALTER TABLE codes VALIDATE CONSTRAINT fk_codes_client_id_clients;\")\n    op.execute(\"ALTER TABLE grants VALIDATE CONSTRAINT fk_grants_client_id_clients;\")\n\n\ndef downgrade():\n    pass"],
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
op.execute("""
-- data's NOT NULL, if it has one (the migrations do not show it): data_new gets it through a CHECK validated in the swap
DO $$
BEGIN
  IF (SELECT attnotnull FROM pg_attribute WHERE attrelid = 'event_abstracts.abstract_field_values'::regclass AND attname = 'data') THEN
    ALTER TABLE event_abstracts.abstract_field_values ADD CONSTRAINT abstract_field_values_data_new_not_null CHECK (data_new IS NOT NULL) NOT VALID;
  END IF;
END $$;
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
    # the swap: short locks, no rewrite; a view that reads the old column makes DROP COLUMN fail, and an index or constraint on it that the migrations do not show goes with it: create them again over the new one in the same step
    # the earlier migrations do not show every constraint and index of event_abstracts.abstract_field_values (it was not created in them as SQL): list them (\\d event_abstracts.abstract_field_values) and rebuild on data_new what reads data; FOREIGN KEYs that reference data must be dropped before the swap and added back after it
    op.execute("""
    DO $$
    BEGIN
      IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = 'event_abstracts.abstract_field_values'::regclass AND conname = 'abstract_field_values_data_new_not_null') THEN
        ALTER TABLE event_abstracts.abstract_field_values VALIDATE CONSTRAINT abstract_field_values_data_new_not_null;
        ALTER TABLE event_abstracts.abstract_field_values ALTER COLUMN data_new SET NOT NULL;
        ALTER TABLE event_abstracts.abstract_field_values DROP CONSTRAINT abstract_field_values_data_new_not_null;
      END IF;
    END $$;
    DROP TRIGGER abstract_field_values_sync_data_new ON event_abstracts.abstract_field_values;
    DROP FUNCTION event_abstracts.abstract_field_values_sync_data_new();
    -- data's default and sequence, or its identity, if any (the migrations do not show them), given to data_new before DROP COLUMN takes them
    DO $$
    DECLARE
      old_default text := (SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
                           WHERE d.adrelid = 'event_abstracts.abstract_field_values'::regclass AND a.attname = 'data');
      owned text := pg_get_serial_sequence('event_abstracts.abstract_field_values', 'data');
      old_identity "char" := (SELECT attidentity FROM pg_attribute WHERE attrelid = 'event_abstracts.abstract_field_values'::regclass AND attname = 'data');
    BEGIN
      IF old_identity IN ('a', 'd') THEN
        EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET NOT NULL', 'event_abstracts.abstract_field_values', 'data_new');
        EXECUTE format('ALTER TABLE %s ALTER COLUMN %I ADD GENERATED %s AS IDENTITY', 'event_abstracts.abstract_field_values', 'data_new', CASE old_identity WHEN 'a' THEN 'ALWAYS' ELSE 'BY DEFAULT' END);
        EXECUTE format('SELECT setval(%L, last_value, is_called) FROM %s', pg_get_serial_sequence('event_abstracts.abstract_field_values', 'data_new'), owned);
      END IF;
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
    {
      framework: "alembic",
      name: "onyx 91fd3b470d1a: tag.source narrowed, its UNIQUE (tag_key, tag_value, source) defined by sa.UniqueConstraint in 904e5138fffb's op.create_table: the swap builds it again over the new column CONCURRENTLY and attaches it under its name, since DROP COLUMN takes it",
      path: "alembic/versions/91fd3b470d1a_remove_documentsource_from_tag.py",
      files: {
        "alembic/versions/904e5138fffb_tags.py": `from alembic import op
import sqlalchemy as sa

revision = "904e5138fffb"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "tag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tag_key", sa.String(), nullable=False),
        sa.Column("tag_value", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "tag_key", "tag_value", "source", name="_tag_key_value_source_uc"
        ),
    )


def downgrade() -> None:
    op.drop_table("tag")
`,
      },
      code: `from alembic import op
import sqlalchemy as sa

revision = "91fd3b470d1a"
down_revision = "904e5138fffb"


def upgrade() -> None:
    op.alter_column(
        "tag",
        "source",
        type_=sa.String(length=50),
        existing_type=sa.String(),
        existing_nullable=False,
    )


def downgrade() -> None:
    op.alter_column(
        "tag",
        "source",
        type_=sa.String(),
        existing_type=sa.String(length=50),
        existing_nullable=False,
    )
`,
      lines: [9],
      fixes: ["# \"source_new\" of the new type beside \"source\", kept converted by a trigger while the code writes \"source\":\nop.add_column(\"tag\", sa.Column(\"source_new\", sa.String(length=50), nullable=True))\nop.execute(\"\"\"\nCREATE FUNCTION tag_sync_source_new() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.source_new := NEW.source;\n  RETURN NEW;\nEND $$;\nCREATE TRIGGER tag_sync_source_new BEFORE INSERT OR UPDATE ON tag\n  FOR EACH ROW EXECUTE FUNCTION tag_sync_source_new();\n\"\"\")\nop.execute(\"ALTER TABLE tag ADD CONSTRAINT tag_source_new_not_null CHECK (source_new IS NOT NULL) NOT VALID;\")\n\n# then a new migration, alembic/versions/60758848746b_fill_tag_source_new.py:\nfrom alembic import op\nimport sqlalchemy as sa\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"60758848746b\"\nrevision = NEW_REVISION_ID\ndown_revision = \"91fd3b470d1a\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    with op.get_context().autocommit_block():\n        # 1000 rows a statement, each committed on its own (autocommit_block), until one updates nothing\n        while op.get_bind().execute(sa.text(\"UPDATE tag SET source_new = source WHERE ctid IN (SELECT ctid FROM tag WHERE source_new IS DISTINCT FROM source::varchar(50) LIMIT 1000)\")).rowcount:\n            pass\n\n\ndef downgrade():\n    pass\n\n# then a new migration, alembic/versions/0f28c16e1cde_index_tag_source_new.py:\nfrom alembic import op\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"0f28c16e1cde\"\nrevision = NEW_REVISION_ID\ndown_revision = \"60758848746b\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    with op.get_context().autocommit_block():\n        op.execute(\"CREATE UNIQUE INDEX CONCURRENTLY _tag_key_value_source_uc_new ON tag (tag_key, tag_value, source_new);\")\n\n\ndef downgrade():\n    pass\n\n# then a new migration, alembic/versions/4154237ef047_swap_tag_source.py:\nfrom alembic import op\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"4154237ef047\"\nrevision = NEW_REVISION_ID\ndown_revision = \"0f28c16e1cde\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    # the swap: short locks, no rewrite; a view that reads the old column makes DROP COLUMN fail, and an index or constraint on it that the migrations do not show goes with it: create them again over the new one in the same step\n    # the earlier migrations create tag with op.create_table, whose constraints and indexes on source migguard rebuilds here as far as it reads them: list them (\\d tag) and rebuild on source_new any other that reads source; FOREIGN KEYs that reference source must be dropped before the swap and added back after it\n    op.execute(\"\"\"\n    ALTER TABLE tag VALIDATE CONSTRAINT tag_source_new_not_null;\n    ALTER TABLE tag ALTER COLUMN source_new SET NOT NULL;\n    ALTER TABLE tag DROP CONSTRAINT tag_source_new_not_null;\n    DROP TRIGGER tag_sync_source_new ON tag;\n    DROP FUNCTION tag_sync_source_new();\n    ALTER TABLE tag DROP COLUMN source;\n    ALTER TABLE tag RENAME COLUMN source_new TO source;\n    ALTER TABLE tag ADD CONSTRAINT _tag_key_value_source_uc UNIQUE USING INDEX _tag_key_value_source_uc_new;\n    \"\"\")\n\n\ndef downgrade():\n    pass"],
    },
    {
      framework: "alembic",
      name: "dstack bc8ca4a505c6: two columns of a PostgreSQL enum to varchar, then sa.Enum(name=...).drop(): one plan converts both and the type is dropped in the swap, after both old columns (in its place the DROP fails: they still have the type)",
      code: `from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "bc8ca4a505c6"
down_revision = "98d1b92988bc"


def upgrade():
    with op.batch_alter_table("backends", schema=None) as batch_op:
        batch_op.alter_column("type", existing_type=postgresql.ENUM("AWS", "GCP", name="backendtype"), type_=sa.String(length=100), existing_nullable=False)

    with op.batch_alter_table("instances", schema=None) as batch_op:
        batch_op.alter_column("backend", existing_type=postgresql.ENUM("AWS", "GCP", name="backendtype"), type_=sa.String(length=100), existing_nullable=True)

    sa.Enum(
        "AWS",
        "GCP",
        name="backendtype",
    ).drop(op.get_bind())


def downgrade():
    pass
`,
      lines: [11, 14],
      messages: [
        "Line 16 of the migration changes the type the others still have until their swap: the fix converts backends.type and instances.backend together.",
        "It is converted with backends.type (line 16 of the migration, run once after the swap of them all, changes the type each has until then) in the fix of line 11.",
      ],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "schema-qualified SQL on a table created with create_table(schema=\"billing\"): the old type is read from that revision, numeric(10,2) to numeric(12,2), which rewrites nothing",
      path: "alembic/versions/b2_wider_amount.py",
      files: {
        "alembic/versions/a1_init.py": `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_table(
        "invoices",
        sa.Column("id", sa.BigInteger(), primary_key=True),
        sa.Column("amount", sa.Numeric(10, 2), nullable=False),
        sa.Column("note", sa.Text()),
        schema="billing",
    )


def downgrade():
    op.drop_table("invoices", schema="billing")
`,
      },
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.execute("ALTER TABLE billing.invoices ALTER COLUMN amount TYPE numeric(12, 2)")


def downgrade():
    # the old type is not written here: the case is about the earlier revision's
    pass
`,
    },
    {
      framework: "alembic",
      name: "two schemas hold a table of one name: alter_column(schema=\"archive\") reads archive's column (varchar(20) to varchar(50), no rewrite), not billing's text",
      path: "alembic/versions/b2_longer_note.py",
      files: {
        "alembic/versions/a1_init.py": `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_table("invoices", sa.Column("id", sa.BigInteger(), primary_key=True), sa.Column("note", sa.String(20)), schema="archive")
    op.create_table("invoices", sa.Column("id", sa.BigInteger(), primary_key=True), sa.Column("note", sa.Text()), schema="billing")


def downgrade():
    op.drop_table("invoices", schema="billing")
    op.drop_table("invoices", schema="archive")
`,
      },
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.alter_column("invoices", "note", type_=sa.String(50), schema="archive")


def downgrade():
    # the old type is not written here: the case is about the earlier revision's
    pass
`,
    },
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
