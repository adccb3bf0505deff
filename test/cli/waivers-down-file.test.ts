/**
 * README "Waivers", through `migguard lint`: a waiver on the line before a statement covers it in every layout, also
 * where the down lives in a file of its own (golang-migrate's .down.sql, whose statements number their lines from 1
 * there and once took the place of the up's first statement).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";

async function lint(files: Record<string, string>, path: string): Promise<Array<{ rule: string; line: number; path: string }>> {
  const root = mkdtempSync(join(tmpdir(), "migguard-waiver-down-file-"));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), content);
  }
  const result = await run(["lint", "--format", "json", path], { cwd: root });
  return (JSON.parse(result.output) as { findings: Array<{ rule: string; line: number; path: string }> }).findings;
}

const WAIVED = "-- migguard:ignore column-type-change reviewed with the DBA: 2,000 rows\nALTER TABLE t ALTER COLUMN a TYPE bigint;\n";

describe("a waiver before the first statement of an .up.sql with its own .down.sql", () => {
  it("golang-migrate: waives the statement after it, as in a single-file layout", async () => {
    const findings = await lint(
      {
        "db/migrations/000001_a.up.sql": "CREATE TABLE t (id int, a int);\n",
        "db/migrations/000001_a.down.sql": "DROP TABLE t;\n",
        "db/migrations/000002_x.up.sql": WAIVED,
        "db/migrations/000002_x.down.sql": "ALTER TABLE t ALTER COLUMN a TYPE int;\n",
      },
      "db/migrations",
    );
    expect(findings.filter((f) => f.rule === "column-type-change" && f.path.endsWith("000002_x.up.sql"))).toEqual([]);
  });

  it("the same statement without the waiver is reported", async () => {
    const findings = await lint(
      {
        "db/migrations/000001_a.up.sql": "CREATE TABLE t (id int, a int);\n",
        "db/migrations/000001_a.down.sql": "DROP TABLE t;\n",
        "db/migrations/000002_x.up.sql": "ALTER TABLE t ALTER COLUMN a TYPE bigint;\n",
        "db/migrations/000002_x.down.sql": "ALTER TABLE t ALTER COLUMN a TYPE int;\n",
      },
      "db/migrations",
    );
    expect(findings.filter((f) => f.rule === "column-type-change").map((f) => f.line)).toEqual([1]);
  });
});
