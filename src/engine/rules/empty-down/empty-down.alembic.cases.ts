import { defineCases } from "../support/rule.js";

/** A revision that creates posts with a double precision and a uuid column, which the next one drops. */
const POSTS = `from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "a1"
down_revision = None


def upgrade():
    op.create_table(
        "posts",
        sa.Column("id", sa.BigInteger(), primary_key=True),
        sa.Column("score", postgresql.DOUBLE_PRECISION(), nullable=True),
        sa.Column("token", postgresql.UUID(), nullable=True),
    )


def downgrade():
    op.drop_table("posts")
`;

const DROP_SCORES = `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.drop_column("posts", "score")
    op.drop_column("posts", "token")


def downgrade():
    pass
`;

/** agenta's tracing spans: created_at and created_by_id NOT NULL, the other lifecycle columns nullable. */
const SPANS = `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_table(
        "spans",
        sa.Column("id", sa.UUID(), primary_key=True),
        sa.Column("created_at", sa.TIMESTAMP(timezone=True), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.Column("deleted_at", sa.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("created_by_id", sa.UUID(), nullable=False),
        sa.Column("deleted_by_id", sa.UUID(), nullable=True),
    )


def downgrade():
    op.drop_table("spans")
`;

/** relax_lifecycle_nullability's shape: DROP NOT NULL on every lifecycle column, whether it had NOT NULL or not. */
const relax = (columns: string) => `from alembic import op

revision = "b2"
down_revision = "a1"

LIFECYCLE_COLUMNS = (${columns})


def upgrade():
    for column in LIFECYCLE_COLUMNS:
        op.execute(f'ALTER TABLE "spans" ALTER COLUMN "{column}" DROP NOT NULL')


def downgrade():
    pass
`;

/** the downgrade of b2_drop_signup (below): the column, then its unique index */
const UNIQUE_INDEX_BACK = `def downgrade():
    # topics.signup_id comes back empty: the values upgrade() dropped are gone
    op.add_column("topics", sa.Column("signup_id", sa.String(), nullable=True))
    op.create_index("ix_topics_signup_id", "topics", ["signup_id"], unique=True)`;

/** An earlier revision that adds alias.domain_name's foreign key to domain (the key Mailu's 5aeb5811408e takes off and puts back). */
const ALIAS_KEY = `from alembic import op

revision = "f1"
down_revision = None


def upgrade():
    op.create_foreign_key("alias_domain_name_fkey", "alias", "domain", ["domain_name"], ["name"])


def downgrade():
    op.drop_constraint("alias_domain_name_fkey", "alias", type_="foreignkey")
`;

/** Mailu's 5aeb5811408e, cut down: the keys come off, the names are lower-cased, the keys (`target`'s) go back on. */
const LOWERCASE_AROUND_KEYS = (target: string) => `from alembic import op
import sqlalchemy as sa

revision = "5a"
down_revision = "f1"

domain_table = sa.Table("domain", sa.MetaData(), sa.Column("name", sa.String(80), primary_key=True))


def upgrade():
    connection = op.get_bind()
    with op.batch_alter_table("alias") as batch_op:
        batch_op.drop_constraint("alias_domain_name_fkey", type_="foreignkey")
    for domain in connection.execute(domain_table.select()):
        connection.execute(domain_table.update().where(domain_table.c.name == domain.name).values(name=domain.name.lower()))
    with op.batch_alter_table("alias") as batch_op:
        batch_op.create_foreign_key("alias_domain_name_fkey", "${target}", ["domain_name"], ["name"])


def downgrade():
    pass
`;

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "a version bump through sa.sql.table / sa.sql.column (Wazo's bump_version revisions): SQLAlchemy's table construct under sqlalchemy.sql, no code migguard cannot read, so the data-only note",
      path: "alembic/versions/040b55af6f67_bump_version_25_16.py",
      code: `import sqlalchemy as sa

from alembic import op

revision = '040b55af6f67'
down_revision = '22b03291f3ac'


def upgrade():
    infos = sa.sql.table('infos', sa.sql.column('wazo_version'))
    op.execute(infos.update().values(wazo_version='25.16'))


def downgrade():
    pass
`,
      lines: [14],
      severities: ["info"],
      messages: ["this migration only changes rows, not the schema, so a rollback has no schema to restore and keeps the rows as the up left them"],
    },
    {
      framework: "alembic",
      name: "drops of the UNIQUE constraints and the index op.create_table defined (sa.UniqueConstraint, unique=True, index=True), named by env.py's target_metadata naming_convention read from the project's models: the downgrade adds them back under those names",
      files: {
        "alembic/env.py": `from alembic import context
from sqlalchemy import engine_from_config, pool

from app.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online():
    connectable = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
`,
        "app/__init__.py": "",
        "app/models.py": `from sqlalchemy import MetaData
from sqlalchemy.orm import declarative_base

convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=convention)
Base = declarative_base(metadata=metadata)
`,
        "alembic/versions/a1_tags.py": `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_table(
        "tag",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("slug", sa.String(), nullable=False, unique=True),
        sa.Column("source", sa.String(), nullable=False, index=True),
        sa.Column("tag_key", sa.String(), nullable=False),
        sa.UniqueConstraint("tag_key", "source", name="_tag_key_source_uc"),
    )


def downgrade():
    op.drop_table("tag")
`,
      },
      path: "alembic/versions/b2_loosen_tags.py",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.drop_constraint("uq_tag_slug", "tag", type_="unique")
    op.drop_constraint("_tag_key_source_uc", "tag", type_="unique")
    op.drop_index("ix_tag_source", table_name="tag")


def downgrade():
    pass
`,
      lines: [13],
      fixes: [
        `def downgrade():
    op.execute("""
    -- line 10 drops index ix_tag_source: recreated as the earlier migrations define it
    CREATE INDEX ix_tag_source ON tag (source);
    """)
    op.execute("""
    -- constraint _tag_key_source_uc as the earlier migration defined it:
    ALTER TABLE tag ADD CONSTRAINT _tag_key_source_uc UNIQUE (tag_key, source);
    """)
    op.execute("""
    -- constraint uq_tag_slug as the earlier migration defined it:
    ALTER TABLE tag ADD CONSTRAINT uq_tag_slug UNIQUE (slug);
    """)`,
      ],
    },
    {
      framework: "alembic",
      name: "a drop of the UNIQUE constraint an unnamed unique=True made, no naming convention (env.py's target_metadata is a list of MetaData, which has none): PostgreSQL's own name, added back in the downgrade",
      files: {
        "alembic/env.py": `from alembic import context

from app.models import Base, ResultBase

target_metadata = [Base.metadata, ResultBase.metadata]
context.configure(url="postgresql://localhost/app", target_metadata=target_metadata)
with context.begin_transaction():
    context.run_migrations()
`,
        "alembic/versions/a1_tags.py": `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_table("tag", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("slug", sa.String(), nullable=False, unique=True))


def downgrade():
    op.drop_table("tag")
`,
      },
      path: "alembic/versions/b2_loosen_tags.py",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.drop_constraint("tag_slug_key", "tag", type_="unique")


def downgrade():
    pass
`,
      lines: [11],
      fixes: [
        `def downgrade():
    op.execute("""
    -- constraint tag_slug_key as the earlier migration defined it:
    ALTER TABLE tag ADD CONSTRAINT tag_slug_key UNIQUE (slug);
    """)`,
      ],
    },
    {
      framework: "alembic",
      name: "a loop over rows selected on the connection that UPDATEs only the column the revision just before added empty: a note",
      files: {
        "alembic/versions/a1_add_first_name.py": `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.add_column("people", sa.Column("first_name", sa.String(), nullable=True))


def downgrade():
    op.drop_column("people", "first_name")
`,
      },
      path: "alembic/versions/b2_backfill_first_name.py",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, name FROM people"))
    for row in rows:
        conn.execute(sa.text("UPDATE people SET first_name = :f WHERE id = :id"), {"f": row[1].split(" ")[0], "id": row[0]})


def downgrade():
    pass
`,
      lines: [15],
      severities: ["info"],
      messages: ["only writes first_name of people, which alembic/versions/a1_add_first_name.py, the migration just before it, added with no value"],
    },
    {
      framework: "alembic",
      name: "an UPDATE that only fills the column the revision just before added empty: a note that its downgrade drops it",
      files: {
        "alembic/versions/a1_add_first_name.py": `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.add_column("people", sa.Column("first_name", sa.String(), nullable=True))


def downgrade():
    op.drop_column("people", "first_name")
`,
      },
      path: "alembic/versions/b2_backfill_first_name.py",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.execute("UPDATE people SET first_name = split_part(name, ' ', 1)")


def downgrade():
    pass
`,
      lines: [11],
      severities: ["info"],
      messages: ["only writes first_name of people, which alembic/versions/a1_add_first_name.py, the migration just before it, added with no value"],
      fixes: ["def downgrade():\n    # nothing to restore: first_name of people was added empty by a1_add_first_name.py, whose rollback drops it\n    pass"],
    },
    {
      framework: "alembic",
      name: "DROP NOT NULL on columns of which only some had it (agenta's relax_lifecycle_nullability): the downgrade sets NOT NULL back on those alone, read from the revision that created them",
      files: { "alembic/versions/a1_spans.py": SPANS },
      path: "alembic/versions/b2_relax_lifecycle.py",
      code: relax('"created_at", "deleted_at", "created_by_id", "deleted_by_id"'),
      lines: [14],
      fixes: [
        `def downgrade():
    op.execute("ALTER TABLE spans ALTER COLUMN created_by_id SET NOT NULL;  -- fails if rows with NULL were written since the up")
    op.execute("ALTER TABLE spans ALTER COLUMN created_at SET NOT NULL;  -- fails if rows with NULL were written since the up")`,
      ],
    },
    {
      framework: "alembic",
      name: "alter_column(nullable=True) with existing_nullable=False and no revision that defines the column: the downgrade puts back the NOT NULL the revision states",
      path: "alembic/versions/b2_relax_audit.py",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.alter_column("audit_log", "actor_id", existing_type=sa.UUID(), existing_nullable=False, nullable=True)


def downgrade():
    pass
`,
      lines: [12],
      fixes: [
        `def downgrade():
    op.alter_column("audit_log", "actor_id", nullable=False)  # fails if rows with NULL were written since upgrade()`,
      ],
    },
    {
      framework: "alembic",
      name: "DROP NOT NULL on a column no revision migguard read defines: the downgrade says its earlier nullability is unknown instead of guessing NOT NULL",
      path: "alembic/versions/b2_relax_audit.py",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.alter_column("audit_log", "actor_id", existing_type=sa.UUID(), nullable=True)


def downgrade():
    pass
`,
      lines: [12],
      fixes: [
        `def downgrade():
    # line 9 drops NOT NULL on audit_log.actor_id: no earlier migration migguard read says whether it was NOT NULL before (none defines the column, or one changed it since); if it was, op.alter_column("audit_log", "actor_id", nullable=False) here (it fails if rows with NULL were written since)
    pass`,
      ],
    },
    {
      framework: "alembic",
      name: "the downgrade adds back a double precision and a uuid column on SQLAlchemy 1.4 (requirements.txt): sa.Float(precision=53) and postgresql.UUID(), as sa.Double and sa.Uuid are SQLAlchemy 2.0's",
      files: { "alembic/versions/a1_posts.py": POSTS, "requirements.txt": "alembic==1.7.7\nSQLAlchemy==1.4.46\n" },
      path: "alembic/versions/b2_drop_scores.py",
      code: DROP_SCORES,
      lines: [13],
      fixes: [
        `from sqlalchemy.dialects import postgresql  # at the top of the revision: downgrade() reads it
def downgrade():
    # posts.token comes back empty: the values upgrade() dropped are gone
    op.add_column("posts", sa.Column("token", postgresql.UUID(), nullable=True))
    # posts.score comes back empty: the values upgrade() dropped are gone
    op.add_column("posts", sa.Column("score", sa.Float(precision=53), nullable=True))`,
      ],
    },
    {
      framework: "alembic",
      name: "drop_column drops the column's unique index with it: the downgrade adds the column back, then the index as its revision created it",
      files: {
        "alembic/versions/a1_topics.py": `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_table("topics", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("signup_id", sa.String(), nullable=True))
    op.create_index("ix_topics_signup_id", "topics", ["signup_id"], unique=True)


def downgrade():
    op.drop_table("topics")
`,
      },
      path: "alembic/versions/b2_drop_signup.py",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.drop_column("topics", "signup_id")


def downgrade():
    pass
`,
      lines: [12],
      fixes: [UNIQUE_INDEX_BACK],
    },
    {
      framework: "alembic",
      name: "the downgrade adds back a double precision and a uuid column on SQLAlchemy 2 (pyproject.toml): sa.Double() and sa.Uuid()",
      files: { "alembic/versions/a1_posts.py": POSTS, "pyproject.toml": '[project]\nname = "app"\ndependencies = ["SQLAlchemy>=2.0,<3", "alembic>=1.12"]\n' },
      path: "alembic/versions/b2_drop_scores.py",
      code: DROP_SCORES,
      lines: [13],
      fixes: [
        `def downgrade():
    # posts.token comes back empty: the values upgrade() dropped are gone
    op.add_column("posts", sa.Column("token", sa.Uuid(), nullable=True))
    # posts.score comes back empty: the values upgrade() dropped are gone
    op.add_column("posts", sa.Column("score", sa.Double(), nullable=True))`,
      ],
    },
    {
      framework: "alembic",
      name: "a downgrade whose steps are only comments (an enum value PostgreSQL cannot drop) ends in pass: a body of comments is an IndentationError",
      code: `from alembic import op

revision = "a2"
down_revision = "a1"


def upgrade() -> None:
    op.execute("ALTER TYPE proxylocation ADD VALUE 'RESIDENTIAL_GB'")
    op.execute("ANALYZE tasks")


def downgrade() -> None:
    pass
`,
      lines: [12],
      fixes: ["def downgrade():\n    # PostgreSQL cannot remove a value from an enum: 'RESIDENTIAL_GB' stays in proxylocation (old code never writes it)\n    pass"],
    },
    {
      framework: "alembic",
      name: "aleph's match_table: the dropped table comes back with the foreign keys and the indexes the revision that created it declared (unnamed ForeignKeyConstraint, op.create_index), not only its columns",
      files: {
        "alembic/versions/af9b37868cf3_init.py": `from alembic import op
import sqlalchemy as sa

revision = "af9b37868cf3"
down_revision = None


def upgrade():
    op.create_table("collection", sa.Column("id", sa.Integer(), nullable=False), sa.PrimaryKeyConstraint("id"))
    op.create_table(
        "match",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("collection_id", sa.Integer(), nullable=True),
        sa.Column("match_collection_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["collection_id"],
            ["collection.id"],
        ),
        sa.ForeignKeyConstraint(["match_collection_id"], ["collection.id"], name="fk_match_other"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_match_collection_id"), "match", ["collection_id"], unique=False)
    op.create_index(op.f("ix_match_match_collection_id"), "match", ["match_collection_id"], unique=False)


def downgrade():
    pass
`,
      },
      path: "alembic/versions/a8849e4e6784_match_table.py",
      code: `from alembic import op

revision = "a8849e4e6784"
down_revision = "af9b37868cf3"


def upgrade():
    op.drop_index("ix_match_collection_id", table_name="match")
    op.drop_index("ix_match_match_collection_id", table_name="match")
    op.drop_table("match")


def downgrade():
    pass
`,
      lines: [13],
      fixes: [
        [
          "def downgrade():",
          "    # match as the earlier revisions define it (the rows cannot come back)",
          "    op.create_table(",
          '        "match",',
          '        sa.Column("id", sa.Integer(), nullable=False),',
          '        sa.Column("collection_id", sa.Integer(), nullable=True),',
          '        sa.Column("match_collection_id", sa.Integer(), nullable=True),',
          '        sa.PrimaryKeyConstraint("id"),',
          '        sa.ForeignKeyConstraint(["collection_id"], ["collection.id"]),',
          '        sa.ForeignKeyConstraint(["match_collection_id"], ["collection.id"], name="fk_match_other"),',
          "    )",
          '    op.create_index("ix_match_collection_id", "match", ["collection_id"], unique=False)',
          '    op.create_index("ix_match_match_collection_id", "match", ["match_collection_id"], unique=False)',
        ].join("\n"),
      ],
    },
    {
      framework: "alembic",
      name: "revisions whose env.py passes Alembic's op as an argument (Quay's `def upgrade(op, tables, tester)`): read as if imported, and the fix keeps the signature",
      code: `"""Add an index on queueitem.state_id."""

revision = "a1"
down_revision = None

import sqlalchemy as sa


def upgrade(op, tables, tester):
    op.add_column("queueitem", sa.Column("state_id", sa.String(length=255), nullable=True))
    op.create_index("queueitem_state_id", "queueitem", ["state_id"], unique=False)


def downgrade(op, tables, tester):
    pass
`,
      lines: [14],
      severities: ["error"],
      fixes: ['def downgrade(op, tables, tester):\n    op.drop_index("queueitem_state_id", table_name="queueitem")\n    op.drop_column("queueitem", "state_id")'],
    },
    {
      framework: "alembic",
      name: "a deliberate no-op downgrade whose comment says why (Polar's search-vector function): a note that quotes it, and the fix keeps it",
      code: `from alembic import op

revision = "b7c1"
down_revision = "a9f0"


def upgrade() -> None:
    op.execute(
        """
        CREATE OR REPLACE FUNCTION customers_search_vector_update() RETURNS trigger AS $$
        BEGIN
            NEW.search_vector := to_tsvector('simple', coalesce(NEW.email, ''));
            RETURN NEW;
        END
        $$ LANGUAGE plpgsql;
        """
    )


def downgrade() -> None:
    # No downgrade: rolling back the function definition would leave the
    # rows tokenized the new way, mixed with rows tokenized the old way.
    pass
`,
      lines: [20],
      severities: ["info"],
      messages: ['its author wrote "No downgrade: rolling back the function definition would leave the rows tokenized the new way, mixed with rows tokenized the old way." (line 21)'],
      fixes: ["def downgrade():\n    # No downgrade: rolling back the function definition would leave the rows tokenized the new way, mixed with rows tokenized the old way.\n    pass"],
    },
    {
      framework: "alembic",
      name: "a docstring that says why the downgrade is empty counts like a comment",
      code: `from alembic import op
import sqlalchemy as sa

revision = "c2"
down_revision = "b1"


def upgrade():
    op.add_column("invoices", sa.Column("note", sa.Text(), nullable=True))


def downgrade():
    """Kept on rollback: the billing worker of the previous release already writes note."""
`,
      lines: [12],
      severities: ["info"],
    },
    {
      framework: "alembic",
      name: "Alembic's autogenerate template lines are not a reason: the empty downgrade stays an error",
      code: `from alembic import op
import sqlalchemy as sa

revision = "c2"
down_revision = "b1"


def upgrade():
    op.add_column("invoices", sa.Column("note", sa.Text(), nullable=True))


def downgrade():
    # ### commands auto generated by Alembic - please adjust! ###
    pass
    # ### end Alembic commands ###
`,
      lines: [12],
      severities: ["error"],
    },
    {
      framework: "alembic",
      name: "a TODO or a comment that only restates the gap is not a reason either",
      code: `from alembic import op
import sqlalchemy as sa

revision = "c2"
down_revision = "b1"


def upgrade():
    op.add_column("invoices", sa.Column("note", sa.Text(), nullable=True))


def downgrade():
    # no-op
    pass
`,
      lines: [12],
      severities: ["error"],
    },
    {
      framework: "alembic",
      name: "CREATE OR REPLACE FUNCTION of a function no migration migguard read defines: the up created it, so the fix drops it by its signature, and says that a body from outside the migrations would be unknown",
      code: `from alembic import op

revision = "b7c1"
down_revision = "a9f0"


def upgrade() -> None:
    op.execute("CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS trigger AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$ LANGUAGE plpgsql")


def downgrade() -> None:
    pass
`,
      lines: [11],
      severities: ["error"],
      fixes: ["def downgrade():\n    op.execute(\"\"\"\n    -- no earlier migration defines function touch_updated_at: the up created it. If it existed before (defined outside the migrations), its old body is unknown here: put that back instead of dropping it\n    DROP FUNCTION touch_updated_at();\n    \"\"\")"],
    },
    {
      framework: "alembic",
      name: "the fix is the inverse of each upgrade() operation, the dropped column added back with the type, nullability and default of the revision that created it",
      files: {
        "alembic/versions/a1_destinations.py": `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_table(
        "destinations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("options", sa.Text(), nullable=False, server_default="{}"),
    )


def downgrade():
    op.drop_table("destinations")
`,
      },
      path: "alembic/versions/b2_encrypt_destinations.py",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("destinations", sa.Column("encrypted_options", sa.LargeBinary(), nullable=True))
    op.execute("UPDATE destinations SET encrypted_options = convert_to(options, 'UTF8')")
    op.drop_column("destinations", "options")
    op.alter_column("destinations", "encrypted_options", nullable=False)
    op.create_index("ix_destinations_name", "destinations", ["name"])
    op.alter_column("destinations", "name", new_column_name="title")
    op.create_table("destination_owners", sa.Column("id", sa.Integer(), primary_key=True))
    op.create_foreign_key("fk_owner", "destinations", "destination_owners", ["owner_id"], ["id"])


def downgrade():
    pass
`,
      lines: [19],
      fixes: [
        [
          "def downgrade():",
          '    op.drop_constraint("fk_owner", "destinations", type_="foreignkey")',
          '    op.drop_table("destination_owners")',
          '    op.alter_column("destinations", "title", new_column_name="name")',
          '    op.drop_index("ix_destinations_name", table_name="destinations")',
          '    op.alter_column("destinations", "encrypted_options", existing_type=sa.LargeBinary(), nullable=True)',
          "    # destinations.options comes back empty: the values upgrade() dropped are gone",
          '    op.add_column("destinations", sa.Column("options", sa.Text(), server_default=sa.text("\'{}\'"), nullable=False))',
          "    # line 10 changes data: restore the previous rows from a copy made in the up, or leave them if they can stay",
          '    op.drop_column("destinations", "encrypted_options")',
        ].join("\n"),
      ],
    },
    {
      framework: "alembic",
      name: "a dropped table nothing in the repository defines: the knowable part is written out, the unknown one raises",
      code: `from alembic import op
import sqlalchemy as sa

revision = "c3"
down_revision = "b2"


def upgrade():
    op.add_column("invoices", sa.Column("archived", sa.Boolean(), nullable=True))
    op.drop_table("legacy_invoices")


def downgrade():
    pass
`,
      lines: [13],
      fixes: [
        [
          "def downgrade():",
          "    # line 10 drops legacy_invoices: recreate it from its last definition in the earlier migrations (the rows cannot come back)",
          '    op.drop_column("invoices", "archived")',
          // one raise, last: nothing after it is unreachable, and the rollback still fails loudly
          '    raise NotImplementedError("irreversible: line 10 drops legacy_invoices: recreate it from its last definition in the earlier migrations (the rows cannot come back)")',
        ].join("\n"),
      ],
    },
    {
      framework: "alembic",
      name: "a one-off clean-up of JSON rows through SQLAlchemy Core on a Table of the file (digitalmarketplace-api's 880): the statements built on the table are no unread code, the loop only moves rows, so a note whose fix is the explicit one-way pass, never a raise that blocks every rollback past it",
      path: "migrations/versions/880_remove_invalid_brief_dates.py",
      code: `"""Remove invalid startDate answers from draft briefs."""
revision = '880'
down_revision = '870'

from alembic import op
import sqlalchemy as sa

frameworks_table = sa.Table('frameworks', sa.MetaData(), sa.Column('id', sa.Integer, primary_key=True), sa.Column('slug', sa.String))
briefs_table = sa.Table('briefs', sa.MetaData(), sa.Column('id', sa.Integer, primary_key=True), sa.Column('framework_id', sa.Integer), sa.Column('published_at', sa.DateTime), sa.Column('data', sa.JSON))


def upgrade():
    conn = op.get_bind()
    query = briefs_table.join(
        frameworks_table, briefs_table.c.framework_id == frameworks_table.c.id
    ).select(
        sa.and_(frameworks_table.c.slug == 'dos2', briefs_table.c.published_at == sa.null())
    ).with_only_columns((briefs_table.c.id, briefs_table.c.data))
    results = conn.execute(query).fetchall()

    for brief_id, brief_data in results:
        if brief_data.pop('startDate', None) is not None:
            query = briefs_table.update().where(briefs_table.c.id == brief_id).values(data=brief_data)
            conn.execute(query)


def downgrade():
    pass
`,
      lines: [27],
      severities: ["info"],
      messages: ["only changes rows, not the schema"],
      fixes: ["def downgrade():\n    pass  # one-way data change: upgrade() only rewrites rows of briefs, and there is no schema to put back"],
    },
    {
      framework: "alembic",
      name: "security_monkey 7c54b06e227b: upgrade() selects the items another item duplicates (a correlated count(*) > 1) and deletes all but the newest in ORM code migguard cannot read: a dedupe is one-way, its empty downgrade a note (issue #19)",
      path: "migrations/versions/7c54b06e227b_.py",
      code: `from alembic import op
from sqlalchemy import text
from sqlalchemy.orm import sessionmaker

revision = "7c54b06e227b"
down_revision = "11f081cf54e2"

Session = sessionmaker()


def upgrade():
    bind = op.get_bind()
    session = Session(bind=bind)
    items_reference = {}
    items_to_delete = []
    result = session.execute(text("""(SELECT o.id, o.region, o.name, o.latest_revision_id
      FROM item o WHERE (
        SELECT count(*) FROM item i
            WHERE o.region = i.region AND o.name = i.name) > 1);"""))
    for r in result:
        index = "{}-{}".format(r[1], r[2])
        if not items_reference.get(index):
            items_reference[index] = r
        elif items_reference[index][3] > r[3]:
            items_to_delete.append(r)
        else:
            items_to_delete.append(items_reference[index])
            items_reference[index] = r
    for duplicate in items_to_delete:
        session.execute(text("DELETE FROM item WHERE id = :id"), {"id": duplicate[0]})
    session.commit()


def downgrade():
    """No downgrade necessary."""
    pass
`,
      lines: [34],
      severities: ["info"],
      messages: ["this migration removes duplicates: it selects the rows of item that share their values with another row and deletes the extra copies"],
      fixes: ["def downgrade():\n    # one-way cleanup: upgrade() deletes the duplicate rows of item; putting them back would undo it\n    pass"],
    },
    {
      framework: "alembic",
      name: "a read of duplicated rows whose code then overwrites values of another table (an UPDATE migguard reads): no dedupe, the warning stays (a down could restore those values)",
      code: `from alembic import op
from sqlalchemy import text
from app.merge import winner

revision = "7d"
down_revision = "7c"


def upgrade():
    conn = op.get_bind()
    rows = conn.execute(text("SELECT email, count(*) FROM users GROUP BY email HAVING count(*) > 1"))
    for row in rows:
        keep = winner(row)
        conn.execute(text("UPDATE orders SET user_id = :keep WHERE email = :email"), {"keep": keep, "email": row[0]})


def downgrade():
    pass
`,
      lines: [17],
      severities: ["warning"],
      messages: ["changes data in code migguard cannot read"],
    },
    {
      framework: "alembic",
      name: "a loop over selected rows that calls a helper migguard cannot read before its UPDATE: still data only (a warning, the helper may write), and the fix is the one-way pass, not a raise for the loop",
      code: `from alembic import op
import sqlalchemy as sa
from app.briefs import normalise

revision = "990"
down_revision = "980"

briefs = sa.table("briefs", sa.column("id", sa.Integer), sa.column("data", sa.JSON))


def upgrade():
    conn = op.get_bind()
    for brief in conn.execute(briefs.select()):
        data = normalise(brief.data)
        conn.execute(briefs.update().where(briefs.c.id == brief.id).values(data=data))


def downgrade():
    pass
`,
      lines: [18],
      severities: ["warning"],
      messages: ["changes data in code migguard cannot read"],
      fixes: ["def downgrade():\n    pass  # one-way data change: upgrade() only rewrites rows of briefs, and there is no schema to put back"],
    },
    {
      framework: "alembic",
      name: "downgrade() only passes",
      code: `from alembic import op

revision = "eca4694defa7"
down_revision = "5e4a03ef0bf0"


def upgrade():
    bind = op.get_bind()
    bind.execute("UPDATE dbs SET allow_run_sync = true")


def downgrade():
    pass
`,
      lines: [12],
      // dml-without-where reports the overwrite itself: here the empty down is a note
      severities: ["info"],
      // a one-way data change: the explicit no-op that says so, which the rule reports as a note again at most
      fixes: ["def downgrade():\n    pass  # one-way data change: upgrade() only rewrites rows of dbs, and there is no schema to put back"],
    },
    {
      framework: "alembic",
      name: "an ORM loop overwrites a column of every row and downgrade() only passes (Superset's sqllab_setting_defaults): a warning, the old values do not come back",
      code: `from alembic import op
from sqlalchemy import Boolean, Column, Integer
from sqlalchemy.ext.declarative import declarative_base

from superset import db

revision = "eca4694defa7"
down_revision = "5e4a03ef0bf0"

Base = declarative_base()


class Database(Base):
    __tablename__ = "dbs"
    id = Column(Integer, primary_key=True)
    allow_run_sync = Column(Boolean, default=True)


def upgrade():
    bind = op.get_bind()
    session = db.Session(bind=bind)

    for obj in session.query(Database).all():
        obj.allow_run_sync = True

    session.commit()
    session.close()


def downgrade():
    pass
`,
      lines: [30],
      severities: ["warning"],
    },
    {
      framework: "alembic",
      name: "upgrade() only calls code outside the revision (Redis keys pruned): an empty downgrade is a note, not a gate",
      code: `from alembic import op

from myapp import redis_connection

revision = "e5c7a4e2df4d"
down_revision = "98af61feea92"


def prune(list_name):
    keys = redis_connection.zrange(list_name, 0, 99)
    redis_connection.delete(*keys)


def upgrade():
    prune("tracker:done")


def downgrade():
    pass
`,
      lines: [18],
      severities: ["info"],
    },
    {
      framework: "alembic",
      name: "a data clean-up in a scratch column upgrade() adds and drops again, its downgrade() marked `# irreversible`: a note that keeps that downgrade, with no schema step for the scratch column",
      code: `import sqlalchemy as sa

from alembic import op

revision = '7c1e2a9b0d11'
down_revision = '22b03291f3ac'


def upgrade():
    op.add_column('users', sa.Column('email_clean', sa.Text()))
    op.execute("UPDATE users SET email_clean = lower(trim(email))")
    op.execute("UPDATE users SET email = email_clean WHERE email_clean IS NOT NULL")
    op.drop_column('users', 'email_clean')


def downgrade():
    # irreversible
    pass
`,
      lines: [16],
      severities: ["info"],
      messages: ['its author marked it "irreversible" (line 17), and the up only changes rows (users.email_clean, which it adds to work in and removes again before it ends, leaves the schema as it was)'],
      fixes: ["def downgrade():\n    # irreversible\n    pass"],
    },
    {
      framework: "alembic",
      name: "a dropped column whose downgrade() is marked `# irreversible`: a schema change the word does not undo, the error stays",
      code: `import sqlalchemy as sa

from alembic import op

revision = '7c1e2a9b0d12'
down_revision = '22b03291f3ac'


def upgrade():
    op.drop_column('users', 'phone')


def downgrade():
    # irreversible
    pass
`,
      lines: [13],
      severities: ["error"],
    },
    {
      framework: "alembic",
      name: "Mailu's 5aeb5811408e: upgrade() drops a foreign key, lower-cases the keys it joins on and adds the same key back: the schema ends as it began, so the empty downgrade is a note about the data, not a rollback gap",
      path: "migrations/versions/5a_lowercase.py",
      files: { "migrations/versions/f1_alias_key.py": ALIAS_KEY },
      code: LOWERCASE_AROUND_KEYS("domain"),
      lines: [20],
      severities: ["info"],
      messages: ["alias_domain_name_fkey on alias, which it drops and adds back as it was, leaves the schema as it was"],
    },
    {
      framework: "alembic",
      name: "the key added back references another table than the one an earlier revision gave it: the up changed the schema, and the empty downgrade keeps the rule's severity",
      path: "migrations/versions/5a_lowercase.py",
      files: { "migrations/versions/f1_alias_key.py": ALIAS_KEY },
      code: LOWERCASE_AROUND_KEYS("domains"),
      lines: [20],
      severities: ["error"],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "DROP NOT NULL only on columns the earlier revision created nullable: upgrade() changes nothing, and an empty downgrade is the right one",
      files: { "alembic/versions/a1_spans.py": SPANS },
      path: "alembic/versions/b2_relax_lifecycle.py",
      code: relax('"deleted_at", "deleted_by_id"'),
    },
    {
      framework: "alembic",
      name: "alter_column(nullable=True) of a column the revision states was nullable already (existing_nullable=True): nothing to undo",
      path: "alembic/versions/b2_relax_audit.py",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.alter_column("audit_log", "actor_id", existing_type=sa.UUID(), existing_nullable=True, nullable=True)


def downgrade():
    pass
`,
    },
    {
      framework: "alembic",
      name: "an upgrade that only adds an enum value (skyvern's proxylocation): PostgreSQL cannot drop it, so an empty downgrade is the only one",
      code: `from alembic import op

revision = "8f237f00faeb"
down_revision = "c5ed5a3a14eb"


def upgrade() -> None:
    op.execute("ALTER TYPE proxylocation ADD VALUE 'RESIDENTIAL_GB'")


def downgrade() -> None:
    pass
`,
    },
    {
      framework: "alembic",
      name: "an upgrade that changes nothing may have an empty downgrade",
      code: `"""merge heads

Revision ID: c3
Revises: a1, b2
"""
revision = "c3"
down_revision = ("a1", "b2")


def upgrade():
    pass


def downgrade():
    pass
`,
    },
  ],
});
