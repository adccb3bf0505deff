import { defineCases } from "../support/rule.js";

const revision = (id: string, down: string | null, body: string) =>
  `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${down === null ? "None" : `"${down}"`}\n\n\ndef upgrade():\n    ${body}\n\n\ndef downgrade():\n    pass\n`;

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "op.drop_column of a column op.create_table of the revision before did not define",
      path: "alembic/versions/b2_drop_success.py",
      files: { "alembic/versions/a1_create_runs.py": revision("a1", null, 'op.create_table("runs", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("score", sa.Numeric()))') },
      code: revision("b2", "a1", 'op.drop_column("runs", "success")'),
      lines: [9],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "a create_table with a helper's columns (*timestamps()): nothing proven",
      path: "alembic/versions/b2_drop_created_at.py",
      files: { "alembic/versions/a1_create_runs.py": revision("a1", null, 'op.create_table("runs", sa.Column("id", sa.Integer(), primary_key=True), *timestamps())') },
      code: revision("b2", "a1", 'op.drop_column("runs", "created_at")'),
    },
  ],
});
