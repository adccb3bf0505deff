/**
 * require-lock-timeout's fix through `migguard lint`: a golang-migrate file is one query, one transaction once it holds
 * two statements, so the fix is SET LOCAL, which ends with it: run the way the runner sends it (one multi-statement
 * query, in PGlite), the setting holds for the ALTER and is gone from the connection afterwards. A plain SET would
 * stay on a connection concourse's migrator hands back to the application's pool. Outside a transaction (plain SQL)
 * the fix is a plain SET first and RESET last.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";
import { PGlite } from "@electric-sql/pglite";

async function lockTimeoutFix(files: Record<string, string>, path: string): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), "migguard-lock-timeout-"));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), content);
  }
  const result = await run(["lint", "--format", "json", path], { cwd: root });
  return (JSON.parse(result.output) as { findings: Array<{ rule: string; fix: string }> }).findings.find((f) => f.rule === "require-lock-timeout")!.fix;
}

// PGlite itself, not migguard's executor: the file goes out as one simple-protocol query, as golang-migrate sends it
let db: PGlite;
beforeAll(async () => {
  db = await PGlite.create();
}, 120_000);
afterAll(() => db.close());

describe("migguard lint: a lock_timeout that does not outlive the migration", () => {
  it("golang-migrate: SET LOCAL, which holds for the file's one query and leaves the connection as it was", async () => {
    const up = "ALTER TABLE resources ADD COLUMN api_pinned_version jsonb;\n";
    const fix = await lockTimeoutFix(
      {
        "atc/db/migration/migrations/1530000000_create_resources.up.sql": "CREATE TABLE resources (id serial PRIMARY KEY, name text);\n",
        "atc/db/migration/migrations/1530000000_create_resources.down.sql": "DROP TABLE resources;\n",
        "atc/db/migration/migrations/1538408345_add_api_pinned_version_to_resources.up.sql": up,
      },
      "atc/db/migration/migrations/1538408345_add_api_pinned_version_to_resources.up.sql",
    );
    expect(fix.startsWith("SET LOCAL lock_timeout = '5s';")).toBe(true);
    await db.exec("CREATE TABLE resources (id serial PRIMARY KEY, name text)");
    // the file as golang-migrate sends it: the fix's statement, then the migration, in one query
    const results = await db.exec(`${fix}\n${up}SELECT current_setting('lock_timeout') AS inside;`);
    expect(results[results.length - 1].rows).toEqual([{ inside: "5s" }]);
    expect((await db.query("SELECT current_setting('lock_timeout') AS after")).rows).toEqual([{ after: "0" }]);
  }, 120_000);

  it("plain SQL outside a transaction: a plain SET first and RESET last", async () => {
    const fix = await lockTimeoutFix(
      { "db/migrations/001_orders.sql": "CREATE TABLE orders (id bigint PRIMARY KEY);\n", "db/migrations/002_note.sql": "ALTER TABLE orders ADD COLUMN note text;\n" },
      "db/migrations/002_note.sql",
    );
    expect(fix).toContain("SET lock_timeout = '5s';  -- first statement of the migration");
    expect(fix).toContain("RESET lock_timeout;  -- last statement of the migration");
  });
});
