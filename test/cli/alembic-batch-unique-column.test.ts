/**
 * A batch's add_column(sa.Column(..., unique=True)) through `migguard lint` (tracim 8a9d929b44b9): the fix builds
 * the index on the batch's table (never the sa.Column expression as the table, which does not run), after the with
 * block (the batch adds the column when the block exits), and, where the project also runs on MySQL and SQLite,
 * keeps the column as written there.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";
import { checkFixSyntax, loadFixParsers } from "../../src/engine/testing/fix-syntax.js";

await loadFixParsers();

const REVISION = `from alembic import op
import sqlalchemy as sa

revision = "8a9d929b44b9"
down_revision = "f4d030ffd43e"


def upgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(
            sa.Column(
                "external_id",
                sa.VARCHAR(length=1024),
                nullable=True,
                unique=True,
            )
        )


def downgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("external_id")
`;

/** the project's env.py branches on the dialect: it runs on MySQL and SQLite too */
const ENV = `from alembic import context


def run_migrations_online(connection):
    context.configure(connection=connection, render_as_batch=connection.dialect.name in ("mysql", "sqlite"))
    with context.begin_transaction():
        context.run_migrations()
`;

type Finding = { rule: string; line: number; fix: string; message: string };
const lint = async (files: Record<string, string>) => {
  const cwd = fileTree(files, "migguard-batch-unique-");
  return (JSON.parse((await run(["lint", "--format", "json", "migrations/versions"], { cwd })).output) as { findings: Finding[] }).findings.filter(
    (f) => f.rule === "unique-constraint-without-index",
  );
};

describe("a batch's add_column with a unique Column", () => {
  it("PostgreSQL: the index on the batch's table, after the with block", async () => {
    const [finding, ...rest] = await lint({ "migrations/versions/8a9d929b44b9_add_external_id.py": REVISION });
    expect(rest).toEqual([]);
    expect(finding.line).toBe(10);
    expect(finding.fix).toContain('op.create_index("users_external_id_key", "users", ["external_id"], unique=True, postgresql_concurrently=True)');
    expect(finding.fix).not.toMatch(/create_index\([^)]*sa\.Column/);
    // the block is written out whole, the index after it (at the margin, not in the block)
    expect(finding.fix).toMatch(/^with op\.batch_alter_table\("users"\) as batch_op:\n {4}batch_op\.add_column\(/m);
    expect(finding.fix).toMatch(/^with op\.get_context\(\)\.autocommit_block\(\):$/m);
    expect(checkFixSyntax("python", finding.fix)).toEqual({ ok: true });
  });

  it("also MySQL and SQLite: the column as written there, its UNIQUE kept", async () => {
    const [finding] = await lint({ "migrations/versions/8a9d929b44b9_add_external_id.py": REVISION, "migrations/env.py": ENV });
    expect(finding.message).toContain("the project also runs on MySQL and SQLite");
    expect(finding.fix).toContain('    else:\n        batch_op.add_column(\n            sa.Column(\n                "external_id",\n                sa.VARCHAR(length=1024),\n                nullable=True,\n                unique=True,\n            )\n        )');
    expect(finding.fix).toContain('if op.get_bind().dialect.name == "postgresql":\n    with op.get_context().autocommit_block():\n        op.create_index("users_external_id_key", "users"');
    expect(checkFixSyntax("python", finding.fix)).toEqual({ ok: true });
  });
});
