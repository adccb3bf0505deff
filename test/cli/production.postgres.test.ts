/**
 * The production snapshot end to end, against a real PostgreSQL server (Debian's binaries, started by the
 * test): three migrations applied, two hand-made changes (an extra index, a widened varchar), 50,000 users
 * (5% without a phone), 200,000 orders and one settings row, ANALYZE. Then `migguard snapshot` (the real
 * process) writes a file without any of the rows' values, `drift` reports exactly the two hand-made changes,
 * and `lint --snapshot` judges a new migration by production's sizes and NULLs.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { run } from "../../src/cli/main.js";
import { parseSnapshot, type ProductionSnapshot } from "../../src/engine/production/snapshot-file.js";
import { closeDefaultExecutor } from "../../src/execute/default-executor.js";
import { postgresBinDir, startLocalPostgres, type LocalPostgres } from "../../src/execute/testing/local-postgres.js";

const bin = postgresBinDir();
if (!bin) console.warn("production.postgres.test.ts skipped: no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (.ci/run installs the postgresql package)");
const describeIfServer = bin ? describe : describe.skip;

const MIGRATIONS: Record<string, string> = {
  "db/migrations/001_users.up.sql": "CREATE TABLE users (\n  id bigserial PRIMARY KEY,\n  email text NOT NULL,\n  phone varchar(40)\n);\n",
  "db/migrations/001_users.down.sql": "DROP TABLE users;\n",
  "db/migrations/002_orders.up.sql":
    "CREATE TABLE orders (\n  id bigserial PRIMARY KEY,\n  user_id bigint NOT NULL REFERENCES users (id),\n  note varchar(255),\n  total numeric(10, 2) NOT NULL DEFAULT 0\n);\n",
  "db/migrations/002_orders.down.sql": "DROP TABLE orders;\n",
  "db/migrations/003_settings.up.sql": "CREATE TABLE settings (\n  key text PRIMARY KEY,\n  value text NOT NULL\n);\n",
  "db/migrations/003_settings.down.sql": "DROP TABLE settings;\n",
};

/** Values the rows hold: none may reach the snapshot file. */
const ROW_VALUES = ["@example.test", "user-4242", "+1-555-", "0004242", "order note", "feature_flag_secret", "value-xyz-9f3"];

let server: LocalPostgres;
let repo: string;
/** pg_dump of production before the hand-made changes: what a Rails app keeps as db/structure.sql */
let structureSql: string;
let snapshotText: string;
let snapshot: ProductionSnapshot;

function write(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

async function sql(statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

const json = async (args: string[]) => {
  const result = await run([...args, "--format", "json"], { cwd: repo });
  return { exitCode: result.exitCode, body: JSON.parse(result.output) as { findings: Array<{ path: string; line: number; rule: string; severity: string; message: string; category: string }>; errors: unknown[] } };
};

describeIfServer("a production snapshot from a real PostgreSQL server", () => {
  beforeAll(async () => {
    server = await startLocalPostgres({ log_statement: "all", log_line_prefix: "%a:" });
    repo = mkdtempSync(join(tmpdir(), "migguard-production-"));
    write(repo, MIGRATIONS);
    // production: the three migrations as golang-migrate applies them, then two changes made by hand
    await sql([
      ...["001_users", "002_orders", "003_settings"].map((name) => MIGRATIONS[`db/migrations/${name}.up.sql`]),
      "CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)",
      "INSERT INTO schema_migrations VALUES (3, false)",
    ]);
    // as Rails dumps it (ActiveRecord runs pg_dump -s -x -O)
    structureSql = execFileSync(join(bin!, "pg_dump"), ["--schema-only", "--no-privileges", "--no-owner", server.url], { encoding: "utf8" });
    await sql([
      "CREATE INDEX users_email_lower_idx ON users (lower(email))",
      "ALTER TABLE orders ALTER COLUMN note TYPE varchar(500)",
      // rows made by the server: one user in twenty has no phone
      "INSERT INTO users (email, phone) SELECT 'user-' || i || '@example.test', CASE WHEN i % 20 = 0 THEN NULL ELSE '+1-555-' || lpad(i::text, 7, '0') END FROM generate_series(1, 50000) i",
      "INSERT INTO orders (user_id, note, total) SELECT 1 + i % 50000, 'order note ' || i, i % 1000 FROM generate_series(1, 200000) i",
      "INSERT INTO settings VALUES ('feature_flag_secret', 'value-xyz-9f3')",
      "ANALYZE",
    ]);
  }, 120_000);

  afterAll(async () => {
    await closeDefaultExecutor();
    await server?.stop();
  });

  it("snapshot (the real process) writes the schema, sizes and statistics, and none of the rows' values", () => {
    const project = join(import.meta.dirname, "..", "..");
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
    const cli = spawnSync(process.execPath, ["--import", tsx, join(project, "src", "cli", "main.ts"), "snapshot", "--out", "production.json"], {
      cwd: repo,
      encoding: "utf8",
      // the URL from the environment keeps the password out of the process list
      env: { ...process.env, MIGGUARD_SNAPSHOT_DATABASE_URL: server.url },
    });
    expect(cli.stderr.replace(/.*ExperimentalWarning.*\n|.*trace-warnings.*\n/g, "")).toBe("");
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(/^migguard: wrote production\.json: PostgreSQL \d+\.\d+.*, database postgres, 4 table\(s\), \d+ schema object\(s\)\n$/);
    snapshotText = readFileSync(join(repo, "production.json"), "utf8");
    snapshot = parseSnapshot(snapshotText);
    for (const value of ROW_VALUES) expect(snapshotText).not.toContain(value);

    const table = (name: string) => snapshot.tables.find((t) => t.name === `public.${name}`)!;
    expect([table("users").rows, table("orders").rows, table("settings").rows]).toEqual([50_000, 200_000, 1]);
    expect(table("orders").heapBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(table("orders").totalBytes).toBeGreaterThan(table("orders").heapBytes);
    const phone = table("users").columns.find((c) => c.name === "phone")!;
    expect(phone.nullFrac).toBeGreaterThan(0.04);
    expect(phone.nullFrac).toBeLessThan(0.06);
    expect(table("users").lastAnalyze).not.toBeNull();
    expect(snapshot.schema).toContainEqual({ kind: "index", name: "public.users_email_lower_idx", parent: "public.users", definition: "CREATE INDEX users_email_lower_idx ON public.users USING btree (lower(email))" });
  });

  it("read only the catalogs and statistics: read-only session, no table read, no value column of pg_stats", () => {
    const sent = readFileSync(server.logPath, "utf8")
      .split("\n")
      .filter((line) => line.startsWith("migguard snapshot:") && line.includes("statement: "))
      .map((line) => line.slice(line.indexOf("statement: ") + "statement: ".length));
    expect(sent.slice(0, 3)).toEqual(["SET default_transaction_read_only = on", "SET statement_timeout = 30000", "SET lock_timeout = 1000"]);
    expect(sent.length).toBeGreaterThan(3);
    const rest = sent.slice(3).join("\n");
    expect(rest).not.toMatch(/most_common|histogram|correlation|elem/i);
    expect(rest).not.toMatch(/\b(?:FROM|JOIN)\s+(?:public\.)?(?:users|orders|settings)\b/i);
    expect(rest).not.toMatch(/\b(?:INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|TRUNCATE|COPY|BEGIN)\b/);
  });

  it("drift reports exactly the two changes made by hand, naming both sides, and fails like lint", async () => {
    const { exitCode, body } = await json(["drift", "--snapshot", "production.json", "db/migrations"]);
    expect(exitCode).toBe(1);
    expect(body.findings.map((f) => [f.path, f.rule, f.category, f.severity, f.message])).toEqual([
      ["db/migrations/002_orders.up.sql", "schema-drift", "drift", "error", "orders.note is character varying(500) in production, character varying(255) in the migrations."],
      ["production.json", "schema-drift", "drift", "error", "index users_email_lower_idx exists in production but no migration creates it."],
    ]);
    // the finding on production's index points at it in the snapshot file
    const line = body.findings[1].line;
    expect(snapshotText.split("\n")[line - 1]).toContain('"name": "public.users_email_lower_idx"');
  });

  it("drift compares a Rails app by its db/structure.sql when its migrations are Ruby", async () => {
    write(repo, {
      "rails/db/migrate/20240101000000_create_users.rb":
        "class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users do |t|\n      t.text :email, null: false\n      t.string :phone, limit: 40\n    end\n  end\nend\n",
      "rails/db/structure.sql": structureSql,
    });
    const { exitCode, body } = await json(["drift", "--snapshot", "production.json", "rails/db"]);
    expect(exitCode).toBe(1);
    expect(body.findings.map((f) => f.message)).toEqual([
      "orders.note is character varying(500) in production, character varying(255) in the migrations.",
      "index users_email_lower_idx exists in production but no migration creates it.",
    ]);
    const text = await run(["drift", "--snapshot", "production.json", "rails/db"], { cwd: repo });
    expect(text.output).toMatch(/drift: built the schema from rails\/db\/structure\.sql in PGlite \(PostgreSQL [\d.]+\); compared with the snapshot of \d{4}-\d\d-\d\d \(PostgreSQL 15\.\d+, database postgres\): 2 difference\(s\)\n$/);
  });

  it("drift compares a Rails app by its db/schema.rb through the Rails adapter: tables, columns and indexes", async () => {
    write(repo, {
      "rails-rb/db/migrate/20240101000000_create_users.rb":
        "class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users do |t|\n      t.text :email, null: false\n    end\n  end\nend\n",
      "rails-rb/db/schema.rb": `ActiveRecord::Schema[7.1].define(version: 2024_01_03_000000) do
  create_table "orders", force: :cascade do |t|
    t.bigint "user_id", null: false
    t.string "note", limit: 255
    t.decimal "total", precision: 10, scale: 2, default: "0.0", null: false
  end

  create_table "settings", primary_key: "key", id: :text, force: :cascade do |t|
    t.text "value", null: false
  end

  create_table "users", force: :cascade do |t|
    t.text "email", null: false
    t.string "phone", limit: 40
  end

  add_foreign_key "orders", "users"
end
`,
    });
    const { exitCode, body } = await json(["drift", "--snapshot", "production.json", "rails-rb/db"]);
    expect(exitCode).toBe(1);
    expect(body.findings.map((f) => [f.path, f.line, f.message])).toEqual([
      ["production.json", expect.any(Number), "index users_email_lower_idx exists in production but no migration creates it."],
      ["rails-rb/db/schema.rb", 2, "orders.note is varchar(500) in production, varchar(255) in the migrations."],
    ]);
  });

  it("drift compares a Django app by its migrations through the Django adapter: tables and columns", async () => {
    write(repo, {
      "django/shop/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="User",
            fields=[("id", models.BigAutoField(primary_key=True)), ("email", models.TextField()), ("phone", models.CharField(max_length=40, null=True))],
            options={"db_table": "users"},
        ),
        migrations.CreateModel(
            name="Order",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("user", models.ForeignKey(on_delete=models.CASCADE, to="shop.user")),
                ("note", models.CharField(max_length=255, null=True)),
                ("total", models.DecimalField(max_digits=10, decimal_places=2, default=0)),
            ],
            options={"db_table": "orders"},
        ),
        migrations.CreateModel(
            name="Setting",
            fields=[("key", models.TextField(primary_key=True)), ("value", models.TextField())],
            options={"db_table": "settings"},
        ),
    ]
`,
    });
    const { exitCode, body } = await json(["drift", "--snapshot", "production.json", "django"]);
    expect(exitCode).toBe(1);
    expect(body.findings.map((f) => [f.path, f.line, f.message])).toEqual([
      ["django/shop/migrations/0001_initial.py", 15, "orders.note is varchar(500) in production, varchar(255) in the migrations."],
    ]);
  });

  it("snapshot without the privilege to see pg_stats: sizes and schema still, statistics marked not visible", async () => {
    await sql(["CREATE ROLE stats_reader LOGIN", "GRANT pg_read_all_stats TO stats_reader"]);
    const url = server.url.replace("postgres@", "stats_reader@");
    const hidden = await run(["snapshot", "--database-url", url, "--out", "reader.json"], { cwd: repo });
    expect(hidden.output).toContain("pg_stats did not show 4 table(s) to this role (it shows a column only to roles that may SELECT it)");
    const seen = parseSnapshot(readFileSync(join(repo, "reader.json"), "utf8"));
    expect(seen.tables.map((t) => [t.name, t.statistics, t.columns.length, t.rows])).toEqual([
      ["public.orders", "not visible", 0, 200_000],
      ["public.schema_migrations", "not visible", 0, 1],
      ["public.settings", "not visible", 0, 1],
      ["public.users", "not visible", 0, 50_000],
    ]);
    expect(seen.schema).toEqual(snapshot.schema);
    // a column-level SELECT is enough for that column's statistics: the snapshot still reads no row
    await sql(["GRANT SELECT (phone) ON users TO stats_reader"]);
    await run(["snapshot", "--database-url", url, "--out", "reader.json"], { cwd: repo });
    const users = parseSnapshot(readFileSync(join(repo, "reader.json"), "utf8")).tables.find((t) => t.name === "public.users")!;
    expect([users.statistics, users.columns.map((c) => c.name)]).toEqual(["read", ["phone"]]);
  });

  it("lint --snapshot: an index on orders is an error with its size, on settings an info, SET NOT NULL on users.phone fails on its NULLs", async () => {
    write(repo, {
      "db/migrations/004_new.up.sql":
        "CREATE INDEX orders_user_id_idx ON orders (user_id);\nCREATE INDEX settings_value_idx ON settings (value);\nALTER TABLE users ALTER COLUMN phone SET NOT NULL;\n",
      "db/migrations/004_new.down.sql": "ALTER TABLE users ALTER COLUMN phone DROP NOT NULL;\nDROP INDEX settings_value_idx;\nDROP INDEX orders_user_id_idx;\n",
    });
    const { exitCode, body } = await json(["lint", "--snapshot", "production.json", "db/migrations/004_new.up.sql"]);
    expect(exitCode).toBe(1);
    const at = (line: number, rule: string) => body.findings.find((f) => f.line === line && f.rule === rule)!;
    const orders = at(1, "index-without-concurrently");
    expect(orders.severity).toBe("error");
    expect(orders.message).toMatch(/In production orders has about 200,000 rows and \d+(\.\d)? MB \(\d+(\.\d)? MB heap\): building the index reads \d+(\.\d)? MB of table, so the lock is held for .+ \(at an assumed 30 MB\/s\)\./);
    const settings = at(2, "index-without-concurrently");
    expect(settings.severity).toBe("info");
    expect(settings.message).toMatch(/In production settings has 1 row and \d+ kB \(\d+ kB heap\): the lock is brief\.$/);
    expect(body.findings.filter((f) => f.line === 2 && f.severity === "error")).toEqual([]);
    const nulls = at(3, "nulls-in-production");
    expect(nulls.severity).toBe("error");
    // ANALYZE reads a sample of 30,000 rows: the estimate is near the 2,500 NULL phones, not exactly it
    const estimate = /^SET NOT NULL on users\.phone will fail: about (\d),(\d)00 rows of users \([\d.]+%\) are NULL in production/.exec(nulls.message);
    expect(estimate).not.toBeNull();
    const rows = Number(`${estimate![1]}${estimate![2]}00`);
    expect(rows).toBeGreaterThanOrEqual(2_000);
    expect(rows).toBeLessThanOrEqual(3_000);

    // without the snapshot nothing of this is said
    const plain = await json(["lint", "db/migrations/004_new.up.sql"]);
    expect(plain.body.findings.filter((f) => f.message.includes("production") || f.rule === "nulls-in-production")).toEqual([]);
    expect(plain.body.findings.find((f) => f.line === 2)?.severity).toBe("error");
  });

  it("lint --execute --snapshot runs the migration on production's schema, with sizes in the lock table", async () => {
    const result = await run(["lint", "--execute", "--snapshot", "production.json", "db/migrations/004_new.up.sql"], { cwd: repo });
    expect(result.output).toMatch(/Size in production/);
    expect(result.output).toMatch(/CREATE INDEX orders_user_id_idx ON orders \(user_id\)\s+SHARE\s+orders\s+about 200,000 rows, \d+(\.\d)? MB/);
    expect(result.output).toContain("Ran 1 on production's schema (snapshot of ");
    expect(result.output).not.toMatch(/execute-up-fails|execute-skipped/);
  });

  it("replays the history instead when the snapshot's schema cannot be recreated in the test database, and says why", async () => {
    const withAggregate = { ...snapshot, schema: [...snapshot.schema, { kind: "aggregate", name: "public.total_of(numeric)", definition: "numeric" }] };
    writeFileSync(join(repo, "aggregate.json"), JSON.stringify(withAggregate, null, 2));
    const result = await run(["lint", "--execute", "--snapshot", "aggregate.json", "db/migrations/004_new.up.sql"], { cwd: repo });
    expect(result.output).toContain(
      "Ran 1 after replaying the earlier migrations (the snapshot's schema could not be recreated: aggregate total_of(numeric) could not be recreated (the snapshot's description is not enough to recreate it)).",
    );
  });

  it("replays the history instead when the migration needs an earlier one production does not have yet", async () => {
    write(repo, {
      "db/migrations/005_tags.up.sql": "CREATE TABLE tags (id bigint PRIMARY KEY, name text);\n",
      "db/migrations/005_tags.down.sql": "DROP TABLE tags;\n",
      "db/migrations/006_tag_names.up.sql": "SET lock_timeout = '5s';\nCREATE INDEX tags_name_idx ON tags (name);\n",
      "db/migrations/006_tag_names.down.sql": "DROP INDEX tags_name_idx;\n",
    });
    const result = await run(["lint", "--execute", "--snapshot", "production.json", "db/migrations/006_tag_names.up.sql"], { cwd: repo });
    expect(result.output).toContain("Ran 1 after replaying the earlier migrations (an earlier migration is not in production yet).");
    expect(result.output).not.toMatch(/execute-up-fails|execute-skipped/);
  });
});
