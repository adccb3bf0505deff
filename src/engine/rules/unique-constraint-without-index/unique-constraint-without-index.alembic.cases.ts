import { ALEMBIC_ROW_BY_ROW_BACKFILL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "funnel 887db555cca9: UNIQUE after a row-by-row backfill of the column added empty and made NOT NULL in this transaction: the build adds a fraction of the backfill's outage under the ADD COLUMN's lock, a note",
      code: ALEMBIC_ROW_BY_ROW_BACKFILL,
      lines: [17],
      severities: ["info"],
      messages: ["This transaction already holds ACCESS EXCLUSIVE on commentset and updated every row of it under that lock (line 15)"],
    },
    {
      framework: "alembic",
      name: "codegrade 962803fed62c: op.add_column of an sa.Column with primary_key=True adds no key (Alembic leaves it out: alembic#1232), so no finding there and no key swapped onto the column just added under the name of the table's key; the create_primary_key after the old key's drop gets the finding, its index under a free name",
      code: `import sqlalchemy as sa
from alembic import op

revision = "962803fed62c"
down_revision = "94b1a38179a5"


def upgrade():
    op.add_column("Comment", sa.Column("id", sa.Integer(), nullable=True, primary_key=True))
    op.drop_constraint("Comment_pkey", "Comment", type_="primary")
    op.create_primary_key("Comment_pkey", "Comment", ["id"])


def downgrade():
    op.drop_constraint("Comment_pkey", "Comment", type_="primary")
    op.drop_column("Comment", "id")
    op.create_primary_key("Comment_pkey", "Comment", ["File_id", "line"])
`,
      lines: [11],
      fixes: ["with op.get_context().autocommit_block():\n    op.create_index(\"Comment_id_pkey\", \"Comment\", [\"id\"], unique=True, postgresql_concurrently=True)\nop.execute(\"ALTER TABLE \\\"Comment\\\" ADD CONSTRAINT \\\"Comment_pkey\\\" PRIMARY KEY USING INDEX \\\"Comment_id_pkey\\\"\")  # instant: the index is built already"],
    },
    {
      framework: "alembic",
      name: "tasking-manager 763165f937cf: alter_column nullable=False, then create_primary_key over the column: the key's finding says the NOT NULL it needs is a scan under the same lock (set-not-null leaves the column to it)",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.alter_column("project_teams", "id", nullable=False)
    op.drop_constraint("project_teams_pkey", "project_teams", type_="primary")
    op.create_primary_key("project_teams_pkey", "project_teams", ["id"])


def downgrade():
    pass
`,
      lines: [11],
      messages: [
        "Adding PRIMARY KEY (id) to project_teams builds an index while the table is locked against reads and writes; the key needs id NOT NULL, which line 9 sets with a scan of the whole table under the same lock (a NOT VALID CHECK cannot spare it while the key is added in this migration: the key checks for NULLs itself).",
      ],
      fixes: [
        'with op.get_context().autocommit_block():\n    op.create_index("project_teams_id_pkey", "project_teams", ["id"], unique=True, postgresql_concurrently=True)\nop.execute("ALTER TABLE project_teams ADD CONSTRAINT project_teams_pkey PRIMARY KEY USING INDEX project_teams_id_pkey")  # instant: the index is built already',
      ],
    },
    {
      framework: "alembic",
      name: "env.py batches on SQLite (`context.get_context().dialect.name == \"sqlite\"`), so the project runs there too: the concurrent unique index runs everywhere (other dialects ignore postgresql_concurrently), the constraint USING INDEX on PostgreSQL only",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_unique_constraint("uq_posts_slug", "posts", ["slug"])


def downgrade():
    op.drop_constraint("uq_posts_slug", "posts", type_="unique")
`,
      files: {
        "alembic/env.py": `from alembic import context

from app.models import metadata


def run_migrations_online(connection):
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()
`,
      },
      lines: [8],
      messages: ["Adding UNIQUE (slug) to posts builds an index while the table is locked against reads and writes. This concerns the PostgreSQL installations: the project also runs on SQLite."],
      fixes: ["# PostgreSQL's way on PostgreSQL only (the connection's dialect), the operation as written on SQLite:\nwith op.get_context().autocommit_block():\n    op.create_index(\"posts_slug_key\", \"posts\", [\"slug\"], unique=True, postgresql_concurrently=True)\nif op.get_bind().dialect.name == \"postgresql\":\n    op.execute(\"ALTER TABLE posts ADD CONSTRAINT uq_posts_slug UNIQUE USING INDEX posts_slug_key\")  # instant: the index is built already"],
    },
    {
      framework: "alembic",
      name: "create_unique_constraint on a live table",
      code: `from alembic import op

revision = "c6af58446381"
down_revision = "3c9a26ad7774"


def upgrade():
    op.drop_constraint("repositories_organization_name_name_key", "repositories", type_="unique")
    op.create_unique_constraint(None, "repositories", ["organization_id", "name"])


def downgrade():
    op.drop_constraint("repositories_organization_id_name_key", "repositories", type_="unique")
`,
      lines: [9],
      fixes: [
        `with op.get_context().autocommit_block():
    op.create_index("repositories_organization_id_name_key", "repositories", ["organization_id", "name"], unique=True, postgresql_concurrently=True)
op.execute("ALTER TABLE repositories ADD CONSTRAINT repositories_organization_id_name_key UNIQUE USING INDEX repositories_organization_id_name_key")  # instant: the index is built already`,
      ],
    },
    {
      framework: "alembic",
      name: "create_unique_constraint in a schema, deferrable: the index in that schema, the constraint DEFERRABLE INITIALLY DEFERRED as the call asked",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_unique_constraint("uq_positions_list_rank", "positions", ["list_id", "rank"], schema="board", deferrable=True, initially="DEFERRED")


def downgrade():
    op.drop_constraint("uq_positions_list_rank", "positions", schema="board", type_="unique")
`,
      lines: [8],
      fixes: [
        `with op.get_context().autocommit_block():
    op.create_index("positions_list_id_rank_key", "positions", ["list_id", "rank"], unique=True, schema="board", postgresql_concurrently=True)
op.execute("ALTER TABLE board.positions ADD CONSTRAINT uq_positions_list_rank UNIQUE USING INDEX positions_list_id_rank_key DEFERRABLE INITIALLY DEFERRED")  # instant: the index is built already`,
      ],
    },
    {
      framework: "alembic",
      name: "op.add_column with sa.Column(unique=True): the column as written (type, nullable, server_default, comment) without unique=True, then the index and USING INDEX",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("accounts", sa.Column("handle", sa.String(64), nullable=True, server_default=None, comment="public handle", unique=True))


def downgrade():
    op.drop_column("accounts", "handle")
`,
      lines: [9],
      fixes: [
        `op.add_column("accounts", sa.Column("handle", sa.String(64), nullable=True, server_default=None, comment="public handle"))
with op.get_context().autocommit_block():
    op.create_index("accounts_handle_key", "accounts", ["handle"], unique=True, postgresql_concurrently=True)
op.execute("ALTER TABLE accounts ADD CONSTRAINT accounts_handle_key UNIQUE USING INDEX accounts_handle_key")  # instant: the index is built already`,
      ],
    },
    {
      framework: "alembic",
      name: "tracim 8a9d929b44b9: a batch's add_column(sa.Column(..., unique=True)): the index on the batch's table (never the Column as the table), after the with block, which adds the column when it exits",
      code: `from alembic import op
import sqlalchemy as sa

revision = "8a9d929b44b9"
down_revision = "f4d030ffd43e"


def upgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(
            sa.Column(
                "external_id",
                sa.VARCHAR(length=1024),
                nullable=True,
                unique=True,
            )
        )


def downgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("external_id")
`,
      lines: [10],
      fixes: [
        `# in place of the with block of lines 9-17: batch_op's operations run when it exits, so the index goes after it:
with op.batch_alter_table("users") as batch_op:
    batch_op.add_column(
        sa.Column(
            "external_id",
            sa.VARCHAR(length=1024),
            nullable=True,
        )
    )
with op.get_context().autocommit_block():
    op.create_index("users_external_id_key", "users", ["external_id"], unique=True, postgresql_concurrently=True)
op.execute("ALTER TABLE users ADD CONSTRAINT users_external_id_key UNIQUE USING INDEX users_external_id_key")  # instant: the index is built already`,
      ],
    },
    {
      framework: "alembic",
      name: "the same batch add_column where the project also runs on SQLite: the column as written there (its UNIQUE kept), the column without it, the index and USING INDEX on PostgreSQL only",
      code: `from alembic import op
import sqlalchemy as sa

revision = "8a9d929b44b9"
down_revision = "f4d030ffd43e"


def upgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(
            sa.Column(
                "external_id",
                sa.VARCHAR(length=1024),
                nullable=True,
                unique=True,
            )
        )


def downgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("external_id")
`,
      files: {
        "alembic/env.py": `from alembic import context

from app.models import metadata


def run_migrations_online(connection):
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()
`,
      },
      lines: [10],
      messages: ["This concerns the PostgreSQL installations: the project also runs on SQLite."],
      fixes: [
        `# PostgreSQL's way on PostgreSQL only (the connection's dialect), the column as written on SQLite; in place of the with block of lines 9-17: batch_op's operations run when it exits, so the index goes after it:
with op.batch_alter_table("users") as batch_op:
    if op.get_bind().dialect.name == "postgresql":
        batch_op.add_column(
            sa.Column(
                "external_id",
                sa.VARCHAR(length=1024),
                nullable=True,
            )
        )
    else:
        batch_op.add_column(
            sa.Column(
                "external_id",
                sa.VARCHAR(length=1024),
                nullable=True,
                unique=True,
            )
        )
if op.get_bind().dialect.name == "postgresql":
    with op.get_context().autocommit_block():
        op.create_index("users_external_id_key", "users", ["external_id"], unique=True, postgresql_concurrently=True)
    op.execute("ALTER TABLE users ADD CONSTRAINT users_external_id_key UNIQUE USING INDEX users_external_id_key")  # instant: the index is built already`,
      ],
    },
    {
      framework: "alembic",
      name: "op.add_column with sa.Column(unique=True) where the project also runs on SQLite: the column as written there, never a column without its UNIQUE",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("accounts", sa.Column("handle", sa.String(64), nullable=True, unique=True))


def downgrade():
    op.drop_column("accounts", "handle")
`,
      files: {
        "alembic/env.py": `from alembic import context

from app.models import metadata


def run_migrations_online(connection):
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()
`,
      },
      lines: [9],
      fixes: [
        `# PostgreSQL's way on PostgreSQL only (the connection's dialect), the column as written on SQLite:
if op.get_bind().dialect.name == "postgresql":
    op.add_column("accounts", sa.Column("handle", sa.String(64), nullable=True))
    with op.get_context().autocommit_block():
        op.create_index("accounts_handle_key", "accounts", ["handle"], unique=True, postgresql_concurrently=True)
    op.execute("ALTER TABLE accounts ADD CONSTRAINT accounts_handle_key UNIQUE USING INDEX accounts_handle_key")  # instant: the index is built already
else:
    op.add_column("accounts", sa.Column("handle", sa.String(64), nullable=True, unique=True))`,
      ],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "add_column(nullable=False) without server_default first: the unique constraint builds on no rows",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("block", sa.Column("slug", sa.String(), nullable=False))
    op.create_unique_constraint("uq_block__slug", "block", ["slug"])


def downgrade():
    op.drop_constraint("uq_block__slug", "block", type_="unique")
    op.drop_column("block", "slug")
`,
    },
    {
      framework: "alembic",
      name: "unique index built CONCURRENTLY, then attached USING INDEX",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.get_context().autocommit_block():
        op.create_index("repositories_org_name_key", "repositories", ["organization_id", "name"], unique=True, postgresql_concurrently=True)
    op.execute("ALTER TABLE repositories ADD CONSTRAINT repositories_org_name_key UNIQUE USING INDEX repositories_org_name_key")


def downgrade():
    op.drop_constraint("repositories_org_name_key", "repositories", type_="unique")
`,
    },
  ],
});
