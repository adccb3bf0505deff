import { defineCases } from "../support/rule.js";

/** funnel's env.py (Flask-Migrate's multidb template, trimmed): it begins the connection's transaction itself, commits it after the last revision */
const HELD_ENV = `from alembic import context


def run_migrations_online():
    engines = {"": {"engine": engine}}
    for rec in engines.values():
        rec["connection"] = conn = rec["engine"].connect()
        rec["transaction"] = conn.begin()
    rec = next(iter(engines.values()))
    context.configure(connection=rec["connection"], target_metadata=None)
    context.run_migrations()
    rec["transaction"].commit()
`;

/** onyx's env.py: it sets search_path on the connection before context.configure */
const ONYX_ENV = `import os

from alembic import context
from sqlalchemy import engine_from_config, pool, text

config = context.config


def do_run_migrations(connection, schema_name, create_schema):
    if create_schema:
        connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema_name}"'))

    connection.execute(text(f'SET search_path TO "{schema_name}"'))

    context.configure(connection=connection, target_metadata=None, version_table_schema=schema_name)

    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    engine = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.", poolclass=pool.NullPool)
    with engine.connect() as connection:
        do_run_migrations(connection, os.environ.get("SCHEMA", "public"), False)
        connection.commit()


run_migrations_online()
`;

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "op.create_index on a range partition an earlier revision created for rows from 2027 on, in a revision of 2025-06 (its Create Date): a note, the partition holds no rows yet",
      path: "migrations/versions/3a8ad17b57a3_horizon.py",
      files: {
        "migrations/versions/ea79f7472cc5_partitions.py":
          '"""partitions\n\nRevision ID: ea79f7472cc5\nRevises:\nCreate Date: 2024-12-09 16:26:49.560239\n\n"""\nfrom alembic import op\n\nrevision = "ea79f7472cc5"\ndown_revision = None\n\n\ndef upgrade():\n    op.execute("CREATE TABLE forecast_value (id bigint, target_time timestamptz NOT NULL, horizon integer) PARTITION BY RANGE (target_time)")\n    op.execute("CREATE TABLE forecast_value_2027_08 PARTITION OF forecast_value FOR VALUES FROM (\'2027-08-01\') TO (\'2027-09-01\')")\n\n\ndef downgrade():\n    op.execute("DROP TABLE forecast_value")\n',
      },
      code: '"""horizon\n\nRevision ID: 3a8ad17b57a3\nRevises: ea79f7472cc5\nCreate Date: 2025-06-05 19:13:15.137091\n\n"""\nfrom alembic import op\n\nrevision = "3a8ad17b57a3"\ndown_revision = "ea79f7472cc5"\n\n\ndef upgrade():\n    op.create_index("ix_forecast_value_2027_08_horizon", "forecast_value_2027_08", ["horizon"], unique=False)\n\n\ndef downgrade():\n    op.drop_index("ix_forecast_value_2027_08_horizon", table_name="forecast_value_2027_08")\n',
      lines: [15],
      severities: ["info"],
      messages: ["forecast_value_2027_08 is a range partition of forecast_value for rows from '2027-08-01' on ("],
    },
    {
      framework: "alembic",
      name: "op.execute of an f-string whose CONCURRENTLY is a conditional of two literals (`'CONCURRENTLY ' if concurrently else ''`): both statements are known, a note that names the condition, the call kept as written",
      code: `from alembic import op
import os

revision = "b2"
down_revision = "a1"


def upgrade():
    concurrently = os.environ.get("APP_MIGRATE_INDEX_CONCURRENTLY", "").lower() == "true"
    op.execute(
        f"CREATE INDEX {'CONCURRENTLY ' if concurrently else ''}IF NOT EXISTS "
        "ix_sessions_project_id_end_time "
        "ON sessions (project_id, end_time DESC)"
    )


def downgrade():
    op.execute("DROP INDEX IF EXISTS ix_sessions_project_id_end_time")
`,
      lines: [11],
      severities: ["info"],
      messages: ["Index ix_sessions_project_id_end_time is built CONCURRENTLY only when `concurrently` is true at run time; without it, the build blocks writes to sessions while it runs."],
      fixes: [
        `# the migration already builds it CONCURRENTLY when concurrently is true: make sure it is when migrating a database in use
op.execute(
    f"CREATE INDEX {'CONCURRENTLY ' if concurrently else ''}IF NOT EXISTS "
    "ix_sessions_project_id_end_time "
    "ON sessions (project_id, end_time DESC)"
)`,
      ],
    },
    {
      framework: "alembic",
      name: "postgresql_concurrently=concurrently, a flag read at run time (an opt-in environment variable; the migration leaves its transaction when it is set): a note that names the expression, no rewrite",
      code: `from alembic import op
import os

revision = "b2"
down_revision = "a1"


def _use_concurrently() -> bool:
    return os.environ.get("APP_MIGRATE_INDEX_CONCURRENTLY", "").lower() == "true"


def _enable_autocommit() -> None:
    dbapi_conn = op.get_bind().connection.dbapi_connection
    dbapi_conn.commit()
    dbapi_conn.autocommit = True


def upgrade():
    concurrently = _use_concurrently()
    if concurrently:
        _enable_autocommit()
    op.create_index("ix_spans_trace_id", "spans", ["trace_id"], if_not_exists=True, postgresql_concurrently=concurrently)
    with op.batch_alter_table("spans") as batch_op:
        batch_op.create_index("ix_spans_kind", ["kind"], postgresql_concurrently=_use_concurrently())


def downgrade():
    op.drop_index("ix_spans_kind", table_name="spans")
    op.drop_index("ix_spans_trace_id", table_name="spans")
`,
      lines: [22, 24],
      severities: ["info", "info"],
      messages: [
        "Index ix_spans_trace_id is built CONCURRENTLY only when `concurrently` is true at run time; without it, the build blocks writes to spans while it runs.",
        "Index ix_spans_kind is built CONCURRENTLY only when `_use_concurrently()` is true at run time",
      ],
      fixes: [
        `# the migration already builds it CONCURRENTLY when concurrently is true: make sure it is when migrating a database in use
op.create_index("ix_spans_trace_id", "spans", ["trace_id"], if_not_exists=True, postgresql_concurrently=concurrently)`,
        `# the migration already builds it CONCURRENTLY when _use_concurrently() is true: make sure it is when migrating a database in use
batch_op.create_index("ix_spans_kind", ["kind"], postgresql_concurrently=_use_concurrently())`,
      ],
    },
    {
      framework: "alembic",
      name: "mergin-server f1d9e4a7b823: ADD COLUMN, then an UPDATE of every row (`WHERE transaction_id IS NULL` right after the add), then the index, in one transaction: the table is closed for the whole write already, and the build reads what it wrote, a fraction of that time: a note naming the UPDATE, its fix kept",
      path: "server/migrations/community/f1d9e4a7b823_upload_transaction.py",
      files: { "server/migrations/community/e0_upload.py": 'from alembic import op\n\nrevision = "e0"\ndown_revision = None\n\n\ndef upgrade():\n    op.execute("CREATE TABLE upload (id text PRIMARY KEY)")\n' },
      schema: "CREATE TABLE upload (id text PRIMARY KEY);",
      code: `from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import UUID

revision = "f1d9e4a7b823"
down_revision = "e0"


def upgrade():
    op.add_column("upload", sa.Column("transaction_id", UUID(as_uuid=True), nullable=True))
    op.add_column("upload", sa.Column("last_ping", sa.DateTime(), nullable=True))
    op.execute("UPDATE upload SET transaction_id = gen_random_uuid() WHERE transaction_id IS NULL;")
    op.execute("UPDATE upload SET last_ping = NOW() WHERE last_ping IS NULL;")
    op.create_index(op.f("ix_upload_transaction_id"), "upload", ["transaction_id"], unique=True)
    op.create_index(op.f("ix_upload_last_ping"), "upload", ["last_ping"])


def downgrade():
    op.drop_index(op.f("ix_upload_last_ping"), table_name="upload")
    op.drop_index(op.f("ix_upload_transaction_id"), table_name="upload")
    op.drop_column("upload", "last_ping")
    op.drop_column("upload", "transaction_id")
`,
      lines: [14, 15],
      severities: ["info", "info"],
      messages: [
        "Creating index ix_upload_transaction_id without CONCURRENTLY blocks writes to upload while it builds. This transaction already holds ACCESS EXCLUSIVE on upload and updated every row of it under that lock (line 12): the table is closed to reads and writes for that whole write until commit, and this build reads what it wrote, a fraction of that time. The full-table write inside the transaction is the hazard (mixed-ddl-dml); moving this build out shortens the outage only by the build.",
        "updated every row of it under that lock (line 13)",
      ],
    },
    {
      framework: "alembic",
      name: "the same with an UPDATE that writes some rows only (a WHERE on another column): nothing says the table was closed for a full write, so the build keeps the error and the ADD COLUMN's held lock",
      path: "server/migrations/community/f1d9e4a7b823_upload_transaction.py",
      files: { "server/migrations/community/e0_upload.py": 'from alembic import op\n\nrevision = "e0"\ndown_revision = None\n\n\ndef upgrade():\n    op.execute("CREATE TABLE upload (id text PRIMARY KEY, done boolean)")\n' },
      schema: "CREATE TABLE upload (id text PRIMARY KEY, done boolean);",
      code: `from alembic import op
import sqlalchemy as sa

revision = "f1d9e4a7b823"
down_revision = "e0"


def upgrade():
    op.add_column("upload", sa.Column("last_ping", sa.DateTime(), nullable=True))
    op.execute("UPDATE upload SET last_ping = NOW() WHERE done IS FALSE;")
    op.create_index(op.f("ix_upload_last_ping"), "upload", ["last_ping"])


def downgrade():
    op.drop_index(op.f("ix_upload_last_ping"), table_name="upload")
    op.drop_column("upload", "last_ping")
`,
      lines: [11],
      severities: ["error"],
      messages: ["Line 9's ADD COLUMN last_ping already holds ACCESS EXCLUSIVE on upload until commit"],
    },
    {
      framework: "alembic",
      name: "datanommer 429e6f2cba6f: no migration creates messages; the models' after_create listener runs create_hypertable on it (an f-string of the __tablename__ of the class its module passes): the per-chunk build, and the fix says where the code makes it a hypertable; users, which no call passes, keeps CONCURRENTLY",
      path: "datanommer/models/alembic/versions/429e6f2cba6f_message_agent_name.py",
      files: {
        "datanommer/models/__init__.py": `from sqlalchemy import Column, DateTime, Integer, Text, event
from sqlalchemy.orm import declarative_base
from sqlalchemy.schema import DDL

DeclarativeBase = declarative_base()


class Message(DeclarativeBase):
    __tablename__ = "messages"
    id = Column(Integer, primary_key=True)
    timestamp = Column(DateTime, nullable=False)
    agent_name = Column(Text)


class User(DeclarativeBase):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    name = Column(Text)


def _setup_hypertable(table_class):
    event.listen(
        table_class.__table__,
        "after_create",
        DDL(f"SELECT create_hypertable('{table_class.__tablename__}', 'timestamp');"),
    )


_setup_hypertable(Message)
`,
        "datanommer/models/alembic/versions/5db25abc63be_init.py": `from alembic import op

revision = "5db25abc63be"
down_revision = None


def upgrade():
    pass


def downgrade():
    pass
`,
      },
      code: `from alembic import op

revision = "429e6f2cba6f"
down_revision = "5db25abc63be"


def upgrade():
    op.create_index(op.f("ix_messages_agent_name"), "messages", ["agent_name"], unique=False)
    op.create_index(op.f("ix_users_name"), "users", ["name"], unique=False)


def downgrade():
    pass
`,
      lines: [8, 9],
      fixes: ["# messages is a TimescaleDB hypertable (create_hypertable at datanommer/models/__init__.py:25, in the application's code; no migration creates the table), which refuses CREATE INDEX CONCURRENTLY (\"hypertables do not support concurrent index creation\").\n# WITH (timescaledb.transaction_per_chunk) builds the index chunk by chunk, each chunk in a transaction of its own,\n# so writes wait only on the chunk being indexed. Like CONCURRENTLY it cannot run inside a transaction block.\n# A build that fails leaves the index INVALID on messages (new chunks still get it): drop it and build it again.\nwith op.get_context().autocommit_block():\n    op.create_index(op.f(\"ix_messages_agent_name\"), \"messages\", [\"agent_name\"], unique=False, postgresql_with={\"timescaledb.transaction_per_chunk\": True})", "with op.get_context().autocommit_block():\n    op.create_index(op.f(\"ix_users_name\"), \"users\", [\"name\"], unique=False, postgresql_concurrently=True)"],
    },
    {
      framework: "alembic",
      name: "a table an earlier revision creates (op.create_table), though the models' after_create DDL makes it a hypertable when create_all creates it: the revision's table never ran that listener, so CONCURRENTLY stays",
      path: "datanommer/models/alembic/versions/429e6f2cba6f_message_agent_name.py",
      files: {
        "datanommer/models/__init__.py": `from sqlalchemy import Column, DateTime, Integer, Text, event
from sqlalchemy.orm import declarative_base
from sqlalchemy.schema import DDL

DeclarativeBase = declarative_base()


class Message(DeclarativeBase):
    __tablename__ = "messages"
    id = Column(Integer, primary_key=True)
    timestamp = Column(DateTime, nullable=False)
    agent_name = Column(Text)


class User(DeclarativeBase):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    name = Column(Text)


def _setup_hypertable(table_class):
    event.listen(
        table_class.__table__,
        "after_create",
        DDL(f"SELECT create_hypertable('{table_class.__tablename__}', 'timestamp');"),
    )


_setup_hypertable(Message)
`,
        "datanommer/models/alembic/versions/5db25abc63be_init.py": `from alembic import op
import sqlalchemy as sa

revision = "5db25abc63be"
down_revision = None


def upgrade():
    op.create_table("messages", sa.Column("id", sa.Integer), sa.Column("timestamp", sa.DateTime), sa.Column("agent_name", sa.Text))


def downgrade():
    pass
`,
      },
      code: `from alembic import op

revision = "429e6f2cba6f"
down_revision = "5db25abc63be"


def upgrade():
    op.create_index(op.f("ix_messages_agent_name"), "messages", ["agent_name"], unique=False)


def downgrade():
    pass
`,
      lines: [8],
      fixes: ["with op.get_context().autocommit_block():\n    op.create_index(op.f(\"ix_messages_agent_name\"), \"messages\", [\"agent_name\"], unique=False, postgresql_concurrently=True)"],
    },
    {
      framework: "alembic",
      name: "datanommer's messages, a TimescaleDB hypertable an earlier revision made (op.execute of create_hypertable): TimescaleDB refuses CONCURRENTLY, so op.create_index keeps its arguments and builds chunk by chunk (postgresql_with), op.execute's SQL gets the WITH option, both in an autocommit block",
      path: "alembic/versions/b2_headers.py",
      files: { "alembic/versions/a1_messages.py": `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_table("messages", sa.Column("id", sa.Integer), sa.Column("timestamp", sa.DateTime, nullable=False), sa.Column("headers", sa.dialects.postgresql.JSONB))
    op.execute("SELECT create_hypertable('messages', 'timestamp')")


def downgrade():
    op.drop_table("messages")
` },
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_index(
        "ix_messages_headers",
        "messages",
        ["headers"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"headers": "jsonb_path_ops"},
    )
    op.execute("CREATE INDEX ix_messages_ts ON messages (timestamp)")


def downgrade():
    op.drop_index("ix_messages_ts", table_name="messages")
    op.drop_index("ix_messages_headers", table_name="messages")
`,
      lines: [8, 16],
      messages: ["messages is a TimescaleDB hypertable, which refuses CONCURRENTLY", "messages is a TimescaleDB hypertable, which refuses CONCURRENTLY"],
      fixes: ["# messages is a TimescaleDB hypertable (create_hypertable at alembic/versions/a1_messages.py:10), which refuses CREATE INDEX CONCURRENTLY (\"hypertables do not support concurrent index creation\").\n# WITH (timescaledb.transaction_per_chunk) builds the index chunk by chunk, each chunk in a transaction of its own,\n# so writes wait only on the chunk being indexed. Like CONCURRENTLY it cannot run inside a transaction block.\n# A build that fails leaves the index INVALID on messages (new chunks still get it): drop it and build it again.\nwith op.get_context().autocommit_block():\n    op.create_index(\n        \"ix_messages_headers\",\n        \"messages\",\n        [\"headers\"],\n        unique=False,\n        postgresql_using=\"gin\",\n        postgresql_ops={\"headers\": \"jsonb_path_ops\"}, postgresql_with={\"timescaledb.transaction_per_chunk\": True},\n    )", "# messages is a TimescaleDB hypertable (create_hypertable at alembic/versions/a1_messages.py:10), which refuses CREATE INDEX CONCURRENTLY (\"hypertables do not support concurrent index creation\").\n# WITH (timescaledb.transaction_per_chunk) builds the index chunk by chunk, each chunk in a transaction of its own,\n# so writes wait only on the chunk being indexed. Like CONCURRENTLY it cannot run inside a transaction block.\n# A build that fails leaves the index INVALID on messages (new chunks still get it): drop it and build it again.\nwith op.get_context().autocommit_block():\n    op.execute(\"CREATE INDEX ix_messages_ts ON messages (timestamp) WITH (timescaledb.transaction_per_chunk)\")"],
    },
    {
      framework: "alembic",
      name: "op.create_index on a materialized view an earlier revision created with op.execute: a note, the concurrent build kept",
      path: "alembic/versions/b2_invoice_totals_idx.py",
      files: {
        "alembic/versions/a1_invoice_totals.py": `from alembic import op

revision = "a1"
down_revision = None


def upgrade():
    op.execute("CREATE MATERIALIZED VIEW invoice_totals AS SELECT customer_id, sum(amount) AS total FROM invoices GROUP BY customer_id")


def downgrade():
    op.execute("DROP MATERIALIZED VIEW invoice_totals")
`,
      },
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_index("ix_invoice_totals_total", "invoice_totals", ["total"])


def downgrade():
    op.drop_index("ix_invoice_totals_total", table_name="invoice_totals")
`,
      lines: [8],
      severities: ["info"],
      messages: ["blocks REFRESH MATERIALIZED VIEW invoice_totals while it builds"],
      fixes: [`with op.get_context().autocommit_block():\n    op.create_index("ix_invoice_totals_total", "invoice_totals", ["total"], postgresql_concurrently=True)`],
    },
    {
      framework: "alembic",
      name: "onyx's env.py sets search_path on the connection before context.configure (SQLAlchemy 2.0 autobegins a transaction Alembic did not begin): the fix commits it before autocommit_block(), which would assert otherwise",
      path: "backend/alembic/versions/f1_chat_message_session.py",
      files: {
        "backend/requirements.txt": "alembic==1.16.2\nsqlalchemy==2.0.41\n",
        "backend/alembic/env.py": ONYX_ENV,
      },
      code: `from alembic import op

revision = "f1"
down_revision = "e0"


def upgrade():
    op.create_index("ix_chat_message_chat_session_id", "chat_message", ["chat_session_id"])


def downgrade():
    op.drop_index("ix_chat_message_chat_session_id", table_name="chat_message")
`,
      lines: [8],
      fixes: [
        `# backend/alembic/env.py line 13 runs connection.execute() before context.configure(): under the project's SQLAlchemy 2 (its dependency files) that begins a transaction Alembic did not, and autocommit_block() alone fails its assert
# commit it first (or commit in env.py before context.configure, or run these on a separate connection with isolation_level="AUTOCOMMIT"); like autocommit_block, this commits what ran before
op.get_bind().commit()
with op.get_context().autocommit_block():
    op.create_index("ix_chat_message_chat_session_id", "chat_message", ["chat_session_id"], postgresql_concurrently=True)`,
      ],
    },
    {
      framework: "alembic",
      name: "funnel's env.py begins the upgrade's transaction itself (conn.begin()): autocommit_block() asserts and a commit would fail env.py's own, so the fix shows env.py's change (as code) the concurrent build needs",
      path: "migrations/versions/f1_chat_message_session.py",
      files: { "requirements.txt": "sqlalchemy==2.0.41\n", "migrations/env.py": HELD_ENV },
      code: `from alembic import op

revision = "f1"
down_revision = "e0"


def upgrade():
    op.create_index("ix_chat_message_chat_session_id", "chat_message", ["chat_session_id"])


def downgrade():
    op.drop_index("ix_chat_message_chat_session_id", table_name="chat_message")
`,
      lines: [8],
      fixes: [
        `# migrations/env.py line 8 begins the upgrade's transaction itself (conn.begin()) and commits it after the last revision: autocommit_block() fails Alembic's assert (it ends only a transaction Alembic began), and a commit here makes env.py's own commit fail
# this block runs once env.py lets Alembic begin the transaction; in migrations/env.py, drop that begin() and its commit()/rollback() (a \`with ... begin()\` around configure becomes \`with ... connect()\`) and run the revisions in Alembic's transaction:
#     context.configure(connection=rec["connection"], ...)  # as it is
#     with context.begin_transaction():
#         context.run_migrations()
with op.get_context().autocommit_block():
    op.create_index("ix_chat_message_chat_session_id", "chat_message", ["chat_session_id"], postgresql_concurrently=True)`,
      ],
    },
    {
      framework: "alembic",
      name: "the same env.py, and an earlier revision that runs its statements on a connection with isolation_level=\"AUTOCOMMIT\": the fix names it as the project's own way",
      path: "backend/alembic/versions/f1_chat_message_session.py",
      files: {
        "backend/requirements.txt": "alembic==1.16.2\nsqlalchemy==2.0.41\n",
        "backend/alembic/env.py": ONYX_ENV,
        "backend/alembic/versions/e0_search_settings_index.py": `from alembic import op

revision = "e0"
down_revision = None


def upgrade():
    with op.get_bind().engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_search_settings_status ON search_settings (status)")


def downgrade():
    op.drop_index("ix_search_settings_status", table_name="search_settings")
`,
      },
      code: `from alembic import op

revision = "f1"
down_revision = "e0"


def upgrade():
    op.create_index("ix_chat_message_chat_session_id", "chat_message", ["chat_session_id"])


def downgrade():
    op.drop_index("ix_chat_message_chat_session_id", table_name="chat_message")
`,
      lines: [8],
      fixes: [
        `# backend/alembic/env.py line 13 runs connection.execute() before context.configure(): under the project's SQLAlchemy 2 (its dependency files) that begins a transaction Alembic did not, and autocommit_block() alone fails its assert
# commit it first (or commit in env.py before context.configure, or run these on a separate connection with isolation_level="AUTOCOMMIT", as revision e0 does); like autocommit_block, this commits what ran before
op.get_bind().commit()
with op.get_context().autocommit_block():
    op.create_index("ix_chat_message_chat_session_id", "chat_message", ["chat_session_id"], postgresql_concurrently=True)`,
      ],
    },
    {
      framework: "alembic",
      name: "the same env.py on SQLAlchemy 1.4, its engine created with future=True: 2.0's Connection, so the execute begins a transaction all the same and the fix commits it first",
      path: "backend/alembic/versions/f1_chat_message_session.py",
      files: {
        "backend/requirements.txt": "alembic==1.7.7\nsqlalchemy==1.4.52\n",
        "backend/alembic/env.py": ONYX_ENV.replace("poolclass=pool.NullPool)", "poolclass=pool.NullPool, future=True)"),
      },
      code: `from alembic import op

revision = "f1"
down_revision = "e0"


def upgrade():
    op.create_index("ix_chat_message_chat_session_id", "chat_message", ["chat_session_id"])


def downgrade():
    op.drop_index("ix_chat_message_chat_session_id", table_name="chat_message")
`,
      lines: [8],
      fixes: [
        `# backend/alembic/env.py line 13 runs connection.execute() before context.configure(): on the engine backend/alembic/env.py creates with future=True (SQLAlchemy 2.0's Connection) that begins a transaction Alembic did not, and autocommit_block() alone fails its assert
# commit it first (or commit in env.py before context.configure, or run these on a separate connection with isolation_level="AUTOCOMMIT"); like autocommit_block, this commits what ran before
op.get_bind().commit()
with op.get_context().autocommit_block():
    op.create_index("ix_chat_message_chat_session_id", "chat_message", ["chat_session_id"], postgresql_concurrently=True)`,
      ],
    },
    {
      framework: "alembic",
      name: "the same env.py on SQLAlchemy 1.4 without future=True: the execute begins no transaction Alembic sees (1.x autocommits it), so autocommit_block() runs as written",
      path: "backend/alembic/versions/f1_chat_message_session.py",
      files: { "backend/requirements.txt": "alembic==1.7.7\nsqlalchemy==1.4.52\n", "backend/alembic/env.py": ONYX_ENV },
      code: `from alembic import op

revision = "f1"
down_revision = "e0"


def upgrade():
    op.create_index("ix_chat_message_chat_session_id", "chat_message", ["chat_session_id"])


def downgrade():
    op.drop_index("ix_chat_message_chat_session_id", table_name="chat_message")
`,
      lines: [8],
      fixes: [
        `with op.get_context().autocommit_block():
    op.create_index("ix_chat_message_chat_session_id", "chat_message", ["chat_session_id"], postgresql_concurrently=True)`,
      ],
    },
    {
      framework: "alembic",
      name: "env.py sets search_path, then commits, before context.configure: the connection is in no transaction, so autocommit_block() runs as written",
      path: "backend/alembic/versions/f1_chat_message_session.py",
      files: {
        "backend/alembic/env.py": `import os

from alembic import context
from sqlalchemy import engine_from_config, pool, text

config = context.config


def do_run_migrations(connection, schema_name, create_schema):
    if create_schema:
        connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema_name}"'))

    connection.execute(text(f'SET search_path TO "{schema_name}"'))
    connection.commit()

    context.configure(connection=connection, target_metadata=None, version_table_schema=schema_name)

    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    engine = engine_from_config(config.get_section(config.config_ini_section), prefix="sqlalchemy.", poolclass=pool.NullPool)
    with engine.connect() as connection:
        do_run_migrations(connection, os.environ.get("SCHEMA", "public"), False)
        connection.commit()


run_migrations_online()
`,
      },
      code: `from alembic import op

revision = "f1"
down_revision = "e0"


def upgrade():
    op.create_index("ix_chat_message_chat_session_id", "chat_message", ["chat_session_id"])


def downgrade():
    op.drop_index("ix_chat_message_chat_session_id", table_name="chat_message")
`,
      lines: [8],
      fixes: [
        `with op.get_context().autocommit_block():
    op.create_index("ix_chat_message_chat_session_id", "chat_message", ["chat_session_id"], postgresql_concurrently=True)`,
      ],
    },
    {
      framework: "alembic",
      name: "the same env.py, the revision returns when the setting is not set: on PostgreSQL it goes on, the index is built under its lock",
      path: "alembic/versions/a1_agents_name.py",
      files: {
        "alembic/env.py": `import os

from sqlalchemy import engine_from_config, pool

from alembic import context
from app.settings import DatabaseChoice, settings

config = context.config

if settings.database_engine is DatabaseChoice.POSTGRES:
    config.set_main_option("sqlalchemy.url", settings.pg_uri_no_default)
else:
    config.set_main_option("sqlalchemy.url", "sqlite:///" + os.path.join(os.path.expanduser("~"), "app.db"))


def run_migrations_online() -> None:
    connectable = engine_from_config(config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=None)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
`,
        "app/__init__.py": "",
        "app/settings.py": `from enum import Enum
from typing import Optional

from pydantic_settings import BaseSettings


class DatabaseChoice(str, Enum):
    POSTGRES = "postgres"
    SQLITE = "sqlite"


class Settings(BaseSettings):
    pg_uri: Optional[str] = None

    @property
    def pg_uri_no_default(self) -> Optional[str]:
        return self.pg_uri or None

    @property
    def database_engine(self) -> DatabaseChoice:
        """PostgreSQL when a URI is configured, else the local SQLite file."""
        return DatabaseChoice.POSTGRES if self.pg_uri_no_default else DatabaseChoice.SQLITE


settings = Settings()
`,
      },
      code: `from alembic import op
import sqlalchemy as sa

from app.settings import settings

revision = "a1"
down_revision = None


def upgrade():
    # only PostgreSQL: SQLite databases are created from the models
    if not settings.pg_uri_no_default:
        return
    op.create_index("ix_agents_name", "agents", ["name"])


def downgrade():
    if settings.pg_uri_no_default:
        return
    op.drop_index("ix_agents_name", table_name="agents")
`,
      lines: [14],
    },
    {
      framework: "alembic",
      name: "env.py takes the URL from the environment in both branches: nothing proves which way the setting goes on PostgreSQL, so the revision is read whole",
      path: "alembic/versions/a1_agents_name.py",
      files: {
        "alembic/env.py": `import os

from sqlalchemy import engine_from_config, pool

from alembic import context
from app.settings import DatabaseChoice, settings

config = context.config

if settings.database_engine is DatabaseChoice.POSTGRES:
    config.set_main_option("sqlalchemy.url", settings.pg_uri_no_default)
else:
    config.set_main_option("sqlalchemy.url", os.environ["DATABASE_URL"])


def run_migrations_online() -> None:
    connectable = engine_from_config(config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=None)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
`,
        "app/__init__.py": "",
        "app/settings.py": `from enum import Enum
from typing import Optional

from pydantic_settings import BaseSettings


class DatabaseChoice(str, Enum):
    POSTGRES = "postgres"
    SQLITE = "sqlite"


class Settings(BaseSettings):
    pg_uri: Optional[str] = None

    @property
    def pg_uri_no_default(self) -> Optional[str]:
        return self.pg_uri or None

    @property
    def database_engine(self) -> DatabaseChoice:
        """PostgreSQL when a URI is configured, else the local SQLite file."""
        return DatabaseChoice.POSTGRES if self.pg_uri_no_default else DatabaseChoice.SQLITE


settings = Settings()
`,
      },
      code: `from alembic import op
import sqlalchemy as sa

from app.settings import settings

revision = "a1"
down_revision = None


def upgrade():
    # only SQLite: PostgreSQL databases have these from earlier revisions
    if settings.pg_uri_no_default:
        return
    op.create_index("ix_agents_name", "agents", ["name"])


def downgrade():
    if settings.pg_uri_no_default:
        return
    op.drop_index("ix_agents_name", table_name="agents")
`,
      lines: [14],
    },
    {
      framework: "alembic",
      name: "a return inside autocommit_block() in a branch PostgreSQL may not take (a setting read at run time): the index after the block is still reviewed",
      code: `import os
from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.get_context().autocommit_block():
        if os.environ.get("SKIP_SEARCH_INDEXES"):
            return
        op.create_index("ix_agents_name", "agents", ["name"], postgresql_concurrently=True)
    op.create_index("ix_agents_org", "agents", ["organization_id"])


def downgrade():
    op.drop_index("ix_agents_org", table_name="agents")
    op.drop_index("ix_agents_name", table_name="agents")
`,
      lines: [14],
    },
    {
      framework: "alembic",
      name: "a return inside batch_alter_table() on SQLite only: on PostgreSQL the index after the block is built, under its lock",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.batch_alter_table("agents") as batch_op:
        if op.get_bind().dialect.name == "sqlite":
            return
        batch_op.add_column(sa.Column("organization_id", sa.String(), nullable=True))
    op.create_index("ix_agents_name", "agents", ["name"])


def downgrade():
    op.drop_index("ix_agents_name", table_name="agents")
    with op.batch_alter_table("agents") as batch_op:
        batch_op.drop_column("organization_id")
`,
      lines: [13],
    },
    {
      framework: "alembic",
      name: "a revision that returns early on SQLite only: on PostgreSQL the index is built, under its lock",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    if op.get_bind().dialect.name == "sqlite":
        return
    op.create_index("ix_agents_name", "agents", ["name"])


def downgrade():
    op.drop_index("ix_agents_name", table_name="agents")
`,
      lines: [11],
    },
    {
      framework: "alembic",
      name: "index SQL built in a loop with repr(key) in an f-string (fides b2c3d4e5f6a7): the fix keeps the loop, each build CONCURRENTLY in its f-string, not one item's statement",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"

IDENTITY_KEYS = ["email", "phone_number"]


def upgrade():
    for identity_key in IDENTITY_KEYS:
        op.execute(f"CREATE INDEX idx_identity_{identity_key} ON privacy_preferences ((search_data->'identity'->>{repr(identity_key)}))")


def downgrade():
    for identity_key in IDENTITY_KEYS:
        op.execute(f"DROP INDEX IF EXISTS idx_identity_{identity_key}")
`,
      lines: [11, 11],
      fixes: ["# the loop of lines 10-11 builds this index once per item: it stays as written, outside the transaction, each index CONCURRENTLY\n# (a build that fails leaves an INVALID index: drop it with DROP INDEX CONCURRENTLY before running the revision again)\nwith op.get_context().autocommit_block():\n    for identity_key in IDENTITY_KEYS:\n        op.execute(f\"CREATE INDEX CONCURRENTLY idx_identity_{identity_key} ON privacy_preferences ((search_data->'identity'->>{repr(identity_key)}))\")", "# the loop of lines 10-11 builds this index once per item: it stays as written, outside the transaction, each index CONCURRENTLY\n# (a build that fails leaves an INVALID index: drop it with DROP INDEX CONCURRENTLY before running the revision again)\nwith op.get_context().autocommit_block():\n    for identity_key in IDENTITY_KEYS:\n        op.execute(f\"CREATE INDEX CONCURRENTLY idx_identity_{identity_key} ON privacy_preferences ((search_data->'identity'->>{repr(identity_key)}))\")"],
    },
    {
      framework: "alembic",
      name: "op.create_index of an expression in nested loops over literal lists: the loops kept, the call with postgresql_concurrently=True",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"

KEYS = ["email", "phone"]
TABLES = ["current", "historic"]


def upgrade():
    for key in KEYS:
        for table in TABLES:
            op.create_index(
                f"ix_{key}_{table}",
                f"prefs_{table}",
                [sa.text(f"(data ->> '{key}')")],
            )


def downgrade():
    for key in KEYS:
        for table in TABLES:
            op.drop_index(f"ix_{key}_{table}", table_name=f"prefs_{table}")
`,
      lines: [14, 14, 14, 14],
      fixes: ["# the loop of lines 12-18 builds this index once per item: it stays as written, outside the transaction, each index CONCURRENTLY\n# (a build that fails leaves an INVALID index: drop it with DROP INDEX CONCURRENTLY before running the revision again)\nwith op.get_context().autocommit_block():\n    for key in KEYS:\n        for table in TABLES:\n            op.create_index(\n                f\"ix_{key}_{table}\",\n                f\"prefs_{table}\",\n                [sa.text(f\"(data ->> '{key}')\")], postgresql_concurrently=True,\n            )", "# the loop of lines 12-18 builds this index once per item: it stays as written, outside the transaction, each index CONCURRENTLY\n# (a build that fails leaves an INVALID index: drop it with DROP INDEX CONCURRENTLY before running the revision again)\nwith op.get_context().autocommit_block():\n    for key in KEYS:\n        for table in TABLES:\n            op.create_index(\n                f\"ix_{key}_{table}\",\n                f\"prefs_{table}\",\n                [sa.text(f\"(data ->> '{key}')\")], postgresql_concurrently=True,\n            )", "# the loop of lines 12-18 builds this index once per item: it stays as written, outside the transaction, each index CONCURRENTLY\n# (a build that fails leaves an INVALID index: drop it with DROP INDEX CONCURRENTLY before running the revision again)\nwith op.get_context().autocommit_block():\n    for key in KEYS:\n        for table in TABLES:\n            op.create_index(\n                f\"ix_{key}_{table}\",\n                f\"prefs_{table}\",\n                [sa.text(f\"(data ->> '{key}')\")], postgresql_concurrently=True,\n            )", "# the loop of lines 12-18 builds this index once per item: it stays as written, outside the transaction, each index CONCURRENTLY\n# (a build that fails leaves an INVALID index: drop it with DROP INDEX CONCURRENTLY before running the revision again)\nwith op.get_context().autocommit_block():\n    for key in KEYS:\n        for table in TABLES:\n            op.create_index(\n                f\"ix_{key}_{table}\",\n                f\"prefs_{table}\",\n                [sa.text(f\"(data ->> '{key}')\")], postgresql_concurrently=True,\n            )"],
    },
    {
      framework: "alembic",
      name: "a loop that adds a column and builds its index: it cannot leave the transaction whole, and the fix says so instead of one item's statement",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    for table in ["orders", "invoices"]:
        op.add_column(table, sa.Column("region", sa.Text()))
        op.create_index(f"ix_{table}_region", table, ["region"])


def downgrade():
    for table in ["orders", "invoices"]:
        op.drop_index(f"ix_{table}_region", table_name=table)
        op.drop_column(table, "region")
`,
      lines: [11, 11],
      fixes: ["# line 11 is in the loop of lines 9-11, which builds an index per item; migguard cannot rewrite that loop: it also runs add column on line 10, which would leave the transaction with it.\n# Run the loop inside `with op.get_context().autocommit_block():` and build each index CONCURRENTLY (postgresql_concurrently=True, or CONCURRENTLY after CREATE INDEX in its SQL).", "# line 11 is in the loop of lines 9-11, which builds an index per item; migguard cannot rewrite that loop: it also runs add column on line 10, which would leave the transaction with it.\n# Run the loop inside `with op.get_context().autocommit_block():` and build each index CONCURRENTLY (postgresql_concurrently=True, or CONCURRENTLY after CREATE INDEX in its SQL)."],
    },
    {
      framework: "alembic",
      name: "a comment right above create_index says the table never grows: a note quoting it",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    # country never grows: one row per ISO code
    op.create_index("ix_country_code", "country", ["code"])


def downgrade():
    op.drop_index("ix_country_code", table_name="country")
`,
      lines: [10],
      severities: ["info"],
      messages: ['Its author says the table is small: "country never grows: one row per ISO code" (line 9)'],
    },
    {
      framework: "alembic",
      name: "create_index only when a SELECT COUNT(*) of its table is below a bound: a note quoting the condition, the fix kept",
      code: `import sqlalchemy as sa
from alembic import op

from app.migrations.deferred_indexes import INDEX_ROW_COUNT_THRESHOLD

revision = "3ff6449c099e"
down_revision = "56fe6fad2d89"


def upgrade():
    connection = op.get_bind()
    identity_count = connection.execute(
        sa.text("SELECT COUNT(*) FROM providedidentity")
    ).scalar()
    if identity_count < INDEX_ROW_COUNT_THRESHOLD:
        op.create_index("ix_providedidentity_request_id", "providedidentity", ["privacy_request_id"])
    else:
        print("large table: the index is built CONCURRENTLY at startup")


def downgrade():
    op.execute("DROP INDEX IF EXISTS ix_providedidentity_request_id")
`,
      lines: [16],
      severities: ["info"],
      messages: ["The migration runs it only when `identity_count < INDEX_ROW_COUNT_THRESHOLD` (line 15), a bound on the row count of providedidentity"],
      fixes: [
        `with op.get_context().autocommit_block():
    op.create_index("ix_providedidentity_request_id", "providedidentity", ["privacy_request_id"], postgresql_concurrently=True)`,
      ],
    },
    {
      framework: "alembic",
      name: "create_index in the else of `count >= LIMIT`, and under a count in the condition itself: notes; under a count of another table, or above the bound: errors",
      code: `import sqlalchemy as sa
from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    conn = op.get_bind()
    events = conn.execute(sa.text("SELECT count(*) FROM events")).scalar()
    if events >= 1000000:
        print("run CREATE INDEX CONCURRENTLY by hand")
    else:
        op.create_index("ix_events_kind", "events", ["kind"])
    if 50000 > conn.execute(sa.text("SELECT count(*) FROM tags")).scalar():
        op.create_index("ix_tags_name", "tags", ["name"])
    if events < 1000000:
        op.create_index("ix_users_email", "users", ["email"])
    if events > 1000:
        op.create_index("ix_events_at", "events", ["at"])


def downgrade():
    pass
`,
      lines: [14, 16, 18, 20],
      severities: ["info", "info", "error", "error"],
      messages: ["only when `events >= 1000000` is false (line 11)", "only when `50000 > conn.execute(sa.text(\"SELECT count(*) FROM tags\")).scalar()` (line 15)", "blocks writes to users", "blocks writes to events"],
    },
    {
      framework: "alembic",
      name: "add_column(nullable=False) with a server_default proves nothing about the rows",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("automation_event_follower", sa.Column("scope", sa.String(), nullable=False, server_default="[]"))
    op.create_index(op.f("ix_automation_event_follower__scope"), "automation_event_follower", ["scope"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_automation_event_follower__scope"), table_name="automation_event_follower")
    op.drop_column("automation_event_follower", "scope")
`,
      lines: [10],
    },
    {
      framework: "alembic",
      name: "op.create_index on an existing table",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_index(op.f("ix_invoices_customer_id"), "invoices", ["customer_id"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_invoices_customer_id"), table_name="invoices")
`,
      lines: [8],
    },
    {
      framework: "alembic",
      name: "add_column with index=True: the fix adds the column without index=True and builds ix_<table>_<column> concurrently",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("invoices", sa.Column("paid_at", sa.DateTime(timezone=True), nullable=True, index=True))


def downgrade():
    op.drop_column("invoices", "paid_at")
`,
      lines: [9],
      fixes: [
        `op.add_column("invoices", sa.Column("paid_at", sa.DateTime(timezone=True), nullable=True))
with op.get_context().autocommit_block():
    op.create_index("ix_invoices_paid_at", "invoices", ["paid_at"], postgresql_concurrently=True)`,
      ],
    },
    {
      framework: "alembic",
      name: "add_column with index=True written over lines: the column keeps every other argument, the index SQLAlchemy's name",
      code: `from alembic import op
import sqlalchemy as sa

revision = "65fc9ede4746"
down_revision = "0ec979123ba4"


def upgrade():
    op.add_column(
        "queries", sa.Column("is_draft", sa.Boolean, default=True, index=True)
    )


def downgrade():
    op.drop_column("queries", "is_draft")
`,
      lines: [9],
      fixes: [
        `op.add_column(
    "queries", sa.Column("is_draft", sa.Boolean, default=True)
)
with op.get_context().autocommit_block():
    op.create_index("ix_queries_is_draft", "queries", ["is_draft"], postgresql_concurrently=True)`,
      ],
    },
    {
      framework: "alembic",
      name: "batch_op.create_index of a column the same batch adds: the concurrent build goes after the with block",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("customer_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_invoices_customer_id"),
            ["customer_id"],
            unique=False,
        )
        batch_op.alter_column("total", nullable=True)


def downgrade():
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoices_customer_id"))
        batch_op.drop_column("customer_id")
`,
      lines: [11],
      fixes: [
        `with op.batch_alter_table("invoices", schema=None) as batch_op:
    batch_op.add_column(sa.Column("customer_id", sa.Integer(), nullable=True))
    batch_op.alter_column("total", nullable=True)
# batch_op's operations run when its with block exits: this goes after the block, once they have run
with op.get_context().autocommit_block():
    op.create_index(
        op.f("ix_invoices_customer_id"), "invoices",
        ["customer_id"],
        unique=False, postgresql_concurrently=True,
    )`,
      ],
    },
    {
      framework: "alembic",
      name: "batch_op.create_index alone in its with block: the fix takes the whole block's place",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.batch_alter_table("invoices") as batch_op:
        batch_op.create_index("ix_invoices_customer_id", ["customer_id"])


def downgrade():
    op.drop_index("ix_invoices_customer_id", table_name="invoices")
`,
      lines: [9],
      fixes: [
        `# in place of the whole with block (this was its only operation):
with op.get_context().autocommit_block():
    op.create_index("ix_invoices_customer_id", "invoices", ["customer_id"], postgresql_concurrently=True)`,
      ],
    },
    {
      framework: "alembic",
      name: "a GIN index (postgresql_using) with postgresql_ops: the fix is the call as written, with postgresql_concurrently=True",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_index(
        "ix_documents_body_trgm",
        "documents",
        ["body"],
        postgresql_using="gin",
        postgresql_ops={"body": "gin_trgm_ops"},
    )


def downgrade():
    op.drop_index("ix_documents_body_trgm", table_name="documents")
`,
      lines: [8],
      fixes: [
        `with op.get_context().autocommit_block():
    op.create_index(
        "ix_documents_body_trgm",
        "documents",
        ["body"],
        postgresql_using="gin",
        postgresql_ops={"body": "gin_trgm_ops"}, postgresql_concurrently=True,
    )`,
      ],
    },
    {
      framework: "alembic",
      name: "a partial unique index (postgresql_where=sa.text(...)) with postgresql_include: its condition, unique= and INCLUDE stay",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_index("uq_users_email_active", "users", ["email"], unique=True, postgresql_where=sa.text("deleted_at IS NULL"), postgresql_include=["id"])


def downgrade():
    op.drop_index("uq_users_email_active", table_name="users")
`,
      lines: [9],
      fixes: [
        `with op.get_context().autocommit_block():
    op.create_index("uq_users_email_active", "users", ["email"], unique=True, postgresql_where=sa.text("deleted_at IS NULL"), postgresql_include=["id"], postgresql_concurrently=True)`,
      ],
    },
    {
      framework: "alembic",
      name: "a unique index dropped and built again under its name: the new one is built CONCURRENTLY under a temporary name before the old is dropped, then renamed",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"

UNIQUE_INDEX = "uq_usage_dims"


def upgrade():
    op.drop_index(UNIQUE_INDEX, table_name="usage")
    op.create_index(
        UNIQUE_INDEX,
        "usage",
        ["user_id", "day", "mode"],
        unique=True,
    )


def downgrade():
    op.drop_index(UNIQUE_INDEX, table_name="usage")
    op.create_index(UNIQUE_INDEX, "usage", ["user_id", "day"], unique=True)
`,
      lines: [12],
      fixes: [
        `# in place of line 11's drop_index of uq_usage_dims (remove that line) and this create_index:
# uq_usage_dims_new is built beside uq_usage_dims, which serves its queries until the swap; a failed build leaves uq_usage_dims_new INVALID: the first statement drops it when the migration runs again
with op.get_context().autocommit_block():
    op.execute("DROP INDEX CONCURRENTLY IF EXISTS uq_usage_dims_new")
    op.create_index(
        "uq_usage_dims_new",
        "usage",
        ["user_id", "day", "mode"],
        unique=True, postgresql_concurrently=True,
    )
    op.drop_index(UNIQUE_INDEX, table_name="usage", postgresql_concurrently=True)
    op.execute("ALTER INDEX uq_usage_dims_new RENAME TO uq_usage_dims")`,
      ],
    },
    {
      framework: "alembic",
      name: "a functional index on sa.text(\"lower(email)\"), named with op.f: the expression and op.f stay",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_index(op.f("ix_users_lower_email"), "users", [sa.text("lower(email)")], unique=False)


def downgrade():
    op.drop_index(op.f("ix_users_lower_email"), table_name="users")
`,
      lines: [9],
      fixes: [
        `with op.get_context().autocommit_block():
    op.create_index(op.f("ix_users_lower_email"), "users", [sa.text("lower(email)")], unique=False, postgresql_concurrently=True)`,
      ],
    },
    {
      framework: "alembic",
      name: "postgresql_concurrently=False written out: it is set to True, not added twice",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_index("ix_invoices_customer_id", "invoices", ["customer_id"], postgresql_concurrently=False)


def downgrade():
    op.drop_index("ix_invoices_customer_id", table_name="invoices")
`,
      lines: [8],
      fixes: [
        `with op.get_context().autocommit_block():
    op.create_index("ix_invoices_customer_id", "invoices", ["customer_id"], postgresql_concurrently=True)`,
      ],
    },
    {
      framework: "alembic",
      name: "op.execute of a partial CREATE INDEX: the SQL as written, CONCURRENTLY, after dropping what a failed build left",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.execute("CREATE INDEX ix_orders_open ON orders USING btree (created_at) WHERE status = 'open'")


def downgrade():
    op.execute("DROP INDEX ix_orders_open")
`,
      lines: [8],
      fixes: [
        `with op.get_context().autocommit_block():
    op.execute("DROP INDEX CONCURRENTLY IF EXISTS ix_orders_open")
    op.execute("CREATE INDEX CONCURRENTLY ix_orders_open ON orders USING btree (created_at) WHERE status = 'open'")`,
      ],
    },
    {
      framework: "alembic",
      name: "batch_op.create_index in a batch with schema=: the op.create_index names the batch's table and schema",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.batch_alter_table("invoices", schema="billing") as batch_op:
        batch_op.add_column(sa.Column("customer_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_invoices_customer_id"), ["customer_id"], postgresql_where=sa.text("customer_id IS NOT NULL"))


def downgrade():
    with op.batch_alter_table("invoices", schema="billing") as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoices_customer_id"))
        batch_op.drop_column("customer_id")
`,
      lines: [11],
      fixes: [
        `with op.batch_alter_table("invoices", schema="billing") as batch_op:
    batch_op.add_column(sa.Column("customer_id", sa.Integer(), nullable=True))
# batch_op's operations run when its with block exits: this goes after the block, once they have run
with op.get_context().autocommit_block():
    op.create_index(op.f("ix_invoices_customer_id"), "invoices", ["customer_id"], postgresql_where=sa.text("customer_id IS NOT NULL"), schema="billing", postgresql_concurrently=True)`,
      ],
    },
    {
      framework: "alembic",
      name: "an index replaced in a batch_alter_table block (drop_index, then create_index of the same name, unique=True): one finding on the build; the block goes (both calls were all it held) and the swap runs in an autocommit block, the new index built under a temporary name",
      code: `from alembic import op
import sqlalchemy as sa

revision = "efa7a9f771a6"
down_revision = "0ee3c2c7faf7"


def upgrade():
    with op.batch_alter_table("message_model", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_message_model_message_name"))
        batch_op.create_index(batch_op.f("ix_message_model_message_name"), ["message_name"], unique=True)


def downgrade():
    with op.batch_alter_table("message_model", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_message_model_message_name"))
        batch_op.create_index(batch_op.f("ix_message_model_message_name"), ["message_name"], unique=False)
`,
      lines: [11],
      messages: ["It replaces the index ix_message_model_message_name dropped on line 10"],
      fixes: [
        `# in place of the whole with block (this was its only operation):
# in place of line 10's drop_index of ix_message_model_message_name (the batch block goes without it) and this create_index:
# ix_message_model_message_name_new is built beside ix_message_model_message_name, which serves its queries until the swap; a failed build leaves ix_message_model_message_name_new INVALID: the first statement drops it when the migration runs again
with op.get_context().autocommit_block():
    op.execute("DROP INDEX CONCURRENTLY IF EXISTS ix_message_model_message_name_new")
    op.create_index("ix_message_model_message_name_new", "message_model", ["message_name"], unique=True, postgresql_concurrently=True)
    op.drop_index(op.f("ix_message_model_message_name"), table_name="message_model", postgresql_concurrently=True)
    op.execute("ALTER INDEX ix_message_model_message_name_new RENAME TO ix_message_model_message_name")`,
      ],
    },
    {
      framework: "alembic",
      name: "an index replaced in a batch block that also adds a column: the block keeps the add_column alone, the swap runs after it; the old index dropped by name, the new one of another name on the same column (no rename)",
      code: `from alembic import op
import sqlalchemy as sa

revision = "c3"
down_revision = "b2"


def upgrade():
    with op.batch_alter_table("message_model", schema=None) as batch_op:
        batch_op.drop_index("ix_message_model_message_name")
        batch_op.add_column(sa.Column("note", sa.Text(), nullable=True))
        batch_op.create_index("uq_message_model_message_name", ["message_name"], unique=True)


def downgrade():
    pass
`,
      files: {
        "alembic/versions/b2_message.py": `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = None


def upgrade():
    op.create_table("message_model", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("message_name", sa.String(255)))
    op.create_index("ix_message_model_message_name", "message_model", ["message_name"])


def downgrade():
    op.drop_table("message_model")
`,
      },
      lines: [12],
      fixes: [
        `with op.batch_alter_table("message_model", schema=None) as batch_op:
    batch_op.add_column(sa.Column("note", sa.Text(), nullable=True))
# batch_op's operations run when its with block exits: this goes after the block, once they have run
# in place of line 10's drop_index of ix_message_model_message_name (the batch block goes without it) and this create_index:
# uq_message_model_message_name is built beside ix_message_model_message_name, which serves its queries until the swap; a failed build leaves uq_message_model_message_name INVALID: the first statement drops it when the migration runs again
with op.get_context().autocommit_block():
    op.execute("DROP INDEX CONCURRENTLY IF EXISTS uq_message_model_message_name")
    op.create_index("uq_message_model_message_name", "message_model", ["message_name"], unique=True, postgresql_concurrently=True)
    op.drop_index("ix_message_model_message_name", table_name="message_model", postgresql_concurrently=True)`,
      ],
    },
    {
      framework: "alembic",
      name: "op.execute of DROP INDEX, then of CREATE UNIQUE INDEX of the same name (its table unknown to the history): the swap in op.execute SQL, the expression kept",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.execute("DROP INDEX ix_users_email")
    op.execute("CREATE UNIQUE INDEX ix_users_email ON users (lower(email))")


def downgrade():
    pass
`,
      lines: [10],
      fixes: [
        `# in place of line 9's DROP INDEX of ix_users_email (remove that line) and this CREATE INDEX:
# ix_users_email_new is built beside ix_users_email, which serves its queries until the swap; a failed build leaves ix_users_email_new INVALID: the first statement drops it when the migration runs again
with op.get_context().autocommit_block():
    op.execute("DROP INDEX CONCURRENTLY IF EXISTS ix_users_email_new")
    op.execute("CREATE UNIQUE INDEX CONCURRENTLY ix_users_email_new ON users (lower(email))")
    op.execute("DROP INDEX CONCURRENTLY IF EXISTS ix_users_email")
    op.execute("ALTER INDEX ix_users_email_new RENAME TO ix_users_email")`,
      ],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "letta: a revision that returns when a project setting is set, and env.py sets a SQLite URL exactly when that setting (through its Settings property) is not: on PostgreSQL it returns, the index is SQLite's",
      path: "alembic/versions/a1_agents_name.py",
      files: {
        "alembic/env.py": `import os

from sqlalchemy import engine_from_config, pool

from alembic import context
from app.settings import DatabaseChoice, settings

config = context.config

if settings.database_engine is DatabaseChoice.POSTGRES:
    config.set_main_option("sqlalchemy.url", settings.pg_uri_no_default)
else:
    config.set_main_option("sqlalchemy.url", "sqlite:///" + os.path.join(os.path.expanduser("~"), "app.db"))


def run_migrations_online() -> None:
    connectable = engine_from_config(config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=None)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
`,
        "app/__init__.py": "",
        "app/settings.py": `from enum import Enum
from typing import Optional

from pydantic_settings import BaseSettings


class DatabaseChoice(str, Enum):
    POSTGRES = "postgres"
    SQLITE = "sqlite"


class Settings(BaseSettings):
    pg_uri: Optional[str] = None

    @property
    def pg_uri_no_default(self) -> Optional[str]:
        return self.pg_uri or None

    @property
    def database_engine(self) -> DatabaseChoice:
        """PostgreSQL when a URI is configured, else the local SQLite file."""
        return DatabaseChoice.POSTGRES if self.pg_uri_no_default else DatabaseChoice.SQLITE


settings = Settings()
`,
      },
      code: `from alembic import op
import sqlalchemy as sa

from app.settings import settings

revision = "a1"
down_revision = None


def upgrade():
    # only SQLite: PostgreSQL databases have these from earlier revisions
    if settings.pg_uri_no_default:
        return
    op.create_index("ix_agents_name", "agents", ["name"])


def downgrade():
    if settings.pg_uri_no_default:
        return
    op.drop_index("ix_agents_name", table_name="agents")
`,
    },
    {
      framework: "alembic",
      name: "a return PostgreSQL reaches inside autocommit_block(): the index after the block does not run there",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.get_context().autocommit_block():
        if op.get_bind().dialect.name != "sqlite":
            return
        op.execute("VACUUM")
    op.create_index("ix_agents_name", "agents", ["name"])


def downgrade():
    op.drop_index("ix_agents_name", table_name="agents")
`,
    },
    {
      framework: "alembic",
      name: "a return PostgreSQL reaches inside batch_alter_table(): the index after the block does not run there",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.batch_alter_table("agents") as batch_op:
        if op.get_bind().dialect.name == "postgresql":
            return
        batch_op.add_column(sa.Column("organization_id", sa.String(), nullable=True))
    op.create_index("ix_agents_name", "agents", ["name"])


def downgrade():
    op.drop_index("ix_agents_name", table_name="agents")
`,
    },
    {
      framework: "alembic",
      name: "a revision that returns early unless the database is SQLite: on PostgreSQL it does nothing",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    op.create_index("ix_agents_name", "agents", ["name"])


def downgrade():
    op.drop_index("ix_agents_name", table_name="agents")
`,
    },
    {
      framework: "alembic",
      name: "the dialect read into a name, then a return in the branch PostgreSQL takes",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        pass
    else:
        return
    op.create_index("ix_agents_name", "agents", ["name"])


def downgrade():
    op.drop_index("ix_agents_name", table_name="agents")
`,
    },
    {
      framework: "alembic",
      name: "create_index before add_column(nullable=False) without a server_default, in the revision's transaction: it only commits on an empty table",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_index("ix_follower_user_id", "follower", ["user_id"])
    op.add_column("follower", sa.Column("scope", sa.String(), nullable=False))


def downgrade():
    op.drop_column("follower", "scope")
    op.drop_index("ix_follower_user_id", table_name="follower")
`,
    },
    {
      framework: "alembic",
      name: "the table is created the line before through the migration's own mapped class (Organization.__table__.create(bind)): the index is built on a new, empty table",
      code: `from alembic import op
import sqlalchemy as sa
from sqlalchemy.ext.declarative import declarative_base

Base = declarative_base()

revision = "b2"
down_revision = "a1"


class Organization(Base):
    __tablename__ = "organization"
    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String)


def upgrade():
    bind = op.get_bind()
    Organization.__table__.create(bind)
    op.create_index("ix_organization_name", "organization", ["name"], unique=False)


def downgrade():
    op.drop_index("ix_organization_name", table_name="organization")
    op.drop_table("organization")
`,
    },
    {
      framework: "alembic",
      name: "add_column(nullable=False) without server_default first: it fails on a table with rows, so the index builds on an empty table",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("automation_event_follower", sa.Column("scope", sa.String(), nullable=False))
    op.create_index(op.f("ix_automation_event_follower__scope"), "automation_event_follower", ["scope"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_automation_event_follower__scope"), table_name="automation_event_follower")
    op.drop_column("automation_event_follower", "scope")
`,
    },
    {
      framework: "alembic",
      name: "the same inside batch_alter_table",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.batch_alter_table("block", schema=None) as batch_op:
        batch_op.add_column(sa.Column("block_spec_id", sa.String(), nullable=False))
        batch_op.create_index(batch_op.f("ix_block__block_spec_id"), ["block_spec_id"], unique=False)


def downgrade():
    with op.batch_alter_table("block", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_block__block_spec_id"))
        batch_op.drop_column("block_spec_id")
`,
    },
    {
      framework: "alembic",
      name: "postgresql_concurrently=True inside autocommit_block()",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.get_context().autocommit_block():
        op.create_index("ix_invoices_customer_id", "invoices", ["customer_id"], postgresql_concurrently=True)


def downgrade():
    with op.get_context().autocommit_block():
        op.drop_index("ix_invoices_customer_id", table_name="invoices", postgresql_concurrently=True)
`,
    },
    {
      framework: "alembic",
      name: "a materialized view created by op.execute, then indexed by op.create_index in the same revision",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.execute("CREATE MATERIALIZED VIEW invoice_totals AS SELECT customer_id, sum(amount) AS total FROM invoices GROUP BY customer_id")
    op.create_index("ix_invoice_totals_customer_id", "invoice_totals", ["customer_id"], unique=True)


def downgrade():
    op.execute("DROP MATERIALIZED VIEW invoice_totals")
`,
    },
    {
      framework: "alembic",
      name: "a materialized view whose whole query is read from a file at run time (\"... AS \" + query + \" WITH NO DATA\"), then indexed in the same revision: the view is the revision's own",
      path: "alembic/versions/b3_invoice_totals_v2.py",
      code: `import os

from alembic import op

revision = "b3"
down_revision = "b2"


def upgrade():
    with open(os.path.join(os.path.dirname(__file__), "views", "invoice_totals_v2.sql")) as f:
        query = f.read()
    op.execute("DROP MATERIALIZED VIEW invoice_totals")
    op.execute("CREATE MATERIALIZED VIEW invoice_totals AS " + query + " WITH NO DATA")
    op.create_index("ix_invoice_totals_customer_id", "invoice_totals", ["customer_id"], unique=True)


def downgrade():
    op.execute("DROP MATERIALIZED VIEW invoice_totals")
`,
    },
  ],
});
