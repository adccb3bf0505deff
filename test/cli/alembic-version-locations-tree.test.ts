/**
 * One Alembic revision named alone whose revision tree spans the folders alembic.ini's version_locations lists
 * (`%(here)s/model/versions %(here)s/billing/versions`): Alembic reads them as one graph, so the named revision's
 * parent and its child may be in the other location. They are read as context (never reported), and the fix's new
 * revisions hang off the graph's head in the other folder, as a lint of the whole repository hangs them; a folder the
 * ini does not list is no part of the tree.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";
import { checkFixSyntax, loadFixParsers } from "../../src/engine/testing/fix-syntax.js";

await loadFixParsers();

const revision = (id: string, down: string, upgrade: string) =>
  `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${down}\n\n\ndef upgrade():\n${upgrade}\n\n\ndef downgrade():\n    pass\n`;

const FILES = (locations: string) => ({
  "alembic.ini": `[alembic]\nscript_location = alembic\nversion_locations = ${locations}\n\n[loggers]\nkeys = root\n`,
  "alembic/env.py": "from alembic import context\n\ncontext.configure()\n",
  "alembic/script.py.mako": "",
  "model/versions/a1_jobs.py": revision("a1", "None", '    op.create_table("jobs", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("runner_timestamp", sa.Integer()))'),
  // a1's child, in the billing location: the revision linted alone
  "billing/versions/b2_bigint.py": revision(
    "b2",
    '"a1"',
    `    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.alter_column("runner_timestamp", existing_type=sa.INTEGER(), type_=sa.BigInteger(), existing_nullable=True)`,
  ),
  // b2's child, back in the model location: the head
  "model/versions/c3_runs.py": revision("c3", '"b2"', '    op.create_table("runs", sa.Column("id", sa.Integer(), primary_key=True))'),
});

type Finding = { rule: string; path: string; line: number; fix: string };
const lint = async (locations: string, path: string) => {
  const cwd = fileTree(FILES(locations), "migguard-alembic-locations-");
  return (JSON.parse((await run(["lint", "--format", "json", path], { cwd })).output) as { findings: Finding[] }).findings;
};

describe("an Alembic revision linted alone, with the other version_locations of its alembic.ini as its revision tree", () => {
  it("hangs the fix's new revisions off the head in the other location, as the lint of the repository does", async () => {
    const locations = "%(here)s/model/versions %(here)s/billing/versions";
    const alone = await lint(locations, "billing/versions/b2_bigint.py");
    // findings only for the file asked for
    expect(new Set(alone.map((f) => f.path))).toEqual(new Set(["billing/versions/b2_bigint.py"]));
    const retype = alone.find((f) => f.rule === "column-type-change")!;
    expect(retype.fix).toContain('down_revision = "c3"');
    expect(retype.fix).not.toContain('down_revision = "b2"');
    expect(retype.fix).toMatch(/# then a new migration, model\/versions\/\w+_fill_jobs_runner_timestamp_new\.py:/);
    expect(checkFixSyntax("python", retype.fix)).toEqual({ ok: true });

    const whole = await lint(locations, ".");
    expect(whole.find((f) => f.rule === "column-type-change" && f.path === "billing/versions/b2_bigint.py")!.fix).toBe(retype.fix);
  });

  it("reads no folder the ini does not list with the revision's own: the fix follows the revision itself", async () => {
    const retype = (await lint("%(here)s/billing/versions", "billing/versions/b2_bigint.py")).find((f) => f.rule === "column-type-change")!;
    expect(retype.fix).toContain('down_revision = "b2"');
    expect(retype.fix).not.toContain('down_revision = "c3"');
  });
});
