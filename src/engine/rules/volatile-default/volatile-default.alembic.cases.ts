import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "server_default=sa.text(\"gen_random_uuid()\")",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column(
        "orders",
        sa.Column("public_id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
    )


def downgrade():
    op.drop_column("orders", "public_id")
`,
      lines: [9],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "a constant or now() default is instant",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("orders", sa.Column("status", sa.String(16), server_default="new", nullable=False))
    op.add_column("orders", sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False))


def downgrade():
    op.drop_column("orders", "created_at")
    op.drop_column("orders", "status")
`,
    },
  ],
});
