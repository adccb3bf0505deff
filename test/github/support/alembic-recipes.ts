/**
 * A small Alembic project for the App's deploy tests: a `recipe` table its first revision creates, and a second
 * revision that indexes it without CONCURRENTLY (an error under an online deploy, a notice under an offline one).
 */

/** an Alembic revision file: its id, down_revision (as Python), and the one-line bodies of upgrade() and downgrade() */
export const revision = (id: string, down: string, up: string, back: string) =>
  `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${down}\n\n\ndef upgrade():\n    ${up}\n\n\ndef downgrade():\n    ${back}\n`;

export const RECIPE_INITIAL = "alembic/versions/a1_initial.py";
/** the revision a pull request adds */
export const RECIPE_INDEX_PATH = "alembic/versions/b2_index.py";

/** the project on the base branch: its README, Alembic's files and the first revision */
export const RECIPE_PROJECT: Record<string, string> = {
  "README.md": "# App\n",
  "alembic.ini": "[alembic]\nscript_location = alembic\n",
  "alembic/env.py": "from alembic import context\n",
  [RECIPE_INITIAL]: revision("a1", "None", 'op.create_table("recipe", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("name", sa.String()))', 'op.drop_table("recipe")'),
};

export const RECIPE_INDEX = revision("b2", '"a1"', 'op.create_index("ix_recipe_name", "recipe", ["name"])', 'op.drop_index("ix_recipe_name", table_name="recipe")');
