import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [],
  valid: [
    {
      framework: "alembic",
      name: "Alembic projects set lock_timeout in env.py, not per revision",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("organizations", sa.Column("billing_email", sa.String(length=120), nullable=True))


def downgrade():
    op.drop_column("organizations", "billing_email")
`,
    },
  ],
});
