import { defineCases } from "../support/rule.js";

/** a deploy script that pushes the code, then upgrades the database as a Cloud Foundry task (line 3) */
const CF_PUSH_THEN_MIGRATE = { "deploy.sh": "#!/bin/sh\ncf push recipes --strategy rolling\ncf run-task recipes --command 'alembic upgrade head' --name migrate\n" };

/** a revision that adds recipe.`column`, on line 9 */
const ADD = (column: string) => `from alembic import op
import sqlalchemy as sa

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("recipe", ${column})


def downgrade():
    op.drop_column("recipe", "slug")
`;

/** the application's declarative model of recipe at head, with the columns given */
const MODELS = (columns: string) => ({
  "app/models.py": `from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Recipe(Base):
    __tablename__ = "recipe"
    id = Column(Integer, primary_key=True)
${columns}`,
});

export default defineCases({
  invalid: [
    {
      framework: "alembic",
      name: "the deploy pushes the code, then upgrades; the model at head maps the NULL-able column: every query of Recipe selects it before it exists",
      code: ADD('sa.Column("slug", sa.String(length=80), nullable=True)'),
      files: { ...MODELS("    slug = Column(String(80), nullable=True)\n"), ...CF_PUSH_THEN_MIGRATE },
      lines: [9],
      severities: ["error"],
      messages: ["New code is live before this migration runs: Recipe (app/models.py) maps slug, so every query of recipe selects recipe.slug"],
      fixes: [
        [
          "# the new code is live before `alembic upgrade` runs (the deploy pushes it first): the column ships a release ahead of the model that maps it.",
          "# Release 1: this revision, with slug left out of the model:",
          'op.add_column("recipe", sa.Column("slug", sa.String(length=80), nullable=True))',
          "# Release 2: the model maps slug. Or run `alembic upgrade head` before the code is pushed, in one release",
        ].join("\n"),
      ],
    },
    {
      framework: "alembic",
      name: "a NOT NULL column without a default: added NULL-able in release 1, made NOT NULL by a revision of release 2",
      code: ADD('sa.Column("slug", sa.String(length=80), nullable=False)'),
      files: { ...MODELS("    slug = Column(String(80), nullable=False)\n"), ...CF_PUSH_THEN_MIGRATE },
      lines: [9],
      fixes: [
        [
          "# the new code is live before `alembic upgrade` runs (the deploy pushes it first): the column ships a release ahead of the model that maps it.",
          "# Release 1: this revision, with slug left out of the model (NULL-able: that release's inserts leave it out):",
          'op.add_column("recipe", sa.Column("slug", sa.String(length=80), nullable=True))',
          "# Release 2: the model maps slug, and a new revision makes it NOT NULL once every row has a value (fill the rows release 1 inserted first):",
          'op.alter_column("recipe", "slug", nullable=False)',
        ].join("\n"),
      ],
    },
  ],
  valid: [
    {
      framework: "alembic",
      name: "no deploy file says the order: the migrations are taken to run before the code",
      code: ADD('sa.Column("slug", sa.String(length=80), nullable=True)'),
      files: MODELS("    slug = Column(String(80), nullable=True)\n"),
    },
    {
      framework: "alembic",
      name: "the model at head does not map the column: nothing shows the new code reads it",
      code: ADD('sa.Column("slug", sa.String(length=80), nullable=True)'),
      files: { ...MODELS(""), ...CF_PUSH_THEN_MIGRATE },
    },
  ],
});
