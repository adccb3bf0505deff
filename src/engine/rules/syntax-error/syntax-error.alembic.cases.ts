import { defineCases } from "../support/rule.js";

/** The engine's own finding for Alembic: Python's grammar (tree-sitter). */
export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "an unclosed parenthesis",
      code: 'from alembic import op\nimport sqlalchemy as sa\n\nrevision = "b2"\ndown_revision = "a1"\n\n\ndef upgrade():\n    op.add_column("users", sa.Column("phone", sa.Text())\n\n\ndef downgrade():\n    op.drop_column("users", "phone")\n',
      lines: [9],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "the same migration, well formed",
      code: 'from alembic import op\nimport sqlalchemy as sa\n\nrevision = "b2"\ndown_revision = "a1"\n\n\ndef upgrade():\n    op.add_column("users", sa.Column("phone", sa.Text()))\n\n\ndef downgrade():\n    op.drop_column("users", "phone")\n',
    },
  ],
});
