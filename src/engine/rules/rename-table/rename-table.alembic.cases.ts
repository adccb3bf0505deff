import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "rename_table inside a helper called from upgrade()",
      code: `from alembic import op

revision = "401fef781277"
down_revision = "7f5224936909"


def rename(from_: str, to: str) -> None:
    op.rename_table(from_, to)
    op.execute(f"ALTER INDEX {from_}_pkey RENAME TO {to}_pkey")


def upgrade() -> None:
    rename("rewards", "pledges")


def downgrade() -> None:
    rename("pledges", "rewards")
`,
      lines: [8],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "renaming a table created in the same revision",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_table("pledge_drafts", sa.Column("id", sa.BigInteger(), primary_key=True))
    op.rename_table("pledge_drafts", "pledge_sketches")


def downgrade():
    op.drop_table("pledge_sketches")
`,
    },
  ],
});
