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
    {
      framework: "alembic",
      name: "a downgrade() that raises RuntimeError before anything (warehouse 28a7e805fd0): the author's statement, a warning that keeps the raise and names the copy a real way back needs (a down re-adding the column would bring it back empty)",
      path: "migrations/versions/b1_drop_normalized_name.py",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b1"
down_revision = "a5"


def upgrade():
    op.drop_column("packages", "normalized_name")


def downgrade():
    raise RuntimeError(f"Cannot downgrade past revision: {revision!r}")
`,
      lines: [13],
      severities: ["warning"],
      fixes: [
        [
          "def downgrade():",
          '    # keep the raise: recreating what the up drops would bring it back empty, and a rollback would "succeed" with it',
          "    # empty where the old code expects it filled. A real way back needs a copy the up keeps before the drop:",
          "    #   CREATE TABLE packages_normalized_name_backup_b1 AS TABLE packages",
          "    # and a down that recreates the schema and fills it from that copy.",
          '    raise RuntimeError(f"Cannot downgrade past revision: {revision!r}")',
        ].join("\n"),
      ],
    },
    {
      framework: "alembic",
      name: "the same raise where 5 other revisions of the folder refuse to downgrade (warehouse: 26 of 288, koschei: 17 of 123): the project's policy, a warning that names it",
      path: "migrations/versions/b1_drop_normalized_name.py",
      files: {
        "migrations/versions/a1_drop_old_1.py": `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = "a0"


def upgrade():
    op.drop_column("packages", "old_1")


def downgrade():
    raise RuntimeError("Cannot downgrade")
`,
        "migrations/versions/a2_drop_old_2.py": `from alembic import op
import sqlalchemy as sa

revision = "a2"
down_revision = "a1"


def upgrade():
    op.drop_column("packages", "old_2")


def downgrade():
    raise RuntimeError("Cannot downgrade")
`,
        "migrations/versions/a3_drop_old_3.py": `from alembic import op
import sqlalchemy as sa

revision = "a3"
down_revision = "a2"


def upgrade():
    op.drop_column("packages", "old_3")


def downgrade():
    raise RuntimeError("Cannot downgrade")
`,
        "migrations/versions/a4_drop_old_4.py": `from alembic import op
import sqlalchemy as sa

revision = "a4"
down_revision = "a3"


def upgrade():
    op.drop_column("packages", "old_4")


def downgrade():
    raise RuntimeError("Cannot downgrade")
`,
        "migrations/versions/a5_drop_old_5.py": `from alembic import op
import sqlalchemy as sa

revision = "a5"
down_revision = "a4"


def upgrade():
    op.drop_column("packages", "old_5")


def downgrade():
    raise RuntimeError("Cannot downgrade")
`,
      },
      code: `from alembic import op
import sqlalchemy as sa

revision = "b1"
down_revision = "a5"


def upgrade():
    op.drop_column("packages", "normalized_name")


def downgrade():
    raise RuntimeError(f"Cannot downgrade past revision: {revision!r}")
`,
      lines: [13],
      severities: ["warning"],
      messages: ["5 of the 5 other revisions in migrations/versions/ refuse to downgrade the same way"],
    },
    {
      framework: "alembic",
      name: "a raise over an up that only adds a column and its index, even where the folder refuses downgrades: the raise blocks a rollback for nothing, a note whose fix drops them",
      path: "migrations/versions/b1_add_digest.py",
      files: {
        "migrations/versions/a1_drop_old_1.py": `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = "a0"


def upgrade():
    op.drop_column("packages", "old_1")


def downgrade():
    raise RuntimeError("Cannot downgrade")
`,
        "migrations/versions/a2_drop_old_2.py": `from alembic import op
import sqlalchemy as sa

revision = "a2"
down_revision = "a1"


def upgrade():
    op.drop_column("packages", "old_2")


def downgrade():
    raise RuntimeError("Cannot downgrade")
`,
        "migrations/versions/a3_drop_old_3.py": `from alembic import op
import sqlalchemy as sa

revision = "a3"
down_revision = "a2"


def upgrade():
    op.drop_column("packages", "old_3")


def downgrade():
    raise RuntimeError("Cannot downgrade")
`,
        "migrations/versions/a4_drop_old_4.py": `from alembic import op
import sqlalchemy as sa

revision = "a4"
down_revision = "a3"


def upgrade():
    op.drop_column("packages", "old_4")


def downgrade():
    raise RuntimeError("Cannot downgrade")
`,
        "migrations/versions/a5_drop_old_5.py": `from alembic import op
import sqlalchemy as sa

revision = "a5"
down_revision = "a4"


def upgrade():
    op.drop_column("packages", "old_5")


def downgrade():
    raise RuntimeError("Cannot downgrade")
`,
      },
      code: `from alembic import op
import sqlalchemy as sa

revision = "b1"
down_revision = "a5"


def upgrade():
    op.add_column("packages", sa.Column("digest", sa.Text(), nullable=True))
    op.create_index("packages_digest_idx", "packages", ["digest"])


def downgrade():
    raise NotImplementedError()
`,
      lines: [14],
      severities: ["info"],
      fixes: [['def downgrade():', '    op.drop_index("packages_digest_idx", table_name="packages")', '    op.drop_column("packages", "digest")'].join("\n")],
    },
    {
      framework: "alembic",
      name: "a data-only revision whose downgrade() raises: one-way by its author's choice, a note whose fix keeps the raise",
      path: "migrations/versions/b1_rewrite_urls.py",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b1"
down_revision = "a5"


def upgrade():
    op.execute("UPDATE projects SET url = lower(url)")


def downgrade():
    raise NotImplementedError("urls are not kept")
`,
      lines: [13],
      severities: ["info"],
    },
    {
      framework: "alembic",
      name: "a data-only revision whose downgrade() says it is a no-op yet raises (anitya 1ab95561edae): the raise blocks a rollback for nothing, a warning whose fix passes",
      path: "migrations/versions/b1_convert_date.py",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b1"
down_revision = "a5"


def upgrade():
    op.execute("UPDATE projects SET version_scheme = 'RPM' WHERE version_scheme = 'Date'")


def downgrade():
    """No-op, as project works fine with the old version scheme."""
    raise NotImplementedError
`,
      lines: [14],
      severities: ["warning"],
      fixes: [["def downgrade():", "    pass  # one-way data change: upgrade() only rewrites rows of projects, and there is no schema to put back"].join("\n")],
    },
    {
      framework: "alembic",
      name: "a raise over an up that adds a column and an unnamed foreign key (warehouse e612a92c1017): the down drops the key by the name PostgreSQL gives it, so the raise still blocks a rollback for nothing",
      path: "migrations/versions/b1_add_uploader.py",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b1"
down_revision = "a5"


def upgrade():
    op.add_column("releases", sa.Column("uploader_id", sa.Integer(), nullable=True))
    op.create_foreign_key(None, "releases", "accounts_user", ["uploader_id"], ["id"])


def downgrade():
    raise RuntimeError("Order No. 227")
`,
      lines: [14],
      severities: ["info"],
      messages: ["a down could simply drop them"],
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
