import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
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
