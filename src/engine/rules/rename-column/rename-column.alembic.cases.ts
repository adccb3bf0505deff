import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "alter_column new_column_name",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.alter_column("users", "name", new_column_name="full_name")


def downgrade():
    op.alter_column("users", "full_name", new_column_name="name")
`,
      lines: [8],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "renaming a column of a table created in the same revision",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_table("drafts", sa.Column("id", sa.BigInteger(), primary_key=True), sa.Column("name", sa.Text()))
    op.alter_column("drafts", "name", new_column_name="title")


def downgrade():
    op.drop_table("drafts")
`,
    },
  ],
});
