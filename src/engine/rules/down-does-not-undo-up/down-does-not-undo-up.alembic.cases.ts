import { CI_MATRIX_SQLITE_POSTGRES } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";
import { flaskMigrateEnv } from "../../testing/alembic-autocommit-env.js";

/** bitcart's env.py: target_metadata = Model.metadata, a class whose body binds the project's MetaData with a naming convention */
const CLASS_METADATA_ENV = {
  "migrations/env.py": `from alembic import context

from api.models import Model

target_metadata = Model.metadata


def run_migrations_online():
    context.configure(connection=None, target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
`,
  "api/__init__.py": "",
  "api/models.py": `from sqlalchemy import MetaData

my_metadata = MetaData(
    naming_convention={
        "ix": "%(column_0_label)s_idx",
        "uq": "%(table_name)s_%(column_0_name)s_key",
        "fk": "%(table_name)s_%(column_0_name)s_%(referred_table_name)s_fkey",
        "pk": "%(table_name)s_pkey",
    }
)


class Model:
    __abstract__ = True

    metadata = my_metadata
`,
};

/** create_foreign_key / create_unique_constraint / create_index with None for a name, undone by `drops` */
const unnamedOps = (drops: string) => `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_foreign_key(None, "notifications", "users", ["user_id"], ["id"], ondelete="SET NULL")
    op.create_unique_constraint(None, "users", ["email"])
    op.create_index(None, "tokens", ["user_id"])


def downgrade():
${drops}
`;

/** privacyidea d756b34061ff: the up creates a sequence in a try whose except goes on; the downgrade leaves it */
const GUARDED_SEQUENCE = `from alembic import op
import sqlalchemy as sa
from sqlalchemy.schema import CreateSequence, Sequence

revision = "b2"
down_revision = "a1"


def upgrade():
    try:
        op.execute(CreateSequence(Sequence("eventcounter_seq")))
    except Exception as exx:
        print("Could not create sequence eventcounter_seq:", exx)
    op.add_column("eventcounter", sa.Column("node", sa.Unicode(255)))


def downgrade():
    op.drop_column("eventcounter", "node")
`;

/** flexmeasures' env.py (Flask-Migrate's template): target_metadata is the app's db.metadata, found only at run time */
const FLASK_METADATA_ENV = {
  "migrations/env.py": `from alembic import context
from flask import current_app

target_metadata = current_app.extensions["migrate"].db.metadata


def run_migrations_online():
    with current_app.extensions["migrate"].db.engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
`,
};

/** flexmeasures 26373d8266db: autogenerate's downgrade drops the keys the upgrade created unnamed with drop_constraint(None, ...) */
const UNNAMED_DOWN_DROP = `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.drop_constraint("power_asset_id_asset_fkey", "power", type_="foreignkey")
    op.create_foreign_key(None, "power", "asset", ["asset_id"], ["id"], ondelete="CASCADE")


def downgrade():
    op.drop_constraint(None, "power", type_="foreignkey")
    op.create_foreign_key("power_asset_id_asset_fkey", "power", "asset", ["asset_id"], ["id"])
`;

/** flexmeasures a60cc43aef5e: a key replaced by an unnamed one, which the convention names as the one dropped; the downgrade does the same the other way */
const CONVENTION_REPLACED_KEY = `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.drop_constraint("generic_asset_parent_asset_id_generic_asset_fkey", "generic_asset", type_="foreignkey")
    op.create_foreign_key(None, "generic_asset", "generic_asset", ["parent_asset_id"], ["id"], ondelete="CASCADE")


def downgrade():
    op.drop_constraint("generic_asset_parent_asset_id_generic_asset_fkey", "generic_asset", type_="foreignkey")
    op.create_foreign_key(None, "generic_asset", "generic_asset", ["parent_asset_id"], ["id"])
`;

/** Open-Assistant's env.py: target_metadata is SQLModel's own MetaData, which has no naming convention unless the project's models give it one */
const sqlmodelEnv = (models: string) => ({
  "alembic/env.py": `import sqlmodel
from alembic import context
from app import models  # noqa: F401

target_metadata = sqlmodel.SQLModel.metadata


def run_migrations_online():
    context.configure(connection=None, target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
`,
  "app/__init__.py": "",
  "app/models.py": models,
});

const SQLMODEL_MODELS = `from sqlmodel import Field, SQLModel


class WorkPackage(SQLModel, table=True):
    __tablename__ = "work_package"
    id: int = Field(primary_key=True)
`;

/** the revision before: post_reaction with its post_id key, and work_package */
const POST_REACTION_BASE = (postReactionKeys = "") => `import sqlalchemy as sa
from alembic import op

revision = "a1"
down_revision = None


def upgrade():
    op.create_table("work_package", sa.Column("id", sa.Integer, primary_key=True))
    op.create_table("post", sa.Column("id", sa.Integer, primary_key=True))
    op.create_table(
        "post_reaction",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("post_id", sa.Integer, sa.ForeignKey("post.id", name="post_reaction_post_id_fkey")),${postReactionKeys}
    )


def downgrade():
    op.drop_table("post_reaction")
    op.drop_table("post")
    op.drop_table("work_package")
`;

/** Open-Assistant d24b37426857: autogenerate's upgrade moves post_reaction's key to work_package unnamed; its downgrade drops it with drop_constraint(None, ...) */
const POST_REF_FOR_WORK_PACKAGE = `import sqlalchemy as sa
from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("post_reaction", sa.Column("work_package_id", sa.Integer(), nullable=True))
    op.drop_constraint("post_reaction_post_id_fkey", "post_reaction", type_="foreignkey")
    op.create_foreign_key(None, "post_reaction", "work_package", ["work_package_id"], ["id"])
    op.drop_column("post_reaction", "post_id")


def downgrade():
    op.add_column("post_reaction", sa.Column("post_id", sa.Integer(), nullable=True))
    op.drop_constraint(None, "post_reaction", type_="foreignkey")
    op.create_foreign_key("post_reaction_post_id_fkey", "post_reaction", "post", ["post_id"], ["id"])
    op.drop_column("post_reaction", "work_package_id")
`;

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "dstack 98cd9c8b5927: the enum type create_table made, where the project also runs on SQLite: its DROP TYPE on PostgreSQL only (SQLite made no type)",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_table(
        "volumes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("status", sa.Enum("SUBMITTED", "ACTIVE", name="volumestatus"), nullable=False),
    )


def downgrade():
    op.drop_table("volumes")
`,
      files: CI_MATRIX_SQLITE_POSTGRES,
      lines: [9],
      fixes: ["# add to downgrade():\nif op.get_bind().dialect.name == \"postgresql\":\n    op.execute(\"DROP TYPE volumestatus;\")"],
    },
    {
      framework: "alembic",
      name: "Open-Assistant d24b37426857: env.py's target_metadata is SQLModel.metadata (no naming convention), so PostgreSQL named the key: the fix drops post_reaction_work_package_id_fkey",
      files: { ...sqlmodelEnv(SQLMODEL_MODELS), "alembic/versions/a1_base.py": POST_REACTION_BASE() },
      path: "alembic/versions/b2_post_ref_for_work_package.py",
      code: POST_REF_FOR_WORK_PACKAGE,
      lines: [11],
      messages: ["The down migration does not undo constraint post_reaction_work_package_id_fkey, created here: line 17's drop_constraint(None, \"post_reaction\") names no constraint"],
      fixes: ['# in downgrade(), line 17: name the constraint the upgrade created\nop.drop_constraint("post_reaction_work_package_id_fkey", "post_reaction", type_="foreignkey")'],
    },
    {
      framework: "alembic",
      name: "SQLModel.metadata under an earlier key that took post_reaction_work_package_id_fkey: PostgreSQL numbers the new one (ChooseConstraintName), and the fix drops post_reaction_work_package_id_fkey1",
      files: {
        ...sqlmodelEnv(SQLMODEL_MODELS),
        "alembic/versions/a1_base.py": POST_REACTION_BASE(`
        sa.Column("work_package_id", sa.Integer),
        sa.ForeignKeyConstraint(["work_package_id"], ["work_package.id"], name="post_reaction_work_package_id_fkey"),`),
      },
      path: "alembic/versions/b2_post_ref_for_work_package.py",
      code: POST_REF_FOR_WORK_PACKAGE.replace('    op.add_column("post_reaction", sa.Column("work_package_id", sa.Integer(), nullable=True))\n', "    pass\n"),
      lines: [11],
      fixes: ['# in downgrade(), line 17: name the constraint the upgrade created\nop.drop_constraint("post_reaction_work_package_id_fkey1", "post_reaction", type_="foreignkey")'],
    },
    {
      framework: "alembic",
      name: "SQLModel.metadata with no earlier revision read: PostgreSQL's name is the likely one (a name taken before could have numbered it), and the fix says so",
      files: sqlmodelEnv(SQLMODEL_MODELS),
      path: "alembic/versions/b2_post_ref_for_work_package.py",
      code: POST_REF_FOR_WORK_PACKAGE,
      lines: [11],
      fixes: [
        '# in downgrade(), line 17: name the constraint the upgrade created; "post_reaction_work_package_id_fkey" is the name PostgreSQL gives it\n# unless that name was taken when the upgrade ran (then it numbers it: read it with \\d post_reaction)\nop.drop_constraint("post_reaction_work_package_id_fkey", "post_reaction", type_="foreignkey")',
      ],
    },
    {
      framework: "alembic",
      name: "SQLModel.metadata: an unnamed unique constraint and primary key dropped with drop_constraint(None, ...) are named as PostgreSQL named them (users_email_key, tags_pkey)",
      files: {
        ...sqlmodelEnv(SQLMODEL_MODELS),
        "alembic/versions/a1_base.py": `import sqlalchemy as sa\nfrom alembic import op\n\nrevision = "a1"\ndown_revision = None\n\n\ndef upgrade():\n    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True), sa.Column("email", sa.Text))\n    op.create_table("tags", sa.Column("id", sa.Integer, nullable=False))\n\n\ndef downgrade():\n    op.drop_table("tags")\n    op.drop_table("users")\n`,
      },
      path: "alembic/versions/b2_keys.py",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_unique_constraint(None, "users", ["email"])
    op.create_primary_key(None, "tags", ["id"])


def downgrade():
    op.drop_constraint(None, "tags", type_="primary")
    op.drop_constraint(None, "users", type_="unique")
`,
      lines: [8, 9],
      fixes: [
        '# in downgrade(), line 14: name the constraint the upgrade created\nop.drop_constraint("users_email_key", "users", type_="unique")',
        '# in downgrade(), line 13: name the constraint the upgrade created\nop.drop_constraint("tags_pkey", "tags", type_="primary")',
      ],
    },
    {
      framework: "alembic",
      name: "SQLModel.metadata given a naming convention by the models env.py imports: the key's name is the convention's, which migguard does not read, so the fix says where to read it",
      files: { ...sqlmodelEnv(`${SQLMODEL_MODELS}\nSQLModel.metadata.naming_convention = {"fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"}\n`), "alembic/versions/a1_base.py": POST_REACTION_BASE() },
      path: "alembic/versions/b2_post_ref_for_work_package.py",
      code: POST_REF_FOR_WORK_PACKAGE,
      lines: [11],
      messages: ["the name the up's create gave it depends on the naming convention of env.py's target_metadata, which migguard could not read"],
    },
    {
      framework: "alembic",
      name: "flexmeasures 26373d8266db: the downgrade's drop_constraint(None, ...) names no constraint; env.py's target_metadata (Flask-Migrate's db.metadata) is not read, so the fix says where to read the name instead of guessing PostgreSQL's",
      files: FLASK_METADATA_ENV,
      path: "migrations/versions/b2_cascade.py",
      code: UNNAMED_DOWN_DROP,
      lines: [9],
      messages: ["line 13's drop_constraint(None, \"power\") names no constraint, so Alembic cannot drop it and the rollback fails there; the name the up's create gave it depends on the naming convention of env.py's target_metadata"],
      fixes: [
        "# in downgrade(), line 13: drop_constraint(None, ...) needs the name the upgrade's line 9 gave the constraint\n# (env.py's target_metadata naming convention, which migguard could not read, decides it); read it from the database:\n#   SELECT conname FROM pg_constraint WHERE conrelid = 'power'::regclass AND contype = 'f';\n# and write it as the first argument of that drop_constraint",
      ],
    },
    {
      framework: "alembic",
      name: "the downgrade's drop_constraint(None, ...) under a naming convention migguard reads: the fix names the key as the convention named it",
      files: CLASS_METADATA_ENV,
      path: "migrations/versions/b2_cascade.py",
      code: UNNAMED_DOWN_DROP,
      lines: [9],
      messages: ["The down migration does not undo constraint power_asset_id_asset_fkey, created here: line 13's drop_constraint(None, \"power\") names no constraint"],
      fixes: ['# in downgrade(), line 13: name the constraint the upgrade created\nop.drop_constraint("power_asset_id_asset_fkey", "power", type_="foreignkey")'],
    },
    {
      framework: "alembic",
      name: "privacyidea 48ee74b8a7c8: a sequence created only where the dialect has sequences (MySQL and SQLite have none): the fix drops it under the same condition",
      path: "migrations/versions/b2_eventcounter.py",
      code: "from alembic import context, op\nimport sqlalchemy as sa\nfrom sqlalchemy.schema import CreateSequence, Sequence\n\nrevision = \"b2\"\ndown_revision = \"a1\"\n\n\ndef dialect_supports_sequences():\n    return context.get_context().dialect.supports_sequences\n\n\ndef upgrade():\n    if dialect_supports_sequences():\n        op.execute(CreateSequence(Sequence(\"eventcounter_seq\")))\n    op.add_column(\"eventcounter\", sa.Column(\"node\", sa.Unicode(255)))\n\n\ndef downgrade():\n    op.drop_column(\"eventcounter\", \"node\")\n",
      lines: [15],
      fixes: ['# add to downgrade():\nif dialect_supports_sequences():\n    op.execute("DROP SEQUENCE eventcounter_seq;")'],
    },
    {
      framework: "alembic",
      name: "a create in try/except that goes on, in the revision's transaction: a re-run after the rollback fails and PostgreSQL has aborted the transaction",
      files: { "migrations/env.py": flaskMigrateEnv(false) },
      path: "migrations/versions/b2_eventcounter.py",
      code: GUARDED_SEQUENCE,
      lines: [11],
      messages: ["current transaction is aborted"],
    },
    {
      framework: "alembic",
      name: "an unnamed create_foreign_key under env.py's naming convention the downgrade forgets: named as the convention names it (notifications_user_id_users_fkey), not PostgreSQL's default",
      files: CLASS_METADATA_ENV,
      path: "migrations/versions/b2_unnamed.py",
      code: unnamedOps(`    op.drop_index("tokens_user_id_idx", table_name="tokens")
    op.drop_constraint("users_email_key", "users", type_="unique")`),
      lines: [8],
      messages: ["The down migration does not undo constraint notifications_user_id_users_fkey"],
    },
    {
      framework: "alembic",
      name: "create_table with a sa.Enum(name=...) column creates the type, and op.drop_table (a Table without columns) leaves it: the next upgrade's CREATE TYPE fails",
      code: `import sqlalchemy as sa
from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("state", sa.Enum("open", "closed", name="report_state")),
    )


def downgrade():
    op.drop_table("reports")
`,
      lines: [9],
      fixes: ['# add to downgrade():\nop.execute("DROP TYPE report_state;")'],
    },
    {
      framework: "alembic",
      name: "downgrade() forgets the index",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("invoices", sa.Column("paid_at", sa.DateTime(timezone=True)))
    with op.get_context().autocommit_block():
        op.create_index("ix_invoices_due", "invoices", ["due_date"], postgresql_concurrently=True)


def downgrade():
    op.drop_column("invoices", "paid_at")
`,
      lines: [11],
    },
    {
      framework: "alembic",
      name: "a loop over a list of (table, column) pairs adds three columns, the downgrade drops two",
      code: `from alembic import op
import sqlalchemy as sa

revision = "c3"
down_revision = "b2"

COLUMNS = [("package", "plugin_data"), ("resource", "plugin_data"), ("group", "plugin_data")]


def upgrade():
    for table, column in COLUMNS:
        op.add_column(table, sa.Column(column, sa.Text()))


def downgrade():
    op.drop_column("package", "plugin_data")
    op.drop_column("resource", "plugin_data")
`,
      lines: [12],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "a revision re-creates an earlier revision's index if_not_exists=True: it was there before the upgrade, so the downgrade rightly keeps it",
      path: "migrations/versions/b2_repair.py",
      files: {
        "migrations/versions/a1_users.py":
          'from alembic import op\nimport sqlalchemy as sa\n\nrevision = "a1"\ndown_revision = None\n\n\ndef upgrade():\n    op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("email", sa.String()))\n    op.create_index("ix_users_email", "users", ["email"])\n\n\ndef downgrade():\n    op.drop_table("users")\n',
      },
      code: 'from alembic import op\nimport sqlalchemy as sa\n\nrevision = "b2"\ndown_revision = "a1"\n\n\ndef upgrade():\n    op.create_index("ix_users_email", "users", ["email"], if_not_exists=True)\n    op.add_column("users", sa.Column("nickname", sa.String()))\n\n\ndef downgrade():\n    op.drop_column("users", "nickname")\n',
    },
    {
      framework: "alembic",
      name: "create_index(None, ...) under env.py's target_metadata migguard cannot read: its name is the convention's, unknown, not PostgreSQL's tokens_user_id_idx; the downgrade drops it by the name the project's convention gives",
      files: FLASK_METADATA_ENV,
      path: "migrations/versions/b2_index.py",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_index(None, "tokens", ["user_id"])


def downgrade():
    op.drop_index("ix_tokens_user_id", table_name="tokens")
`,
    },
    {
      framework: "alembic",
      name: "flexmeasures a60cc43aef5e: create_foreign_key(None, ...) under env.py's target_metadata migguard cannot read (Flask-Migrate's db.metadata): its name is unknown, not PostgreSQL's default, and the downgrade drops a key of that table by name",
      files: FLASK_METADATA_ENV,
      path: "migrations/versions/b2_cascade.py",
      code: CONVENTION_REPLACED_KEY,
    },
    {
      framework: "alembic",
      name: "flexmeasures a528c3c81506: a helper drops and recreates a key under its own name, run twice by the upgrade and twice by the downgrade: a replacement, nothing left over",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    recreate_fks(cascade=True)
    op.execute("UPDATE price SET market_id = market_id + 100")
    recreate_fks(cascade=False)


def downgrade():
    recreate_fks(cascade=True)
    op.execute("UPDATE price SET market_id = market_id - 100")
    recreate_fks(cascade=False)


def recreate_fks(cascade: bool):
    op.drop_constraint("price_market_id_market_fkey", "price", type_="foreignkey")
    op.create_foreign_key(
        "price_market_id_market_fkey",
        "price",
        "market",
        ["market_id"],
        ["id"],
        onupdate="CASCADE" if cascade else None,
    )
`,
    },
    {
      framework: "alembic",
      name: "a create in try/except that goes on, env.py's connection in AUTOCOMMIT: a re-run after the rollback does not fail on the leftover",
      files: { "migrations/env.py": flaskMigrateEnv(true) },
      path: "migrations/versions/b2_eventcounter.py",
      code: GUARDED_SEQUENCE,
    },
    {
      framework: "alembic",
      name: "create_foreign_key / create_unique_constraint / create_index with None for a name, under env.py's naming convention (a class's metadata = my_metadata; bitcart): the downgrade drops them by the names the convention gives",
      files: CLASS_METADATA_ENV,
      path: "migrations/versions/b2_unnamed.py",
      code: unnamedOps(`    op.drop_index("tokens_user_id_idx", table_name="tokens")
    op.drop_constraint("users_email_key", "users", type_="unique")
    op.drop_constraint("notifications_user_id_users_fkey", "notifications", type_="foreignkey")`),
    },
    {
      framework: "alembic",
      name: "the downgrade drops the column the upgrade re-added and indexed, then restores the old column and its index under the same name: nothing left over",
      code: `import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "b2"
down_revision = "a1"


def upgrade():
    op.drop_column("content", "tsv")
    op.add_column("content", sa.Column("tsv", postgresql.TSVECTOR()))
    op.create_index("ix_content_tsv", "content", ["tsv"], postgresql_using="gin")


def downgrade():
    op.drop_column("content", "tsv")
    op.add_column("content", sa.Column("tsv", postgresql.TSVECTOR(), sa.Computed("to_tsvector('simple', search_string)", persisted=True)))
    op.create_index("ix_content_tsv", "content", ["tsv"], postgresql_using="gin")
`,
    },
    {
      framework: "alembic",
      name: "the downgrade drops the columns in a loop over reversed() of a module constant (ckan)",
      code: `from alembic import op
import sqlalchemy as sa

revision = "d4"
down_revision = "c3"

tables = ["package", "resource"]


def upgrade():
    for table in tables:
        op.add_column(table, sa.Column("extras", sa.Text()))


def downgrade():
    for table in reversed(tables):
        op.drop_column(table, "extras")
`,
    },
    {
      framework: "alembic",
      name: "loops over sorted() of a function's own tuple, and over a dict's items, undo each other",
      code: `from alembic import op
import sqlalchemy as sa

revision = "e5"
down_revision = "d4"


def upgrade():
    names = ("resource", "package")
    for name in sorted(names):
        op.create_index(f"ix_{name}_state", name, ["state"])
    for table, column in {"member": "capacity", "group": "approval"}.items():
        op.add_column(table, sa.Column(column, sa.Text()))


def downgrade():
    for table, column in [["member", "capacity"], ["group", "approval"]]:
        op.drop_column(table, column)
    for i, name in enumerate(["package", "resource"]):
        op.drop_index(f"ix_{name}_state", table_name=name)
`,
    },
    {
      framework: "alembic",
      name: "a downgrade that loops over what only the database tells may drop anything the upgrade added",
      code: `from alembic import op
import sqlalchemy as sa

revision = "f6"
down_revision = "e5"


def upgrade():
    op.add_column("package", sa.Column("extras", sa.Text()))


def downgrade():
    bind = op.get_bind()
    for table in sa.inspect(bind).get_table_names():
        op.drop_column(table, "extras")
`,
    },
    {
      framework: "alembic",
      name: "conbench 9bee3b519bf1: a table rebuilt (CREATE TABLE temp AS SELECT, DROP TABLE the old, RENAME temp to its name): the key, indexes and foreign keys the upgrade then builds are the old table's again, which the downgrade rightly keeps",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.execute("CREATE TABLE temp AS SELECT benchmark_result.*, MD5(benchmark_result.case_id) AS history_fingerprint FROM benchmark_result")
    op.execute("DROP TABLE benchmark_result")
    op.execute("ALTER TABLE temp RENAME TO benchmark_result")
    op.execute("ALTER TABLE benchmark_result ADD PRIMARY KEY (id)")
    for colname in ["batch_id", "case_id", "history_fingerprint"]:
        op.create_index(f"benchmark_result_{colname}_index", "benchmark_result", [colname])
    for tablename in ["hardware", "case"]:
        op.create_foreign_key(None, "benchmark_result", tablename, [f"{tablename}_id"], ["id"])


def downgrade():
    op.drop_index("benchmark_result_history_fingerprint_index", table_name="benchmark_result")
    op.drop_column("benchmark_result", "history_fingerprint")
`,
    },
    {
      framework: "alembic",
      name: "create_table with a sa.Enum(name=...) column, the downgrade drops the table and then the type",
      code: `import sqlalchemy as sa
from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("state", sa.Enum("open", "closed", name="report_state")),
    )


def downgrade():
    op.drop_table("reports")
    op.execute("DROP TYPE report_state")
`,
    },
    {
      framework: "alembic",
      name: "downgrade() undoes everything, in reverse order",
      code: `from alembic import op
import sqlalchemy as sa

revision = "7c4d1e9a0f25"
down_revision = "5a8e2f0c6b13"


def upgrade():
    op.add_column("invoices", sa.Column("paid_at", sa.DateTime(timezone=True), nullable=True))
    with op.get_context().autocommit_block():
        op.create_index("ix_invoices_paid_at", "invoices", ["paid_at"], postgresql_concurrently=True, if_not_exists=True)


def downgrade():
    with op.get_context().autocommit_block():
        op.drop_index("ix_invoices_paid_at", table_name="invoices", postgresql_concurrently=True, if_exists=True)
    op.drop_column("invoices", "paid_at")
`,
    },
  ],
});
