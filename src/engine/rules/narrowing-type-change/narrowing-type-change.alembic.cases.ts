import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "NUMERIC(25,10) -> BIGINT drops the fractional part",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.alter_column("pledges", "amount", existing_type=sa.NUMERIC(precision=25, scale=10), type_=sa.BigInteger())


def downgrade():
    op.alter_column("pledges", "amount", existing_type=sa.BigInteger(), type_=sa.NUMERIC(precision=25, scale=10))
`,
      lines: [9],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "INTEGER -> BIGINT",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.alter_column("events", "id", existing_type=sa.Integer(), type_=sa.BigInteger())


def downgrade():
    op.alter_column("events", "id", existing_type=sa.BigInteger(), type_=sa.Integer())
`,
    },
  ],
});
