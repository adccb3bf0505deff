/**
 * golang-migrate's file names run by a library that runs every file in a transaction it begins (maragudk/migrate:
 * gitness's app/store/database/migrate/migrate.go embeds postgres/ and calls `migrate.New(opts).MigrateUp(ctx)`),
 * through `migguard lint` (README: Frameworks and layouts): CONCURRENTLY cannot run there even alone in its file, so
 * the fix builds the index by hand before migrating and keeps IF NOT EXISTS in the migration, naming the call; a
 * module that only requires the library, with no call of it, keeps golang-migrate's fix.
 */
import { run } from "../../src/cli/main.js";
import { MARAGUDK_RUNNER } from "../../src/engine/testing/deploy-fixtures.js";
import { Repo } from "./support/git-repo.js";

const repo = (files: Record<string, string>): string => new Repo().write(files).commit("app").root;

const MIGRATIONS = "app/store/database/migrate/postgres";
const migrations = {
  [`${MIGRATIONS}/0001_create_table_principals.up.sql`]: "CREATE TABLE principals (principal_id serial PRIMARY KEY, principal_email text);\n",
  [`${MIGRATIONS}/0002_create_index_principals_lower_email.up.sql`]: "CREATE UNIQUE INDEX principals_lower_email\nON principals(LOWER(principal_email));\n",
};

const fixOf = async (root: string, rule: string) => {
  const body = JSON.parse((await run(["lint", "--format", "json", MIGRATIONS], { cwd: root })).output) as { findings: Array<{ rule: string; fix: string }> };
  return body.findings.find((f) => f.rule === rule)!.fix;
};

describe("a Go library that runs each migration file in a transaction (maragudk/migrate)", () => {
  it("index-without-concurrently's fix builds the index by hand before migrating, names the library's call, and keeps IF NOT EXISTS", async () => {
    const fix = await fixOf(repo({ ...MARAGUDK_RUNNER, ...migrations }), "index-without-concurrently");
    expect(fix).toContain("-- maragudk/migrate (called at app/store/database/migrate/migrate.go:16) runs every version in a transaction");
    expect(fix).toContain("--   CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS principals_lower_email ON principals(LOWER(principal_email));");
    expect(fix).not.toContain("golang-migrate");
    expect(fix.split("\n").filter((l) => !l.startsWith("--"))).toEqual(["CREATE UNIQUE INDEX IF NOT EXISTS principals_lower_email ON principals(LOWER(principal_email));"]);
  });

  it("require-lock-timeout's comment names the library's transaction", async () => {
    const fix = await fixOf(repo({ ...MARAGUDK_RUNNER, ...migrations }), "require-lock-timeout");
    expect(fix).toContain("maragudk/migrate (called at app/store/database/migrate/migrate.go:16) runs this file in its transaction");
  });

  it("go.mod requiring the library with no Go file calling it: golang-migrate's fix stays", async () => {
    const fix = await fixOf(repo({ "go.mod": MARAGUDK_RUNNER["go.mod"], ...migrations }), "index-without-concurrently");
    expect(fix).toContain("golang-migrate sends the file as one query");
    expect(fix).toContain("CREATE UNIQUE INDEX CONCURRENTLY principals_lower_email");
  });
});
