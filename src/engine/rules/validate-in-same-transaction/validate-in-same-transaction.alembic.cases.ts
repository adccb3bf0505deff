import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "NOT VALID then VALIDATE in the same revision",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.execute("ALTER TABLE orders ADD CONSTRAINT ck_orders_total CHECK (total >= 0) NOT VALID")
    op.execute("ALTER TABLE orders VALIDATE CONSTRAINT ck_orders_total")


def downgrade():
    op.drop_constraint("ck_orders_total", "orders", type_="check")
`,
      lines: [9],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "VALIDATE in its own revision",
      code: `from alembic import op

revision = "c3"
down_revision = "b2"


def upgrade():
    op.execute("ALTER TABLE orders VALIDATE CONSTRAINT ck_orders_total")


def downgrade():
    pass
`,
    },
  ],
});
