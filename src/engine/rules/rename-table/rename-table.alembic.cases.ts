import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "code-before-migrate deploy: the new code queries project before the rename creates it; the fix ships the revision a release ahead",
      config: { deploy: "code-before-migrate" },
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.rename_table("proposal_space", "project")


def downgrade():
    op.rename_table("project", "proposal_space")
`,
      lines: [8],
      severities: ["error"],
      messages: ["and the new code queries project, which does not exist until the rename"],
    },
    {
      framework: "alembic",
      name: "funnel ccfad4d5e383: tables renamed, then columns of the renamed table (a loop over pairs): the table's finding tells them, one hazard",
      code: `from alembic import op

revision = "ccfad4d5e383"
down_revision = "488077138ee4"

renamed_columns = [
    ("project", "status", "state"),
    ("rsvp", "status", "state"),
]


def upgrade():
    op.rename_table("proposal_space", "project")
    for table, old, new in renamed_columns:
        op.alter_column(table, old, new_column_name=new)


def downgrade():
    pass
`,
      lines: [13],
      messages: ["This migration then renames a column of project too, status to state (line 15): the same old code fails on it, one hazard with this one"],
    },
    {
      framework: "alembic",
      name: "rename_table, then drop_column and a type change on the renamed table, which fail while a view reads the columns: the view goes after the last of them",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.rename_table("user_", "person")
    op.drop_column("person", "admin")
    op.alter_column("person", "name", type_=sa.String(100))


def downgrade():
    pass
`,
      lines: [9],
      fixes: ["op.rename_table(\"user_\", \"person\")\n# after line 11 of this migration, the last that drops or retypes a column of person (that fails while a view reads the column): the old name keeps working (reads and writes) until no code uses it,\n# reading person as this migration leaves it (old code that reads admin fails either way: no view keeps a column the table no longer has):\nop.execute(\"CREATE VIEW user_ AS SELECT * FROM person\")\n\n# then a new migration, alembic/versions/b4c2de29d165_drop_view_user.py:\nfrom alembic import op\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"b4c2de29d165\"\nrevision = NEW_REVISION_ID\n# if you also apply the fix of alembic/versions/abc123_case.py that adds alembic/versions/b5313244ce9c_swap_person_name.py: down_revision = \"b5313244ce9c\" instead (one head: with two, `alembic upgrade head` refuses)\ndown_revision = \"b2\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    # in the next deploy, once no running code uses user_ (PostgreSQL expands * when the view is made, so it reads every column person has now, named or not: DROP COLUMN of one of them and DROP TABLE fail while it stands):\n    op.execute(\"DROP VIEW user_\")\n\n\ndef downgrade():\n    op.execute(\"CREATE VIEW user_ AS SELECT * FROM person\")\n    pass"],
    },
    {
      framework: "alembic",
      name: "ckan 034: a later revision drops a column of the renamed table, which the compatibility view reads: that revision drops the view first, and the follow-up after the head drops it IF EXISTS",
      path: "migration/versions/034_6c600693af5b_resource_group_table.py",
      files: {
        "migration/versions/033_6da92ef2df15_init.py": `from alembic import op
import sqlalchemy as sa

revision = "6da92ef2df15"
down_revision = None


def upgrade():
    op.create_table("package_resource_revision", sa.Column("id", sa.UnicodeText, primary_key=True), sa.Column("resource_group_id", sa.UnicodeText))


def downgrade():
    op.drop_table("package_resource_revision")
`,
        "migration/versions/074_a4ca55f0f45e_remove_resource_groups.py": `from alembic import op

revision = "a4ca55f0f45e"
down_revision = "6c600693af5b"


def upgrade():
    op.drop_column("resource_revision", "resource_group_id")


def downgrade():
    pass
`,
      },
      code: `from alembic import op

revision = "6c600693af5b"
down_revision = "6da92ef2df15"


def upgrade():
    op.rename_table("package_resource_revision", "resource_revision")


def downgrade():
    op.rename_table("resource_revision", "package_resource_revision")
`,
      lines: [8],
      fixes: ["op.rename_table(\"package_resource_revision\", \"resource_revision\")\n# the old name keeps working (reads and writes) until no code uses it:\nop.execute(\"CREATE VIEW package_resource_revision AS SELECT * FROM resource_revision\")\n# and in the down, before the table is renamed back: op.execute(\"DROP VIEW IF EXISTS package_resource_revision\")\n# migration/versions/074_a4ca55f0f45e_remove_resource_groups.py drops column resource_group_id of resource_revision on line 8, which fails while the view stands: it runs before the follow-up below on a database migrated from scratch,\n# so that migration drops the view first, before line 8: op.execute(\"DROP VIEW IF EXISTS package_resource_revision\")\n\n# then a new migration, migration/versions/59c752cace3f_drop_view_package_resource_revision.py:\nfrom alembic import op\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"59c752cace3f\"\nrevision = NEW_REVISION_ID\ndown_revision = \"a4ca55f0f45e\"  # the revision tree's head: \"6c600693af5b\" already has a child\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    # in the next deploy, once no running code uses package_resource_revision (PostgreSQL expands * when the view is made, so it reads every column resource_revision has now, named or not: DROP COLUMN of one of them and DROP TABLE fail while it stands):\n    op.execute(\"DROP VIEW IF EXISTS package_resource_revision\")\n\n\ndef downgrade():\n    op.execute(\"CREATE VIEW package_resource_revision AS SELECT * FROM resource_revision\")\n    pass"],
    },
    {
      framework: "alembic",
      name: "fides aaa81d97a6f6: a later revision drops the renamed table itself: that revision drops the view first, and no follow-up after the head recreates the view on rollback over a table that is gone",
      path: "migrations/versions/aaa81d97a6f6_prepend_tables_with_ctl.py",
      files: {
        "migrations/versions/0a1b2c3d4e5f_init.py": `from alembic import op
import sqlalchemy as sa

revision = "0a1b2c3d4e5f"
down_revision = None


def upgrade():
    op.create_table("registries", sa.Column("id", sa.String(), primary_key=True), sa.Column("fides_key", sa.String()))


def downgrade():
    op.drop_table("registries")
`,
        "migrations/versions/548a1ac26771_remove_references.py": `from alembic import op
import sqlalchemy as sa

revision = "548a1ac26771"
down_revision = "aaa81d97a6f6"


def upgrade():
    op.drop_table("ctl_registries")


def downgrade():
    op.create_table("ctl_registries", sa.Column("id", sa.String(), primary_key=True), sa.Column("fides_key", sa.String()))
`,
      },
      code: `from alembic import op

revision = "aaa81d97a6f6"
down_revision = "0a1b2c3d4e5f"


def upgrade():
    op.rename_table("registries", "ctl_registries")


def downgrade():
    op.rename_table("ctl_registries", "registries")
`,
      lines: [8],
      fixes: ["op.rename_table(\"registries\", \"ctl_registries\")\n# the old name keeps working (reads and writes) until no code uses it:\nop.execute(\"CREATE VIEW registries AS SELECT * FROM ctl_registries\")\n# and in the down, before the table is renamed back: op.execute(\"DROP VIEW IF EXISTS registries\")\n# migrations/versions/548a1ac26771_remove_references.py drops table ctl_registries on line 9, which fails while the view stands: that migration drops the view first, before line 9: op.execute(\"DROP VIEW IF EXISTS registries\")\n# and no migration after it drops the view: the table is gone there, so its rollback could not create the view again over it"],
    },
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
    {
      framework: "alembic",
      name: "the next revision creates a table under the old name: the rename as written with the rollout said, no view",
      files: {
        "alembic/versions/a1_init.py": `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_table("rewards", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade():
    op.drop_table("rewards")
`,
        "alembic/versions/c3_rewards.py": `from alembic import op
import sqlalchemy as sa

revision = "c3"
down_revision = "b2"


def upgrade():
    op.create_table("rewards", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("code", sa.Text()))


def downgrade():
    op.drop_table("rewards")
`,
      },
      path: "alembic/versions/b2_pledges.py",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.rename_table("rewards", "pledges")


def downgrade():
    op.rename_table("pledges", "rewards")
`,
      lines: [8],
      fixes: ["# no view under rewards: alembic/versions/c3_rewards.py:9 creates a table named rewards, which a view of that name would make fail (\"already exists\"); ship this change once no running code uses rewards\nop.rename_table(\"rewards\", \"pledges\")"],
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
