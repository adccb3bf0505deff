/**
 * Deliberate no-op downs through `migguard lint` (README: empty-down): a down left empty with a comment that says
 * why is a note quoting that comment; an empty down without one keeps its error.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-deliberate-down-");

type Finding = { path: string; rule: string; severity: string; message: string; fix: string };
const lint = async (cwd: string, ...paths: string[]) => (JSON.parse((await run(["lint", "--format", "json", ...paths], { cwd })).output) as { findings: Finding[] }).findings;

const revision = (downgrade: string) =>
  `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "b7c1"\ndown_revision = None\n\n\ndef upgrade():\n    op.add_column("customers", sa.Column("search_tokens", sa.Text(), nullable=True))\n\n\ndef downgrade():\n${downgrade}`;

describe("deliberate no-op downs", () => {
  it("an Alembic downgrade that says why it is empty is a note quoting the reason; a bare pass stays an error", async () => {
    const root = repo({
      "alembic/versions/b7c1_tokens.py": revision("    # No downgrade: the previous release reads search_tokens too,\n    # so the column stays on rollback.\n    pass\n"),
      "alembic/versions/c8d2_tokens.py": revision("    pass\n").replace('revision = "b7c1"', 'revision = "c8d2"'),
    });
    const findings = (await lint(root, "alembic/versions")).filter((f) => f.rule === "empty-down");
    const deliberate = findings.find((f) => f.path.endsWith("b7c1_tokens.py"))!;
    expect(deliberate.severity).toBe("info");
    expect(deliberate.message).toContain('"No downgrade: the previous release reads search_tokens too, so the column stays on rollback."');
    expect(deliberate.fix).not.toContain("drop_column");
    expect(findings.find((f) => f.path.endsWith("c8d2_tokens.py"))!.severity).toBe("error");
  });
});
