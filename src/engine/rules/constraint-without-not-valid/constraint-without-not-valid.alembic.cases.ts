import { ALEMBIC_ROW_BY_ROW_BACKFILL, CI_MATRIX_SQLITE_POSTGRES, MAILU_LOWERCASE_KEYS } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

/** The expected fix: `first` (the constraint added NOT VALID), then the new revision `id`_`name` that validates it. */
const withValidateRevision = (first: string, id: string, name: string, validate: string) => `${first}

# then a new migration, alembic/versions/${id}_${name}.py:
from alembic import op

# a new id for this revision: any string unique among the revisions (\`alembic revision\` makes one)
NEW_REVISION_ID = "${id}"
revision = NEW_REVISION_ID
down_revision = "b2"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("${validate}")


def downgrade():
    pass`;

/** b2 adds a foreign key from orders to customers (a1 made both); c3, a later revision, does \`later\` */
const LATER_REVISION_FILES = (later: string) => ({
  "alembic/versions/a1_init.py": `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "a1"\ndown_revision = None\n\n\ndef upgrade():\n    op.create_table("customers", sa.Column("id", sa.Integer, primary_key=True))\n    op.create_table("orders", sa.Column("id", sa.Integer, primary_key=True), sa.Column("customer_id", sa.Integer))\n\n\ndef downgrade():\n    op.drop_table("orders")\n    op.drop_table("customers")\n`,
  "alembic/versions/c3_later.py": `from alembic import op\n\nrevision = "c3"\ndown_revision = "b2"\n\n\ndef upgrade():\n    ${later}\n\n\ndef downgrade():\n    pass\n`,
});

const UNNAMED = "# the call names no constraint: PostgreSQL's own name for it (orders_customer_id_fkey) is written here, so VALIDATE can name it";
const ADDED = 'op.execute("ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE NOT VALID")';

/** pagure: what the fix of the rows below writes */
const FIX_LOOP_IRC = "# line 10 runs for every item of [\"hook_irc\", \"hook_mail\"] (the loop of lines 8-18): in the loop's body, in place of line 10 (table as the loop binds them):\nop.execute({\n    \"hook_irc\": \"ALTER TABLE hook_irc ADD CONSTRAINT hook_irc_project_id_fkey FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE ON UPDATE CASCADE NOT VALID\",\n    \"hook_mail\": \"ALTER TABLE hook_mail ADD CONSTRAINT hook_mail_project_id_fkey FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE ON UPDATE CASCADE NOT VALID\",\n}[table])\n\n# then a new migration, alembic/versions/c57e90ca7c67_validate_hook_irc_project_id_fkey.py:\nfrom alembic import op\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"c57e90ca7c67\"\nrevision = NEW_REVISION_ID\ndown_revision = \"b2\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    op.execute(\"ALTER TABLE hook_irc VALIDATE CONSTRAINT hook_irc_project_id_fkey\")\n\n\ndef downgrade():\n    pass";
const FIX_LOOP_MAIL = "# line 10 runs for every item of [\"hook_irc\", \"hook_mail\"] (the loop of lines 8-18): in the loop's body, in place of line 10 (table as the loop binds them):\nop.execute({\n    \"hook_irc\": \"ALTER TABLE hook_irc ADD CONSTRAINT hook_irc_project_id_fkey FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE ON UPDATE CASCADE NOT VALID\",\n    \"hook_mail\": \"ALTER TABLE hook_mail ADD CONSTRAINT hook_mail_project_id_fkey FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE ON UPDATE CASCADE NOT VALID\",\n}[table])\n\n# then a new migration, alembic/versions/a10bbe167629_validate_hook_mail_project_id_fkey.py:\nfrom alembic import op\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"a10bbe167629\"\nrevision = NEW_REVISION_ID\n# if you also apply the fix of alembic/versions/abc123_case.py that adds alembic/versions/c57e90ca7c67_validate_hook_irc_project_id_fkey.py: down_revision = \"c57e90ca7c67\" instead (one head: with two, `alembic upgrade head` refuses)\ndown_revision = \"b2\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    op.execute(\"ALTER TABLE hook_mail VALIDATE CONSTRAINT hook_mail_project_id_fkey\")\n\n\ndef downgrade():\n    pass";
const FIX_INLINE = "# the column without its foreign key, then the key NOT VALID:\nop.add_column(\n    \"pull_request_comments\",\n    sa.Column(\n        \"editor_id\",\n        sa.Integer,\n        nullable=True)\n)\nop.execute(\"ALTER TABLE pull_request_comments ADD CONSTRAINT pull_request_comments_editor_id_fkey FOREIGN KEY (editor_id) REFERENCES users (id) ON UPDATE CASCADE NOT VALID\")\n\n# then a new migration, alembic/versions/1aeee15b49d6_validate_pull_request_comments_editor_id_fkey.py:\nfrom alembic import op\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"1aeee15b49d6\"\nrevision = NEW_REVISION_ID\ndown_revision = \"b2\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    op.execute(\"ALTER TABLE pull_request_comments VALIDATE CONSTRAINT pull_request_comments_editor_id_fkey\")\n\n\ndef downgrade():\n    pass";

const FOREIGN_KEY_B2 = `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_foreign_key(None, "orders", "customers", ["customer_id"], ["id"], ondelete="CASCADE")


def downgrade():
    pass
`;

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "a key dropped and added back by its name with ON DELETE CASCADE, nothing else done to the table: the check's scan is the whole lock window, with both tables closed to reads since the drop: reported",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.drop_constraint("alias_domain_name_fkey", "alias", type_="foreignkey")
    op.create_foreign_key("alias_domain_name_fkey", "alias", "domain", ["domain_name"], ["name"], ondelete="CASCADE")


def downgrade():
    pass
`,
      lines: [9],
      messages: ["Line 8's DROP CONSTRAINT alias_domain_name_fkey already holds ACCESS EXCLUSIVE on alias until commit"],
    },
    {
      framework: "alembic",
      name: "dstack 7d1ec2b920ac: batch add_column then create_foreign_key where the project also runs on SQLite: NOT VALID on PostgreSQL, the create_foreign_key in its batch block as written on SQLite (never dropped there)",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.batch_alter_table("instances", schema=None) as batch_op:
        batch_op.add_column(sa.Column("compute_group_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_instances_compute_group_id_compute_groups"),
            "compute_groups",
            ["compute_group_id"],
            ["id"],
        )


def downgrade():
    pass
`,
      files: CI_MATRIX_SQLITE_POSTGRES,
      lines: [11],
      fixes: ["# PostgreSQL's way on PostgreSQL only (the connection's dialect), the operation as written on SQLite:\nwith op.batch_alter_table(\"instances\", schema=None) as batch_op:\n    batch_op.add_column(sa.Column(\"compute_group_id\", sa.Integer(), nullable=True))\n# batch_op's operations run when its with block exits: this goes after the block, once they have run\nif op.get_bind().dialect.name == \"postgresql\":\n    op.execute(\"ALTER TABLE instances ADD CONSTRAINT fk_instances_compute_group_id_compute_groups FOREIGN KEY (compute_group_id) REFERENCES compute_groups (id) NOT VALID\")\nelse:\n    with op.batch_alter_table(\"instances\", schema=None) as batch_op:\n        batch_op.create_foreign_key(\n            batch_op.f(\"fk_instances_compute_group_id_compute_groups\"),\n            \"compute_groups\",\n            [\"compute_group_id\"],\n            [\"id\"],\n        )\n\n# then a new migration, alembic/versions/79ef18010204_validate_fk_instances_compute_group_id_compute_groups.py:\nfrom alembic import op\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"79ef18010204\"\nrevision = NEW_REVISION_ID\ndown_revision = \"b2\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    if op.get_bind().dialect.name == \"postgresql\":\n        op.execute(\"ALTER TABLE instances VALIDATE CONSTRAINT fk_instances_compute_group_id_compute_groups\")\n\n\ndef downgrade():\n    pass"],
    },
    {
      framework: "alembic",
      name: "a foreign key after that backfill: the table's lock is the backfill's, but writes to the referenced table wait for the key's scan alone, so it stays an error and says which lock is whose",
      code: ALEMBIC_ROW_BY_ROW_BACKFILL.replace('op.create_check_constraint("commentset_uuid_check", "commentset", "uuid IS NOT NULL")', 'op.create_foreign_key("commentset_uuid_fkey", "commentset", "document", ["uuid"], ["uuid"])'),
      lines: [18],
      severities: ["error"],
      messages: ["Writes to document wait (SHARE ROW EXCLUSIVE) for this check's scan alone, which NOT VALID, validated in a later migration, avoids."],
    },
    {
      framework: "alembic",
      name: "funnel 887db555cca9: a CHECK after a row-by-row backfill of the column added empty and made NOT NULL in this transaction: its scan adds a fraction of the backfill's outage under the ADD COLUMN's lock, a note",
      code: ALEMBIC_ROW_BY_ROW_BACKFILL,
      lines: [18],
      severities: ["info"],
      messages: ["This transaction already holds ACCESS EXCLUSIVE on commentset and updated every row of it under that lock (line 15)"],
    },
    {
      framework: "alembic",
      name: "a later revision renames the table: the validating revision, after the newest, names the table as it is called there",
      path: "alembic/versions/b2_fk.py",
      code: FOREIGN_KEY_B2,
      files: LATER_REVISION_FILES('op.rename_table("orders", "purchases")'),
      lines: [8],
      fixes: [
        `${UNNAMED}
${ADDED}

# then a new migration, alembic/versions/31792680caae_validate_orders_customer_id_fkey.py:
from alembic import op

# a new id for this revision: any string unique among the revisions (\`alembic revision\` makes one)
NEW_REVISION_ID = "31792680caae"
revision = NEW_REVISION_ID
down_revision = "c3"  # the revision tree's head: "b2" already has a child
branch_labels = None
depends_on = None


def upgrade():
    op.execute("ALTER TABLE purchases VALIDATE CONSTRAINT orders_customer_id_fkey")


def downgrade():
    pass`,
      ],
    },
    {
      framework: "alembic",
      name: "a later revision drops the constraint: no revision validates it, and the fix says why",
      path: "alembic/versions/b2_fk.py",
      code: FOREIGN_KEY_B2,
      files: LATER_REVISION_FILES('op.drop_constraint("orders_customer_id_fkey", "orders", type_="foreignkey")'),
      lines: [8],
      fixes: [`${UNNAMED}\n${ADDED}\n# no migration validates it: later, alembic/versions/c3_later.py:8 drops orders_customer_id_fkey, so it is not there at the head of the history, where a new migration would run`],
    },
    {
      framework: "alembic",
      name: "a project that numbers its revisions (0449_x.py holds revision \"0449_x\") and keeps .current-alembic-head: the validating revision is numbered next, its id its file name, and the head file is updated",
      path: "migrations/versions/0450_fk_api_keys_users.py",
      code: `from alembic import op

revision = "0450_fk_api_keys_users"
down_revision = "0449_api_keys_created_by"


def upgrade():
    op.create_foreign_key("fk_api_keys_created_by_id", "api_keys", "users", ["created_by_id"], ["id"])


def downgrade():
    op.drop_constraint("fk_api_keys_created_by_id", "api_keys", type_="foreignkey")
`,
      files: {
        "migrations/versions/0449_api_keys_created_by.py": `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "0449_api_keys_created_by"\ndown_revision = None\n\n\ndef upgrade():\n    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True))\n    op.create_table("api_keys", sa.Column("id", sa.Integer, primary_key=True), sa.Column("created_by_id", sa.Integer))\n\n\ndef downgrade():\n    op.drop_table("api_keys")\n    op.drop_table("users")\n`,
        "migrations/.current-alembic-head": "0450_fk_api_keys_users\n",
      },
      lines: [8],
      fixes: [
        `op.execute("ALTER TABLE api_keys ADD CONSTRAINT fk_api_keys_created_by_id FOREIGN KEY (created_by_id) REFERENCES users (id) NOT VALID")

# then a new migration, migrations/versions/0451_validate_fk_api_keys_create.py:
from alembic import op

# the next number of the project's revisions (its ids are its file names: keep them the same if you rename)
NEW_REVISION_ID = "0451_validate_fk_api_keys_create"
revision = NEW_REVISION_ID
down_revision = "0450_fk_api_keys_users"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("ALTER TABLE api_keys VALIDATE CONSTRAINT fk_api_keys_created_by_id")


def downgrade():
    pass

# migrations/.current-alembic-head names the head revision ("0450_fk_api_keys_users"): write "0451_validate_fk_api_keys_create" in it`,
      ],
    },
    {
      framework: "alembic",
      name: "numbered revisions (digitalmarketplace-api's 330): the validating revision follows the head of the history, past a revision whose header is pasted twice (1080), and is numbered after the highest number of the sequence in use (2000, numbered out of order before the head 1090; not the all-digit hex id 550715127385), so it leaves one head and repeats no id",
      path: "migrations/versions/330_add_lot_fk.py",
      code: `from alembic import op

revision = '330'
down_revision = '320'


def upgrade():
    op.create_foreign_key(None, 'archived_services', 'lots', ['lot_id'], ['id'])


def downgrade():
    op.drop_constraint('archived_services_lot_id_fkey', 'archived_services', type_='foreignkey')
`,
      files: {
        "migrations/versions/320_lots.py": `from alembic import op\nimport sqlalchemy as sa\n\nrevision = '320'\ndown_revision = None\n\n\ndef upgrade():\n    op.create_table('lots', sa.Column('id', sa.BigInteger(), primary_key=True))\n    op.create_table('archived_services', sa.Column('id', sa.BigInteger(), primary_key=True), sa.Column('lot_id', sa.BigInteger()))\n\n\ndef downgrade():\n    op.drop_table('archived_services')\n    op.drop_table('lots')\n`,
        "migrations/versions/1070_lot_names.py": `from alembic import op\nimport sqlalchemy as sa\n\nrevision = '1070'\ndown_revision = '330'\n\n\ndef upgrade():\n    op.add_column('lots', sa.Column('name', sa.Text()))\n\n\ndef downgrade():\n    op.drop_column('lots', 'name')\n`,
        "migrations/versions/1080_backfill_lot_names.py": `from alembic import op\n\n# revision identifiers, used by Alembic.\nrevision = '1080'\ndown_revision = '1070'\n\nDEFAULT_NAME = 'lot'\n\n# revision identifiers, used by Alembic.\nrevision = '1080'\ndown_revision = '1070'\n\n\ndef upgrade():\n    op.execute(\"UPDATE lots SET name = 'lot' WHERE name IS NULL\")\n\n\ndef downgrade():\n    pass\n`,
        // a hex id of `alembic revision` that holds only digits: not a number of the sequence
        "migrations/versions/550715127385_lot_codes.py": `from alembic import op\nimport sqlalchemy as sa\n\nrevision = '550715127385'\ndown_revision = '1080'\n\n\ndef upgrade():\n    op.add_column('lots', sa.Column('code', sa.Text()))\n\n\ndef downgrade():\n    op.drop_column('lots', 'code')\n`,
        "migrations/versions/2000_lot_slugs.py": `from alembic import op\nimport sqlalchemy as sa\n\nrevision = '2000'\ndown_revision = '550715127385'\n\n\ndef upgrade():\n    op.add_column('lots', sa.Column('slug', sa.Text()))\n\n\ndef downgrade():\n    op.drop_column('lots', 'slug')\n`,
        "migrations/versions/1090_after.py": `revision = '1090'\ndown_revision = '2000'\n\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n`,
      },
      lines: [8],
      fixes: [
        `# the call names no constraint: PostgreSQL's own name for it (archived_services_lot_id_fkey) is written here, so VALIDATE can name it
op.execute("ALTER TABLE archived_services ADD CONSTRAINT archived_services_lot_id_fkey FOREIGN KEY (lot_id) REFERENCES lots (id) NOT VALID")

# then a new migration, migrations/versions/2001_validate_archived_services_lot_id_fkey.py:
from alembic import op

# the next number of the project's revisions (its ids are its file names: keep them the same if you rename)
NEW_REVISION_ID = "2001"
revision = NEW_REVISION_ID
down_revision = "1090"  # the revision tree's head: "330" already has a child
branch_labels = None
depends_on = None


def upgrade():
    op.execute("ALTER TABLE archived_services VALIDATE CONSTRAINT archived_services_lot_id_fkey")


def downgrade():
    pass`,
      ],
    },
    {
      framework: "alembic",
      name: "a project whose CI matrix also runs SQLite: the NOT VALID foreign key and its VALIDATE under `if op.get_bind().dialect.name == \"postgresql\"`, the create_foreign_key as written otherwise",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_foreign_key("fk_orders_customer", "orders", "customers", ["customer_id"], ["id"])


def downgrade():
    op.drop_constraint("fk_orders_customer", "orders", type_="foreignkey")
`,
      files: CI_MATRIX_SQLITE_POSTGRES,
      lines: [9],
      messages: ["Adding a foreign key to customers on orders without NOT VALID checks every row while writes to both tables are blocked. This concerns the PostgreSQL installations: the project also runs on SQLite."],
      fixes: ["# PostgreSQL's way on PostgreSQL only (the connection's dialect), the operation as written on SQLite:\nif op.get_bind().dialect.name == \"postgresql\":\n    op.execute(\"ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID\")\nelse:\n    op.create_foreign_key(\"fk_orders_customer\", \"orders\", \"customers\", [\"customer_id\"], [\"id\"])\n\n# then a new migration, alembic/versions/8e2a8828554a_validate_fk_orders_customer.py:\nfrom alembic import op\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"8e2a8828554a\"\nrevision = NEW_REVISION_ID\ndown_revision = \"b2\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    if op.get_bind().dialect.name == \"postgresql\":\n        op.execute(\"ALTER TABLE orders VALIDATE CONSTRAINT fk_orders_customer\")\n\n\ndef downgrade():\n    pass"],
    },
    {
      framework: "alembic",
      name: "agenta 7a3d1c4f5b6a: add_column, then create_foreign_key on it in the same revision: the key checks only NULLs, but scans app_db while folders' writes wait (SHARE ROW EXCLUSIVE): an error that says so",
      code: `from alembic import op
import sqlalchemy as sa

revision = "7a3d1c4f5b6a"
down_revision = "6f2e0b9c1a2d"


def upgrade() -> None:
    op.add_column("app_db", sa.Column("folder_id", sa.UUID(), nullable=True))
    op.create_foreign_key("fk_app_db_folder_id_folders", "app_db", "folders", ["folder_id"], ["id"], ondelete="SET NULL")


def downgrade() -> None:
    op.drop_constraint("fk_app_db_folder_id_folders", "app_db", type_="foreignkey")
    op.drop_column("app_db", "folder_id")
`,
      lines: [10],
      severities: ["error"],
      messages: ["app_db stays under the ADD COLUMN's ACCESS EXCLUSIVE lock and folders under SHARE ROW EXCLUSIVE, so writes to folders wait as long as app_db takes to read"],
    },
    {
      framework: "alembic",
      name: "autocommit_block: the ADD COLUMN commits at once, so the foreign key takes its locks again and scans under them",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.get_context().autocommit_block():
        op.add_column("definition", sa.Column("project_id", sa.Integer(), nullable=True))
        op.create_foreign_key("fk_definition_project", "definition", "project", ["project_id"], ["id"])
        op.execute("update definition set project_id = 1")


def downgrade():
    op.drop_column("definition", "project_id")
`,
      lines: [11],
      severities: ["error"],
    },
    {
      framework: "alembic",
      name: "warehouse's 0977b97fce94: create_check_constraint(None, ...) reading one column: the validate revision names it as PostgreSQL does, <table>_<column>_check",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_check_constraint(None, "release_files", "sha256_digest ~* '^[A-F0-9]{64}$'")


def downgrade():
    pass
`,
      lines: [8],
      fixes: [
        withValidateRevision(
          `# the call names no constraint: PostgreSQL's own name for it (release_files_sha256_digest_check) is written here, so VALIDATE can name it\nop.execute("ALTER TABLE release_files ADD CONSTRAINT release_files_sha256_digest_check CHECK (sha256_digest ~* '^[A-F0-9]{64}$') NOT VALID")`,
          "415e1d4953bd",
          "validate_release_files_sha256_digest_check",
          "ALTER TABLE release_files VALIDATE CONSTRAINT release_files_sha256_digest_check",
        ),
      ],
    },
    {
      framework: "alembic",
      name: "create_check_constraint(None, ...) reading two columns: PostgreSQL names it <table>_check",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_check_constraint(None, "orders", "total >= discount")


def downgrade():
    pass
`,
      lines: [8],
      messages: ["CHECK constraint"],
      fixes: [
        withValidateRevision(
          `# the call names no constraint: PostgreSQL's own name for it (orders_check) is written here, so VALIDATE can name it\nop.execute("ALTER TABLE orders ADD CONSTRAINT orders_check CHECK (total >= discount) NOT VALID")`,
          "cc7333f8b5ab",
          "validate_orders_check",
          "ALTER TABLE orders VALIDATE CONSTRAINT orders_check",
        ),
      ],
    },
    {
      framework: "alembic",
      name: "create_foreign_key and create_check_constraint validate every row",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_foreign_key("fk_orders_customer", "orders", "customers", ["customer_id"], ["id"])
    op.create_check_constraint("ck_orders_total", "orders", "total >= 0")


def downgrade():
    op.drop_constraint("ck_orders_total", "orders", type_="check")
    op.drop_constraint("fk_orders_customer", "orders", type_="foreignkey")
`,
      lines: [8, 9],
    },
    {
      framework: "alembic",
      name: "a ForeignKey on a new column is added as a separate, validated constraint",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("orders", sa.Column("coupon_id", sa.BigInteger(), sa.ForeignKey("coupons.id"), nullable=True))


def downgrade():
    op.drop_column("orders", "coupon_id")
`,
      lines: [9],
    },
    {
      framework: "alembic",
      name: "branches on the database URL: only the PostgreSQL branch runs here, and its foreign key validates every row",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    url = str(op.get_bind().engine.url)
    if url.startswith("mysql"):
        op.drop_constraint("payments_ibfk_1", "payments", type_="foreignkey")
        op.create_foreign_key("payments_ibfk_1", "payments", "invoices", ["invoice_id"], ["id"], ondelete="CASCADE")
    elif url.startswith(("postgres", "postgresql")):
        op.drop_constraint("payments_invoice_id_fkey", "payments", type_="foreignkey")
        op.create_foreign_key("payments_invoice_id_fkey", "payments", "invoices", ["invoice_id"], ["id"], ondelete="CASCADE")
    if str(op.get_bind().engine.url).startswith("sqlite") is False:
        op.create_foreign_key("refunds_payment_id_fkey", "refunds", "payments", ["payment_id"], ["id"])


def downgrade():
    pass
`,
      lines: [14, 16],
    },
    {
      framework: "alembic",
      name: "SQLAlchemy 1.3.24 pinned (Netflix/lemur): no postgresql_not_valid (1.4.32+), so the foreign key is the ALTER TABLE ... NOT VALID SQLAlchemy would emit, its names, ondelete and referenced columns from the call",
      files: { "requirements.txt": "alembic==1.4.3\nSQLAlchemy==1.3.24\n" },
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_foreign_key("fk_certificates_authority", "certificates", "authorities", ["authority_id"], ["id"], ondelete="CASCADE")


def downgrade():
    op.drop_constraint("fk_certificates_authority", "certificates", type_="foreignkey")
`,
      lines: [8],
      fixes: [
        withValidateRevision(`op.execute("ALTER TABLE certificates ADD CONSTRAINT fk_certificates_authority FOREIGN KEY (authority_id) REFERENCES authorities (id) ON DELETE CASCADE NOT VALID")`, "5d82ae9304ec", "validate_fk_certificates_authority", "ALTER TABLE certificates VALIDATE CONSTRAINT fk_certificates_authority"),
      ],
    },
    {
      framework: "alembic",
      name: "pagure 317a285e04a8: a key re-created in a loop for its ON DELETE / ON UPDATE CASCADE (Alembic 0.x's name=, `op. create_foreign_key`): the loop's body adds each table's key with every option, NOT VALID",
      files: { "requirements.txt": "alembic==0.8.3\nSQLAlchemy==1.0.9\n" },
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    for table in ["hook_irc", "hook_mail"]:
        op.drop_constraint("%s_project_id_fkey" % table, table, type_="foreignkey")
        op. create_foreign_key(
            name="%s_project_id_fkey" % table,
            source_table=table,
            referent_table="projects",
            local_cols=["project_id"],
            remote_cols=["id"],
            onupdate="cascade",
            ondelete="cascade",
        )


def downgrade():
    pass
`,
      lines: [10, 10],
      fixes: [
        FIX_LOOP_IRC,
        FIX_LOOP_MAIL,
      ],
    },
    {
      framework: "alembic",
      name: "pagure 15ea3c2cf83d: an sa.ForeignKey(onupdate=) of add_column's sa.Column: the column stays (without its key), then the key with its ON UPDATE CASCADE, NOT VALID",
      files: { "requirements.txt": "alembic==0.8.3\nSQLAlchemy==1.0.9\n" },
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column(
        "pull_request_comments",
        sa.Column(
            "editor_id",
            sa.Integer,
            sa.ForeignKey("users.id", onupdate="CASCADE"),
            nullable=True)
    )


def downgrade():
    op.drop_column("pull_request_comments", "editor_id")
`,
      lines: [9],
      fixes: [FIX_INLINE],
    },
    {
      framework: "alembic",
      name: "SQLAlchemy 2 required by pyproject.toml: the call as written keeps every argument, with postgresql_not_valid=True",
      files: { "pyproject.toml": '[project]\nname = "app"\ndependencies = ["SQLAlchemy>=2.0,<3", "alembic>=1.12"]\n' },
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_foreign_key(
        "fk_orders_customer",
        "orders",
        "customers",
        ["customer_id"],
        ["id"],
        ondelete="SET NULL",
        deferrable=True,
        initially="DEFERRED",
    )


def downgrade():
    op.drop_constraint("fk_orders_customer", "orders", type_="foreignkey")
`,
      lines: [8],
      fixes: [
        withValidateRevision(`op.create_foreign_key(
    "fk_orders_customer",
    "orders",
    "customers",
    ["customer_id"],
    ["id"],
    ondelete="SET NULL",
    deferrable=True,
    initially="DEFERRED", postgresql_not_valid=True,
)`, "8e2a8828554a", "validate_fk_orders_customer", "ALTER TABLE orders VALIDATE CONSTRAINT fk_orders_customer"),
      ],
    },
    {
      framework: "alembic",
      name: "no SQLAlchemy version in the repository: a CHECK of sa.text(...) in a schema as op.execute SQL, which every version runs",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_check_constraint("ck_invoices_total", "invoices", sa.text("total >= 0 AND currency <> ''"), schema="billing")


def downgrade():
    op.drop_constraint("ck_invoices_total", "invoices", schema="billing", type_="check")
`,
      lines: [9],
      fixes: [
        withValidateRevision(`op.execute("ALTER TABLE billing.invoices ADD CONSTRAINT ck_invoices_total CHECK (total >= 0 AND currency <> '') NOT VALID")`, "758b3e1924d4", "validate_ck_invoices_total", "ALTER TABLE billing.invoices VALIDATE CONSTRAINT ck_invoices_total"),
      ],
    },
    {
      framework: "alembic",
      name: "SQLAlchemy 1.3 and a condition built with SQLAlchemy expressions: migguard cannot write its SQL and says how to get it",
      files: { "requirements.txt": "SQLAlchemy~=1.3.0\n" },
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_check_constraint("ck_orders_total", "orders", sa.column("total") >= 0)


def downgrade():
    op.drop_constraint("ck_orders_total", "orders", type_="check")
`,
      lines: [9],
      fixes: [
        withValidateRevision(`# this project's SQLAlchemy is older than 1.4.32, which has no postgresql_not_valid, and migguard cannot write this constraint's SQL (condition (sa.column("total") >= 0) not a literal):
# print it with \`alembic upgrade a1:b2 --sql\`, then run it here with op.execute, NOT VALID at its end:
# op.execute("ALTER TABLE ... ADD CONSTRAINT ck_orders_total ... NOT VALID")`, "8181fe2e7c95", "validate_ck_orders_total", "ALTER TABLE orders VALIDATE CONSTRAINT ck_orders_total"),
      ],
    },
    {
      framework: "alembic",
      name: "batch_op.create_foreign_key, SQLAlchemy 1.3: after the block as op.execute, the batch's table and schema",
      files: { "requirements.txt": "SQLAlchemy==1.3.24\n" },
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.batch_alter_table("shopping_lists", schema="app") as batch_op:
        batch_op.create_foreign_key("fk_shopping_lists_owner", "users", ["owner_id"], ["id"], referent_schema="auth")


def downgrade():
    with op.batch_alter_table("shopping_lists", schema="app") as batch_op:
        batch_op.drop_constraint("fk_shopping_lists_owner", type_="foreignkey")
`,
      lines: [10],
      fixes: [
        withValidateRevision(`# in place of the whole with block (this was its only operation):
op.execute("ALTER TABLE app.shopping_lists ADD CONSTRAINT fk_shopping_lists_owner FOREIGN KEY (owner_id) REFERENCES auth.users (id) NOT VALID")`, "6e7b58d80672", "validate_fk_shopping_lists_owner", "ALTER TABLE app.shopping_lists VALIDATE CONSTRAINT fk_shopping_lists_owner"),
      ],
    },
    {
      framework: "alembic",
      name: "indico: a CHECK in the users schema, env.py's target_metadata carries a naming_convention: VALIDATE in the schema, by the name the convention gave",
      path: "indico/migrations/versions/532f0ea25bb1_add_user_profile_picture.py",
      files: {
        "indico/migrations/env.py": `from alembic import context
from flask import current_app

target_metadata = current_app.extensions['migrate'].db.metadata


def run_migrations_online():
    connection = current_app.extensions['migrate'].db.engine.connect()
    context.configure(connection=connection, target_metadata=target_metadata, include_schemas=True)
    with context.begin_transaction():
        context.run_migrations()
`,
        "setup.cfg": "[options]\ninstall_requires =\n    SQLAlchemy>=1.4.40\n",
      },
      code: `from alembic import op
import sqlalchemy as sa

revision = "532f0ea25bb1"
down_revision = "06a037da1ec6"


def upgrade():
    op.add_column("users", sa.Column("picture_metadata", sa.Text(), nullable=True), schema="users")
    op.create_check_constraint('valid_picture', 'users', "(picture IS NULL) = (picture_metadata IS NULL)", schema='users')


def downgrade():
    op.drop_constraint('ck_users_valid_picture', 'users', schema='users')
    op.drop_column("users", "picture_metadata", schema="users")
`,
      lines: [10],
      fixes: [
        `op.create_check_constraint('valid_picture', 'users', "(picture IS NULL) = (picture_metadata IS NULL)", schema='users', postgresql_not_valid=True)

# then a new migration, indico/migrations/versions/fc8cb869dffb_validate_valid_picture.py:
from alembic import op

# a new id for this revision: any string unique among the revisions (\`alembic revision\` makes one)
NEW_REVISION_ID = "fc8cb869dffb"
revision = NEW_REVISION_ID
down_revision = "532f0ea25bb1"
branch_labels = None
depends_on = None


def upgrade():
    # indico/migrations/env.py runs every revision of an upgrade in one transaction (context.configure has no transaction_per_migration=True):
    # commit what the revisions before ran, releasing their locks; the statements below run in a new transaction
    with op.get_context().autocommit_block():
        pass
    op.execute("""
    -- env.py's target_metadata may rename valid_picture by its naming_convention: validate the name it got
    -- (none is left unvalidated where the revision ran before it was changed: nothing to do there)
    DO $$ DECLARE c text; BEGIN
      FOR c IN SELECT conname FROM pg_constraint WHERE conrelid = 'users.users'::regclass AND NOT convalidated AND (conname = 'valid_picture' OR conname LIKE '%\\\\_valid\\\\_picture') LOOP
        EXECUTE format('ALTER TABLE %s VALIDATE CONSTRAINT %I', 'users.users', c);
      END LOOP;
    END $$
    """)


def downgrade():
    pass`,
      ],
    },
    {
      framework: "alembic",
      name: "Mailu 546b04c886f0: a revision that compares the bind's engine.name with \"sqlite\" and \"postgresql\" runs on SQLite too: the NOT VALID key on the quoted \"user\" on PostgreSQL only, the create_foreign_key as written otherwise",
      code: `from alembic import op, context
import sqlalchemy as sa

revision = "546b04c886f0"
down_revision = "a1"


def upgrade():
    if context.get_bind().engine.name not in ('sqlite', 'postgresql'):
        op.execute("SET FOREIGN_KEY_CHECKS = 0")
    with op.batch_alter_table('user') as batch_op:
        batch_op.create_foreign_key('user_domain_name_fkey', 'domain', ['domain_name'], ['name'])


def downgrade():
    with op.batch_alter_table('user') as batch_op:
        batch_op.drop_constraint('user_domain_name_fkey', type_='foreignkey')
`,
      // env.py: a signal file, so the dialect comparisons are read as in the repository (Mailu has one)
      files: { "alembic/env.py": "from alembic import context\nfrom app import db\n\ncontext.configure(connection=db.engine.connect(), target_metadata=db.metadata)\n" },
      lines: [12],
      messages: ["This concerns the PostgreSQL installations: the project also runs on SQLite."],
      fixes: ["# PostgreSQL's way on PostgreSQL only (the connection's dialect), the operation as written on SQLite:\n# in place of the whole with block (this was its only operation):\nif op.get_bind().dialect.name == \"postgresql\":\n    op.execute(\"ALTER TABLE \\\"user\\\" ADD CONSTRAINT user_domain_name_fkey FOREIGN KEY (domain_name) REFERENCES domain (name) NOT VALID\")\nelse:\n    with op.batch_alter_table('user') as batch_op:\n        batch_op.create_foreign_key('user_domain_name_fkey', 'domain', ['domain_name'], ['name'])\n\n# then a new migration, alembic/versions/b4d065db6b6b_validate_user_domain_name_fkey.py:\nfrom alembic import op\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"b4d065db6b6b\"\nrevision = NEW_REVISION_ID\ndown_revision = \"546b04c886f0\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    # alembic/env.py runs every revision of an upgrade in one transaction (context.configure has no transaction_per_migration=True):\n    # commit what the revisions before ran, releasing their locks; the statements below run in a new transaction\n    with op.get_context().autocommit_block():\n        pass\n    if op.get_bind().dialect.name == \"postgresql\":\n        op.execute(\"ALTER TABLE \\\"user\\\" VALIDATE CONSTRAINT user_domain_name_fkey\")\n\n\ndef downgrade():\n    pass"],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "Mailu 5aeb5811408e (trimmed): the key dropped, every row of both of its tables lowercased in a loop, the key added back by its name: the drop holds ACCESS EXCLUSIVE on user and domain until commit, the rewrite keeps it, and the check is a fraction of it",
      code: MAILU_LOWERCASE_KEYS,
    },
    {
      framework: "alembic",
      name: "Mailu 546b04c886f0 (trimmed): the primary key and the key on it dropped, the primary key rebuilt (an index build over every row), the key added back by its name, all under the drops' lock",
      code: `from alembic import op

revision = "546b04c886f0"
down_revision = "cd79ed46d9c2"


def upgrade():
    with op.batch_alter_table("alias") as batch_op:
        batch_op.drop_constraint("alias_pkey", type_="primary")
        batch_op.drop_constraint("alias_domain_name_fkey", type_="foreignkey")
    with op.batch_alter_table("alias") as batch_op:
        batch_op.create_primary_key("alias_pkey", ["email"])
        batch_op.create_foreign_key("alias_domain_name_fkey", "domain", ["domain_name"], ["name"])


def downgrade():
    pass
`,
    },
    {
      framework: "alembic",
      name: "op.add_column, op.create_foreign_key, then an UPDATE of every row in the same transaction: the key checks only NULLs, under a lock the backfill holds longer",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("definition", sa.Column("project_id", sa.Integer(), nullable=True))
    op.create_foreign_key(None, "definition", "project", ["project_id"], ["id"], ondelete="CASCADE")
    op.execute("update definition set project_id = 1")


def downgrade():
    op.drop_column("definition", "project_id")
`,
    },
    {
      framework: "alembic",
      name: "batch_alter_table: the column and its foreign key in one batch, then SET NOT NULL scans every row under the same lock",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.batch_alter_table("shopping_lists") as batch_op:
        batch_op.add_column(sa.Column("user_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_user_shopping_lists", "users", ["user_id"], ["id"])

    op.execute("UPDATE shopping_lists SET user_id = (SELECT min(id) FROM users)")

    with op.batch_alter_table("shopping_lists") as batch_op:
        batch_op.alter_column("user_id", nullable=False)


def downgrade():
    op.drop_column("shopping_lists", "user_id")
`,
    },
    {
      framework: "alembic",
      name: "add_column(nullable=False) without server_default first: the foreign key validates no rows",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("folder", sa.Column("team_id", sa.Integer(), nullable=False))
    op.create_foreign_key("fk_folder__team_id", "folder", "team", ["team_id"], ["id"])


def downgrade():
    op.drop_constraint("fk_folder__team_id", "folder", type_="foreignkey")
    op.drop_column("folder", "team_id")
`,
    },
    {
      framework: "alembic",
      name: "NOT VALID through op.execute, validated in the next revision",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.execute("ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID")


def downgrade():
    op.drop_constraint("fk_orders_customer", "orders", type_="foreignkey")
`,
    },
  ],
});
