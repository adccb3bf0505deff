/**
 * Replay 43's two patterns through the App (vaultwarden: diesel folders per database, most downs left empty):
 * the review reads the base branch's recent down.sql files, so a new empty down in a folder that rolls forward is a
 * notice and the check passes (so in a folder whose downs are half written, half empty), while a folder whose downs are
 * written keeps the failure, and an edited migration's untouched empty down is no new finding; and a file of the project's
 * migrations/mysql folder is read with MySQL's grammar (the check failed with "the MySQL grammar is not loaded"),
 * one of migrations/sqlite is noted as not checked instead of PostgreSQL's syntax errors. Signed webhooks over HTTP,
 * the local GitHub API checking every request against GitHub's OpenAPI description; the check run as users see it.
 */
import { describe, expect, it } from "@jest/globals";
import { startScenario, useScenario } from "./support/scenario.js";
import { dieselAdded as added, dieselFolder } from "../cli/support/diesel-folder.js";

useScenario();

const USERS = {
  "README.md": "# Vault\n",
  "diesel.toml": "[print_schema]\nfile = \"src/db/schema.rs\"\n",
  "migrations/postgresql/2022-12-01-000000_users/up.sql": "CREATE TABLE users (id bigint PRIMARY KEY);\n",
  "migrations/postgresql/2022-12-01-000000_users/down.sql": "DROP TABLE users;\n",
};

const ADDED = {
  "migrations/postgresql/2024-01-01-000000_add_color/up.sql": "ALTER TABLE users ADD COLUMN color text;\n",
  "migrations/postgresql/2024-01-01-000000_add_color/down.sql": "",
};

async function reviewed(baseFiles: Record<string, string>, files: Record<string, string>) {
  const s = await startScenario({ baseFiles });
  const head = s.openPull(91, files);
  expect((await s.pullRequest("opened", 91)).status).toBe(200);
  const run = s.fake.checkRunsFor(head).at(-1)!;
  expect(run).toMatchObject({ status: "completed" });
  return run;
}

describe("diesel through the App: the folder's down habit, and one folder per database", () => {
  it("9 of the 10 newest down.sql files on the base branch are empty: the new empty down is a notice naming the config lines, and the check passes", async () => {
    const run = await reviewed({ ...USERS, ...dieselFolder([true, true, false, false, true, false, false, false, false, false, false, false]) }, ADDED);
    const found = run.annotations.filter((a) => a.title.startsWith("empty-down"));
    expect(found).toEqual([expect.objectContaining({ path: "migrations/postgresql/2024-01-01-000000_add_color/up.sql", annotation_level: "notice" })]);
    expect(found[0].message).toContain("9 of the 10 most recent earlier migrations in migrations/postgresql/ have no down or an empty one");
    expect(found[0].message).toContain("`rules: { empty-down: error }`");
    expect(run.conclusion).toBe("success");
  });

  it("the newest downs on the base branch are written: the empty one fails the check", async () => {
    const run = await reviewed({ ...USERS, ...dieselFolder([false, false, true, true, true, true, true, true, true, true, true, true]) }, ADDED);
    expect(run.annotations.filter((a) => a.title.startsWith("empty-down")).map((a) => a.annotation_level)).toEqual(["failure"]);
    expect(run.conclusion).toBe("failure");
  });

  it("half of the 10 newest down.sql files on the base branch are empty, half written (vaultwarden's MySQL folder): a mixed habit, the new empty down is a notice and the check passes", async () => {
    const run = await reviewed({ ...USERS, ...dieselFolder([true, true, true, false, true, false, true, false, true, false, true, false]) }, ADDED);
    const found = run.annotations.filter((a) => a.title.startsWith("empty-down"));
    expect(found.map((a) => a.annotation_level)).toEqual(["notice"]);
    expect(found[0].message).toContain("5 of the 10 most recent earlier migrations in migrations/postgresql/ have no down or an empty one");
    expect(run.conclusion).toBe("success");
  });

  it("the pull request's own migrations are no part of the habit: two new written downs before a new empty one leave the base's habit (its 10 newest empty) as it was, a notice and the check passes; three new empty downs make no habit of a folder whose downs are written, each a failure", async () => {
    const rollsForward = await reviewed({ ...USERS, ...dieselFolder(Array.from({ length: 10 }, () => false)) }, added([true, true, false]));
    const noted = rollsForward.annotations.filter((a) => a.title.startsWith("empty-down"));
    expect(noted.map((a) => [a.path, a.annotation_level])).toEqual([["migrations/postgresql/2024-01-03-000000_add3/up.sql", "notice"]]);
    expect(noted[0].message).toContain("The 10 earlier migrations in migrations/postgresql/ have no down or an empty one");
    expect(rollsForward.conclusion).toBe("success");
    const writesDowns = await reviewed({ ...USERS, ...dieselFolder([true, true, true, true, false, true, false, true, false, true, false, true]) }, added([false, false, false]));
    expect(writesDowns.annotations.filter((a) => a.title.startsWith("empty-down")).map((a) => a.annotation_level)).toEqual(["failure", "failure", "failure"]);
    expect(writesDowns.conclusion).toBe("failure");
  });

  it("an edited migration whose empty down.sql the pull request leaves alone, in a folder that writes its downs: the base version had that down already, so no empty-down", async () => {
    const dir = "migrations/postgresql/2024-01-01-000000_add_color";
    const base = { ...USERS, ...dieselFolder(Array.from({ length: 10 }, () => true)), [`${dir}/up.sql`]: "ALTER TABLE users ADD COLUMN color text;\n", [`${dir}/down.sql`]: "" };
    const run = await reviewed(base, { [`${dir}/up.sql`]: "ALTER TABLE users ADD COLUMN IF NOT EXISTS color varchar(20);\nCOMMENT ON COLUMN users.color IS 'hex';\n" });
    expect(run.annotations.filter((a) => a.title.startsWith("empty-down"))).toEqual([]);
  });

  it("migrations/mysql is read as MySQL (no file left unanalysed) and migrations/sqlite is noted as not checked, without PostgreSQL's syntax errors", async () => {
    const version = "2024-09-04-091351_use_device_type";
    const base = {
      ...USERS,
      "migrations/mysql/2022-12-01-000000_users/up.sql": "CREATE TABLE users (id bigint PRIMARY KEY);\n",
      "migrations/mysql/2022-12-01-000000_users/down.sql": "DROP TABLE users;\n",
      "migrations/sqlite/2022-12-01-000000_users/up.sql": "CREATE TABLE users (id INTEGER PRIMARY KEY);\n",
      "migrations/sqlite/2022-12-01-000000_users/down.sql": "DROP TABLE users;\n",
    };
    const run = await reviewed(base, {
      // SQL both grammars read: only its folder says MySQL
      [`migrations/mysql/${version}/up.sql`]: "ALTER TABLE users ADD COLUMN device_type INTEGER NOT NULL DEFAULT 14;\n",
      [`migrations/mysql/${version}/down.sql`]: "ALTER TABLE users DROP COLUMN device_type;\n",
      [`migrations/sqlite/${version}/up.sql`]: "ALTER TABLE `users` ADD COLUMN `device_type` INTEGER NOT NULL DEFAULT 14;\n",
      [`migrations/sqlite/${version}/down.sql`]: "ALTER TABLE `users` DROP COLUMN `device_type`;\n",
    });
    const summary = `${run.output.title ?? ""}\n${run.output.summary ?? ""}\n${run.output.text ?? ""}`;
    expect(summary).not.toContain("not loaded");
    expect(run.annotations.filter((a) => a.title.startsWith("syntax-error"))).toEqual([]);
    const sqlite = run.annotations.filter((a) => a.path.startsWith("migrations/sqlite/"));
    expect(sqlite.map((a) => [a.path, a.title.split(":")[0], a.annotation_level])).toEqual([[`migrations/sqlite/${version}/up.sql`, "unsupported-database", "notice"]]);
    expect(sqlite[0].message).toContain("this file runs on SQLite");
    expect(run.conclusion).toBe("success");
  });
});
