import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "a downgrade that raises after a rename and a NOT NULL: the fix undoes both instead",
      code: `from alembic import op
import sqlalchemy as sa

revision = "e5"
down_revision = "d4"


def upgrade():
    op.rename_table("accounts", "customers")
    op.alter_column("customers", "email", nullable=False)
    op.alter_column("customers", "plan", server_default=sa.text("'free'"))


def downgrade():
    raise NotImplementedError("one way")
`,
      lines: [15],
      fixes: [
        [
          "def downgrade():",
          '    op.alter_column("customers", "plan", server_default=None)  # if plan had a default before upgrade(), put that one here',
          '    op.alter_column("customers", "email", nullable=True)',
          '    op.rename_table("customers", "accounts")',
        ].join("\n"),
      ],
    },
    {
      framework: "alembic",
      name: "downgrade() raises",
      code: `"""merge accounts

Revision ID: 7d1c2e3f4a5b
Revises: 6c0b1d2e3f4a
"""
from alembic import op

revision = "7d1c2e3f4a5b"
down_revision = "6c0b1d2e3f4a"


def upgrade():
    op.execute("DELETE FROM accounts WHERE merged_into IS NOT NULL")


def downgrade():
    raise NotImplementedError("merged accounts cannot be split again")
`,
      lines: [17],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "downgrade() undoes the upgrade",
      code: `from alembic import op
import sqlalchemy as sa

revision = "7d1c2e3f4a5b"
down_revision = "6c0b1d2e3f4a"


def upgrade():
    op.add_column("accounts", sa.Column("nickname", sa.String(length=80), nullable=True))


def downgrade():
    op.drop_column("accounts", "nickname")
`,
    },
  ],
});
