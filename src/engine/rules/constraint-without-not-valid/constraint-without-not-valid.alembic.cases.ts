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
  ],
  valid: [
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
