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
      fixes: [
        `op.add_column(
    "orders",
    sa.Column("public_id", sa.UUID(), nullable=True),
)  # instant: no default yet
op.alter_column("orders", "public_id", server_default=sa.text("gen_random_uuid()"))  # new rows only
# in batches of 1000 rows, until one updates nothing
while op.get_bind().execute(sa.text("UPDATE orders SET public_id = gen_random_uuid() WHERE ctid IN (SELECT ctid FROM orders WHERE public_id IS NULL LIMIT 1000)")).rowcount:
    pass`,
      ],
    },
    {
      framework: "alembic",
      name: "a volatile default on a column with a comment and an index: the add_column as written keeps them, without server_default and nullable; the default as written goes to alter_column",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("orders", sa.Column("token", sa.String(36), server_default=sa.text("md5(random()::text)"), nullable=False, comment="api token"))


def downgrade():
    op.drop_column("orders", "token")
`,
      lines: [9],
      fixes: [
        `op.add_column("orders", sa.Column("token", sa.String(36), nullable=True, comment="api token"))  # instant: no default yet
op.alter_column("orders", "token", server_default=sa.text("md5(random()::text)"))  # new rows only
# in batches of 1000 rows, until one updates nothing
while op.get_bind().execute(sa.text("UPDATE orders SET token = md5(random()::text) WHERE ctid IN (SELECT ctid FROM orders WHERE token IS NULL LIMIT 1000)")).rowcount:
    pass`,
      ],
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
