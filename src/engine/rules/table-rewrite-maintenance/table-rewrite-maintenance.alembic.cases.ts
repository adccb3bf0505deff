import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "VACUUM FULL through op.execute",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.get_context().autocommit_block():
        op.execute("VACUUM FULL events")


def downgrade():
    pass
`,
      lines: [9],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "REINDEX TABLE of a table this revision created: empty and unseen, nothing waits",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_table("segments", sa.Column("id", sa.Integer(), primary_key=True))
    op.execute("REINDEX TABLE segments")


def downgrade():
    op.drop_table("segments")
`,
    },
    {
      framework: "alembic",
      name: "plain VACUUM",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.get_context().autocommit_block():
        op.execute("VACUUM (ANALYZE) events")


def downgrade():
    pass
`,
    },
  ],
});
