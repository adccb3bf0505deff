/**
 * README "down-does-not-undo-up", through `migguard lint` on golang-migrate SQL (neosync 20240131192903): an up that
 * adds columns IF NOT EXISTS to a table whose creation and every later change the folder shows (a column dropped in
 * between) adds columns that were not there, so a down that drops only one of them leaves the other: drift. The
 * message says why rightly: running the up again does not fail (IF NOT EXISTS skips it), the leftover stays.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "migguard-add-column-ine-"));
  mkdirSync(join(root, ".git"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const SCHEMA = "backend/sql/postgresql/schema";

it("migguard lint: the column the down forgets is reported, and the message does not claim the next up fails", async () => {
  const root = repo({
    [`${SCHEMA}/20230821204023_jobs.up.sql`]: "CREATE TABLE IF NOT EXISTS neosync_api.jobs (id uuid PRIMARY KEY, name varchar NOT NULL, connection_source_id uuid);\n",
    [`${SCHEMA}/20230821204023_jobs.down.sql`]: "DROP TABLE IF EXISTS neosync_api.jobs;\n",
    [`${SCHEMA}/20231208181652_remove-job-sourceconnectionid.up.sql`]: "ALTER TABLE neosync_api.jobs\nDROP COLUMN IF EXISTS connection_source_id;\n",
    [`${SCHEMA}/20231208181652_remove-job-sourceconnectionid.down.sql`]: "ALTER TABLE neosync_api.jobs ADD COLUMN connection_source_id uuid;\n",
    [`${SCHEMA}/20240131192903_job-timeouts.up.sql`]:
      "ALTER TABLE neosync_api.jobs\nADD COLUMN IF NOT EXISTS workflow_options jsonb NOT NULL DEFAULT '{}'::jsonb,\nADD COLUMN IF NOT EXISTS sync_options jsonb NOT NULL DEFAULT '{}'::jsonb;\n",
    [`${SCHEMA}/20240131192903_job-timeouts.down.sql`]: "ALTER TABLE neosync_api.jobs\nDROP COLUMN IF EXISTS sync_options;\n",
  });
  const result = await run(["lint", "--format", "json", SCHEMA], { cwd: root });
  const findings = (JSON.parse(result.output) as { findings: Array<{ rule: string; path: string; message: string; fix: string }> }).findings.filter((f) => f.rule === "down-does-not-undo-up");
  expect(findings.map((f) => f.path)).toEqual([`${SCHEMA}/20240131192903_job-timeouts.up.sql`]);
  expect(findings[0].message).toContain("does not undo column neosync_api.jobs.workflow_options");
  expect(findings[0].message).toContain("running the up again does not fail (IF NOT EXISTS skips it)");
  expect(findings[0].message).not.toContain('fails on "already exists"');
  expect(findings[0].fix).toBe("-- add to the down migration:\nALTER TABLE neosync_api.jobs DROP COLUMN workflow_options;");
});
