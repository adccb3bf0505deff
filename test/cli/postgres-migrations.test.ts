/**
 * Plain `NNNN-name.sql` files run by the `postgres-migrations` npm package (supabase/storage), through `migguard lint`:
 * the package.json's dependency names the runner, which wraps each file in a transaction unless the file says
 * `-- postgres-migrations disable-transaction`; a file marked `-- postgres-migrations ignore` is never run, so it is
 * reported as not checked instead of being analysed.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const M = "migrations/tenant";
const manifest = (dependencies: Record<string, string>) => JSON.stringify({ name: "storage", dependencies }, null, 2);
const repo = (files: Record<string, string>, dependencies: Record<string, string> = { "postgres-migrations": "^5.3.0" }): string =>
  new Repo().write({ "package.json": manifest(dependencies), [`${M}/0001-initialmigration.sql`]: "CREATE TABLE tenants (id text PRIMARY KEY);\n", ...files }).commit("app").root;

const lint = async (root: string) =>
  (JSON.parse((await run(["lint", "--format", "json", M], { cwd: root })).output) as { findings: Array<{ rule: string; path: string; line: number; fix: string; message: string; severity: string }> }).findings;

const addColumn = { [`${M}/0002-add-file-size-limit-column.sql`]: "ALTER TABLE tenants ADD COLUMN file_size_limit bigint DEFAULT 52428800 NOT NULL;\n" };

describe("postgres-migrations (npm) plain SQL", () => {
  it("a file marked `-- postgres-migrations ignore` is not analysed: one note says it was skipped and why (first in this file, so no earlier test has loaded the SQL parser for it)", async () => {
    const findings = await lint(repo({ [`${M}/0026-objects-prefixes.sql`]: "-- postgres-migrations ignore\nALTER TABLE tenants ADD COLUMN level int NULL;\nDROP TABLE tenants;\n" }));
    const own = findings.filter((f) => f.path === `${M}/0026-objects-prefixes.sql`);
    expect(own.map((f) => [f.rule, f.line, f.severity])).toEqual([["unsupported-database", 1, "info"]]);
    expect(own[0].message).toContain("-- postgres-migrations ignore");
    expect(own[0].message).toContain("did not analyse it");
  });

  it("a file runs in the package's transaction: require-lock-timeout's fix is one SET LOCAL, no outside-transaction claim or placeholder", async () => {
    const fix = (await lint(repo(addColumn))).find((f) => f.rule === "require-lock-timeout")?.fix;
    expect(fix).toBe("SET LOCAL lock_timeout = '5s';  -- first statement of the migration: postgres-migrations runs the file in a transaction, and SET LOCAL ends with it, so the setting does not stay on the connection");
  });

  it("without the package in package.json the file is plain SQL in autocommit, as before", async () => {
    const fix = (await lint(repo(addColumn, { pg: "^8.0.0" }))).find((f) => f.rule === "require-lock-timeout")?.fix;
    expect(fix).toContain("outside a transaction");
  });

  it("`-- postgres-migrations disable-transaction` runs the file outside a transaction; CONCURRENTLY in a wrapped file must move to such a file", async () => {
    const index = "CREATE INDEX CONCURRENTLY tenants_id_idx ON tenants (id);\n";
    const wrapped = (await lint(repo({ [`${M}/0003-index.sql`]: index }))).filter((f) => f.rule === "concurrently-in-transaction");
    expect(wrapped.map((f) => f.line)).toEqual([1]);
    const outside = await lint(repo({ [`${M}/0003-index.sql`]: `-- postgres-migrations disable-transaction\n${index}` }));
    expect(outside.filter((f) => f.rule === "concurrently-in-transaction")).toEqual([]);
    const plain = (await lint(repo({ [`${M}/0003-index.sql`]: "CREATE INDEX tenants_id_idx ON tenants (id);\nALTER TABLE tenants ADD COLUMN jwks jsonb;\n" }))).find((f) => f.rule === "index-without-concurrently")!;
    expect(plain.fix).toContain("whose first line is -- postgres-migrations disable-transaction");
  });

});
