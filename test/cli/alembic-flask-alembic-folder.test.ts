/**
 * Flask-Alembic keeps its revisions directly in a package folder (getsentry/zeus: zeus/migrations/*.py, no
 * versions/ folder, no env.py), which no path marks as Alembic's. Named on the command line, or in a folder named
 * there, a module whose grammar shows module-level `revision =` and `down_revision =` and a `def upgrade` is
 * analysed as a revision; before, none of zeus's 68 revisions was, even with the folder named. A module of the
 * folder that only mentions them (a docstring) is not one.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const revision = (id: string, down: string, upgrade: string, downgrade = "    pass") =>
  `"""${id}\n\nRevision ID: ${id}\n"""\nfrom alembic import op\nimport sqlalchemy as sa\n\n\n# revision identifiers, used by Alembic.\nrevision = "${id}"\ndown_revision = ${down}\nbranch_labels = ()\ndepends_on = None\n\n\ndef upgrade():\n${upgrade}\n\n\ndef downgrade():\n${downgrade}\n`;

const FILES = {
  "zeus/migrations/script.py.mako": '"""${message}"""\nrevision = ${repr(up_revision)}\n',
  "zeus/migrations/f8851082b9d9_initial.py": revision("f8851082b9d9", "None", '    op.create_table("repository_access", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("repository_id", sa.Integer()))\n    op.create_index("ix_repository_access_repository_id", "repository_access", ["repository_id"])', '    op.drop_table("repository_access")'),
  "zeus/migrations/059fd6da96ee_cleanup_repo_access.py": revision(
    "059fd6da96ee",
    '"f8851082b9d9"',
    '    op.drop_index("ix_repository_access_repository_id", table_name="repository_access")',
    '    op.create_index("ix_repository_access_repository_id", "repository_access", ["repository_id"])',
  ),
  // names them in a docstring only: no revision
  "zeus/migrations/notes.py": '"""How to write one:\n\nrevision = "abc"\ndown_revision = None\n\ndef upgrade():\n    op.drop_index("x")\n"""\n',
};

type Finding = { rule: string; path: string };
const lint = async (args: string[]) => {
  const cwd = fileTree(FILES, "migguard-flask-alembic-");
  const result = await run(["lint", "--format", "json", ...args], { cwd });
  return JSON.parse(result.output) as { findings: Finding[]; errors?: Array<{ path: string }> };
};

describe("Flask-Alembic revisions directly in a named folder (zeus/migrations)", () => {
  it("the folder named: its revisions are analysed, a module that only mentions them is not", async () => {
    const { findings } = await lint(["zeus/migrations"]);
    expect(findings.filter((f) => f.rule === "drop-index-without-concurrently").map((f) => f.path)).toEqual(["zeus/migrations/059fd6da96ee_cleanup_repo_access.py"]);
    expect(findings.some((f) => f.path === "zeus/migrations/notes.py")).toBe(false);
  });

  it("a revision named alone is analysed as one", async () => {
    const { findings } = await lint(["zeus/migrations/059fd6da96ee_cleanup_repo_access.py"]);
    expect(findings.map((f) => f.rule)).toContain("drop-index-without-concurrently");
  });
});
