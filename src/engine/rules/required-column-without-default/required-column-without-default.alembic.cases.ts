import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "nullable=False without server_default",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("organizations", sa.Column("billing_email", sa.String(length=120), nullable=False))


def downgrade():
    op.drop_column("organizations", "billing_email")
`,
      lines: [9],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "nullable (SQLAlchemy's default), or NOT NULL with a server_default",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("organizations", sa.Column("billing_email", sa.String(length=120)))
    op.add_column("organizations", sa.Column("plan", sa.String(16), nullable=False, server_default="free"))


def downgrade():
    op.drop_column("organizations", "plan")
    op.drop_column("organizations", "billing_email")
`,
    },
  ],
});
