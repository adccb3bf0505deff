/**
 * A downgrade whose op.create_table re-creates the dropped indexes through `sa.Column(..., index=True)`, through
 * `migguard lint`: Alembic's create_table emits CREATE INDEX for them, named by env.py's naming convention
 * (ix_<table>_<column> by default). env.py takes its target_metadata from a package kept in the repository's `src/`
 * (the src layout: circulation's `from palace.manager.sqlalchemy.model.base import Base`), so the convention is
 * read there; a package that cannot be found leaves the names unknown and nothing is said of them.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const ENV = `from alembic import context

from shop.model.base import Base

target_metadata = Base.metadata


def run_migrations_online():
    context.configure(connection=None, target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
`;

const revision = (status: string) => `import sqlalchemy as sa
from alembic import op
from sqlalchemy import Integer, Unicode

revision = "b2"
down_revision = None


def upgrade():
    op.drop_index(op.f("ix_records_exception"), table_name="records")
    op.drop_index(op.f("ix_records_status"), table_name="records")
    op.drop_table("records")


def downgrade():
    op.create_table(
        "records",
        sa.Column("id", Integer, nullable=False, primary_key=True),
        sa.Column("exception", Unicode, index=True),
${status}
    )
`;

const lint = async (files: Record<string, string>, status: string) => {
  const root = new Repo()
    .write({ "alembic.ini": "[alembic]\nscript_location = alembic\n", "alembic/env.py": ENV, "alembic/versions/b2_drop_records.py": revision(status), ...files })
    .commit("app").root;
  return (JSON.parse((await run(["lint", "--format", "json", "alembic/versions"], { cwd: root })).output) as { findings: Array<{ rule: string; message: string }> }).findings;
};

const SRC_BASE = { "src/shop/__init__.py": "", "src/shop/model/__init__.py": "", "src/shop/model/base.py": "from sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n" };

describe("Alembic create_table Column(index=True) in a downgrade, env.py's metadata in src/", () => {
  it("re-creates the dropped indexes under SQLAlchemy's default names: nothing is missing", async () => {
    const findings = await lint(SRC_BASE, '        sa.Column("status", sa.String(20), index=True),');
    expect(findings.filter((f) => f.rule === "down-does-not-restore")).toEqual([]);
  });

  it("a column written without index=True leaves its index missing, by its conventional name", async () => {
    const findings = await lint(SRC_BASE, '        sa.Column("status", sa.String(20)),');
    const missing = findings.filter((f) => f.rule === "down-does-not-restore");
    expect(missing.map((f) => f.message)).toEqual([expect.stringContaining("index ix_records_status")]);
  });

  it("with the metadata's package not in the repository the index names are unknown: no guess that they are missing", async () => {
    const findings = await lint({}, '        sa.Column("status", sa.String(20), index=True),');
    expect(findings.filter((f) => f.rule === "down-does-not-restore")).toEqual([]);
  });
});
