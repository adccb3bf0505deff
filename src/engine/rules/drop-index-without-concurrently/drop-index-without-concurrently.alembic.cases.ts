import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "op.execute of an f-string whose CONCURRENTLY is a conditional of two literals, CONCURRENTLY when the condition is false: a note that names it negated",
      code: `from alembic import op
import os

revision = "b2"
down_revision = "a1"


def upgrade():
    concurrently = os.environ.get("APP_MIGRATE_INDEX_CONCURRENTLY", "").lower() == "true"
    op.execute(f"DROP INDEX {'' if not concurrently else 'CONCURRENTLY '}IF EXISTS ix_sessions_end_time")


def downgrade():
    op.execute("CREATE INDEX ix_sessions_end_time ON sessions (end_time)")
`,
      lines: [10],
      severities: ["info"],
      messages: ["Index ix_sessions_end_time is dropped CONCURRENTLY only when `not (not concurrently)` is true at run time"],
    },
    {
      framework: "alembic",
      name: "postgresql_concurrently=concurrently, a flag read at run time (an opt-in environment variable; the migration leaves its transaction when it is set): a note that names the expression, no rewrite",
      code: `from alembic import op
import os

revision = "b2"
down_revision = "a1"


def _use_concurrently() -> bool:
    return os.environ.get("APP_MIGRATE_INDEX_CONCURRENTLY", "").lower() == "true"


def _enable_autocommit() -> None:
    dbapi_conn = op.get_bind().connection.dbapi_connection
    dbapi_conn.commit()
    dbapi_conn.autocommit = True


def upgrade():
    concurrently = _use_concurrently()
    if concurrently:
        _enable_autocommit()
    op.drop_index("ix_latency", table_name="spans", if_exists=True, postgresql_concurrently=concurrently)


def downgrade():
    op.create_index("ix_latency", "spans", ["latency_ms"])
`,
      lines: [22],
      severities: ["info"],
      messages: ["Index ix_latency is dropped CONCURRENTLY only when `concurrently` is true at run time; without it, the drop takes an ACCESS EXCLUSIVE lock on spans."],
      fixes: [
        `# the migration already drops it CONCURRENTLY when concurrently is true: make sure it is when migrating a database in use
op.drop_index("ix_latency", table_name="spans", if_exists=True, postgresql_concurrently=concurrently)`,
      ],
    },
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
      fixes: [
        `with op.get_context().autocommit_block():
    op.drop_index("ix_legacy_invoice_lines_invoice_id", table_name="legacy_invoice_lines", postgresql_concurrently=True)`,
      ],
    },
    {
      framework: "alembic",
      name: "op.drop_index of an op.f name in a schema, if_exists=True: the call as written keeps its name, schema and guard",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.drop_index(op.f("ix_billing_invoices_state"), table_name="invoices", schema="billing", if_exists=True)


def downgrade():
    op.create_index(op.f("ix_billing_invoices_state"), "invoices", ["state"], schema="billing")
`,
      lines: [8],
      fixes: [
        `with op.get_context().autocommit_block():
    op.drop_index(op.f("ix_billing_invoices_state"), table_name="invoices", schema="billing", if_exists=True, postgresql_concurrently=True)`,
      ],
    },
    {
      framework: "alembic",
      name: "batch_op.drop_index alone in its block: in the block's place, as the op.drop_index that names the batch's table (a variable, as written)",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


TABLE = "invoices"


def upgrade():
    with op.batch_alter_table(TABLE) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoices_legacy_ref"))


def downgrade():
    with op.batch_alter_table(TABLE) as batch_op:
        batch_op.create_index(batch_op.f("ix_invoices_legacy_ref"), ["legacy_ref"])
`,
      lines: [13],
      fixes: [
        `# in place of the whole with block (this was its only operation):
with op.get_context().autocommit_block():
    op.drop_index(op.f("ix_invoices_legacy_ref"), table_name=TABLE, postgresql_concurrently=True)`,
      ],
    },
    {
      framework: "alembic",
      name: "op.execute(f()) of a module def whose SQL names a module constant: Python reads the module's, not upgrade()'s local of that name",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"

INDEX = "ix_legacy_invoice_lines_invoice_id"


def drop_legacy_index():
    return f"DROP INDEX {INDEX}"


def upgrade():
    INDEX = "ix_invoice_lines_draft"
    op.create_index(INDEX, "legacy_invoice_lines", ["draft"])
    op.execute(drop_legacy_index())
`,
      lines: [10],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "a batch block's drop_index of an index its create_index builds again (same name, unique=True): one hazard, reported on the build (index-without-concurrently), whose fix is the swap",
      code: `from alembic import op
import sqlalchemy as sa

revision = "efa7a9f771a6"
down_revision = "0ee3c2c7faf7"


def upgrade():
    with op.batch_alter_table("message_model", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_message_model_message_name"))
        batch_op.create_index(batch_op.f("ix_message_model_message_name"), ["message_name"], unique=True)


def downgrade():
    pass
`,
    },
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
