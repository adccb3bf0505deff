import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "type change and a backfill UPDATE in one revision",
      code: `from alembic import op
import sqlalchemy as sa

revision = "eb8714b4b6ca"
down_revision = "401fef781277"


def upgrade():
    op.alter_column("pledges", "amount", existing_type=sa.Numeric(25, 10), type_=sa.BigInteger())
    op.execute("update pledges set amount = amount * 100")


def downgrade():
    op.alter_column("pledges", "amount", existing_type=sa.BigInteger(), type_=sa.Numeric(25, 10))
`,
      lines: [10],
    },
    {
      framework: "alembic",
      name: "ORM data changes through op.get_bind() next to a schema change",
      code: `from alembic import op
import sqlalchemy as sa
from sqlalchemy.orm import Session

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("dbs", sa.Column("allow_run_sync", sa.Boolean(), nullable=True))
    session = Session(bind=op.get_bind())
    for row in session.query(Database).all():
        row.allow_run_sync = True
    session.commit()


def downgrade():
    op.drop_column("dbs", "allow_run_sync")
`,
      lines: [12],
    },
    {
      framework: "alembic",
      name: "a copy loop before a drop_column: the loop cannot move without conn and dest, so the fix says so and keeps the revision",
      code: `from alembic import op
import sqlalchemy as sa
from sqlalchemy.sql import table

revision = "d7d747033183"
down_revision = "e5c7a4e2df4d"

destinations = table("destinations", sa.Column("id", sa.Integer), sa.Column("options", sa.Text), sa.Column("secret", sa.Text))


def upgrade():
    op.add_column("destinations", sa.Column("secret", sa.Text(), nullable=True))
    conn = op.get_bind()
    for dest in conn.execute(destinations.select()):
        conn.execute(destinations.update().where(destinations.c.id == dest.id).values(secret=dest.options))
    op.drop_column("destinations", "options")


def downgrade():
    pass
`,
      lines: [14],
      fixes: [
        `# migguard cannot move the data change of line 14 into a revision of its own: it reads conn, destinations, dest that the code around it binds
# (its loop, its connection, a table object), so moved alone it would fail with NameError.
# Keep this revision as it is (the data change and the schema changes after it stay in one transaction, so a
# copy-then-drop stays atomic), or split it by hand: the new revision carries the whole loop and every binding it reads.
pass  # this revision unchanged`,
      ],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "the only schema change drops a table the data change does not touch",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.drop_table("inventory_discrepancies")
    op.execute("DELETE FROM events WHERE kind = 'snapshot'")


def downgrade():
    pass
`,
    },
    {
      framework: "alembic",
      name: "seeding a table created in the same revision",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"

roles = sa.table("roles", sa.column("id", sa.Integer), sa.column("name", sa.String))


def upgrade():
    op.create_table("roles", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("name", sa.String(40)))
    op.bulk_insert(roles, [{"id": 1, "name": "admin"}, {"id": 2, "name": "member"}])


def downgrade():
    op.drop_table("roles")
`,
    },
  ],
});
