import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "op.drop_index",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.drop_index("ix_legacy_invoice_lines_invoice_id", table_name="legacy_invoice_lines")


def downgrade():
    op.create_index("ix_legacy_invoice_lines_invoice_id", "legacy_invoice_lines", ["invoice_id"])
`,
      lines: [8],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "op.drop_column earlier in the revision's transaction already holds ACCESS EXCLUSIVE on the table: op.drop_index adds no lock wait",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.drop_column("jobs", "tags")
    op.drop_index("jobs_tags_idx", table_name="jobs")


def downgrade():
    pass
`,
    },
    {
      framework: "alembic",
      name: "the index of a table dropped right after (DROP TABLE takes the same lock and drops it anyway)",
      code: `from alembic import op
import sqlalchemy as sa

revision = "c8"
down_revision = "c7"


def upgrade():
    op.drop_index("ix_audit_user_id", table_name="audit")
    op.drop_table("audit")


def downgrade():
    op.create_table("audit", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("user_id", sa.Integer()))
    op.create_index("ix_audit_user_id", "audit", ["user_id"])
`,
    },
    {
      framework: "alembic",
      name: "postgresql_concurrently=True in autocommit_block()",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.get_context().autocommit_block():
        op.drop_index("ix_legacy_invoice_lines_invoice_id", table_name="legacy_invoice_lines", postgresql_concurrently=True, if_exists=True)


def downgrade():
    with op.get_context().autocommit_block():
        op.create_index("ix_legacy_invoice_lines_invoice_id", "legacy_invoice_lines", ["invoice_id"], postgresql_concurrently=True)
`,
    },
  ],
});
