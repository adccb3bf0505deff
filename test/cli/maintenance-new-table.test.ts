/**
 * table-rewrite-maintenance through `migguard lint` on a golang-migrate folder (midaz's ledger migrations, audit 54):
 * a REINDEX right after the CREATE INDEX on a table the same file created runs on an empty table no deployed code
 * reads, so nothing waits on its lock and there is no finding; the same REINDEX in a later migration is one.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "migguard-maintenance-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const createSegment = [
  "CREATE TABLE IF NOT EXISTS segment",
  "(",
  "    id         UUID PRIMARY KEY NOT NULL,",
  "    created_at TIMESTAMP WITH TIME ZONE NOT NULL",
  ");",
  "",
  "CREATE INDEX idx_segment_created_at ON segment (created_at);",
  "REINDEX INDEX idx_segment_created_at;",
  "",
].join("\n");

describe("migguard lint: REINDEX on a table the migration created (golang-migrate)", () => {
  it("reports nothing in the creating file and the REINDEX of a later migration", async () => {
    const root = tree({
      "migrations/000001_create_segment_table.up.sql": createSegment,
      "migrations/000001_create_segment_table.down.sql": "DROP TABLE IF EXISTS segment;\n",
      "migrations/000002_reindex_segment.up.sql": "REINDEX INDEX idx_segment_created_at;\n",
      "migrations/000002_reindex_segment.down.sql": "SELECT 1;\n",
    });
    const result = await run(["lint", "--format", "json", "migrations"], { cwd: root });
    const findings = (JSON.parse(result.output) as { findings: Array<{ rule: string; path: string; line: number; message: string }> }).findings;
    const maintenance = findings.filter((f) => f.rule === "table-rewrite-maintenance");
    expect(maintenance.map((f) => [f.path, f.line])).toEqual([["migrations/000002_reindex_segment.up.sql", 1]]);
    expect(maintenance[0].message).toContain("REINDEX idx_segment_created_at without CONCURRENTLY blocks writes");
  });
});
