import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "alter_column type_ with existing_type",
      code: `from alembic import op
import sqlalchemy as sa

revision = "eb8714b4b6ca"
down_revision = "401fef781277"


def upgrade():
    op.alter_column(
        "pledges",
        "amount",
        existing_type=sa.NUMERIC(precision=25, scale=10),
        type_=sa.BigInteger(),
        existing_nullable=False,
    )


def downgrade():
    op.alter_column("pledges", "amount", existing_type=sa.BigInteger(), type_=sa.NUMERIC(precision=25, scale=10))
`,
      lines: [9],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "widening a varchar",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.alter_column("organizations", "name", existing_type=sa.String(length=120), type_=sa.String(length=255))


def downgrade():
    op.alter_column("organizations", "name", existing_type=sa.String(length=255), type_=sa.String(length=120))
`,
    },
  ],
});
