/**
 * A project's own Go migrator that runs each migration file inside a transaction (fider's app/pkg/dbx/migrate.go:
 * BeginTx, tx.Exec(string(content)), Commit), through `migguard lint`: CREATE INDEX CONCURRENTLY cannot run there,
 * so index-without-concurrently's fix is the build by hand before migrating and IF NOT EXISTS in the migration,
 * with the Exec's file:line; likewise the concurrent drop, and a batched fill's DO block that commits
 * (README: Running migrations for real / Frameworks and layouts).
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

/** a git repository: the deploy walk reads past the top folder only inside one */
const repo = (files: Record<string, string>): string => new Repo().write(files).commit("app").root;

const migrator = (inTransaction: boolean) =>
  [
    "package dbx",
    "",
    'import "os"',
    "",
    "func runMigration(path string) error {",
    "\tcontent, err := os.ReadFile(path)",
    "\tif err != nil {",
    "\t\treturn err",
    "\t}",
    ...(inTransaction
      ? ["\ttrx, err := BeginTx(ctx)", "\tif err != nil {", "\t\treturn err", "\t}", "\t_, err = trx.tx.Exec(string(content))", "\tif err != nil {", "\t\treturn err", "\t}", "\treturn trx.Commit()"]
      : ["\t_, err = conn.Exec(string(content))", "\treturn err"]),
    "}",
    "",
  ].join("\n");

const files = (inTransaction: boolean) => ({
  "go.mod": "module example.com/app\n\ngo 1.22\n",
  "app/pkg/dbx/migrate.go": migrator(inTransaction),
  "migrations/202205082055_trusted_provider.up.sql": "CREATE UNIQUE INDEX oauth_provider_uq ON oauth_providers (provider);\n",
});

const fixOf = async (root: string, rule: string, folder = "migrations") => {
  const body = JSON.parse((await run(["lint", "--format", "json", folder], { cwd: root })).output) as { findings: Array<{ rule: string; fix: string }> };
  return body.findings.find((f) => f.rule === rule)!.fix;
};
const indexFix = (root: string) => fixOf(root, "index-without-concurrently");

describe("a project's own migrator that runs each file in a transaction", () => {
  it("index-without-concurrently's fix builds the index by hand before migrating and keeps IF NOT EXISTS in the migration, naming the Exec", async () => {
    const fix = await indexFix(repo(files(true)));
    expect(fix).toContain("app/pkg/dbx/migrate.go:14 Execs each file in a transaction it began");
    expect(fix).toContain("--   CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS oauth_provider_uq ON oauth_providers (provider);");
    expect(fix.split("\n").filter((l) => !l.startsWith("--"))).toEqual(["CREATE UNIQUE INDEX IF NOT EXISTS oauth_provider_uq ON oauth_providers (provider);"]);
  });

  it("an index replaced (DROP INDEX, then CREATE UNIQUE INDEX of its name) is one finding whose fix is the swap by hand, the migration keeping only the build IF NOT EXISTS", async () => {
    const root = repo({
      ...files(true),
      "migrations/202205082055_trusted_provider.up.sql": "CREATE TABLE oauth_providers (provider text);\nCREATE INDEX oauth_provider_idx ON oauth_providers (provider);\n",
      "migrations/202301010000_provider_unique.up.sql": "DROP INDEX oauth_provider_idx;\nCREATE UNIQUE INDEX oauth_provider_idx ON oauth_providers (provider);\n",
    });
    const body = JSON.parse((await run(["lint", "--format", "json", "migrations"], { cwd: root })).output) as { findings: Array<{ path: string; rule: string; fix: string }> };
    const found = body.findings.filter((f) => f.path.endsWith("202301010000_provider_unique.up.sql") && /index-without-concurrently/.test(f.rule));
    expect(found.map((f) => f.rule)).toEqual(["index-without-concurrently"]);
    const fix = found[0].fix;
    expect(fix).toContain("app/pkg/dbx/migrate.go:14 Execs each file in a transaction it began");
    expect(fix).toContain(
      [
        "--   DROP INDEX CONCURRENTLY IF EXISTS oauth_provider_idx_new;",
        "--   CREATE UNIQUE INDEX CONCURRENTLY oauth_provider_idx_new ON oauth_providers (provider);",
        "--   DROP INDEX CONCURRENTLY oauth_provider_idx;",
        "--   ALTER INDEX oauth_provider_idx_new RENAME TO oauth_provider_idx;",
      ].join("\n"),
    );
    expect(fix.split("\n").filter((l) => !l.startsWith("--"))).toEqual(["CREATE UNIQUE INDEX IF NOT EXISTS oauth_provider_idx ON oauth_providers (provider);"]);
  });

  it("drop-index-without-concurrently's fix drops the index by hand before migrating and keeps DROP INDEX IF EXISTS in the migration", async () => {
    const fix = await fixOf(
      repo({
        ...files(true),
        "migrations/202205082055_trusted_provider.up.sql": "CREATE TABLE oauth_providers (provider text);\nCREATE INDEX oauth_provider_idx ON oauth_providers (provider);\n",
        "migrations/202301010000_drop_provider_idx.up.sql": "DROP INDEX oauth_provider_idx;\n",
      }),
      "drop-index-without-concurrently",
    );
    expect(fix).toContain("app/pkg/dbx/migrate.go:14 Execs each file in a transaction it began");
    expect(fix).toContain("--   DROP INDEX CONCURRENTLY IF EXISTS oauth_provider_idx;");
    expect(fix.split("\n").filter((l) => !l.startsWith("--"))).toEqual(["DROP INDEX IF EXISTS oauth_provider_idx;"]);
  });

  it("rename-column's fill runs its batches by hand before the deploy and keeps one UPDATE in the migration, with no DO block that commits", async () => {
    const fix = await fixOf(
      repo({
        ...files(true),
        "migrations/202205082055_trusted_provider.up.sql": "CREATE TABLE oauth_providers (id serial PRIMARY KEY, provider text);\n",
        "migrations/202301010000_rename_provider.up.sql": "ALTER TABLE oauth_providers RENAME COLUMN provider TO provider_name;\n",
      }),
      "rename-column",
    );
    expect(fix).toContain("app/pkg/dbx/migrate.go:14 Execs each file in a transaction it began) runs this file in its transaction");
    expect(fix).toContain("--   UPDATE oauth_providers SET provider_name = provider");
    expect(fix).toContain("\nUPDATE oauth_providers SET provider_name = provider WHERE provider_name IS DISTINCT FROM provider;\n");
    expect(fix).not.toMatch(/^\s*COMMIT;/m);
  });

  it("column-type-change's swap fills the new column by hand before the deploy and keeps one UPDATE in the migration, with no DO block that commits", async () => {
    const fix = await fixOf(
      repo({
        ...files(true),
        "migrations/202205082055_trusted_provider.up.sql": "CREATE TABLE orders (id serial PRIMARY KEY, number integer);\n",
        "migrations/202301010000_bigint_orders.up.sql": "ALTER TABLE orders ALTER COLUMN number TYPE bigint;\n",
      }),
      "column-type-change",
    );
    expect(fix).toContain("app/pkg/dbx/migrate.go:14 Execs each file in a transaction it began) runs this file in its transaction");
    expect(fix).toContain("--   UPDATE orders SET number_new = number");
    expect(fix).toContain("\nUPDATE orders SET number_new = number WHERE number_new IS DISTINCT FROM number::bigint;\n");
    expect(fix).not.toMatch(/^\s*COMMIT;/m);
  });

  it("table-rewrite-maintenance's REINDEX CONCURRENTLY runs by hand before the deploy, out of the migration", async () => {
    const fix = await fixOf(
      repo({
        ...files(true),
        "migrations/202205082055_trusted_provider.up.sql": "CREATE TABLE events (id bigint PRIMARY KEY, created_at timestamptz);\nCREATE INDEX events_created_at_idx ON events (created_at);\n",
        "migrations/202301010000_reindex_events.up.sql": "REINDEX INDEX events_created_at_idx;\n",
      }),
      "table-rewrite-maintenance",
    );
    expect(fix).toContain("app/pkg/dbx/migrate.go:14 Execs each file in a transaction it began) runs this file in its transaction");
    expect(fix.split("\n").filter((l) => !l.startsWith("--"))).toEqual([]);
    expect(fix).toContain("--   REINDEX (CONCURRENTLY) INDEX events_created_at_idx;");
  });

  it("require-lock-timeout's fix for a plain SQL file is SET LOCAL, which ends with the migrator's transaction", async () => {
    const fix = await fixOf(
      repo({
        ...files(true),
        "migrations/202205082055_trusted_provider.up.sql": "CREATE TABLE posts (id int PRIMARY KEY);\n",
        "db/migrations/001_posts.sql": "CREATE TABLE posts (id int PRIMARY KEY);\n",
        "db/migrations/002_posts_title.sql": "ALTER TABLE posts ADD COLUMN title text;\n",
      }),
      "require-lock-timeout",
      "db/migrations/002_posts_title.sql",
    );
    expect(fix).toBe("SET LOCAL lock_timeout = '5s';  -- first statement of the migration: the project's own migrator (app/pkg/dbx/migrate.go:14 Execs each file in a transaction it began) runs this file in its transaction, and SET LOCAL ends with it, so the setting does not stay on the connection");
  });

  it("unique-constraint-without-index builds the unique index by hand before migrating, keeps IF NOT EXISTS and attaches it in the next migration", async () => {
    const fix = await fixOf(
      repo({
        ...files(true),
        "migrations/202205082055_trusted_provider.up.sql": "CREATE TABLE users (id int PRIMARY KEY, email text);\n",
        "migrations/202301010000_users_email_key.up.sql": "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);\n",
      }),
      "unique-constraint-without-index",
    );
    expect(fix).toContain("app/pkg/dbx/migrate.go:14 Execs each file in a transaction it began");
    expect(fix).toContain("--   CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_key ON users (email);");
    expect(fix.split("\n").filter((l) => l && !l.startsWith("--"))).toEqual([
      "CREATE UNIQUE INDEX IF NOT EXISTS users_email_key ON users (email);",
      "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;",
    ]);
  });

  it("a migrator that Execs the file outside a transaction keeps the CONCURRENTLY fix", async () => {
    const fix = await indexFix(repo(files(false)));
    expect(fix).not.toContain("own migrator");
    expect(fix).toContain("CREATE UNIQUE INDEX CONCURRENTLY oauth_provider_uq ON oauth_providers (provider);");
  });
});
