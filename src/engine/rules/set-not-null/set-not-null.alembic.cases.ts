import { ALEMBIC_ROW_BY_ROW_BACKFILL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

/** Netflix/lemur's env.py (trimmed): context.configure without transaction_per_migration=True, so one upgrade is one transaction */
const LEMUR_ENV = `from alembic import context
from sqlalchemy import engine_from_config, pool
from flask import current_app

config = context.config


def run_migrations_offline():
    url = config.get_main_option("sqlalchemy.url")
    context.configure(url=url)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    engine = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.", poolclass=pool.NullPool)
    connection = engine.connect()
    context.configure(connection=connection, target_metadata=target_metadata, **current_app.extensions["migrate"].configure_args)
    try:
        with context.begin_transaction():
            context.run_migrations()
    finally:
        connection.close()
`;

/** funnel's env.py (Flask-Migrate's multidb template, trimmed): it begins the connection's transaction itself, commits it after the last revision */
const HELD_ENV = `from alembic import context

USE_TWOPHASE = False


def run_migrations_online():
    engines = {"": {"engine": engine}}
    for rec in engines.values():
        rec["connection"] = conn = rec["engine"].connect()
        if USE_TWOPHASE:
            rec["transaction"] = conn.begin_twophase()
        else:
            rec["transaction"] = conn.begin()
    rec = next(iter(engines.values()))
    context.configure(connection=rec["connection"], target_metadata=None)
    context.run_migrations()
    rec["transaction"].commit()
`;

const PER_REVISION_ENV = LEMUR_ENV.replace("target_metadata=target_metadata,", "target_metadata=target_metadata, transaction_per_migration=True,");

/** Lemur's revision 4fe230f7a26e: one alter_column nullable=False. */
const LEMUR_REVISION = `from alembic import op
import sqlalchemy as sa

revision = "4fe230f7a26e"
down_revision = "c05a8998b371"


def upgrade():
    op.alter_column("certificate_associations", "domain_id", existing_type=sa.INTEGER(), nullable=False)


def downgrade():
    op.alter_column("certificate_associations", "domain_id", existing_type=sa.INTEGER(), nullable=True)
`;

/** The fix for LEMUR_REVISION; `beforeValidate` is what the VALIDATE revision runs first (ending the upgrade's transaction or nothing). */
const lemurFix = (beforeValidate: string) =>
  "op.execute(\"ALTER TABLE certificate_associations ADD CONSTRAINT certificate_associations_domain_id_not_null CHECK (domain_id IS NOT NULL) NOT VALID\")\n\n# then a new migration, lemur/migrations/versions/0244f6934a68_validate_certificate_associations_domain_id_not_null.py:\nfrom alembic import op\nimport sqlalchemy as sa\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"0244f6934a68\"\nrevision = NEW_REVISION_ID\ndown_revision = \"4fe230f7a26e\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n" +
  beforeValidate +
  "    op.execute(\"ALTER TABLE certificate_associations VALIDATE CONSTRAINT certificate_associations_domain_id_not_null\")\n    op.alter_column(\"certificate_associations\", \"domain_id\", existing_type=sa.INTEGER(), nullable=False)\n    op.drop_constraint(\"certificate_associations_domain_id_not_null\", \"certificate_associations\")\n\n\ndef downgrade():\n    op.alter_column(\"certificate_associations\", \"domain_id\", nullable=True)\n    pass";

/** notifications-api's 0449 / 0450 / 0451: a CHECK added NOT VALID as a SQLAlchemy expression, validated, then SET NOT NULL. */
const revisionOf = (id: string, after: string, body: string) => `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = "${after}"\n\n\ndef upgrade():\n${body}\n\n\ndef downgrade():\n    pass\n`;
const UNSUB_CHECK = revisionOf(
  "0449_t_has_unsub_link_constraint",
  "0448_t_has_unsub_link_backfill",
  `    op.create_check_constraint(\n        "ck_templates_has_unsubscribe_link_not_null_check",\n        "templates",\n        sa.column("has_unsubscribe_link").is_not(None),\n        postgresql_not_valid=True,\n    )`,
);
const UNSUB_VALIDATE = revisionOf("0450_t_has_unsub_link_validate", "0449_t_has_unsub_link_constraint", `    op.execute("ALTER TABLE templates VALIDATE CONSTRAINT ck_templates_has_unsubscribe_link_not_null_check")`);
const UNSUB_NOT_NULL = revisionOf(
  "0451_t_has_unsub_link_not_null",
  "0450_t_has_unsub_link_validate",
  `    op.alter_column("templates", "has_unsubscribe_link", nullable=False)\n    op.drop_constraint("ck_templates_has_unsubscribe_link_not_null_check", "templates")`,
);

/** A revision of zou's chain that changes nothing: only its place in the graph matters. */
const zouRevision = (id: string, after: string | undefined) =>
  `from alembic import op\n\nrevision = "${id}"\ndown_revision = ${after ? `"${after}"` : "None"}\n\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n`;

/** Backend.AI's 2dccb3069031 (trimmed): SET NOT NULL over a module-level tuple of (table, column) pairs, in a loop. */
const LOOP_REVISION = `from alembic import op
import sqlalchemy as sa

revision = "2dccb3069031"
down_revision = "e3f2ff64863f"

_TARGETS = (
    ("users", "created_at"),
    ("networks", "created_at"),
)


def upgrade():
    for table, column in _TARGETS:
        op.alter_column(table, column, existing_type=sa.DateTime(timezone=True), nullable=False)


def downgrade():
    for table, column in reversed(_TARGETS):
        op.alter_column(table, column, nullable=True)
`;

/** The CHECK of the loop's body, the same for every item: over the loop's names, under the note that every item runs it. */
const LOOP_BODY_CHECK = `# line 15 runs for every item of _TARGETS (the loop of lines 14-15): in the loop's body, in place of line 15 (table, column as the loop binds them):
op.execute(f"ALTER TABLE {table} ADD CONSTRAINT {table}_{column}_not_null CHECK ({column} IS NOT NULL) NOT VALID")`;

/** The validating revision of one item of LOOP_REVISION: the item's own names, never the loop's `table` / `column`. */
const loopItemRevision = (id: string, table: string, after: string, comment = "") => `# then a new migration, migrations/versions/${id}_validate_${table}_created_at_not_null.py:
from alembic import op
import sqlalchemy as sa

# a new id for this revision: any string unique among the revisions (\`alembic revision\` makes one)
NEW_REVISION_ID = "${id}"
revision = NEW_REVISION_ID
${comment}down_revision = "${after}"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("ALTER TABLE ${table} VALIDATE CONSTRAINT ${table}_created_at_not_null")
    op.alter_column("${table}", "created_at", existing_type=sa.DateTime(timezone=True), nullable=False)
    op.drop_constraint("${table}_created_at_not_null", "${table}")


def downgrade():
    op.alter_column("${table}", "created_at", nullable=True)
    pass`;

/** A loop over columns one of which needs quoting and whose CHECK names PostgreSQL shortens: no f-string writes them. */
const LONG_LOOP_REVISION = `from alembic import op

revision = "3aa"
down_revision = "2dccb3069031"


def upgrade():
    for column in ["created_at", "Updated"]:
        op.alter_column("deployment_auto_scaling_policies_with_a_long_name", column, nullable=False)


def downgrade():
    for column in ["created_at", "Updated"]:
        op.alter_column("deployment_auto_scaling_policies_with_a_long_name", column, nullable=True)
`;

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "op.execute of an UPDATE ... WHERE status != 'closed', then nullable=False: the NULL rows stay NULL and the NOT NULL fails; the fix is the op.execute with OR status IS NULL",
      path: "alembic/versions/b2_status.py",
      files: {
        "alembic/versions/a1_init.py": "from alembic import op\nimport sqlalchemy as sa\n\nrevision = \"a1\"\ndown_revision = None\n\n\ndef upgrade():\n    op.create_table(\"orders\", sa.Column(\"id\", sa.BigInteger(), primary_key=True), sa.Column(\"status\", sa.Text()))\n\n\ndef downgrade():\n    op.drop_table(\"orders\")\n",
      },
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.execute("UPDATE orders SET status = 'open' WHERE status != 'closed'")
    op.alter_column("orders", "status", nullable=False)


def downgrade():
    op.alter_column("orders", "status", nullable=True)
`,
      lines: [10],
      severities: ["error"],
      fixes: ['# the backfill of line 9, taking the rows NULL in status too (or compare with IS DISTINCT FROM):\nop.execute(\n    """\n    UPDATE orders SET status = \'open\' WHERE status <> \'closed\'\n      OR status IS NULL\n    """\n)'],
    },
    {
      framework: "alembic",
      name: "the same row-by-row backfill of a column an earlier migration added: the UPDATEs take ROW EXCLUSIVE only, so the SET NOT NULL's ACCESS EXCLUSIVE scan is the long lock, an error",
      code: ALEMBIC_ROW_BY_ROW_BACKFILL.replace('    op.add_column("commentset", sa.Column("uuid", sa.Uuid(), nullable=True))\n', ""),
      lines: [15],
      messages: ["SET NOT NULL on commentset.uuid scans the whole table under an ACCESS EXCLUSIVE lock."],
    },
    {
      framework: "alembic",
      name: "funnel 887db555cca9: a row-by-row backfill of the column added empty in this transaction, which this SET NOT NULL needs on every row, ran under the ADD COLUMN's ACCESS EXCLUSIVE lock: the scan adds a fraction of that outage, a note",
      code: ALEMBIC_ROW_BY_ROW_BACKFILL,
      lines: [16],
      severities: ["info"],
      messages: ["this transaction already holds that lock and updated every row of commentset under it (line 15)"],
    },
    {
      framework: "alembic",
      name: "SET NOT NULL in a loop over a literal list (Backend.AI 2dccb3069031): each item's new revision names its own table and column, and the CHECK in place is the loop body's over the loop's names, never one item's statement",
      path: "migrations/versions/2dccb3069031_timestamps.py",
      code: LOOP_REVISION,
      lines: [15, 15],
      fixes: [
        `${LOOP_BODY_CHECK}\n\n${loopItemRevision("9ff4465045aa", "networks", "2dccb3069031", "# if you also apply the fix of migrations/versions/2dccb3069031_timestamps.py that adds migrations/versions/59b48740ec18_validate_users_created_at_not_null.py: down_revision = \"59b48740ec18\" instead (one head: with two, `alembic upgrade head` refuses)\n")}`,
        `${LOOP_BODY_CHECK}\n\n${loopItemRevision("59b48740ec18", "users", "2dccb3069031")}`,
      ],
    },
    {
      framework: "alembic",
      name: "SET NOT NULL in a loop whose CHECK names need quoting or shortening: the loop body looks each item's statement up by the loop variable",
      path: "migrations/versions/3aa_long.py",
      code: LONG_LOOP_REVISION,
      lines: [9, 9],
      messages: ["Updated", "created_at"],
      fixes: [
        "# line 9 runs for every item of [\"created_at\", \"Updated\"] (the loop of lines 8-9): in the loop's body, in place of line 9 (column as the loop binds them):\nop.execute({\n    \"created_at\": \"ALTER TABLE deployment_auto_scaling_policies_with_a_long_name ADD CONSTRAINT deployment_auto_scaling_policies_with_a_lon_created_at_not_null CHECK (created_at IS NOT NULL) NOT VALID\",\n    \"Updated\": \"ALTER TABLE deployment_auto_scaling_policies_with_a_long_name ADD CONSTRAINT \\\"deployment_auto_scaling_policies_with_a_long_n_Updated_not_null\\\" CHECK (\\\"Updated\\\" IS NOT NULL) NOT VALID\",\n}[column])\n\n# then a new migration, migrations/versions/ae50c7953cda_validate_deployment_auto_scaling_policies_with_a_long_n_updated_not_null.py:\nfrom alembic import op\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"ae50c7953cda\"\nrevision = NEW_REVISION_ID\n# if you also apply the fix of migrations/versions/3aa_long.py that adds migrations/versions/70ae2403e509_validate_deployment_auto_scaling_policies_with_a_lon_created_at_not_null.py: down_revision = \"70ae2403e509\" instead (one head: with two, `alembic upgrade head` refuses)\ndown_revision = \"3aa\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    op.execute(\"ALTER TABLE deployment_auto_scaling_policies_with_a_long_name VALIDATE CONSTRAINT \\\"deployment_auto_scaling_policies_with_a_long_n_Updated_not_null\\\"\")\n    op.alter_column(\"deployment_auto_scaling_policies_with_a_long_name\", \"Updated\", nullable=False)\n    op.drop_constraint(\"deployment_auto_scaling_policies_with_a_long_n_Updated_not_null\", \"deployment_auto_scaling_policies_with_a_long_name\")\n\n\ndef downgrade():\n    op.alter_column(\"deployment_auto_scaling_policies_with_a_long_name\", \"Updated\", nullable=True)\n    pass",
        "# line 9 runs for every item of [\"created_at\", \"Updated\"] (the loop of lines 8-9): in the loop's body, in place of line 9 (column as the loop binds them):\nop.execute({\n    \"created_at\": \"ALTER TABLE deployment_auto_scaling_policies_with_a_long_name ADD CONSTRAINT deployment_auto_scaling_policies_with_a_lon_created_at_not_null CHECK (created_at IS NOT NULL) NOT VALID\",\n    \"Updated\": \"ALTER TABLE deployment_auto_scaling_policies_with_a_long_name ADD CONSTRAINT \\\"deployment_auto_scaling_policies_with_a_long_n_Updated_not_null\\\" CHECK (\\\"Updated\\\" IS NOT NULL) NOT VALID\",\n}[column])\n\n# then a new migration, migrations/versions/70ae2403e509_validate_deployment_auto_scaling_policies_with_a_lon_created_at_not_null.py:\nfrom alembic import op\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"70ae2403e509\"\nrevision = NEW_REVISION_ID\ndown_revision = \"3aa\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    op.execute(\"ALTER TABLE deployment_auto_scaling_policies_with_a_long_name VALIDATE CONSTRAINT deployment_auto_scaling_policies_with_a_lon_created_at_not_null\")\n    op.alter_column(\"deployment_auto_scaling_policies_with_a_long_name\", \"created_at\", nullable=False)\n    op.drop_constraint(\"deployment_auto_scaling_policies_with_a_lon_created_at_not_null\", \"deployment_auto_scaling_policies_with_a_long_name\")\n\n\ndef downgrade():\n    op.alter_column(\"deployment_auto_scaling_policies_with_a_long_name\", \"created_at\", nullable=True)\n    pass",
      ],
    },
    {
      framework: "alembic",
      name: "a later revision renames the table and the column: the VALIDATE / SET NOT NULL revision at the head names them as they are there (mwdb-core's metakey became attribute)",
      path: "lemur/migrations/versions/4fe230f7a26e_.py",
      code: LEMUR_REVISION,
      files: {
        "lemur/migrations/versions/5a1b2c3d4e5f_rename.py": revisionOf("5a1b2c3d4e5f", "4fe230f7a26e", `    op.rename_table("certificate_associations", "certificate_domains")\n    op.alter_column("certificate_domains", "domain_id", new_column_name="domain_ref")`),
      },
      lines: [9],
      fixes: [`op.execute("ALTER TABLE certificate_associations ADD CONSTRAINT certificate_associations_domain_id_not_null CHECK (domain_id IS NOT NULL) NOT VALID")

# then a new migration, lemur/migrations/versions/68d9710c7c5e_validate_certificate_associations_domain_id_not_null.py:
from alembic import op
import sqlalchemy as sa

# a new id for this revision: any string unique among the revisions (\`alembic revision\` makes one)
NEW_REVISION_ID = "68d9710c7c5e"
revision = NEW_REVISION_ID
down_revision = "5a1b2c3d4e5f"  # the revision tree's head: "4fe230f7a26e" already has a child
branch_labels = None
depends_on = None


def upgrade():
    op.execute("ALTER TABLE certificate_domains VALIDATE CONSTRAINT certificate_associations_domain_id_not_null")
    op.alter_column("certificate_domains", "domain_ref", existing_type=sa.INTEGER(), nullable=False)
    op.drop_constraint("certificate_associations_domain_id_not_null", "certificate_domains")


def downgrade():
    op.alter_column("certificate_domains", "domain_ref", nullable=True)
    pass`],
    },
    {
      framework: "alembic",
      name: "a later revision drops the table: no revision validates the CHECK at the head, where the table is gone, and the fix names the revision that drops it",
      path: "lemur/migrations/versions/4fe230f7a26e_.py",
      code: LEMUR_REVISION,
      files: { "lemur/migrations/versions/5a1b2c3d4e5f_drop.py": revisionOf("5a1b2c3d4e5f", "4fe230f7a26e", `    op.drop_table("certificate_associations")`) },
      lines: [9],
      fixes: [`op.execute("ALTER TABLE certificate_associations ADD CONSTRAINT certificate_associations_domain_id_not_null CHECK (domain_id IS NOT NULL) NOT VALID")
# no migration validates the CHECK or sets NOT NULL: later, lemur/migrations/versions/5a1b2c3d4e5f_drop.py:9 drops table certificate_associations, and domain_id with it, so it is not there at the head of the history, where a new migration would run`],
    },
    {
      framework: "alembic",
      name: "add_column, an UPDATE of every row, alter_column nullable=False in one revision's transaction: the lock is held for the UPDATE already: a note",
      code: `from alembic import op
import sqlalchemy as sa

revision = "d4"
down_revision = "c3"


def upgrade():
    op.add_column("memberships", sa.Column("role", sa.Text(), nullable=True))
    op.execute("UPDATE memberships SET role = 'member'")
    op.alter_column("memberships", "role", nullable=False)


def downgrade():
    op.drop_column("memberships", "role")
`,
      lines: [11],
      severities: ["info"],
      messages: ["updated every row of memberships under it (line 10)"],
    },
    {
      framework: "alembic",
      name: "an earlier revision added the CHECK (column IS NOT NULL) NOT VALID and none validated it: SET NOT NULL still scans",
      path: "migrations/versions/0451_t_has_unsub_link_not_null.py",
      files: { "migrations/versions/0449_t_has_unsub_link_constraint.py": UNSUB_CHECK },
      code: UNSUB_NOT_NULL,
      lines: [9],
    },
    {
      framework: "alembic",
      name: "lemur: env.py runs every revision in one transaction, so the VALIDATE revision first ends it (an empty autocommit_block); otherwise the split would hold the lock just as long",
      path: "lemur/migrations/versions/4fe230f7a26e_.py",
      files: { "lemur/migrations/env.py": LEMUR_ENV },
      code: LEMUR_REVISION,
      lines: [9],
      fixes: [lemurFix("    # lemur/migrations/env.py runs every revision of an upgrade in one transaction (context.configure has no transaction_per_migration=True, unless **current_app.extensions[\"migrate\"].configure_args brings it):\n    # commit what the revisions before ran, releasing their locks; the statements below run in a new transaction\n    with op.get_context().autocommit_block():\n        pass\n")],
    },
    {
      framework: "alembic",
      name: "funnel: env.py begins the upgrade's transaction itself (conn.begin()), so no revision can end it (autocommit_block asserts, a commit fails env.py's own): the VALIDATE revision runs in an upgrade of its own",
      path: "lemur/migrations/versions/4fe230f7a26e_.py",
      files: { "lemur/migrations/env.py": HELD_ENV },
      code: LEMUR_REVISION,
      lines: [9],
      fixes: [lemurFix("    # lemur/migrations/env.py line 13 begins one transaction for every revision of an upgrade (conn.begin()) and commits it after the last: no revision can commit the ones before.\n    # Run this revision in an upgrade of its own (`alembic upgrade <its down_revision>`, then `alembic upgrade head`, e.g. in the next deploy), so the locks of those before are released first\n")],
    },
    {
      framework: "alembic",
      name: "the same, with an earlier revision that builds an index in autocommit_block(): the fix names it as the project's own precedent",
      path: "lemur/migrations/versions/4fe230f7a26e_.py",
      files: {
        "lemur/migrations/env.py": LEMUR_ENV,
        "lemur/migrations/versions/c05a8998b371_.py": `from alembic import op

revision = "c05a8998b371"
down_revision = None


def upgrade():
    with op.get_context().autocommit_block():
        op.create_index("ix_certificates_name", "certificates", ["name"], postgresql_concurrently=True)


def downgrade():
    op.drop_index("ix_certificates_name", table_name="certificates")
`,
      },
      code: LEMUR_REVISION,
      lines: [9],
      fixes: [lemurFix("    # lemur/migrations/env.py runs every revision of an upgrade in one transaction (context.configure has no transaction_per_migration=True, unless **current_app.extensions[\"migrate\"].configure_args brings it):\n    # commit what the revisions before ran, releasing their locks; the statements below run in a new transaction (autocommit_block, as revision c05a8998b371 does)\n    with op.get_context().autocommit_block():\n        pass\n")],
    },
    {
      framework: "alembic",
      name: "bodhi 22cd873f4a1f: alter_column renames the column with the NOT NULL (new_column_name=): the VALIDATE revision's downgrade reaches it by its new name and renames it back",
      path: "migrations/versions/22cd873f4a1f_rename_karma.py",
      files: { "migrations/env.py": PER_REVISION_ENV },
      code: `from alembic import op

revision = "22cd873f4a1f"
down_revision = "aae0d29d49b7"


def upgrade():
    op.alter_column("comment_testcase_assoc", "karma", nullable=False, new_column_name="feedback")


def downgrade():
    op.alter_column("comment_testcase_assoc", "feedback", nullable=False, new_column_name="karma")
`,
      lines: [8],
      fixes: ["op.execute(\"ALTER TABLE comment_testcase_assoc ADD CONSTRAINT comment_testcase_assoc_karma_not_null CHECK (karma IS NOT NULL) NOT VALID\")\n# and in this revision's downgrade, instead of what undoes line 8 (the new revision's downgrade renames feedback back to karma):\n# op.drop_constraint(\"comment_testcase_assoc_karma_not_null\", \"comment_testcase_assoc\")\n\n# then a new migration, migrations/versions/239645906ddf_validate_comment_testcase_assoc_karma_not_null.py:\nfrom alembic import op\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"239645906ddf\"\nrevision = NEW_REVISION_ID\ndown_revision = \"22cd873f4a1f\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    op.execute(\"ALTER TABLE comment_testcase_assoc VALIDATE CONSTRAINT comment_testcase_assoc_karma_not_null\")\n    op.alter_column(\"comment_testcase_assoc\", \"karma\", nullable=False, new_column_name=\"feedback\")\n    op.drop_constraint(\"comment_testcase_assoc_karma_not_null\", \"comment_testcase_assoc\")\n\n\ndef downgrade():\n    op.alter_column(\"comment_testcase_assoc\", \"feedback\", nullable=True, new_column_name=\"karma\")\n    pass"],
    },
    {
      framework: "alembic",
      name: "zou: a revision of a second version location (legacy/, whose last revision a squash root in versions/ replaces) is followed by the head of the whole graph, in versions/, not by the squash root",
      path: "zou/migrations/versions/legacy/4e3738cdc34c_.py",
      files: {
        "zou/migrations/versions/legacy/a1b2c3d4e5f6_add_position.py": zouRevision("a1b2c3d4e5f6", "4e3738cdc34c"),
        "zou/migrations/versions/0001_squash_pre_1_0_0.py": zouRevision("a1b2c3d4e5f6", undefined),
        "zou/migrations/versions/a0f668430352_add_created_by.py": zouRevision("a0f668430352", "a1b2c3d4e5f6"),
        "zou/migrations/versions/b7d419c25e08_index_keys.py": zouRevision("b7d419c25e08", "a0f668430352"),
      },
      code: `from alembic import op
import sqlalchemy as sa

revision = "4e3738cdc34c"
down_revision = "6c597e842afa"


def upgrade():
    op.alter_column("project_task_type_link", "priority", existing_type=sa.INTEGER(), nullable=False)


def downgrade():
    op.alter_column("project_task_type_link", "priority", existing_type=sa.INTEGER(), nullable=True)
`,
      lines: [9],
      fixes: ["op.execute(\"ALTER TABLE project_task_type_link ADD CONSTRAINT project_task_type_link_priority_not_null CHECK (priority IS NOT NULL) NOT VALID\")\n\n# then a new migration, zou/migrations/versions/6c70a1a049ac_validate_project_task_type_link_priority_not_null.py:\nfrom alembic import op\nimport sqlalchemy as sa\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"6c70a1a049ac\"\nrevision = NEW_REVISION_ID\ndown_revision = \"b7d419c25e08\"  # the revision tree's head: \"4e3738cdc34c\" already has a child\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    op.execute(\"ALTER TABLE project_task_type_link VALIDATE CONSTRAINT project_task_type_link_priority_not_null\")\n    op.alter_column(\"project_task_type_link\", \"priority\", existing_type=sa.INTEGER(), nullable=False)\n    op.drop_constraint(\"project_task_type_link_priority_not_null\", \"project_task_type_link\")\n\n\ndef downgrade():\n    op.alter_column(\"project_task_type_link\", \"priority\", nullable=True)\n    pass"],
    },
    {
      framework: "alembic",
      name: "env.py with transaction_per_migration=True: each revision commits on its own, the split revision needs nothing more",
      path: "lemur/migrations/versions/4fe230f7a26e_.py",
      files: { "lemur/migrations/env.py": PER_REVISION_ENV },
      code: LEMUR_REVISION,
      lines: [9],
      fixes: [lemurFix("")],
    },
    {
      framework: "alembic",
      name: "polar: the alter_column's existing_type is postgresql.JSONB, so the VALIDATE revision imports postgresql as the revision does (else NameError)",
      path: "server/migrations/versions/2026-07-28-1633_enforce_organizations_embed_hosts_not_.py",
      code: `import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "45773b693045"
down_revision = "b493ccc15e3f"


def upgrade() -> None:
    op.execute("UPDATE organizations SET embed_hosts = '[]' WHERE embed_hosts IS NULL")
    op.alter_column(
        "organizations",
        "embed_hosts",
        existing_type=postgresql.JSONB(astext_type=sa.Text()),
        nullable=False,
    )


def downgrade() -> None:
    op.alter_column("organizations", "embed_hosts", existing_type=postgresql.JSONB(astext_type=sa.Text()), nullable=True)
`,
      lines: [11],
      fixes: ["op.execute(\"ALTER TABLE organizations ADD CONSTRAINT organizations_embed_hosts_not_null CHECK (embed_hosts IS NOT NULL) NOT VALID\")\n\n# then a new migration, server/migrations/versions/4c4a058a6762_validate_organizations_embed_hosts_not_null.py:\nfrom alembic import op\nimport sqlalchemy as sa\nfrom sqlalchemy.dialects import postgresql\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"4c4a058a6762\"\nrevision = NEW_REVISION_ID\ndown_revision = \"45773b693045\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    op.execute(\"ALTER TABLE organizations VALIDATE CONSTRAINT organizations_embed_hosts_not_null\")\n    op.alter_column(\n        \"organizations\",\n        \"embed_hosts\",\n        existing_type=postgresql.JSONB(astext_type=sa.Text()),\n        nullable=False,\n    )\n    op.drop_constraint(\"organizations_embed_hosts_not_null\", \"organizations\")\n\n\ndef downgrade():\n    op.alter_column(\"organizations\", \"embed_hosts\", nullable=True)\n    pass"],
    },
    {
      framework: "alembic",
      name: "alter_column nullable=False, also inside batch_alter_table",
      code: `from alembic import op
import sqlalchemy as sa

revision = "23d7954e9cbe"
down_revision = "81a8b7f69d1f"


def upgrade():
    op.alter_column("issues", "organization_id", existing_type=sa.UUID(), nullable=False)
    with op.batch_alter_table("pull_requests") as batch_op:
        batch_op.alter_column("repository_id", existing_type=sa.UUID(), nullable=False)


def downgrade():
    op.alter_column("issues", "organization_id", existing_type=sa.UUID(), nullable=True)
    with op.batch_alter_table("pull_requests") as batch_op:
        batch_op.alter_column("repository_id", existing_type=sa.UUID(), nullable=True)
`,
      lines: [9, 11],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "notifications-api: earlier revisions added CHECK (has_unsubscribe_link IS NOT NULL) NOT VALID as a SQLAlchemy expression and validated it: PostgreSQL 12+ reads the CHECK, no scan",
      path: "migrations/versions/0451_t_has_unsub_link_not_null.py",
      files: { "migrations/versions/0449_t_has_unsub_link_constraint.py": UNSUB_CHECK, "migrations/versions/0450_t_has_unsub_link_validate.py": UNSUB_VALIDATE },
      code: UNSUB_NOT_NULL,
    },
    {
      framework: "alembic",
      name: "NOT NULL through a validated CHECK constraint (PostgreSQL 12+ skips the scan)",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.execute("ALTER TABLE issues VALIDATE CONSTRAINT issues_organization_id_not_null")
    op.alter_column("issues", "organization_id", nullable=False)


def downgrade():
    op.alter_column("issues", "organization_id", nullable=True)
`,
    },
  ],
});
