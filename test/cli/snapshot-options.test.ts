/**
 * How `lint`, `review`, `snapshot` and `drift` find and check a production snapshot, without a server:
 * `--snapshot FILE`, config `snapshot: PATH` (review reads it from the base branch, as the App does), a bad
 * or missing file, and the snapshot command's own usage errors (the password never reaches a message).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { CommandFailure, UsageError } from "../../src/cli/collect-files.js";
import { run } from "../../src/cli/main.js";
import { closeDefaultExecutor } from "../../src/execute/default-executor.js";
import { productionSnapshot } from "../../src/engine/testing/production-fixtures.js";
import { Repo } from "./support/git-repo.js";

const TABLES = { orders: { rows: 2_000_000, mb: 3_000, columns: { total: { type: "numeric" } } }, settings: { rows: 3, columns: { value: { type: "text" } } } };
const PRODUCTION = JSON.stringify(productionSnapshot(TABLES), null, 2);
const MIGRATION = "SET lock_timeout = '5s';\nCREATE INDEX orders_total_idx ON orders (total);\nCREATE INDEX settings_value_idx ON settings (value);\n";

function files(content: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "migguard-snapshot-options-"));
  for (const [path, text] of Object.entries(content)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const lint = async (root: string, args: string[]) => {
  const result = await run(["lint", "--format", "json", ...args], { cwd: root });
  return JSON.parse(result.output) as { findings: Array<{ line: number; rule: string; severity: string; message: string }>; errors: Array<{ path: string; message: string }> };
};

describe("lint", () => {
  it("reads config `snapshot` relative to the repository root, and --snapshot wins", async () => {
    const root = files({ ".github/migguard.yml": "snapshot: db/production.json\n", "db/production.json": PRODUCTION, "db/migrations/001_indexes.sql": MIGRATION });
    const body = await lint(join(root, "db"), ["migrations"]);
    expect(body.findings.map((f) => [f.line, f.severity])).toEqual([
      [2, "error"],
      [3, "info"],
    ]);
    expect(body.findings[0].message).toContain("In production orders has about 2,000,000 rows and 2.9 GB");
    writeFileSync(join(root, "other.json"), JSON.stringify(productionSnapshot({ settings: TABLES.settings })));
    const flagged = await lint(root, ["--snapshot", "other.json", "db/migrations"]);
    expect(flagged.findings.find((f) => f.line === 2)?.message).not.toContain("In production");
  });

  it("goes on without a snapshot the config names but that is missing or broken, and says so", async () => {
    const root = files({ ".github/migguard.yml": "snapshot: db/production.json\n", "db/migrations/001_indexes.sql": MIGRATION });
    const missing = await lint(root, ["db/migrations"]);
    expect(missing.errors).toEqual([{ path: "db/production.json", message: "the production snapshot named by config `snapshot` is not there: migguard ran without it" }]);
    expect(missing.findings.map((f) => f.severity)).toEqual(["error", "error"]);
    writeFileSync(join(root, "db/production.json"), JSON.stringify({ format: "migguard-snapshot/1", rows: [["alice", "+1 555 0100"]] }));
    const broken = await lint(root, ["db/migrations"]);
    expect(broken.errors[0].message).toMatch(/^db\/production\.json is not a migguard snapshot \(migguard-snapshot\/1\).*: migguard ran without it$/);
  });

  it("refuses a --snapshot it cannot use (exit status 2)", async () => {
    const root = files({ "db/migrations/001_indexes.sql": MIGRATION, "bad.json": "{}" });
    await expect(run(["lint", "--snapshot", "nope.json", "db/migrations"], { cwd: root })).rejects.toThrow(new UsageError("cannot read --snapshot nope.json: no such file"));
    await expect(run(["lint", "--snapshot", "bad.json", "db/migrations"], { cwd: root })).rejects.toThrow(/bad\.json is not a migguard snapshot \(migguard-snapshot\/1\) at format/);
  });
});

describe("review", () => {
  it("judges the change by the snapshot on the base branch, not one the change brings", async () => {
    const repo = new Repo()
      .write({ ".github/migguard.yml": "snapshot: db/production.json\n", "db/production.json": PRODUCTION, "db/migrations/000_start.sql": "SELECT 1;\n" })
      .commit("production snapshot");
    repo.git("checkout", "-q", "-b", "feature");
    // the change shrinks production's orders to look harmless: the base branch's snapshot is what counts
    repo.write({ "db/production.json": JSON.stringify(productionSnapshot({ ...TABLES, orders: { ...TABLES.orders, rows: 5, mb: 1 } }), null, 2), "db/migrations/001_indexes.sql": MIGRATION }).commit("indexes");
    const result = await run(["review", "--base", "main", "--format", "json"], { cwd: repo.root });
    const body = JSON.parse(result.output) as { findings: Array<{ path: string; line: number; severity: string; message: string }> };
    const orders = body.findings.find((f) => f.path === "db/migrations/001_indexes.sql" && f.line === 2)!;
    expect(orders.severity).toBe("error");
    expect(orders.message).toContain("In production orders has about 2,000,000 rows");
    expect(result.exitCode).toBe(1);
  });
});

describe("snapshot and drift usage", () => {
  afterAll(() => closeDefaultExecutor());

  it("needs a database URL and an output file", async () => {
    const root = files({});
    const saved = process.env.MIGGUARD_SNAPSHOT_DATABASE_URL;
    delete process.env.MIGGUARD_SNAPSHOT_DATABASE_URL;
    try {
      await expect(run(["snapshot", "--out", "p.json"], { cwd: root })).rejects.toBeInstanceOf(UsageError);
      await expect(run(["snapshot", "--database-url", "postgres://x@127.0.0.1:1/db"], { cwd: root })).rejects.toThrow("snapshot needs --out FILE");
      await expect(run(["snapshot", "--database-url", "mysql://x@127.0.0.1:1/db", "--out", "p.json"], { cwd: root })).rejects.toThrow(
        new UsageError("snapshot reads PostgreSQL only (postgres:// or postgresql:// URLs); got a mysql:// URL"),
      );
    } finally {
      if (saved !== undefined) process.env.MIGGUARD_SNAPSHOT_DATABASE_URL = saved;
    }
    await expect(run(["drift", "db/migrations"], { cwd: root })).rejects.toThrow("drift needs --snapshot FILE");
  });

  it("drift stops with the reason when the migrations do not build, rather than report differences that are not there", async () => {
    const root = files({
      "production.json": PRODUCTION,
      "db/migrations/001_orders.up.sql": "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);\n",
      "db/migrations/002_broken.up.sql": "ALTER TABLE order_lines ADD COLUMN note text;\n",
    });
    const failure = run(["drift", "--snapshot", "production.json", "db/migrations"], { cwd: root });
    await expect(failure).rejects.toBeInstanceOf(CommandFailure);
    await expect(failure).rejects.toThrow(/^drift could not build the schema the repository describes: db\/migrations\/002_broken\.up\.sql failed at db\/migrations\/002_broken\.up\.sql:1: relation "order_lines" does not exist/);
  }, 120_000);

  it("says why it cannot connect, without the password", async () => {
    const root = files({});
    const failure = run(["snapshot", "--database-url", "postgres://reader:s3cret-pw@127.0.0.1:1/app", "--out", "p.json"], { cwd: root });
    await expect(failure).rejects.toBeInstanceOf(CommandFailure);
    await expect(failure).rejects.toThrow(/^snapshot failed: cannot connect to postgres:\/\/reader@127\.0\.0\.1:1\/app: /);
    await expect(failure).rejects.not.toThrow(/s3cret/);
  });
});
