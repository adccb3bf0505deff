import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "unique=True with a server_default: every existing row gets the same value before the unique constraint",
      code: `from alembic import op
import sqlalchemy as sa

revision = "7a1"
down_revision = "6f0"


def upgrade():
    op.add_column("accounts", sa.Column("referral_code", sa.String(16), nullable=False, server_default="none", unique=True))
    op.add_column("accounts", sa.Column("created_on", sa.DateTime(timezone=True), server_default=sa.func.now()))
    op.create_unique_constraint("uq_accounts_created_on", "accounts", ["created_on"])


def downgrade():
    op.drop_constraint("uq_accounts_created_on", "accounts", type_="unique")
    op.drop_column("accounts", "created_on")
    op.drop_column("accounts", "referral_code")
`,
      lines: [9, 10],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "default= is Python-side only (existing rows stay NULL), and gen_random_uuid() is computed per row",
      code: `import uuid

from alembic import op
import sqlalchemy as sa

revision = "7a2"
down_revision = "7a1"


def upgrade():
    op.add_column("accounts", sa.Column("public_id", sa.Uuid(), default=uuid.uuid4, unique=True))
    op.add_column("accounts", sa.Column("token", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), unique=True))


def downgrade():
    op.drop_column("accounts", "token")
    op.drop_column("accounts", "public_id")
`,
    },
  ],
});
