/**
 * README "code that still uses what is dropped", through `migguard lint` on plain SQL beside Go (concourse's
 * resource_types.version): YAML pipeline fixtures and JSON test data that carry a `version:` key are data, not code
 * that reads the column, so they neither keep the data-loss error nor show up as where the column is still named.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "migguard-non-code-"));
  mkdirSync(join(root, ".git"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const MIGRATIONS = {
  "atc/db/migration/migrations/1510000000_create_resource_types.up.sql": "CREATE TABLE resource_types (id serial PRIMARY KEY, name text NOT NULL, version text);\n",
  "atc/db/migration/migrations/1510000000_create_resource_types.down.sql": "DROP TABLE resource_types;\n",
  "atc/db/migration/migrations/1537546150_global_resource_version_history.up.sql": "ALTER TABLE resource_types DROP COLUMN version;\n",
  "atc/db/migration/migrations/1537546150_global_resource_version_history.down.sql": "ALTER TABLE resource_types ADD COLUMN version text;\n",
  "fly/integration/fixtures/format-input.yml": "resource_types:\n- name: custom\n  type: registry-image\n  version: every\n",
  "testflight/fixtures/nested-config-test.yml": "resource_types:\n- name: nested\n  source: {repository: x}\n  version: {ref: abc}\n",
};

async function dropColumn(files: Record<string, string>) {
  const root = repo({ ...MIGRATIONS, ...files });
  const result = await run(["lint", "--format", "json", "atc/db/migration/migrations/1537546150_global_resource_version_history.up.sql"], { cwd: root });
  return (JSON.parse(result.output) as { findings: Array<{ rule: string; severity: string; message: string }> }).findings.find((f) => f.rule === "drop-column")!;
}

describe("migguard lint: usage evidence comes from code, not YAML fixtures", () => {
  it("Go that reads resource_types without version, and YAML fixtures with version: keys: the planned last step, a note", async () => {
    const drop = await dropColumn({ "atc/db/resource_types.go": 'package db\n\nconst q = "SELECT id, name FROM resource_types"\n' });
    expect(drop.severity).toBe("info");
    expect(drop.message).not.toContain(".yml");
  });

  it("Go that selects the column keeps the error, naming the Go file and none of the fixtures", async () => {
    const drop = await dropColumn({ "atc/db/resource_types.go": 'package db\n\nconst q = "SELECT version FROM resource_types WHERE id = $1"\n' });
    expect(drop.severity).toBe("error");
    expect(drop.message).toContain("Application code still names version: atc/db/resource_types.go:3.");
  });
});
