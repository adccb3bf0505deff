/**
 * A NOT NULL column's constant default, written for the repository's PostgreSQL through `migguard lint`: before 11
 * ADD COLUMN ... DEFAULT writes the value into every existing row, so on a repository whose config says
 * `postgres_version: 10` the fix adds the column nullable, gives new rows the default apart, and fills the rows in
 * batches of a migration of its own; from 11 it adds the column NOT NULL DEFAULT <constant>, instant.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const MIGRATIONS = {
  "migrations/000001_users.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n",
  "migrations/000001_users.down.sql": "DROP TABLE users;\n",
  "migrations/000002_plan.up.sql": "ALTER TABLE users ADD COLUMN plan text NOT NULL;\n",
  "migrations/000002_plan.down.sql": "ALTER TABLE users DROP COLUMN plan;\n",
};

const planFix = async (files: Record<string, string>): Promise<string> => {
  const root = fileTree(files, "migguard-fast-default-");
  const result = await run(["lint", "--format", "json", "migrations"], { cwd: root });
  const { findings } = JSON.parse(result.output) as { findings: Array<{ rule: string; path: string; fix: string }> };
  const found = findings.find((f) => f.rule === "required-column-without-default" && f.path === "migrations/000002_plan.up.sql");
  if (!found) throw new Error(`no required-column-without-default finding: ${result.output}`);
  return found.fix;
};

describe("a constant default on the repository's PostgreSQL", () => {
  it("postgres_version: 10: the column is added nullable, its default set apart, the rows filled in batches, then NOT NULL", async () => {
    const fix = await planFix({ ...MIGRATIONS, ".github/migguard.yml": "postgres_version: 10\n" });
    expect(fix).toContain("-- before PostgreSQL 11 any default is written into every existing row (a rewrite under ACCESS EXCLUSIVE)");
    expect(fix).toContain("ALTER TABLE users ADD COLUMN plan text;");
    expect(fix).toContain("ALTER TABLE users ALTER COLUMN plan SET DEFAULT '';");
    expect(fix).not.toContain("NOT NULL DEFAULT");
    expect(fix).not.toContain("PostgreSQL 11+");
    // PostgreSQL 10 cannot commit inside a DO block: the batches are statements of their own
    expect(fix).not.toMatch(/^\s*COMMIT;/m);
    expect(fix).toContain("UPDATE users SET plan = '' WHERE plan IS NULL;");
    expect(fix).toContain("ALTER TABLE users ALTER COLUMN plan SET NOT NULL;");
  });

  it("without a version (PostgreSQL 15 assumed): the constant default, instant", async () => {
    const fix = await planFix(MIGRATIONS);
    expect(fix).toContain("-- a constant default makes it instant (PostgreSQL 11+) and keeps inserts from the running code working:");
    expect(fix).toContain("ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT '';");
  });
});
