/**
 * Open-Assistant d24b37426857 through `migguard lint`: env.py's target_metadata is `sqlmodel.SQLModel.metadata`, the
 * MetaData of SQLModel's default registry, with no naming convention; so PostgreSQL named the key the upgrade created
 * unnamed, and the downgrade's drop_constraint(None, ...) is fixed with that name, written as code. When the models
 * env.py imports give SQLModel.metadata a naming convention, the name is not guessed.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const ENV = `import sqlmodel
from alembic import context
from oasst_backend import models  # noqa: F401

target_metadata = sqlmodel.SQLModel.metadata


def run_migrations_online():
    context.configure(connection=None, target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
`;

const MODELS = `from .work_package import WorkPackage

__all__ = ["WorkPackage"]
`;

const WORK_PACKAGE = `from sqlmodel import Field, SQLModel


class WorkPackage(SQLModel, table=True):
    __tablename__ = "work_package"
    id: int = Field(primary_key=True)
`;

const BASE = `import sqlalchemy as sa
from alembic import op

revision = "a1"
down_revision = None


def upgrade():
    op.create_table("work_package", sa.Column("id", sa.Integer, primary_key=True))
    op.create_table("post", sa.Column("id", sa.Integer, primary_key=True))
    op.create_table(
        "post_reaction",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("post_id", sa.Integer, sa.ForeignKey("post.id", name="post_reaction_post_id_fkey")),
    )


def downgrade():
    op.drop_table("post_reaction")
    op.drop_table("post")
    op.drop_table("work_package")
`;

const POST_REF = `import sqlalchemy as sa
from alembic import op

revision = "b2"
down_revision = "a1"


def upgrade():
    op.add_column("post_reaction", sa.Column("work_package_id", sa.Integer(), nullable=False))
    op.drop_constraint("post_reaction_post_id_fkey", "post_reaction", type_="foreignkey")
    op.create_foreign_key(None, "post_reaction", "work_package", ["work_package_id"], ["id"])
    op.drop_column("post_reaction", "post_id")


def downgrade():
    op.add_column("post_reaction", sa.Column("post_id", sa.Integer(), nullable=False))
    op.drop_constraint(None, "post_reaction", type_="foreignkey")
    op.create_foreign_key("post_reaction_post_id_fkey", "post_reaction", "post", ["post_id"], ["id"])
    op.drop_column("post_reaction", "work_package_id")
`;

type Finding = { rule: string; line: number; message: string; fix: string };

const lint = async (workPackage: string): Promise<Finding[]> => {
  const root = new Repo()
    .write({
      "backend/alembic.ini": "[alembic]\nscript_location = alembic\n",
      "backend/alembic/env.py": ENV,
      "backend/oasst_backend/__init__.py": "",
      "backend/oasst_backend/models/__init__.py": MODELS,
      "backend/oasst_backend/models/work_package.py": workPackage,
      "backend/alembic/versions/a1_base.py": BASE,
      "backend/alembic/versions/b2_post_ref_for_work_package.py": POST_REF,
    })
    .commit("app").root;
  const findings = (JSON.parse((await run(["lint", "--format", "json", "backend/alembic/versions"], { cwd: root })).output) as { findings: Finding[] }).findings;
  return findings.filter((f) => f.rule === "down-does-not-undo-up");
};

describe("an unnamed key under SQLModel.metadata, dropped by drop_constraint(None, ...) in the downgrade", () => {
  it("is fixed with PostgreSQL's name for it, as code", async () => {
    const findings = await lint(WORK_PACKAGE);
    expect(findings.map((f) => f.line)).toEqual([11]);
    expect(findings[0]!.message).toContain("does not undo constraint post_reaction_work_package_id_fkey");
    expect(findings[0]!.fix).toBe('# in downgrade(), line 17: name the constraint the upgrade created\nop.drop_constraint("post_reaction_work_package_id_fkey", "post_reaction", type_="foreignkey")');
  });

  it("is not given a guessed name when a module the models package imports sets SQLModel.metadata's naming convention", async () => {
    const findings = await lint(`${WORK_PACKAGE}\nSQLModel.metadata.naming_convention = {"fk": "fk_%(table_name)s_%(column_0_name)s"}\n`);
    expect(findings.map((f) => f.line)).toEqual([11]);
    expect(findings[0]!.fix).toContain("SELECT conname FROM pg_constraint");
    expect(findings[0]!.fix).not.toContain("post_reaction_work_package_id_fkey");
  });
});
