import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "op.execute(TRUNCATE)",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.execute(sa.text("TRUNCATE TABLE audit_log CASCADE"))


def downgrade():
    pass
`,
      lines: [9],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "a DELETE with a WHERE is not a TRUNCATE",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.execute("DELETE FROM audit_log WHERE created_at < now() - interval '2 years'")


def downgrade():
    pass
`,
    },
  ],
});
