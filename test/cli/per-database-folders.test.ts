/**
 * diesel's (and sqlx's) one migrations folder per database, as vaultwarden keeps them: migrations/mysql,
 * migrations/postgresql, migrations/sqlite, each with the same migration in its database's SQL. The folder names the
 * database: a MySQL file PostgreSQL's parser reads too is still read with MySQL's grammar (a review crashed on it:
 * "the MySQL grammar is not loaded"), and a SQLite file is noted as not checked instead of PostgreSQL's syntax errors
 * on its backticks and a down that "does not undo" the up it could not read.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const BASE = {
  "diesel.toml": '[print_schema]\nfile = "src/db/schema.rs"\n',
  "migrations/mysql/2024-01-01-000000_create/up.sql": "CREATE TABLE twofactor_incomplete (user_uuid CHAR(36) NOT NULL PRIMARY KEY);\n",
  "migrations/postgresql/2024-01-01-000000_create/up.sql": "CREATE TABLE twofactor_incomplete (user_uuid CHAR(36) NOT NULL PRIMARY KEY);\n",
  "migrations/sqlite/2024-01-01-000000_create/up.sql": "CREATE TABLE twofactor_incomplete (user_uuid TEXT NOT NULL PRIMARY KEY);\n",
};

const VERSION = "2024-09-04-091351_use_device_type_for_mails";
// MySQL and PostgreSQL both read this one: only the folder says it is MySQL
const CHANGE = {
  [`migrations/mysql/${VERSION}/up.sql`]: "ALTER TABLE twofactor_incomplete ADD COLUMN device_type INTEGER NOT NULL DEFAULT 14;\n",
  [`migrations/mysql/${VERSION}/down.sql`]: "ALTER TABLE twofactor_incomplete DROP COLUMN device_type;\n",
  [`migrations/postgresql/${VERSION}/up.sql`]: "ALTER TABLE twofactor_incomplete ADD COLUMN device_type INTEGER NOT NULL DEFAULT 14;\n",
  [`migrations/postgresql/${VERSION}/down.sql`]: "ALTER TABLE twofactor_incomplete DROP COLUMN device_type;\n",
  [`migrations/sqlite/${VERSION}/up.sql`]: "ALTER TABLE `twofactor_incomplete` ADD COLUMN `device_type` INTEGER NOT NULL DEFAULT 14;\n",
  [`migrations/sqlite/${VERSION}/down.sql`]: "ALTER TABLE `twofactor_incomplete` DROP COLUMN `device_type`;\n",
};

const rulesOf = (findings: Array<{ path: string; rule: string }>, folder: string) => findings.filter((f) => f.path.startsWith(`migrations/${folder}/`)).map((f) => f.rule);

describe("one migrations folder per database (diesel, sqlx)", () => {
  it("review: the MySQL folder's file is read with MySQL's grammar, the SQLite folder's is noted as not checked", async () => {
    const repo = featureBranchOn(BASE).write(CHANGE).commit("device type");
    const { findings } = await reviewJson(repo);
    const result = await run(["review", "--base", "main"], { cwd: repo.root });
    expect(result.output).not.toContain("could not analyse");
    expect(result.output).not.toContain("MySQL grammar is not loaded");
    // MySQL's rules, not PostgreSQL's
    expect(rulesOf(findings, "mysql")).toContain("mysql-lock-wait-timeout");
    expect(rulesOf(findings, "mysql")).not.toContain("require-lock-timeout");
    expect(rulesOf(findings, "postgresql")).toContain("require-lock-timeout");
    // SQLite: one visible note on the up, nothing PostgreSQL's grammar or rules would say
    expect(findings.filter((f) => f.path.startsWith("migrations/sqlite/"))).toEqual([
      expect.objectContaining({ path: `migrations/sqlite/${VERSION}/up.sql`, line: 1, rule: "unsupported-database", severity: "info", message: expect.stringContaining("this file runs on SQLite") }),
    ]);
  });

  it("lint: the three folders, each read as its own database's", async () => {
    const root = new Repo().write({ ...BASE, ...CHANGE }).commit("app").root;
    const lint = JSON.parse((await run(["lint", "--format", "json", "migrations"], { cwd: root })).output) as { findings: Array<{ path: string; rule: string }> };
    expect(rulesOf(lint.findings, "sqlite")).toEqual(["unsupported-database", "unsupported-database"]);
    expect(lint.findings.filter((f) => f.rule === "syntax-error" || f.rule === "down-does-not-undo-up")).toEqual([]);
    expect(rulesOf(lint.findings, "mysql")).not.toContain("require-lock-timeout");
    const verbose = await run(["lint", "--verbose", "migrations"], { cwd: root });
    expect(verbose.output).toContain("migrations/mysql: MySQL (the folder's name (mysql))");
  });
});
