import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "the fix undoes each upgrade() operation: a column type put back as the earlier revision defined it, an index whose definition it cannot read raises",
      files: {
        "alembic/versions/a1_invoices.py": `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_table("invoices", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("number", sa.String(length=20)))
    op.execute("CREATE INDEX invoices_number_idx ON invoices (number)")


def downgrade():
    op.drop_table("invoices")
`,
      },
      path: "alembic/versions/b2_invoice_number_text.py",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.alter_column("invoices", "number", type_=sa.Text())
    op.drop_index("invoices_number_idx", table_name="invoices")
    op.add_column("invoices", sa.Column("customer_id", sa.Integer(), sa.ForeignKey("customers.id")))
`,
      lines: [9],
      fixes: [
        [
          "def downgrade():",
          '    op.drop_constraint("invoices_customer_id_fkey", "invoices", type_="foreignkey")  # the name PostgreSQL gives an unnamed foreign key',
          '    op.drop_column("invoices", "customer_id")',
          "    # line 10 drops index invoices_number_idx: recreate it from its earlier definition",
          '    op.alter_column("invoices", "number", type_=sa.String(length=20), existing_type=sa.Text(), postgresql_using="number::varchar(20)")',
          // one raise, last: the type change back is reachable
          '    raise NotImplementedError("irreversible: line 10 drops index invoices_number_idx: recreate it from its earlier definition")',
        ].join("\n"),
      ],
    },
    {
      framework: "alembic",
      name: "create_check_constraint(None, ...): the downgrade drops it by the name PostgreSQL gave it, <table>_<its one column>_check",
      code: `from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.create_check_constraint(None, "release_files", "sha256_digest ~* '^[A-F0-9]{64}$'")
`,
      lines: [8],
      fixes: ['def downgrade():\n    op.drop_constraint("release_files_sha256_digest_check", "release_files", type_="check")  # the name PostgreSQL gives an unnamed check'],
    },
    {
      framework: "alembic",
      name: "jsonb -> text: the downgrade's text -> jsonb carries postgresql_using, and the default (not converted with the column) is dropped before and set again after",
      files: { "alembic/versions/a1_reports.py": "from alembic import op\nimport sqlalchemy as sa\nfrom sqlalchemy.dialects import postgresql\n\nrevision = \"a1\"\ndown_revision = None\n\n\ndef upgrade():\n    op.create_table(\"reports\", sa.Column(\"id\", sa.BigInteger(), primary_key=True), sa.Column(\"payload\", postgresql.JSONB(), nullable=False, server_default=sa.text(\"'{}'::jsonb\")))\n\n\ndef downgrade():\n    op.drop_table(\"reports\")\n" },
      path: "alembic/versions/b2_payload_text.py",
      code: "from alembic import op\nimport sqlalchemy as sa\n\nrevision = \"b2\"\ndown_revision = \"a1\"\n\n\ndef upgrade():\n    op.alter_column(\"reports\", \"payload\", type_=sa.Text())\n",
      lines: [9],
      fixes: ["from sqlalchemy.dialects import postgresql  # at the top of the revision: downgrade() reads it\ndef downgrade():\n    op.alter_column(\"reports\", \"payload\", server_default=None)  # a default of type text is not converted to jsonb with the column: it would fail\n    op.alter_column(\"reports\", \"payload\", type_=postgresql.JSONB(), existing_type=sa.Text(), postgresql_using=\"payload::jsonb\")\n    op.alter_column(\"reports\", \"payload\", server_default=sa.text(\"'{}'::jsonb\"))"],
    },
    {
      framework: "alembic",
      name: "an upgrade that only deletes rows: the fix is the explicit no-op that says the change is one-way",
      code: `from alembic import op

revision = "d4"
down_revision = "c3"


def upgrade():
    op.execute("DELETE FROM sessions WHERE expires_at < now()")
`,
      lines: [8],
      fixes: ["def downgrade():\n    pass  # one-way data change: upgrade() only rewrites rows of sessions, and there is no schema to put back"],
    },
    {
      framework: "alembic",
      name: "no downgrade() function",
      code: `from alembic import op

revision = "5a8e2f0c6b13"
down_revision = "3f1c9a7b2d4e"


def upgrade():
    op.drop_index("ix_legacy_invoice_lines_invoice_id", table_name="legacy_invoice_lines")
`,
      lines: [8],
    },
    {
      framework: "alembic",
      name: "a revision without downgrade() whose upgrade only validates a NOT VALID constraint: nothing to undo, a note whose fix is the downgrade that passes",
      code: `from alembic import op

revision = "a1b2c3"
down_revision = None


def upgrade():
    op.execute("ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk")
`,
      lines: [8],
      severities: ["info"],
      fixes: ["def downgrade():\n    # nothing to undo: the up only validates constraints, which changes no schema and no row\n    pass"],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "downgrade() present",
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("invoices", sa.Column("paid_at", sa.DateTime(timezone=True)))


def downgrade():
    op.drop_column("invoices", "paid_at")
`,
    },
  ],
});
