import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "a COMMIT sent as SQL inside a with block (a Session's) with psycopg 3: what follows the block runs after that COMMIT, where psycopg 3 begins again, so CONCURRENTLY fails",
      files: { "pyproject.toml": '[project]\nname = "app"\ndependencies = ["alembic>=1.13", "psycopg[binary]>=3.1"]\n' },
      code: `from alembic import op
import sqlalchemy as sa
from sqlalchemy.orm import Session

revision = "ca27e52b7303"
down_revision = "e5a9845d55d7"


def upgrade():
    conn = op.get_bind()
    with Session(bind=conn) as session:
        session.execute(sa.text("UPDATE assignment_membership SET lti_role_id = 1 WHERE lti_role_id IS NULL"))
        conn.execute(sa.text("COMMIT"))
    op.create_index(op.f("ix__assignment_membership_lti_role_id"), "assignment_membership", ["lti_role_id"], unique=False, postgresql_concurrently=True)


def downgrade():
    op.drop_index(op.f("ix__assignment_membership_lti_role_id"), table_name="assignment_membership")
`,
      lines: [14],
      messages: ["the COMMIT on line 13 ends Alembic's transaction"],
    },
    {
      framework: "alembic",
      name: "postgresql_concurrently=True in Alembic's transaction",
      code: `from alembic import op

revision = "3f1c9a7b2d4e"
down_revision = "9b0e4d2c7a11"


def upgrade():
    op.create_index(
        "ix_invoices_customer_id",
        "invoices",
        ["customer_id"],
        postgresql_concurrently=True,
    )


def downgrade():
    op.drop_index("ix_invoices_customer_id", table_name="invoices")
`,
      lines: [8],
      // the revision's own call, every argument kept: never op.create_index(..., postgresql_concurrently=True)
      fixes: [
        `with op.get_context().autocommit_block():
    op.create_index(
        "ix_invoices_customer_id",
        "invoices",
        ["customer_id"],
        postgresql_concurrently=True,
    )`,
      ],
    },
    {
      framework: "alembic",
      name: "op.execute(\"COMMIT\") with psycopg 3: it sends BEGIN again before the next statement, so CONCURRENTLY fails",
      files: { "pyproject.toml": '[project]\nname = "app"\ndependencies = ["alembic>=1.13", "psycopg[binary]>=3.1"]\n' },
      code: `from alembic import op

revision = "ca27e52b7303"
down_revision = "e5a9845d55d7"


def upgrade():
    op.execute("COMMIT")
    op.create_index(op.f("ix__assignment_membership_lti_role_id"), "assignment_membership", ["lti_role_id"], unique=False, postgresql_concurrently=True)


def downgrade():
    op.drop_index(op.f("ix__assignment_membership_lti_role_id"), table_name="assignment_membership")
`,
      lines: [9],
      severities: ["error"],
      messages: ["psycopg 3 (the project's driver) sends BEGIN again before the next statement"],
      fixes: [
        `with op.get_context().autocommit_block():
    op.create_index(op.f("ix__assignment_membership_lti_role_id"), "assignment_membership", ["lti_role_id"], unique=False, postgresql_concurrently=True)`,
      ],
    },
    {
      framework: "alembic",
      name: "a helper function called from upgrade() is followed",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def index(table, column):
    op.create_index(f"ix_{table}_{column}", table, [column], postgresql_concurrently=True)


def upgrade():
    index("invoices", "customer_id")


def downgrade():
    op.drop_index("ix_invoices_customer_id", table_name="invoices")
`,
      lines: [8],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "op.execute(\"COMMIT\") with psycopg 3, then CONCURRENTLY inside autocommit_block(): Alembic commits on entering the block and runs it in autocommit, whatever the driver does after a COMMIT",
      files: { "pyproject.toml": '[project]\nname = "app"\ndependencies = ["alembic>=1.13", "psycopg[binary]>=3.1"]\n' },
      code: `from alembic import op

revision = "ca27e52b7303"
down_revision = "e5a9845d55d7"


def upgrade():
    op.execute("COMMIT")
    with op.get_context().autocommit_block():
        op.create_index(op.f("ix__assignment_membership_lti_role_id"), "assignment_membership", ["lti_role_id"], unique=False, postgresql_concurrently=True)


def downgrade():
    op.drop_index(op.f("ix__assignment_membership_lti_role_id"), table_name="assignment_membership")
`,
    },
    {
      framework: "alembic",
      name: "op.execute(\"COMMIT\") with psycopg2 (hypothesis/lms): the driver sends no BEGIN again, so CONCURRENTLY runs in autocommit (transaction-nesting reports the COMMIT)",
      files: { "requirements/prod.txt": "alembic==1.13.1\npsycopg2==2.9.9\n" },
      code: `from alembic import op

revision = "3d0c022c716c"
down_revision = "7858a12c4e4a"


def upgrade() -> None:
    # CONCURRENTLY can't be used inside a transaction. Finish the current one.
    op.execute("COMMIT")

    op.create_index(
        op.f("ix__assignment_grouping_assignment_id"),
        "assignment_grouping",
        ["assignment_id"],
        unique=False,
        postgresql_concurrently=True,
    )
    op.create_index(
        op.f("ix__assignment_grouping_grouping_id"),
        "assignment_grouping",
        ["grouping_id"],
        unique=False,
        postgresql_concurrently=True,
    )


def downgrade() -> None:
    op.execute("COMMIT")
    op.drop_index(op.f("ix__assignment_grouping_grouping_id"), table_name="assignment_grouping", postgresql_concurrently=True)
    op.drop_index(op.f("ix__assignment_grouping_assignment_id"), table_name="assignment_grouping", postgresql_concurrently=True)
`,
    },
    {
      framework: "alembic",
      name: "inside autocommit_block()",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    with op.get_context().autocommit_block():
        op.create_index("ix_invoices_customer_id", "invoices", ["customer_id"], postgresql_concurrently=True)
        op.execute("DROP INDEX CONCURRENTLY IF EXISTS ix_invoices_old")


def downgrade():
    with op.get_context().autocommit_block():
        op.drop_index("ix_invoices_customer_id", table_name="invoices", postgresql_concurrently=True)
`,
    },
  ],
});
