import { defineCases } from "../support/rule.js";

/** b2 adds orders.public_id with a volatile default (a1 made orders); c3, a later revision, does `later` */
const LATER_REVISION_FILES = (later: string) => ({
  "alembic/versions/a1_init.py": `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "a1"\ndown_revision = None\n\n\ndef upgrade():\n    op.create_table("orders", sa.Column("id", sa.Integer, primary_key=True))\n\n\ndef downgrade():\n    op.drop_table("orders")\n`,
  "alembic/versions/c3_later.py": `from alembic import op\n\nrevision = "c3"\ndown_revision = "b2"\n\n\ndef upgrade():\n    ${later}\n\n\ndef downgrade():\n    pass\n`,
});

const PUBLIC_ID_B2 = `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("orders", sa.Column("public_id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False))


def downgrade():
    op.drop_column("orders", "public_id")
`;

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "sa.Computed(..., persisted=True) on a table with rows: a plain column, a trigger that computes the expression on every write (dropped by the downgrade first), the rows filled by a revision of its own in autocommit_block",
      path: "alembic/versions/b2_order_total.py",
      files: { "alembic/versions/a1_init.py": `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "a1"\ndown_revision = None\n\n\ndef upgrade():\n    op.create_table("orders", sa.Column("id", sa.Integer, primary_key=True), sa.Column("price", sa.Integer), sa.Column("quantity", sa.Integer))\n\n\ndef downgrade():\n    op.drop_table("orders")\n` },
      code: `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("orders", sa.Column("total", sa.BigInteger(), sa.Computed("price * quantity", persisted=True)))


def downgrade():
    op.drop_column("orders", "total")
`,
      lines: [9],
      fixes: ["# a plain column (instant), set from the generation expression by a trigger on every insert and update, as a generated column is\nop.add_column(\"orders\", sa.Column(\"total\", sa.BigInteger(), nullable=True))\nop.execute(\"\"\"\nCREATE OR REPLACE FUNCTION orders_total_generated() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.total := (SELECT (price * quantity) FROM (SELECT NEW.*) AS orders);\n  RETURN NEW;\nEND $$;\nDROP TRIGGER IF EXISTS orders_total_generated ON orders;\nCREATE TRIGGER orders_total_generated BEFORE INSERT OR UPDATE ON orders\n  FOR EACH ROW EXECUTE FUNCTION orders_total_generated();\n\"\"\")\n# and in downgrade(), before it drops total:\nop.execute(\"\"\"\nDROP TRIGGER IF EXISTS orders_total_generated ON orders;\nDROP FUNCTION IF EXISTS orders_total_generated();\n\"\"\")\n\n# then a new migration, alembic/versions/fd4f5f4c72c2_fill_orders_total.py:\nfrom alembic import op\nimport sqlalchemy as sa\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"fd4f5f4c72c2\"\nrevision = NEW_REVISION_ID\ndown_revision = \"b2\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    with op.get_context().autocommit_block():\n        # 1000 rows a statement, each committed on its own (autocommit_block), until one updates nothing\n        while op.get_bind().execute(sa.text(\"UPDATE orders SET total = (price * quantity) WHERE ctid IN (SELECT ctid FROM orders WHERE total IS NULL AND (price * quantity) IS NOT NULL LIMIT 1000)\")).rowcount:\n            pass\n\n\ndef downgrade():\n    # nothing to undo: the computed values stay\n    pass"],
    },
    {
      framework: "alembic",
      name: "a later revision renames the table: the fill and NOT NULL revisions, after the newest, name the table as it is called there",
      path: "alembic/versions/b2_public_id.py",
      code: PUBLIC_ID_B2,
      files: LATER_REVISION_FILES('op.rename_table("orders", "purchases")'),
      lines: [9],
      fixes: ["op.add_column(\"orders\", sa.Column(\"public_id\", sa.UUID(), nullable=True))  # instant: no default yet\nop.alter_column(\"orders\", \"public_id\", server_default=sa.text(\"gen_random_uuid()\"))  # new rows only\nop.execute(\"ALTER TABLE orders ADD CONSTRAINT orders_public_id_not_null CHECK (public_id IS NOT NULL) NOT VALID\")  # checks new rows only\n# the existing rows are filled by the next revision, outside any transaction: filled here, in this revision's transaction,\n# the add_column's ACCESS EXCLUSIVE lock would be held until the last batch commits\n\n# then a new migration, alembic/versions/ec6a35b68f4b_fill_orders_public_id.py:\nfrom alembic import op\nimport sqlalchemy as sa\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"ec6a35b68f4b\"\nrevision = NEW_REVISION_ID\ndown_revision = \"c3\"  # the revision tree's head: \"b2\" already has a child\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    with op.get_context().autocommit_block():\n        # 1000 rows a statement, each committed on its own (autocommit_block), until one updates nothing\n        while op.get_bind().execute(sa.text(\"UPDATE purchases SET public_id = gen_random_uuid() WHERE ctid IN (SELECT ctid FROM purchases WHERE public_id IS NULL LIMIT 1000)\")).rowcount:\n            pass\n\n\ndef downgrade():\n    pass\n\n# then a new migration, alembic/versions/86e0d43ec987_orders_public_id_not_null.py:\nfrom alembic import op\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"86e0d43ec987\"\nrevision = NEW_REVISION_ID\ndown_revision = \"ec6a35b68f4b\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    op.execute(\"ALTER TABLE purchases VALIDATE CONSTRAINT orders_public_id_not_null\")  # reads the rows without blocking writes\n    op.alter_column(\"purchases\", \"public_id\", nullable=False)  # no scan: the validated CHECK proves it\n    op.execute(\"ALTER TABLE purchases DROP CONSTRAINT orders_public_id_not_null\")\n\n\ndef downgrade():\n    pass"],
    },
    {
      framework: "alembic",
      name: "a later revision drops the table: no revision fills the column or sets it NOT NULL, and the fix says why",
      path: "alembic/versions/b2_public_id.py",
      code: PUBLIC_ID_B2,
      files: LATER_REVISION_FILES('op.drop_table("orders")'),
      lines: [9],
      fixes: ["op.add_column(\"orders\", sa.Column(\"public_id\", sa.UUID(), nullable=True))  # instant: no default yet\nop.alter_column(\"orders\", \"public_id\", server_default=sa.text(\"gen_random_uuid()\"))  # new rows only\nop.execute(\"ALTER TABLE orders ADD CONSTRAINT orders_public_id_not_null CHECK (public_id IS NOT NULL) NOT VALID\")  # checks new rows only\n# the existing rows are filled by the next revision, outside any transaction: filled here, in this revision's transaction,\n# the add_column's ACCESS EXCLUSIVE lock would be held until the last batch commits\n# no migration fills it or sets it NOT NULL: later, alembic/versions/c3_later.py:8 drops table orders, and public_id with it, so it is not there at the head of the history, where a new migration would run"],
    },
    {
      framework: "alembic",
      name: "server_default=sa.text(\"gen_random_uuid()\") on a NOT NULL column (warehouse's 5ff0c99c94): added empty with a NOT VALID check, filled by a revision of its own in autocommit_block (in the revision's transaction the add_column's lock would last the whole fill), then NOT NULL through the validated check",
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
        "op.add_column(\n    \"orders\",\n    sa.Column(\"public_id\", sa.UUID(), nullable=True),\n)  # instant: no default yet\nop.alter_column(\"orders\", \"public_id\", server_default=sa.text(\"gen_random_uuid()\"))  # new rows only\nop.execute(\"ALTER TABLE orders ADD CONSTRAINT orders_public_id_not_null CHECK (public_id IS NOT NULL) NOT VALID\")  # checks new rows only\n# the existing rows are filled by the next revision, outside any transaction: filled here, in this revision's transaction,\n# the add_column's ACCESS EXCLUSIVE lock would be held until the last batch commits\n\n# then a new migration, alembic/versions/451fd6a8bd1d_fill_orders_public_id.py:\nfrom alembic import op\nimport sqlalchemy as sa\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"451fd6a8bd1d\"\nrevision = NEW_REVISION_ID\ndown_revision = \"b2\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    with op.get_context().autocommit_block():\n        # 1000 rows a statement, each committed on its own (autocommit_block), until one updates nothing\n        while op.get_bind().execute(sa.text(\"UPDATE orders SET public_id = gen_random_uuid() WHERE ctid IN (SELECT ctid FROM orders WHERE public_id IS NULL LIMIT 1000)\")).rowcount:\n            pass\n\n\ndef downgrade():\n    pass\n\n# then a new migration, alembic/versions/b269390087be_orders_public_id_not_null.py:\nfrom alembic import op\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"b269390087be\"\nrevision = NEW_REVISION_ID\ndown_revision = \"451fd6a8bd1d\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    op.execute(\"ALTER TABLE orders VALIDATE CONSTRAINT orders_public_id_not_null\")  # reads the rows without blocking writes\n    op.alter_column(\"orders\", \"public_id\", nullable=False)  # no scan: the validated CHECK proves it\n    op.execute(\"ALTER TABLE orders DROP CONSTRAINT orders_public_id_not_null\")\n\n\ndef downgrade():\n    pass",
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
        "op.add_column(\"orders\", sa.Column(\"token\", sa.String(36), nullable=True, comment=\"api token\"))  # instant: no default yet\nop.alter_column(\"orders\", \"token\", server_default=sa.text(\"md5(random()::text)\"))  # new rows only\nop.execute(\"ALTER TABLE orders ADD CONSTRAINT orders_token_not_null CHECK (token IS NOT NULL) NOT VALID\")  # checks new rows only\n# the existing rows are filled by the next revision, outside any transaction: filled here, in this revision's transaction,\n# the add_column's ACCESS EXCLUSIVE lock would be held until the last batch commits\n\n# then a new migration, alembic/versions/b17cbc4cd853_fill_orders_token.py:\nfrom alembic import op\nimport sqlalchemy as sa\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"b17cbc4cd853\"\nrevision = NEW_REVISION_ID\ndown_revision = \"b2\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    with op.get_context().autocommit_block():\n        # 1000 rows a statement, each committed on its own (autocommit_block), until one updates nothing\n        while op.get_bind().execute(sa.text(\"UPDATE orders SET token = md5(random()::text) WHERE ctid IN (SELECT ctid FROM orders WHERE token IS NULL LIMIT 1000)\")).rowcount:\n            pass\n\n\ndef downgrade():\n    pass\n\n# then a new migration, alembic/versions/2160e322e507_orders_token_not_null.py:\nfrom alembic import op\n\n# a new id for this revision: any string unique among the revisions (`alembic revision` makes one)\nNEW_REVISION_ID = \"2160e322e507\"\nrevision = NEW_REVISION_ID\ndown_revision = \"b17cbc4cd853\"\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    op.execute(\"ALTER TABLE orders VALIDATE CONSTRAINT orders_token_not_null\")  # reads the rows without blocking writes\n    op.alter_column(\"orders\", \"token\", nullable=False)  # no scan: the validated CHECK proves it\n    op.execute(\"ALTER TABLE orders DROP CONSTRAINT orders_token_not_null\")\n\n\ndef downgrade():\n    pass",
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
