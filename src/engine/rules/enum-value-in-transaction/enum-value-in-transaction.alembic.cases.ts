import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "an ADD VALUE after execution_options(isolation_level=\"READ_COMMITTED\") gave the connection its transaction back runs in it: refused on PostgreSQL 11",
      config: { postgres_version: 11 },
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
    op.execute("ALTER TYPE commenttagoption ADD VALUE IF NOT EXISTS 'SPAM'")


def downgrade():
    pass
`,
      lines: [19],
    },
    {
      framework: "alembic",
      name: "the new value is used in the same transaction",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.execute("ALTER TYPE order_status ADD VALUE 'refunded'")
    op.execute("UPDATE orders SET status = 'refunded' WHERE refunded_at IS NOT NULL")


def downgrade():
    op.execute("UPDATE orders SET status = 'paid' WHERE status = 'refunded'")
`,
      lines: [9],
    },
    {
      framework: "alembic",
      name: "PostgreSQL 11 refuses ADD VALUE in a transaction at all: the revision's own statement in an autocommit block",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.execute("ALTER TYPE order_status ADD VALUE 'refunded'")


def downgrade():
    pass
`,
      config: { postgres_version: 11 },
      lines: [8],
      fixes: [`with op.get_context().autocommit_block():\n    op.execute("ALTER TYPE order_status ADD VALUE 'refunded'")`],
    },
    {
      framework: "alembic",
      name: "env.py sets search_path on its connection before context.configure, SQLAlchemy's version unknown: the fix commits that transaction before autocommit_block() and says 1.x has no commit()",
      path: "migrations/versions/b2_refunded.py",
      files: {
        "migrations/env.py": `from alembic import context
from sqlalchemy import engine_from_config, text

config = context.config

with engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.").connect() as connection:
    connection.execute(text("SET search_path TO shop"))
    context.configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()
`,
      },
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.execute("ALTER TYPE order_status ADD VALUE 'refunded'")


def downgrade():
    pass
`,
      config: { postgres_version: 11 },
      lines: [8],
      fixes: [
        `# migrations/env.py line 7 runs connection.execute() before context.configure(): under SQLAlchemy 2.0 or future=True (the project's version is unknown: on 1.x without future=True drop the commit line, which 1.x lacks) that begins a transaction Alembic did not, and autocommit_block() alone fails its assert
# commit it first (or commit in env.py before context.configure, or run these on a separate connection with isolation_level="AUTOCOMMIT"); like autocommit_block, this commits what ran before
op.get_bind().commit()
with op.get_context().autocommit_block():
    op.execute("ALTER TYPE order_status ADD VALUE 'refunded'")`,
      ],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "the value is added in an autocommit block",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.get_context().autocommit_block():
        op.execute("ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded'")
    op.execute("UPDATE orders SET status = 'refunded' WHERE refunded_at IS NOT NULL")


def downgrade():
    op.execute("UPDATE orders SET status = 'paid' WHERE status = 'refunded'")
`,
    },
    {
      framework: "alembic",
      name: "tildes 1996feae620d: the value added on Alembic's connection put in AUTOCOMMIT (execution_options), a transaction begun again (READ_COMMITTED) for the UPDATE using it: committed before it is used, and outside a transaction on PostgreSQL 11",
      config: { postgres_version: 11 },
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
  ],
});
