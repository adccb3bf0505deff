import { OCTAVIA_PACKAGE_CONSTANTS, OCTAVIA_STATUS_PATH, OCTAVIA_STATUS_REVISION } from "../../testing/seed72-fixtures.js";
import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "funnel 82303877b746: the first line of upgrade() says the migration assumes there is no existing data in the table: every NOT NULL column of the revision's one table is a note quoting it",
      path: "migrations/versions/82303877b746_update_membership.py",
      code: `import sqlalchemy as sa
from alembic import op

revision = "82303877b746"
down_revision = "ca578c1b82e8"


def upgrade():
    # This migration assumes there is no existing data in the table
    op.add_column("proposal_membership", sa.Column("is_uncredited", sa.Boolean(), nullable=False))
    op.add_column("proposal_membership", sa.Column("seq", sa.Integer(), nullable=False))


def downgrade():
    op.drop_column("proposal_membership", "seq")
    op.drop_column("proposal_membership", "is_uncredited")
`,
      lines: [10, 11],
      severities: ["info", "info"],
      messages: [
        'Its author says the table holds no rows yet: "This migration assumes there is no existing data in the table" (line 9), so no row can fail or collide when this runs',
        'Its author says the table holds no rows yet: "This migration assumes there is no existing data in the table" (line 9), so no row can fail or collide when this runs',
      ],
    },
    {
      framework: "alembic",
      name: "a comment that checks for rows (\"make sure there are no rows in the table\") claims nothing: the error stays",
      path: "migrations/versions/82303877b746_update_membership.py",
      code: `import sqlalchemy as sa
from alembic import op

revision = "82303877b746"
down_revision = "ca578c1b82e8"


def upgrade():
    # This migration fails unless you make sure there are no rows in the table
    op.add_column("proposal_membership", sa.Column("seq", sa.Integer(), nullable=False))


def downgrade():
    op.drop_column("proposal_membership", "seq")
`,
      lines: [10],
      severities: ["error"],
    },
    {
      framework: "alembic",
      name: "a later revision renames the table and the column: the NOT NULL revision at the head names them as they are there",
      path: "alembic/versions/b2_account.py",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("invoices", sa.Column("account_id", sa.BigInteger(), nullable=False))


def downgrade():
    op.drop_column("invoices", "account_id")
`,
      files: { "alembic/versions/c3_rename.py": `from alembic import op\n\nrevision = "c3"\ndown_revision = "b2"\n\n\ndef upgrade():\n    op.rename_table("invoices", "bills")\n    op.alter_column("bills", "account_id", new_column_name="customer_id")\n\n\ndef downgrade():\n    pass\n` },
      lines: [9],
      fixes: [`# account_id nullable in this revision, so inserts from the running code, which does not set it, keep working; NOT NULL comes in a revision of its own:
op.add_column("invoices", sa.Column("account_id", sa.BigInteger(), nullable=True))

# then a new migration, alembic/versions/1de17205d214_invoices_account_id_not_null.py:
from alembic import op

# a new id for this revision: any string unique among the revisions (\`alembic revision\` makes one)
NEW_REVISION_ID = "1de17205d214"
revision = NEW_REVISION_ID
down_revision = "c3"  # the revision tree's head: "b2" already has a child
branch_labels = None
depends_on = None


def upgrade():
    # deploy once every running version of the code writes account_id; the rows whose account_id is NULL need a value first (an UPDATE here): migguard does not know which
    op.alter_column("bills", "customer_id", nullable=False)


def downgrade():
    op.alter_column("bills", "customer_id", nullable=True)
    pass`],
    },
    {
      framework: "alembic",
      name: "a later revision drops the table: no NOT NULL revision at the head, where it is gone, and the fix names the revision that drops it",
      path: "alembic/versions/b2_account.py",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("invoices", sa.Column("account_id", sa.BigInteger(), nullable=False))


def downgrade():
    op.drop_column("invoices", "account_id")
`,
      files: { "alembic/versions/c3_drop.py": `from alembic import op\n\nrevision = "c3"\ndown_revision = "b2"\n\n\ndef upgrade():\n    op.drop_table("invoices")\n\n\ndef downgrade():\n    pass\n` },
      lines: [9],
      fixes: [`# account_id nullable in this revision, so inserts from the running code, which does not set it, keep working; NOT NULL comes in a revision of its own:
op.add_column("invoices", sa.Column("account_id", sa.BigInteger(), nullable=True))
# no migration sets it NOT NULL: later, alembic/versions/c3_drop.py:8 drops table invoices, and account_id with it, so it is not there at the head of the history, where a new migration would run`],
    },
    {
      framework: "alembic",
      name: "drone-tm 87b6f9d734e8: slug NOT NULL without a default, then a unique index on it: the fix gives no server_default \"\" (the index would fail at the second project) but adds it nullable and gives each row its own value",
      code: `from alembic import op
import sqlalchemy as sa

revision = "87b6f9d734e8"
down_revision = "9d01411fd221"


def upgrade():
    op.add_column("projects", sa.Column("slug", sa.String(), nullable=False))
    op.create_index(op.f("ix_projects_slug"), "projects", ["slug"], unique=True)


def downgrade():
    op.drop_index(op.f("ix_projects_slug"), table_name="projects")
    op.drop_column("projects", "slug")
`,
      lines: [9],
      fixes: [
        [
          "# slug becomes unique on line 10: a constant stand-in default would give every existing row the same slug, and the unique index fails at the second row.",
          "# Add it nullable, give each existing row its own value, then make it NOT NULL once every running version of the code writes it:",
          'op.add_column("projects", sa.Column("slug", sa.String(), nullable=True))',
          "# gen_random_uuid()::text is a stand-in that differs for each row: use the value each row should have in slug (made from what identifies it)",
          'op.execute("UPDATE projects SET slug = gen_random_uuid()::text WHERE slug IS NULL")',
        ].join("\n"),
      ],
    },
    {
      framework: "alembic",
      name: "drone-tm acee47666167: the NOT NULL column without a default proves projects empty, so the finding says the drop of created in the same upgrade loses no data, and, its own proof reading the migration as run on an empty table, is a warning (nothing is lost, but the deploy fails on rows)",
      code: `from alembic import op
import sqlalchemy as sa

revision = "acee47666167"
down_revision = "88ae62ec8876"


def upgrade():
    op.add_column("projects", sa.Column("created_at", sa.DateTime(), nullable=False))
    op.drop_column("projects", "created")


def downgrade():
    op.add_column("projects", sa.Column("created", sa.DateTime(), nullable=True))
    op.drop_column("projects", "created_at")
`,
      lines: [9],
      messages: ["Dropping column created (line 10) loses no data: projects must be empty for this statement to run. This migration drops data of projects itself (dropping column created (line 10)) and runs in one transaction"],
      severities: ["warning"],
    },
    {
      framework: "alembic",
      name: "the message says the revision's other locks on the table are brief: it must be empty for add_column to run",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("follower", sa.Column("scope", sa.String(), nullable=False))
    op.create_index("ix_follower_scope", "follower", ["scope"])


def downgrade():
    op.drop_index("ix_follower_scope", table_name="follower")
    op.drop_column("follower", "scope")
`,
      lines: [9],
      messages: ["The rest of this migration's locks on follower (line 10) are only brief: follower must be empty for this statement to run."],
    },
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
      fixes: [
        `# "" is a stand-in: use the value existing rows should have in billing_email
op.add_column("organizations", sa.Column("billing_email", sa.String(length=120), nullable=False, server_default=""))`,
      ],
    },
    {
      framework: "alembic",
      name: "a NOT NULL uuid foreign key (no neutral default): the add_column as written, sa.ForeignKey and all, with nullable=True",
      code: `from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("invoices", sa.Column("account_id", postgresql.UUID(as_uuid=True), sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False))


def downgrade():
    op.drop_column("invoices", "account_id")
`,
      lines: [10],
      fixes: [
        // the plan as code: nullable here, NOT NULL in a revision of its own, the unknown value said where it goes
        "# account_id nullable in this revision, so inserts from the running code, which does not set it, keep working; NOT NULL comes in a revision of its own:\nop.add_column(\"invoices\", sa.Column(\"account_id\", postgresql.UUID(as_uuid=True), sa.ForeignKey(\"accounts.id\", ondelete=\"CASCADE\"), nullable=True))\n\n# then a new migration, alembic/versions/4e2a8c9dbcdf_invoices_account_id_not_null.py:\nfrom alembic import op\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"4e2a8c9dbcdf\"\nrevision = NEW_REVISION_ID\ndown_revision = \"b2\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    # deploy once every running version of the code writes account_id; the rows whose account_id is NULL need a value first (an UPDATE here): migguard does not know which\n    op.alter_column(\"invoices\", \"account_id\", nullable=False)\n\n\ndef downgrade():\n    op.alter_column(\"invoices\", \"account_id\", nullable=True)\n    pass",
      ],
    },
    {
      framework: "alembic",
      name: "PostgreSQL 10 (postgres_version: 10), where a server_default on add_column is written into every existing row: added nullable, the server_default set apart for new rows, the rows filled in batches by a revision of its own, then NOT NULL",
      config: { postgres_version: 10 },
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
      fixes: ["# before PostgreSQL 11 any default is written into every existing row (a rewrite under ACCESS EXCLUSIVE): add it nullable, give new rows the default, fill the existing rows in batches, then make it NOT NULL:\nop.add_column(\"organizations\", sa.Column(\"billing_email\", sa.String(length=120), nullable=True))\nop.alter_column(\"organizations\", \"billing_email\", server_default=\"\")  # new rows only: it touches no existing row\n# \"\" is a stand-in: use the value existing rows should have in billing_email\n\n# then a new migration, alembic/versions/69d601611430_fill_organizations_billing_email.py:\nfrom alembic import op\nimport sqlalchemy as sa\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"69d601611430\"\nrevision = NEW_REVISION_ID\ndown_revision = \"b2\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    with op.get_context().autocommit_block():\n        # 1000 rows a statement, each committed on its own (autocommit_block), until one updates nothing\n        while op.get_bind().execute(sa.text(\"UPDATE organizations SET billing_email = '' WHERE ctid IN (SELECT ctid FROM organizations WHERE billing_email IS NULL LIMIT 1000)\")).rowcount:\n            pass\n\n\ndef downgrade():\n    # nothing to undo: the filled values stay\n    pass\n\n# then a new migration, alembic/versions/fb0f3769bc08_organizations_billing_email_not_null.py:\nfrom alembic import op\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"fb0f3769bc08\"\nrevision = NEW_REVISION_ID\ndown_revision = \"69d601611430\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    # deploy once every running version of the code writes billing_email\n    op.alter_column(\"organizations\", \"billing_email\", nullable=False)\n\n\ndef downgrade():\n    op.alter_column(\"organizations\", \"billing_email\", nullable=True)\n    pass"],
    },
    {
      framework: "alembic",
      name: "octavia 52377704420e: server_default= is a constant of the project's module that is itself a package's (ONLINE = lib_consts.ONLINE): the fix keeps it as written, never the name inside sa.text()",
      path: OCTAVIA_STATUS_PATH,
      files: OCTAVIA_PACKAGE_CONSTANTS,
      code: OCTAVIA_STATUS_REVISION,
      lines: [11],
      messages: ["gets the default constants.ONLINE only to fill the existing rows"],
      fixes: [
        `op.add_column("health_monitor",
                  sa.Column("operating_status", sa.String(16), nullable=False, server_default=constants.ONLINE))
# and leave out line 13's change that drops this default again`,
      ],
    },
    {
      framework: "alembic",
      name: "the same with a constant the project's module defines as a string: its value, quoted as SQL",
      path: OCTAVIA_STATUS_PATH,
      files: { "octavia/common/constants.py": `ONLINE = "ONLINE"\n` },
      code: OCTAVIA_STATUS_REVISION,
      lines: [11],
      fixes: [
        `op.add_column("health_monitor",
                  sa.Column("operating_status", sa.String(16), nullable=False, server_default=sa.text("'ONLINE'")))
# and leave out line 13's change that drops this default again`,
      ],
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
