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
