/**
 * One Alembic revision named alone (`migguard lint versions/2023/b2.py`, the audit's command on dstack) is judged
 * with its revision tree, as a lint of the tree judges it: the revisions of every year's folder below versions/
 * are read as context (never reported), so a fix's new revisions hang off the tree's head (not off the named
 * revision, which already has a child: two heads), and a revision of another folder that branches on the dialect
 * makes the fix send PostgreSQL's SQL on PostgreSQL only.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";
import { checkFixSyntax, loadFixParsers } from "../../src/engine/testing/fix-syntax.js";

await loadFixParsers();

const revision = (id: string, down: string, upgrade: string) =>
  `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${down}\n\n\ndef upgrade():\n${upgrade}\n\n\ndef downgrade():\n    pass\n`;

const FILES = {
  "app/migrations/env.py": "from alembic import context\n\ncontext.configure()\n",
  "app/migrations/script.py.mako": "",
  "app/migrations/versions/2023/a1_jobs.py": revision("a1", "None", '    op.create_table("jobs", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("runner_timestamp", sa.Integer()))'),
  "app/migrations/versions/2023/b2_bigint.py": revision(
    "b2",
    '"a1"',
    `    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.alter_column("runner_timestamp", existing_type=sa.INTEGER(), type_=sa.BigInteger(), existing_nullable=True)`,
  ),
  // b2's child, in the next year's folder: the head; it branches on the dialect, so the project runs on SQLite too
  "app/migrations/versions/2024/c3_sqlite.py": revision("c3", '"b2"', '    if op.get_bind().dialect.name == "sqlite":\n        op.execute("PRAGMA foreign_keys=OFF")'),
};

type Finding = { rule: string; path: string; line: number; fix: string; message: string };
const lint = async (path: string) => {
  const cwd = fileTree(FILES, "migguard-alembic-single-");
  return (JSON.parse((await run(["lint", "--format", "json", path], { cwd })).output) as { findings: Finding[] }).findings;
};

describe("an Alembic revision linted alone, with its revision tree as context", () => {
  it("hangs the fix's new revisions off the tree's head and guards PostgreSQL's SQL, as the lint of the tree does", async () => {
    const alone = await lint("app/migrations/versions/2023/b2_bigint.py");
    // findings only for the file asked for
    expect(new Set(alone.map((f) => f.path))).toEqual(new Set(["app/migrations/versions/2023/b2_bigint.py"]));
    const retype = alone.find((f) => f.rule === "column-type-change")!;
    expect(retype.message).toContain("the project also runs on SQLite");
    expect(retype.fix).toContain('if op.get_bind().dialect.name == "postgresql":\n    op.add_column("jobs", sa.Column("runner_timestamp_new"');
    // the first new revision follows c3, the head, in the head's folder; never b2, which already has c3 as its child
    expect(retype.fix).toMatch(/# then a new migration, app\/migrations\/versions\/2024\/\w+_fill_jobs_runner_timestamp_new\.py:/);
    expect(retype.fix).toContain('down_revision = "c3"');
    expect(retype.fix).not.toContain('down_revision = "b2"');
    expect(checkFixSyntax("python", retype.fix)).toEqual({ ok: true });

    const tree = await lint("app/migrations/versions");
    expect(tree.find((f) => f.rule === "column-type-change")!.fix).toBe(retype.fix);
  });
});
