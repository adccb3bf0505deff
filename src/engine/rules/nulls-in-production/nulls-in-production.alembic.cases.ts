import { defineCases } from "../support/rule.js";
import { USERS } from "./nulls-in-production.cases.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "alter_column nullable=False on a column with NULLs in production",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.alter_column("users", "phone", existing_type=sa.Text(), nullable=False)


def downgrade():
    op.alter_column("users", "phone", existing_type=sa.Text(), nullable=True)
`,
      snapshot: USERS,
      lines: [9],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "the NULL rows get a value first",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.execute("UPDATE users SET phone = '' WHERE phone IS NULL")
    op.alter_column("users", "phone", existing_type=sa.Text(), nullable=False)


def downgrade():
    op.alter_column("users", "phone", existing_type=sa.Text(), nullable=True)
`,
      snapshot: USERS,
    },
  ],
});
