/** pop/popx files without a dialect: which databases run them, so which grammar reads them. */
import { describe, expect, it } from "@jest/globals";
import { analyze } from "../analyze.js";
import { resolveConfig } from "../config.js";
import { popGenericReading, popGenericTargets } from "./dialect-file.js";
import { pathDatabase, sqliteOnlyPopFilesIn } from "./dialect-file.js";

const dir = "persistence/sql/migrations";
const at = (names: string[]) => names.map((n) => `${dir}/${n}`);

describe("a pop file without a dialect", () => {
  it("runs on the databases of its folder that have no file of their own for its version and direction (hydra's device_flow)", () => {
    const folder = at(["1_device_flow.mysql.up.sql", "1_device_flow.postgres.up.sql", "1_device_flow.sqlite.up.sql", "1_device_flow.autocommit.up.sql", "2_x.cockroach.up.sql", "1_device_flow.down.sql"]);
    expect([...popGenericTargets(`${dir}/1_device_flow.autocommit.up.sql`, folder)!]).toEqual(["cockroach"]);
    expect(popGenericReading(popGenericTargets(`${dir}/1_device_flow.autocommit.up.sql`, folder))).toEqual({ unreviewed: "CockroachDB" });
    // the down: no dialect down of this version, so every database runs it, PostgreSQL included
    expect(popGenericReading(popGenericTargets(`${dir}/1_device_flow.down.sql`, folder))).toBeUndefined();
  });

  it("is read with MySQL's grammar when PostgreSQL has its own file and MySQL does not", () => {
    const folder = at(["3_t.postgres.up.sql", "3_t.up.sql", "4_u.mysql.up.sql"]);
    expect(popGenericReading(popGenericTargets(`${dir}/3_t.up.sql`, folder))).toEqual({ database: "mysql" });
  });

  it("says nothing in a folder where no file names a dialect (golang-migrate, or pop for every database)", () => {
    expect(popGenericTargets(`${dir}/000001_users.up.sql`, at(["000001_users.up.sql", "000001_users.down.sql"]))).toBeUndefined();
    expect(popGenericTargets(`${dir}/3_t.postgres.up.sql`, at(["3_t.postgres.up.sql", "3_t.up.sql"]))).toBeUndefined();
  });

  it("through analyze: CockroachDB's syntax in hydra's generic autocommit file and MySQL's in a generic file are no PostgreSQL syntax errors", async () => {
    const config = resolveConfig({}).config;
    const files = [
      { path: `${dir}/1_device_flow.postgres.up.sql`, content: "CREATE TABLE codes (id text PRIMARY KEY);\n" },
      { path: `${dir}/1_device_flow.mysql.up.sql`, content: "CREATE TABLE codes (id varchar(40) PRIMARY KEY);\n" },
      { path: `${dir}/1_device_flow.sqlite.up.sql`, content: "CREATE TABLE codes (id TEXT PRIMARY KEY);\n" },
      { path: `${dir}/1_device_flow.autocommit.up.sql`, content: "CREATE TABLE codes (\n  id STRING PRIMARY KEY,\n  INDEX codes_id_idx (id)\n);\n" },
      { path: `${dir}/1_device_flow.down.sql`, content: "DROP TABLE codes;\n" },
      { path: `${dir}/2_flags.postgres.up.sql`, content: "ALTER TABLE codes ADD COLUMN flag boolean;\n" },
      { path: `${dir}/2_flags.up.sql`, content: "ALTER TABLE `codes` ADD COLUMN `flag` tinyint(1);\n" },
      { path: `${dir}/2_flags.down.sql`, content: "ALTER TABLE codes DROP COLUMN flag;\n" },
      { path: `${dir}/5_idx.up.sql`, content: "CREATE INDEX CONCURRENTLY codes_flag_idx ON codes (flag);\n" },
      { path: `${dir}/5_idx.down.sql`, content: "DROP INDEX codes_flag_idx;\n" },
    ];
    const result = await analyze({ files, config, explicitPaths: new Set(files.map((f) => f.path)) });
    expect(result.findings.filter((f) => f.rule === "syntax-error").map((f) => f.path)).toEqual([]);
    expect(result.migrations.find((m) => m.path.endsWith("2_flags.up.sql"))?.database).toBe("mysql");
    // popx runs a file without .autocommit in a transaction of its own, as a golang-migrate file of one statement never is
    const index = result.migrations.find((m) => m.path.endsWith("5_idx.up.sql"));
    expect([index?.database, ...(index?.up.map((op) => op.inTransaction) ?? [])]).toEqual(["postgresql", true]);
    expect(result.migrations.some((m) => m.path.endsWith("1_device_flow.autocommit.up.sql"))).toBe(false);
  });
});

describe("sqliteOnlyPopFilesIn", () => {
  it("SQLite's files, and a shared file only SQLite runs, beside a server database's files; not a folder of SQLite alone", () => {
    const only = sqliteOnlyPopFilesIn([
      "m/1_a.sqlite3.up.sql",
      "m/1_a.mysql.up.sql",
      "m/1_a.up.sql",
      "m/2_b.mysql.up.sql",
      "m/2_b.postgres.up.sql",
      "m/2_b.up.sql",
      "lite/1_a.sqlite3.up.sql",
    ]);
    expect(["m/1_a.sqlite3.up.sql", "m/1_a.mysql.up.sql", "m/1_a.up.sql", "m/2_b.up.sql", "lite/1_a.sqlite3.up.sql"].map(only)).toEqual([true, false, false, true, false]);
    // 2_b's shared file: MySQL and PostgreSQL have their own, only SQLite runs it; likewise 3_c's, every server database having its own
    expect(sqliteOnlyPopFilesIn(["m/3_c.mysql.up.sql", "m/3_c.postgres.up.sql", "m/3_c.cockroach.up.sql", "m/3_c.up.sql"])("m/3_c.up.sql")).toBe(true);
  });
});

describe("the database a migration's path names (pathDatabase)", () => {
  it("is the file name's, else the nearest folder named for a database (vaultwarden's migrations/mysql, internal/store/postgres/migrations)", () => {
    expect(pathDatabase("migrations/mysql/2026-05-05-120000_sso_auth_error/up.sql")).toBe("mysql");
    expect(pathDatabase("migrations/sqlite/2024-09-04-091351_use_device_type_for_mails/down.sql")).toBe("sqlite");
    expect(pathDatabase("internal/store/postgres/migrations/000001_init.up.sql")).toBe("postgresql");
    expect(pathDatabase("db/mariadb/x/1_a.sql")).toBe("mariadb");
    // the file's own name wins over its folder's
    expect(pathDatabase("migrations/postgres/1_a.mysql.up.sql")).toBe("mysql");
    expect(pathDatabase("db/migrations/1_a.up.sql")).toBeUndefined();
    expect(pathDatabase("src/mysqlish/1_a.sql")).toBeUndefined();
  });
});
