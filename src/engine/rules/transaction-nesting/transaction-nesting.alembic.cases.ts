import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
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
