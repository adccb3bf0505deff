import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "autocommit_block: the ADD COLUMN commits at once, so the foreign key takes its locks again and scans under them",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.get_context().autocommit_block():
        op.add_column("definition", sa.Column("project_id", sa.Integer(), nullable=True))
        op.create_foreign_key("fk_definition_project", "definition", "project", ["project_id"], ["id"])
        op.execute("update definition set project_id = 1")


def downgrade():
    op.drop_column("definition", "project_id")
`,
      lines: [11],
      severities: ["error"],
    },
    {
      framework: "alembic",
      name: "create_foreign_key and create_check_constraint validate every row",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_foreign_key("fk_orders_customer", "orders", "customers", ["customer_id"], ["id"])
    op.create_check_constraint("ck_orders_total", "orders", "total >= 0")


def downgrade():
    op.drop_constraint("ck_orders_total", "orders", type_="check")
    op.drop_constraint("fk_orders_customer", "orders", type_="foreignkey")
`,
      lines: [8, 9],
    },
    {
      framework: "alembic",
      name: "a ForeignKey on a new column is added as a separate, validated constraint",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("orders", sa.Column("coupon_id", sa.BigInteger(), sa.ForeignKey("coupons.id"), nullable=True))


def downgrade():
    op.drop_column("orders", "coupon_id")
`,
      lines: [9],
    },
    {
      framework: "alembic",
      name: "branches on the database URL: only the PostgreSQL branch runs here, and its foreign key validates every row",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    url = str(op.get_bind().engine.url)
    if url.startswith("mysql"):
        op.drop_constraint("payments_ibfk_1", "payments", type_="foreignkey")
        op.create_foreign_key("payments_ibfk_1", "payments", "invoices", ["invoice_id"], ["id"], ondelete="CASCADE")
    elif url.startswith(("postgres", "postgresql")):
        op.drop_constraint("payments_invoice_id_fkey", "payments", type_="foreignkey")
        op.create_foreign_key("payments_invoice_id_fkey", "payments", "invoices", ["invoice_id"], ["id"], ondelete="CASCADE")
    if str(op.get_bind().engine.url).startswith("sqlite") is False:
        op.create_foreign_key("refunds_payment_id_fkey", "refunds", "payments", ["payment_id"], ["id"])


def downgrade():
    pass
`,
      lines: [14, 16],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "op.add_column, op.create_foreign_key, then an UPDATE of every row in the same transaction: the key checks only NULLs, under a lock the backfill holds longer",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("definition", sa.Column("project_id", sa.Integer(), nullable=True))
    op.create_foreign_key(None, "definition", "project", ["project_id"], ["id"], ondelete="CASCADE")
    op.execute("update definition set project_id = 1")


def downgrade():
    op.drop_column("definition", "project_id")
`,
    },
    {
      framework: "alembic",
      name: "batch_alter_table: the column and its foreign key in one batch, then SET NOT NULL scans every row under the same lock",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.batch_alter_table("shopping_lists") as batch_op:
        batch_op.add_column(sa.Column("user_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_user_shopping_lists", "users", ["user_id"], ["id"])

    op.execute("UPDATE shopping_lists SET user_id = (SELECT min(id) FROM users)")

    with op.batch_alter_table("shopping_lists") as batch_op:
        batch_op.alter_column("user_id", nullable=False)


def downgrade():
    op.drop_column("shopping_lists", "user_id")
`,
    },
    {
      framework: "alembic",
      name: "add_column(nullable=False) without server_default first: the foreign key validates no rows",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("folder", sa.Column("team_id", sa.Integer(), nullable=False))
    op.create_foreign_key("fk_folder__team_id", "folder", "team", ["team_id"], ["id"])


def downgrade():
    op.drop_constraint("fk_folder__team_id", "folder", type_="foreignkey")
    op.drop_column("folder", "team_id")
`,
    },
    {
      framework: "alembic",
      name: "NOT VALID through op.execute, validated in the next revision",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.execute("ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID")


def downgrade():
    op.drop_constraint("fk_orders_customer", "orders", type_="foreignkey")
`,
    },
  ],
});
