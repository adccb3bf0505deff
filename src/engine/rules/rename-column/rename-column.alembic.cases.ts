import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "SurfSense 156: the rename comes with a change of units (bigint, then the UPDATE that multiplies by 1000): no trigger or backfill that copies pages into micros as they are; the fix says the conversion must be written into both",
      path: "surfsense_backend/alembic/versions/156_unify_credits_wallet.py",
      files: {
        "surfsense_backend/alembic/versions/155_incentives.py": `import sqlalchemy as sa
from alembic import op

revision = "155"
down_revision = None


def upgrade():
    op.create_table("user_incentive_tasks", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("pages_awarded", sa.Integer(), nullable=False))


def downgrade():
    op.drop_table("user_incentive_tasks")
`,
      },
      code: `import sqlalchemy as sa
from alembic import op

revision = "156"
down_revision = "155"


def upgrade():
    conn = op.get_bind()
    op.alter_column(
        "user_incentive_tasks",
        "pages_awarded",
        new_column_name="credit_micros_awarded",
        type_=sa.BigInteger(),
    )
    conn.execute(sa.text("UPDATE user_incentive_tasks SET credit_micros_awarded = credit_micros_awarded * 1000"))


def downgrade():
    pass
`,
      lines: [10],
      severities: ["error"],
      messages: [
        "The migration also converts the values (line 16 rewrites its values with UPDATE user_incentive_tasks SET credit_micros_awarded = credit_micros_awarded * 1000): code that keeps both names in step must convert them too.",
      ],
      fixes: [
        `# this migration also converts the values: line 16 rewrites its values with UPDATE user_incentive_tasks SET credit_micros_awarded = credit_micros_awarded * 1000. An expand that copies pages_awarded into credit_micros_awarded
# as they are (a trigger and a backfill) would store unconverted values in credit_micros_awarded, and copy credit_micros_awarded's back into pages_awarded.
# To rename while old code runs: add credit_micros_awarded beside pages_awarded; keep the two in step with a trigger that converts:
# credit_micros_awarded from pages_awarded as this migration does, when old code writes pages_awarded, and pages_awarded from credit_micros_awarded the inverse way, when new code writes credit_micros_awarded
# (write both conversions yourself: migguard does not know the inverse, nor whether it is exact); fill credit_micros_awarded from pages_awarded with the same
# conversion, in batches; deploy the code that reads credit_micros_awarded; then drop the trigger and pages_awarded in a later migration.`,
      ],
    },
    {
      framework: "alembic",
      name: "the same rename with its type widened to bigint and no UPDATE: a copy casts each value as the ALTER does, so the trigger-and-backfill expand stays",
      path: "surfsense_backend/alembic/versions/156_unify_credits_wallet.py",
      code: `import sqlalchemy as sa
from alembic import op

revision = "156"
down_revision = "155"


def upgrade():
    op.alter_column(
        "user_incentive_tasks",
        "pages_awarded",
        new_column_name="credit_micros_awarded",
        type_=sa.BigInteger(),
    )


def downgrade():
    pass
`,
      lines: [9],
      severities: ["error"],
      messages: ["Renaming user_incentive_tasks.pages_awarded to credit_micros_awarded breaks code that still uses pages_awarded while the deploy rolls out."],
    },
    {
      framework: "alembic",
      name: "code-before-migrate deploy, a loop over tables only the database names renames a column of each: the new code's finding says the table in words, never as a placeholder",
      config: { deploy: "code-before-migrate" },
      code: `import sqlalchemy as sa
from alembic import op

revision = "b2"
down_revision = None


def upgrade():
    bind = op.get_bind()
    for table in sa.inspect(bind).get_table_names():
        op.alter_column(table, "note", new_column_name="comment")


def downgrade():
    pass
`,
      lines: [11],
      severities: ["error"],
      messages: ["Renaming note (of a table named at run time) to comment: the deploy puts the new code live before this migration runs (config `deploy: code-before-migrate`), and the new code queries comment (of a table named at run time)"],
    },
    {
      framework: "alembic",
      name: "osparc's 009c81406676: a state column moved aside, a new enum column added under its name, the old values mapped into it by a list comprehension of UPDATEs, the old column dropped: the values move, the running code meets a new column",
      code: `import sqlalchemy as sa
from alembic import op

revision = "b2"
down_revision = "a1"

PENDING = 1
SUCCESS = 3


def upgrade():
    op.alter_column("comp_tasks", "state", new_column_name="deprecated_state")
    op.add_column("comp_tasks", sa.Column("state", sa.String(), nullable=False, server_default="NOT_STARTED"))
    migration_map = {PENDING: "PENDING", SUCCESS: "SUCCESS"}
    [
        op.execute(sa.DDL(f"UPDATE comp_tasks SET state='{new}' WHERE comp_tasks.deprecated_state = '{old}'"))
        for old, new in migration_map.items()
    ]
    op.drop_column("comp_tasks", "deprecated_state")


def downgrade():
    pass
`,
      lines: [12],
      messages: ["the UPDATE on line 16 converts the old values into it"],
      fixes: [
        [
          "# state is added anew on line 13 of this migration: this rename moves the old column aside for a new one of the same name,",
          '# so keeping state in place beside deprecated_state (the usual expand) would make that ADD COLUMN fail with "column already exists".',
          "# To replace comp_tasks.state while old code runs: add the new column under a name of its own, fill it and keep it in step",
          "# (a trigger) while the old code writes state, deploy the code that reads the new column, then drop state in a later migration.",
          "# (the UPDATE on line 16 carries the old values from deprecated_state into the new state before deprecated_state is dropped on line 19.)",
        ].join("\n"),
      ],
    },
    {
      framework: "alembic",
      name: "aleph's role_id_flags: document.uploader_id references role.id (an unnamed sa.ForeignKeyConstraint of the revision that created the table): the new column gets the same key, added NOT VALID in the expand and validated in the contract",
      files: {
        "alembic/versions/a1_init.py": `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_table("role", sa.Column("id", sa.Integer(), nullable=False), sa.PrimaryKeyConstraint("id"))
    op.create_table(
        "document",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("uploader_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["uploader_id"],
            ["role.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade():
    pass
`,
      },
      path: "alembic/versions/b2_role_id.py",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.alter_column("document", "uploader_id", new_column_name="role_id")


def downgrade():
    pass
`,
      lines: [8],
      messages: ["Renaming document.uploader_id to role_id"],
      fixes: [
        "# expand: \"role_id\" beside \"uploader_id\", kept in step by a trigger while old and new code run\nop.add_column(\"document\", sa.Column(\"role_id\", sa.Integer(), nullable=True))\nop.execute(\"ALTER TABLE document ADD CONSTRAINT document_role_id_fkey FOREIGN KEY (role_id) REFERENCES role (id) NOT VALID;\")\nop.execute(\"\"\"\nCREATE FUNCTION document_sync_role_id() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  IF TG_OP = 'INSERT' THEN\n    NEW.role_id := COALESCE(NEW.role_id, NEW.uploader_id);\n    NEW.uploader_id := COALESCE(NEW.uploader_id, NEW.role_id);\n  ELSIF NEW.uploader_id IS DISTINCT FROM OLD.uploader_id THEN\n    NEW.role_id := NEW.uploader_id;\n  ELSIF NEW.role_id IS DISTINCT FROM OLD.role_id THEN\n    NEW.uploader_id := NEW.role_id;\n  END IF;\n  RETURN NEW;\nEND $$;\nCREATE TRIGGER document_sync_role_id BEFORE INSERT OR UPDATE ON document\n  FOR EACH ROW EXECUTE FUNCTION document_sync_role_id();\n\"\"\")\n\n# and in this revision's downgrade(), (it must undo the expand):\nop.execute(\"\"\"\nDROP TRIGGER document_sync_role_id ON document;\nDROP FUNCTION document_sync_role_id();\n\"\"\")\nop.drop_column(\"document\", \"role_id\")\n\n# then a new migration, alembic/versions/98a4e103601b_fill_document_role_id.py:\nfrom alembic import op\nimport sqlalchemy as sa\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"98a4e103601b\"\nrevision = NEW_REVISION_ID\ndown_revision = \"b2\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    with op.get_context().autocommit_block():\n        # 1000 rows a statement, each committed on its own (autocommit_block), until one updates nothing\n        while op.get_bind().execute(sa.text(\"UPDATE document SET role_id = uploader_id WHERE ctid IN (SELECT ctid FROM document WHERE role_id IS DISTINCT FROM uploader_id LIMIT 1000)\")).rowcount:\n            pass\n\n\ndef downgrade():\n    # nothing to undo: the copied values stay\n    pass\n\n# then a new migration, alembic/versions/c2a9b85da849_drop_document_uploader_id.py:\nfrom alembic import op\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"c2a9b85da849\"\nrevision = NEW_REVISION_ID\ndown_revision = \"98a4e103601b\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    # once no running code uses \"uploader_id\":\n    op.execute(\"ALTER TABLE document VALIDATE CONSTRAINT document_role_id_fkey;\")\n    op.execute(\"DROP TRIGGER document_sync_role_id ON document;\")\n    op.execute(\"DROP FUNCTION document_sync_role_id();\")\n    op.execute(\"ALTER TABLE document DROP COLUMN uploader_id;\")\n\n\ndef downgrade():\n    raise RuntimeError(\"document.uploader_id was dropped: restore it from a backup\")\n    pass",
      ],
    },
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
    {
      framework: "alembic",
      name: "price.currency_code references currency.code, the primary key (a named sa.ForeignKeyConstraint of the revision that created price): the key moves to the new column over a unique index built in an autocommit block, the primary key is attached to it after the drop",
      files: {
        "alembic/versions/a1_init.py": `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_table("currency", sa.Column("code", sa.String(3), nullable=False), sa.PrimaryKeyConstraint("code"))
    op.create_table(
        "price",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("currency_code", sa.String(3), nullable=False),
        sa.ForeignKeyConstraint(["currency_code"], ["currency.code"], name="fk_price_currency", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade():
    pass
`,
      },
      path: "alembic/versions/b2_iso_code.py",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.alter_column("currency", "code", new_column_name="iso_code")


def downgrade():
    op.alter_column("currency", "iso_code", new_column_name="code")
`,
      lines: [8],
      fixes: ["# expand: \"iso_code\" beside \"code\", kept in step by a trigger while old and new code run\nop.add_column(\"currency\", sa.Column(\"iso_code\", sa.String(length=3), nullable=True))\nop.execute(\"\"\"\nCREATE FUNCTION currency_sync_iso_code() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  IF TG_OP = 'INSERT' THEN\n    NEW.iso_code := COALESCE(NEW.iso_code, NEW.code);\n    NEW.code := COALESCE(NEW.code, NEW.iso_code);\n  ELSIF NEW.code IS DISTINCT FROM OLD.code THEN\n    NEW.iso_code := NEW.code;\n  ELSIF NEW.iso_code IS DISTINCT FROM OLD.iso_code THEN\n    NEW.code := NEW.iso_code;\n  END IF;\n  RETURN NEW;\nEND $$;\nCREATE TRIGGER currency_sync_iso_code BEFORE INSERT OR UPDATE ON currency\n  FOR EACH ROW EXECUTE FUNCTION currency_sync_iso_code();\n\"\"\")\nop.execute(\"ALTER TABLE currency ADD CONSTRAINT currency_iso_code_not_null CHECK (iso_code IS NOT NULL) NOT VALID;\")\n\n# and in this revision's downgrade(), in place of its rename back (line 12), which would fail: \"code\" is never renamed now:\nop.execute(\"\"\"\nDROP TRIGGER currency_sync_iso_code ON currency;\nDROP FUNCTION currency_sync_iso_code();\n\"\"\")\nop.execute(\"ALTER TABLE currency DROP CONSTRAINT IF EXISTS currency_iso_code_not_null\")\nop.drop_column(\"currency\", \"iso_code\")\n\n# then a new migration, alembic/versions/06c6c78f05c4_fill_currency_iso_code.py:\nfrom alembic import op\nimport sqlalchemy as sa\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"06c6c78f05c4\"\nrevision = NEW_REVISION_ID\ndown_revision = \"b2\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    with op.get_context().autocommit_block():\n        # 1000 rows a statement, each committed on its own (autocommit_block), until one updates nothing\n        while op.get_bind().execute(sa.text(\"UPDATE currency SET iso_code = code WHERE ctid IN (SELECT ctid FROM currency WHERE iso_code IS DISTINCT FROM code LIMIT 1000)\")).rowcount:\n            pass\n\n\ndef downgrade():\n    # nothing to undo: the copied values stay\n    pass\n\n# then a new migration, alembic/versions/2719ecba5fe3_index_currency_iso_code.py:\nfrom alembic import op\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"2719ecba5fe3\"\nrevision = NEW_REVISION_ID\ndown_revision = \"06c6c78f05c4\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    with op.get_context().autocommit_block():\n        op.execute(\"CREATE UNIQUE INDEX CONCURRENTLY currency_iso_code_key ON currency (iso_code);\")\n\n\ndef downgrade():\n    op.execute(\"DROP INDEX CONCURRENTLY IF EXISTS currency_iso_code_key;\")\n    pass\n\n# then a new migration, alembic/versions/de1dae0a1618_currency_iso_code_not_null.py:\nfrom alembic import op\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"de1dae0a1618\"\nrevision = NEW_REVISION_ID\ndown_revision = \"2719ecba5fe3\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    op.execute(\"ALTER TABLE currency VALIDATE CONSTRAINT currency_iso_code_not_null;\")\n    op.execute(\"ALTER TABLE currency ALTER COLUMN iso_code SET NOT NULL;\")\n    op.execute(\"ALTER TABLE currency DROP CONSTRAINT currency_iso_code_not_null;\")\n\n\ndef downgrade():\n    op.alter_column(\"currency\", \"iso_code\", nullable=True)\n    pass\n\n# then a new migration, alembic/versions/1177d19ec9a2_currency_iso_code_references.py:\nfrom alembic import op\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"1177d19ec9a2\"\nrevision = NEW_REVISION_ID\ndown_revision = \"de1dae0a1618\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    op.execute(\"ALTER TABLE price ADD CONSTRAINT fk_price_currency_new FOREIGN KEY (currency_code) REFERENCES currency (iso_code) ON DELETE CASCADE NOT VALID;\")\n\n\ndef downgrade():\n    op.execute(\"ALTER TABLE price DROP CONSTRAINT IF EXISTS fk_price_currency_new;\")\n    pass\n\n# then a new migration, alembic/versions/2aed097c87be_drop_currency_code.py:\nfrom alembic import op\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"2aed097c87be\"\nrevision = NEW_REVISION_ID\ndown_revision = \"1177d19ec9a2\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    # once no running code uses \"code\":\n    # the primary key is attached as currency_pkey, PostgreSQL's name for a key declared inline: if the project names its keys otherwise (a naming convention), use that name\n    # not known: whether FOREIGN KEYs the earlier migrations do not show reference code (currency was not created in them as SQL; list them: SELECT conrelid::regclass, conname FROM pg_constraint WHERE confrelid = 'currency'::regclass): DROP COLUMN fails while one does, so move each to iso_code before it (added NOT VALID, validated, the old one dropped)\n    op.execute(\"ALTER TABLE price VALIDATE CONSTRAINT fk_price_currency_new;\")\n    op.execute(\"ALTER TABLE price DROP CONSTRAINT fk_price_currency;\")\n    op.execute(\"ALTER TABLE price RENAME CONSTRAINT fk_price_currency_new TO fk_price_currency;\")\n    op.execute(\"DROP TRIGGER currency_sync_iso_code ON currency;\")\n    op.execute(\"DROP FUNCTION currency_sync_iso_code();\")\n    op.execute(\"ALTER TABLE currency DROP COLUMN code;\")\n    op.execute(\"ALTER TABLE currency ADD CONSTRAINT currency_pkey PRIMARY KEY USING INDEX currency_iso_code_key;\")\n\n\ndef downgrade():\n    raise RuntimeError(\"currency.code was dropped: restore it from a backup\")\n    pass"],
    },
    {
      framework: "alembic",
      name: "the next revision renames title to action (e-petitions' pair): keeping action would make it fail and no release runs between, so the rename stays as written with the rollout said",
      files: {
        "alembic/versions/a1_init.py": `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_table("petitions", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("title", sa.Text(), nullable=False), sa.Column("action", sa.Text()))


def downgrade():
    op.drop_table("petitions")
`,
        "alembic/versions/c3_title.py": `from alembic import op

revision = "c3"
down_revision = "b2"


def upgrade():
    op.alter_column("petitions", "title", new_column_name="action")


def downgrade():
    op.alter_column("petitions", "action", new_column_name="title")
`,
      },
      path: "alembic/versions/b2_background.py",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.alter_column("petitions", "action", new_column_name="background")


def downgrade():
    op.alter_column("petitions", "background", new_column_name="action")
`,
      lines: [8],
      fixes: ["# keep this rename as written: alembic/versions/c3_title.py:8 renames title to action on petitions, the very next migration, so no release can run between the two to drop action\n# once no code uses it; keeping action in place beside background (the usual expand) would make that migration fail (\"column already exists\").\n# Ship both with the code that uses background: until every server runs it, the old code's queries of action fail, and once that migration\n# has run they read the other column's values under the name (stop the old code first where that matters: a maintenance window)\nop.alter_column(\"petitions\", \"action\", new_column_name=\"background\")"],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "funnel ccfad4d5e383: a loop renames the tables, then one renames columns: those of a renamed table are told by rename-table's finding",
      code: `from alembic import op

revision = "ccfad4d5e383"
down_revision = "488077138ee4"


def upgrade():
    for old, new in [("proposal_space", "project")]:
        op.rename_table(old, new)
    for table, old, new in [("project", "status", "state")]:
        op.alter_column(table, old, new_column_name=new)


def downgrade():
    pass
`,
    },
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
