import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
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
