import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "alter_column nullable=False, also inside batch_alter_table",
      code: `from alembic import op
import sqlalchemy as sa

revision = "23d7954e9cbe"
down_revision = "81a8b7f69d1f"


def upgrade():
    op.alter_column("issues", "organization_id", existing_type=sa.UUID(), nullable=False)
    with op.batch_alter_table("pull_requests") as batch_op:
        batch_op.alter_column("repository_id", existing_type=sa.UUID(), nullable=False)


def downgrade():
    op.alter_column("issues", "organization_id", existing_type=sa.UUID(), nullable=True)
    with op.batch_alter_table("pull_requests") as batch_op:
        batch_op.alter_column("repository_id", existing_type=sa.UUID(), nullable=True)
`,
      lines: [9, 11],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "NOT NULL through a validated CHECK constraint (PostgreSQL 12+ skips the scan)",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.execute("ALTER TABLE issues VALIDATE CONSTRAINT issues_organization_id_not_null")
    op.alter_column("issues", "organization_id", nullable=False)


def downgrade():
    op.alter_column("issues", "organization_id", nullable=True)
`,
    },
  ],
});
