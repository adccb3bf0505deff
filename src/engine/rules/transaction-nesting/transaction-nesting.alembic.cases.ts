import { defineCases } from "../support/rule.js";
import { flaskMigrateEnv } from "../../testing/alembic-autocommit-env.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "bodhi 190ba571c7d2: a COMMIT that lets a caught probe fail (SHOW bdr.permit_ddl_locking on a server without BDR) before several statements: the fix keeps them in Alembic's transaction, the probe under a SAVEPOINT (removing the COMMIT alone would let the probe abort the transaction)",
      code: "from alembic import op\nfrom sqlalchemy import exc\n\nrevision = '190ba571c7d2'\ndown_revision = '5c86a3f9dc03'\n\n\ndef upgrade():\n    op.execute('COMMIT')  # See https://bitbucket.org/zzzeek/alembic/issue/123\n    try:\n        # This will raise a ProgrammingError if the DB server doesn't use BDR.\n        op.execute('SHOW bdr.permit_ddl_locking')\n        # This server uses BDR, so let's ask for a DDL lock.\n        op.execute('SET LOCAL bdr.permit_ddl_locking = true')\n    except exc.ProgrammingError:\n        # This server doesn't use BDR, so no problem.\n        pass\n    op.execute(\"UPDATE updates SET request = 'stable' WHERE request = 'batched'\")\n    op.execute(\"ALTER TYPE ck_update_request RENAME TO ck_update_request_old\")\n    op.execute(\"CREATE TYPE ck_update_request AS ENUM('testing', 'obsolete', 'unpush', 'revoke', 'stable')\")\n    op.execute(\"ALTER TABLE updates ALTER COLUMN request TYPE ck_update_request USING request::text::ck_update_request\")\n    op.execute(\"DROP TYPE ck_update_request_old\")\n\n\ndef downgrade():\n    pass\n",
      lines: [9],
      severities: ["warning"],
      fixes: ["# in place of op.execute('COMMIT') and the statements after it:\ntry:\n    # a SAVEPOINT: a failure here rolls back to it, and Alembic's transaction goes on\n    with op.get_bind().begin_nested():\n        # This will raise a ProgrammingError if the DB server doesn't use BDR.\n        op.execute('SHOW bdr.permit_ddl_locking')\n        # This server uses BDR, so let's ask for a DDL lock.\n        op.execute('SET LOCAL bdr.permit_ddl_locking = true')\nexcept exc.ProgrammingError:\n    # This server doesn't use BDR, so no problem.\n    pass\nop.execute(\"UPDATE updates SET request = 'stable' WHERE request = 'batched'\")\nop.execute(\"ALTER TYPE ck_update_request RENAME TO ck_update_request_old\")\nop.execute(\"CREATE TYPE ck_update_request AS ENUM('testing', 'obsolete', 'unpush', 'revoke', 'stable')\")\nop.execute(\"ALTER TABLE updates ALTER COLUMN request TYPE ck_update_request USING request::text::ck_update_request\")\nop.execute(\"DROP TYPE ck_update_request_old\")"],
    },
    {
      framework: "alembic",
      name: "bodhi c60d95eef4f1: only one statement changes anything after the COMMIT (ALTER TYPE ... ADD VALUE): nothing can be left half applied, a note; its fix still keeps the probe from aborting the transaction",
      code: "from alembic import op\nfrom sqlalchemy import exc\n\nrevision = 'c60d95eef4f1'\ndown_revision = 'b1fd856efcf6'\n\n\ndef upgrade():\n    op.execute('COMMIT')  # See https://bitbucket.org/zzzeek/alembic/issue/123\n    try:\n        # This will raise a ProgrammingError if the DB server doesn't use BDR.\n        op.execute('SHOW bdr.permit_ddl_locking')\n        # This server uses BDR, so let's ask for a DDL lock.\n        op.execute('SET LOCAL bdr.permit_ddl_locking = true')\n    except exc.ProgrammingError:\n        # This server doesn't use BDR, so no problem.\n        pass\n    op.execute(\"ALTER TYPE ck_release_state ADD VALUE 'frozen' AFTER 'pending'\")\n\n\ndef downgrade():\n    pass\n",
      lines: [9],
      severities: ["info"],
      fixes: ["# in place of op.execute('COMMIT') and the statements after it:\ntry:\n    # a SAVEPOINT: a failure here rolls back to it, and Alembic's transaction goes on\n    with op.get_bind().begin_nested():\n        # This will raise a ProgrammingError if the DB server doesn't use BDR.\n        op.execute('SHOW bdr.permit_ddl_locking')\n        # This server uses BDR, so let's ask for a DDL lock.\n        op.execute('SET LOCAL bdr.permit_ddl_locking = true')\nexcept exc.ProgrammingError:\n    # This server doesn't use BDR, so no problem.\n    pass\nop.execute(\"ALTER TYPE ck_release_state ADD VALUE 'frozen' AFTER 'pending'\")"],
    },
    {
      framework: "alembic",
      name: "bodhi c60d95eef4f1 before PostgreSQL 12, psycopg2 named: ADD VALUE cannot run in a transaction; after the COMMIT it runs in autocommit (a note), and the fix runs it in an autocommit_block",
      files: { "requirements/prod.txt": "alembic==1.13.1\npsycopg2-binary==2.9.9\n" },
      code: "from alembic import op\nfrom sqlalchemy import exc\n\nrevision = 'c60d95eef4f1'\ndown_revision = 'b1fd856efcf6'\n\n\ndef upgrade():\n    op.execute('COMMIT')  # See https://bitbucket.org/zzzeek/alembic/issue/123\n    try:\n        # This will raise a ProgrammingError if the DB server doesn't use BDR.\n        op.execute('SHOW bdr.permit_ddl_locking')\n        # This server uses BDR, so let's ask for a DDL lock.\n        op.execute('SET LOCAL bdr.permit_ddl_locking = true')\n    except exc.ProgrammingError:\n        # This server doesn't use BDR, so no problem.\n        pass\n    op.execute(\"ALTER TYPE ck_release_state ADD VALUE 'frozen' AFTER 'pending'\")\n\n\ndef downgrade():\n    pass\n",
      config: { postgres_version: 11 },
      lines: [9],
      severities: ["info"],
      fixes: ["# in place of op.execute('COMMIT') and the statements after it:\ntry:\n    # a SAVEPOINT: a failure here rolls back to it, and Alembic's transaction goes on\n    with op.get_bind().begin_nested():\n        # This will raise a ProgrammingError if the DB server doesn't use BDR.\n        op.execute('SHOW bdr.permit_ddl_locking')\n        # This server uses BDR, so let's ask for a DDL lock.\n        op.execute('SET LOCAL bdr.permit_ddl_locking = true')\nexcept exc.ProgrammingError:\n    # This server doesn't use BDR, so no problem.\n    pass\nwith op.get_context().autocommit_block():\n    op.execute(\"ALTER TYPE ck_release_state ADD VALUE 'frozen' AFTER 'pending'\")"],
    },
    {
      framework: "alembic",
      name: "op.execute(\"COMMIT\") ends Alembic's transaction behind its back",
      code: `from alembic import op

revision = "21f87f395e26"
down_revision = "0d4755a0d88b"


def upgrade():
    # Creating a concurrent index does not work inside a transaction
    op.execute("COMMIT")
    op.create_index(op.f("ix__group__name"), "group", ["name"], postgresql_concurrently=True)


def downgrade():
    op.drop_index(op.f("ix__group__name"), "group")
`,
      lines: [9],
      messages: ["psycopg2 (SQLAlchemy's default PostgreSQL driver; the project's dependency files name none) sends no BEGIN again"],
      fixes: [
        `# in place of op.execute("COMMIT") and the calls after it:
with op.get_context().autocommit_block():
    op.create_index(op.f("ix__group__name"), "group", ["name"], postgresql_concurrently=True)`,
      ],
    },
    {
      framework: "alembic",
      name: "op.execute(\"COMMIT\") with psycopg2 named: what follows and the alembic_version update run in autocommit; the other calls stay in the transaction autocommit_block() begins again",
      files: { "requirements/prod.txt": "alembic==1.13.1\npsycopg2-binary==2.9.9\n" },
      code: `from alembic import op
import sqlalchemy as sa

revision = "ca27e52b7303"
down_revision = "e5a9845d55d7"


def upgrade():
    op.execute("COMMIT")
    op.create_index(op.f("ix__assignment_membership_lti_role_id"), "assignment_membership", ["lti_role_id"], unique=False, postgresql_concurrently=True)
    op.add_column("assignment_membership", sa.Column("note", sa.Text(), nullable=True))


def downgrade():
    op.drop_column("assignment_membership", "note")
    op.drop_index(op.f("ix__assignment_membership_lti_role_id"), table_name="assignment_membership")
`,
      lines: [9],
      messages: ["psycopg2 (the project's driver) sends no BEGIN again (it still counts its transaction as open), so every statement after it, and Alembic's update of alembic_version, runs in autocommit"],
      fixes: [
        `# in place of op.execute("COMMIT") and the calls after it:
with op.get_context().autocommit_block():
    op.create_index(op.f("ix__assignment_membership_lti_role_id"), "assignment_membership", ["lti_role_id"], unique=False, postgresql_concurrently=True)
op.add_column("assignment_membership", sa.Column("note", sa.Text(), nullable=True))`,
      ],
    },
    {
      framework: "alembic",
      name: "op.execute(\"COMMIT\") before ALTER TYPE ... ADD VALUE on PostgreSQL 11 (no try after it): the fix runs the ADD VALUE in an autocommit_block, the other calls stay in the transaction",
      config: { postgres_version: 11 },
      code: `from alembic import op
import sqlalchemy as sa

revision = "7a1d"
down_revision = "7a1c"


def upgrade():
    op.execute("COMMIT")
    op.execute("ALTER TYPE ticket_state ADD VALUE 'frozen'")
    op.add_column("tickets", sa.Column("frozen_at", sa.DateTime(), nullable=True))


def downgrade():
    op.drop_column("tickets", "frozen_at")
`,
      lines: [9],
      fixes: [
        `# in place of op.execute("COMMIT") and the calls after it:
with op.get_context().autocommit_block():
    op.execute("ALTER TYPE ticket_state ADD VALUE 'frozen'")
op.add_column("tickets", sa.Column("frozen_at", sa.DateTime(), nullable=True))`,
      ],
    },
    {
      framework: "alembic",
      name: "op.execute(\"COMMIT\") with psycopg 3: it begins a new transaction before the next statement",
      files: { "requirements.txt": "alembic==1.13.1\npsycopg[binary]==3.2.1\n" },
      code: `from alembic import op

revision = "ca27e52b7303"
down_revision = "e5a9845d55d7"


def upgrade():
    op.execute("COMMIT")
    op.create_index("ix_events_kind", "events", ["kind"], postgresql_concurrently=True)


def downgrade():
    op.drop_index("ix_events_kind", table_name="events")
`,
      lines: [8],
      messages: ["psycopg 3 (the project's driver) sends BEGIN again before the next statement, so what follows runs in a new transaction (CONCURRENTLY there still fails)"],
    },
    {
      framework: "alembic",
      name: "op.execute(\"COMMIT\") with pg8000 the project's driver: it begins a new transaction before the next statement",
      files: { "pyproject.toml": '[project]\nname = "agents"\ndependencies = ["alembic>=1.13", "pg8000>=1.30.3"]\n' },
      code: `from alembic import op
import sqlalchemy as sa

revision = "f6cd5a1e519d"
down_revision = "e5a9845d55d7"


def upgrade():
    op.add_column("archives", sa.Column("embedding_config", sa.JSON(), nullable=True))
    op.execute("COMMIT")
    op.execute("UPDATE archives SET embedding_config = '{}'")


def downgrade():
    op.drop_column("archives", "embedding_config")
`,
      lines: [10],
      messages: ["pg8000 (the project's driver) sends BEGIN again before the next statement, so what follows runs in a new transaction"],
    },
    {
      framework: "alembic",
      name: "op.execute(\"COMMIT\") with drivers of both kinds named (pg8000 begins again, psycopg2 and asyncpg do not): the message says it depends on the driver",
      files: { "pyproject.toml": '[project]\nname = "agents"\ndependencies = ["alembic>=1.13", "pg8000>=1.30.3", "psycopg2>=2.9.10", "asyncpg>=0.30.0"]\n' },
      code: `from alembic import op
import sqlalchemy as sa

revision = "f6cd5a1e519d"
down_revision = "e5a9845d55d7"


def upgrade():
    op.add_column("archives", sa.Column("embedding_config", sa.JSON(), nullable=True))
    op.execute("COMMIT")
    op.execute("UPDATE archives SET embedding_config = '{}'")


def downgrade():
    op.drop_column("archives", "embedding_config")
`,
      lines: [10],
      messages: ["what happens next depends on the driver Alembic connects with (the project names psycopg2, asyncpg, pg8000): psycopg2 and asyncpg send no BEGIN again"],
    },
    {
      framework: "alembic",
      name: "op.execute(\"COMMIT\") with psycopg2 and psycopg 3 named (uv.lock): the message names only those two, not asyncpg or pg8000, which the project does not use",
      files: { "uv.lock": 'version = 1\n\n[[package]]\nname = "psycopg"\nversion = "3.2.3"\n\n[[package]]\nname = "psycopg2-binary"\nversion = "2.9.10"\n' },
      code: `from alembic import op
import sqlalchemy as sa

revision = "f6cd5a1e519d"
down_revision = "e5a9845d55d7"


def upgrade():
    op.add_column("archives", sa.Column("embedding_config", sa.JSON(), nullable=True))
    op.execute("COMMIT")
    op.execute("UPDATE archives SET embedding_config = '{}'")


def downgrade():
    op.drop_column("archives", "embedding_config")
`,
      lines: [10],
      messages: [
        "what happens next depends on the driver Alembic connects with (the project names psycopg2, psycopg 3): psycopg2 sends no BEGIN again, so every statement after it, and Alembic's update of alembic_version, runs in autocommit, each committed on its own: a failure leaves the revision half applied with alembic_version not moved, and the next upgrade runs it again from the top; psycopg 3 sends BEGIN again, so what follows",
      ],
    },
    {
      framework: "alembic",
      name: "commit()/rollback() on Alembic's connection, and rollback() of a Session joined to it",
      code: `from alembic import op
import sqlalchemy as sa
from sqlalchemy import orm

revision = "4c1e"
down_revision = "21f87f395e26"


def upgrade():
    op.execute("UPDATE accounts SET plan = 'free' WHERE plan IS NULL")
    op.get_bind().commit()
    conn = op.get_bind()
    conn.commit()
    session = orm.Session(bind=conn)
    session.rollback()
    op.add_column("accounts", sa.Column("tier", sa.Text(), nullable=True))


def downgrade():
    op.drop_column("accounts", "tier")
`,
      lines: [11, 13, 15],
    },
    {
      framework: "alembic",
      name: "commit() before an autocommit_block() that other operations follow: they run outside Alembic's transaction",
      code: `from alembic import op
import sqlalchemy as sa

revision = "4c21"
down_revision = "4c20"


def upgrade():
    op.get_bind().commit()
    with op.get_context().autocommit_block():
        op.create_index("ix_events_kind", "events", ["kind"], postgresql_concurrently=True)
    op.add_column("events", sa.Column("source", sa.Text(), nullable=True))


def downgrade():
    op.drop_column("events", "source")
    op.drop_index("ix_events_kind", table_name="events")
`,
      lines: [9],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "privacyidea ff26585932ec: env.py's connection is AUTOCOMMIT, so there is no runner transaction for session.rollback() to end: it only resets the ORM session after a caught error",
      files: { "migrations/env.py": flaskMigrateEnv(true) },
      path: "migrations/versions/ff26585932ec_.py",
      code: "from alembic import op\nfrom sqlalchemy import orm\n\nrevision = \"ff26585932ec\"\ndown_revision = \"a1\"\n\n\ndef upgrade():\n    bind = op.get_bind()\n    session = orm.Session(bind=bind)\n    try:\n        session.execute(op.inline_literal(\"UPDATE eventhandler SET position = 'post'\"))\n    except Exception as e:\n        session.rollback()\n        print(e)\n    finally:\n        session.commit()\n\n\ndef downgrade():\n    pass\n",
    },
    {
      framework: "alembic",
      name: "op.get_bind().commit() followed only by autocommit_block(): the block commits there anyway",
      code: `from alembic import op

revision = "4c20"
down_revision = "4c1f"


def upgrade():
    # CREATE INDEX CONCURRENTLY cannot run inside a transaction
    op.get_bind().commit()
    with op.get_context().autocommit_block():
        op.create_index("ix_events_kind", "events", ["kind"], postgresql_concurrently=True)


def downgrade():
    with op.get_context().autocommit_block():
        op.drop_index("ix_events_kind", table_name="events", postgresql_concurrently=True)
`,
    },
    {
      framework: "alembic",
      name: "session.commit() of a Session joined to Alembic's connection only flushes (SQLAlchemy does not pass it on), and a separate connection commits its own transaction",
      code: `from alembic import op
import sqlalchemy as sa
from sqlalchemy import orm

revision = "4c1f"
down_revision = "4c1e"


def upgrade():
    session = orm.Session(bind=op.get_bind())
    session.execute(sa.text("UPDATE accounts SET plan = 'free' WHERE plan IS NULL"))
    session.commit()
    with op.get_bind().engine.connect() as other:
        other.execute(sa.text("UPDATE stats SET refreshed = true WHERE id = 1"))
        other.commit()


def downgrade():
    pass
`,
    },
    {
      framework: "alembic",
      name: "autocommit_block() instead",
      code: `from alembic import op

revision = "21f87f395e26"
down_revision = "0d4755a0d88b"


def upgrade():
    with op.get_context().autocommit_block():
        op.create_index(op.f("ix__group__name"), "group", ["name"], postgresql_concurrently=True)


def downgrade():
    with op.get_context().autocommit_block():
        op.drop_index(op.f("ix__group__name"), "group", postgresql_concurrently=True)
`,
    },
  ],
});
