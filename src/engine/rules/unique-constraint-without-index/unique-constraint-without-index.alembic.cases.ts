import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "create_unique_constraint on a live table",
      code: `from alembic import op

revision = "c6af58446381"
down_revision = "3c9a26ad7774"


def upgrade():
    op.drop_constraint("repositories_organization_name_name_key", "repositories", type_="unique")
    op.create_unique_constraint(None, "repositories", ["organization_id", "name"])


def downgrade():
    op.drop_constraint("repositories_organization_id_name_key", "repositories", type_="unique")
`,
      lines: [9],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "add_column(nullable=False) without server_default first: the unique constraint builds on no rows",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("block", sa.Column("slug", sa.String(), nullable=False))
    op.create_unique_constraint("uq_block__slug", "block", ["slug"])


def downgrade():
    op.drop_constraint("uq_block__slug", "block", type_="unique")
    op.drop_column("block", "slug")
`,
    },
    {
      framework: "alembic",
      name: "unique index built CONCURRENTLY, then attached USING INDEX",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.get_context().autocommit_block():
        op.create_index("repositories_org_name_key", "repositories", ["organization_id", "name"], unique=True, postgresql_concurrently=True)
    op.execute("ALTER TABLE repositories ADD CONSTRAINT repositories_org_name_key UNIQUE USING INDEX repositories_org_name_key")


def downgrade():
    op.drop_constraint("repositories_org_name_key", "repositories", type_="unique")
`,
    },
  ],
});
