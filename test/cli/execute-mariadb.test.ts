/**
 * `--execute` on MySQL / MariaDB, against a MariaDB server this file starts from Debian's mariadb-server
 * binaries (skipped, and said, when they are absent; .ci/run and `npm test` install the package): up -> down
 * -> up in a throwaway database, the schema compared through information_schema, and the algorithm the server
 * accepts for each ALTER of an existing table measured (INSTANT, then INPLACE with LOCK=NONE, then INPLACE).
 * Through the CLI (the README's claims) and through verifyMigrations (what the App calls).
 */
import { join } from "node:path";
import mysql from "mysql2/promise";
import { run } from "../../src/cli/main.js";
import { analyze } from "../../src/engine/analyze.js";
import { resolveConfig } from "../../src/engine/config.js";
import type { SourceFile } from "../../src/engine/model.js";
import { closeDefaultExecutor } from "../../src/execute/default-executor.js";
import { MysqlExecutor } from "../../src/execute/mysql/mysql-executor.js";
import { mariadbBinaries, startLocalMariadb, type LocalMariadb } from "../../src/execute/testing/local-mariadb.js";
import { PgliteExecutor } from "../../src/execute/pglite/pglite-executor.js";
import { verifyMigrations, type VerifyResult } from "../../src/execute/verify.js";
import { fileTree } from "./support/file-tree.js";

const binaries = mariadbBinaries();
if (!binaries) console.warn("execute-mariadb.test.ts skipped: no mariadbd / mariadb-install-db (.ci/run and npm test install the mariadb-server package)");
const describeIfServer = binaries ? describe : describe.skip;

let server: LocalMariadb;
let executor: MysqlExecutor;

const DIR = "db/migrations";
const MARIADB = { database: "mariadb" } as const;

function golangMigrate(migrations: Record<string, [string, string?]>): SourceFile[] {
  return Object.entries(migrations).flatMap(([name, [up, down]]) => [
    { path: `${DIR}/${name}.up.sql`, content: up },
    ...(down === undefined ? [] : [{ path: `${DIR}/${name}.down.sql`, content: down }]),
  ]);
}

const USERS = "CREATE TABLE users (\n  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,\n  email varchar(100),\n  age int\n) ENGINE=InnoDB;\n";
/** The same table built from a query: the server knows its column types, the migrations' history does not (a static verdict can only say "if the type changes"). */
const USERS_FROM_QUERY = "CREATE TABLE users ENGINE=InnoDB AS SELECT CAST(1 AS SIGNED) AS id, CAST('a' AS CHAR(100)) AS email, CAST(1 AS SIGNED) AS age;\n";

async function verify(files: SourceFile[], target: string, settings: Record<string, unknown> = MARIADB, limits?: { statementTimeoutMs: number }): Promise<VerifyResult> {
  const { config } = resolveConfig(settings);
  const analysis = await analyze({ files, config });
  return verifyMigrations({ files, targets: [target], config, executor, findings: analysis.findings, databases: analysis.databases, limits });
}

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-mariadb-");

describeIfServer("--execute on a MariaDB server (MIGGUARD_DATABASE_URL=mysql://...)", () => {
  beforeAll(async () => {
    server = await startLocalMariadb();
    executor = new MysqlExecutor(server.url);
  }, 120_000);

  afterAll(async () => {
    await executor?.close();
    await closeDefaultExecutor();
    await server?.stop();
  }, 60_000);

  it("catches a down that forgets an index, names it, gives the MySQL statement, and says the up cannot run again", async () => {
    const files = golangMigrate({
      "001_users": [USERS, "DROP TABLE users;\n"],
      "002_email": ["ALTER TABLE users ADD COLUMN nickname varchar(50);\nCREATE INDEX idx_email ON users (email);\n", "ALTER TABLE users DROP COLUMN nickname;\n"],
    });
    const result = await verify(files, `${DIR}/002_email.up.sql`);
    const restore = result.executionFindings.find((f) => f.rule === "down-does-not-restore-schema");
    expect(restore).toMatchObject({ path: `${DIR}/002_email.down.sql`, line: 1, severity: "error" });
    expect(restore?.details).toEqual(["index users.idx_email is still there (the down does not remove it)"]);
    expect(restore?.fix).toBe("-- add to the down migration:\nDROP INDEX idx_email ON users;");
    const rerun = result.executionFindings.find((f) => f.rule === "up-not-rerunnable");
    expect(rerun).toMatchObject({ path: `${DIR}/002_email.up.sql`, line: 2 });
    expect(rerun?.message).toContain("Duplicate key name 'idx_email'");
    expect(result.database).toMatch(/^MariaDB 10\.\d+\.\d+ at mysql:\/\/root@127\.0\.0\.1:\d+\/$/);
  });

  it("compares columns, foreign keys, CHECK constraints and each table's engine and character set", async () => {
    const files = golangMigrate({
      "001_users": [USERS, "DROP TABLE users;\n"],
      "002_teams": [
        [
          "CREATE TABLE teams (id bigint NOT NULL PRIMARY KEY) ENGINE=InnoDB;",
          "ALTER TABLE users ADD COLUMN team_id bigint, ADD CONSTRAINT fk_team FOREIGN KEY (team_id) REFERENCES teams (id);",
          "ALTER TABLE users ADD CONSTRAINT age_positive CHECK (age > 0);",
          "ALTER TABLE users CONVERT TO CHARACTER SET latin1;",
          "",
        ].join("\n"),
        "ALTER TABLE users DROP FOREIGN KEY fk_team;\nDROP TABLE teams;\n",
      ],
    });
    const result = await verify(files, `${DIR}/002_teams.up.sql`);
    const restore = result.executionFindings.find((f) => f.rule === "down-does-not-restore-schema");
    expect(restore?.details).toEqual([
      "column users.team_id is still there (the down does not remove it)",
      "constraint users.age_positive is still there (the down does not remove it)",
      "index users.fk_team is still there (the down does not remove it)",
      expect.stringMatching(/^table users differs: before `engine InnoDB, collation utf8mb4_\w+`, after the down `engine InnoDB, collation latin1_swedish_ci`$/),
    ]);
    expect(restore?.fix.split("\n")).toEqual(
      [
        "-- add to the down migration:",
        "ALTER TABLE users DROP CONSTRAINT age_positive;",
        "DROP INDEX fk_team ON users;",
        "ALTER TABLE users DROP COLUMN team_id;",
        expect.stringMatching(/^-- restore table users to: engine InnoDB, collation utf8mb4_\w+$/),
      ],
    );
  });

  it("a type change: ALGORITHM=INSTANT and INPLACE refused, so COPY; ADD INDEX runs INPLACE with LOCK=NONE, ADD COLUMN instantly", async () => {
    const files = golangMigrate({
      "001_users": [USERS, "DROP TABLE users;\n"],
      "002_age": ["ALTER TABLE users MODIFY age bigint;\nALTER TABLE users ADD INDEX idx_email (email);\nALTER TABLE users ADD COLUMN note text;\n", "ALTER TABLE users DROP COLUMN note;\nALTER TABLE users DROP INDEX idx_email;\nALTER TABLE users MODIFY age int;\n"],
    });
    const result = await verify(files, `${DIR}/002_age.up.sql`);
    expect(result.executionFindings).toEqual([]);
    const [trace] = result.algorithms;
    expect(trace.statements.map((s) => [s.line, s.table, s.attempts.map((a) => `${a.clause}: ${a.accepted ? "accepted" : "refused"}`), s.algorithm])).toEqual([
      [1, "users", ["ALGORITHM=INSTANT: refused", "ALGORITHM=INPLACE, LOCK=NONE: refused", "ALGORITHM=INPLACE: refused"], "copy"],
      [2, "users", ["ALGORITHM=INSTANT: refused", "ALGORITHM=INPLACE, LOCK=NONE: accepted"], "inplace"],
      [3, "users", ["ALGORITHM=INSTANT: accepted"], "instant"],
    ]);
    // the static warning (the column's previous type was unknown to it) is confirmed by the measurement and becomes an error
    const copy = result.findings.find((f) => f.rule === "mysql-table-copy");
    expect(copy).toMatchObject({ line: 1, severity: "error" });
    expect(copy?.details.at(-1)).toMatch(/^measured on MariaDB 10\.\d+\.\d+: ALGORITHM=INSTANT refused, ALGORITHM=INPLACE, LOCK=NONE refused, ALGORITHM=INPLACE refused; runs as COPY/);
    expect(copy?.message).toMatch(/^MariaDB 10\.\d+\.\d+ copies users for this statement/);
    // asking for ALGORITHM=INPLACE (the static fix) would only fail now: the fix is an online copy
    expect(copy?.fix).toContain('gh-ost --database=<database> --table=users --alter="MODIFY age bigint" --execute');
    expect(result.text).toMatch(/online DDL of db\/migrations\/002_age\.up\.sql \(measured on MariaDB 10\.\d+\.\d+\):/);
    expect(result.text).toMatch(/1 +ALTER TABLE users MODIFY age bigint +users +refused \(Cannot change column type\) +refused \(Cannot change column type\) +COPY \(table copied, writes blocked\)/);
    expect(result.markdown).toContain("#### Online DDL: what the server accepted for each ALTER of an existing table (measured on an empty copy)");
    expect(result.markdown).toContain("| 2 | `ALTER TABLE users ADD INDEX idx_email (email)` | users | refused (ADD INDEX) | accepted | INPLACE, LOCK=NONE (writes go on) |");
  });

  it("an AUTO_INCREMENT column added to an existing table: INSTANT and LOCK=NONE refused, so the static finding stands, measured", async () => {
    const files = golangMigrate({
      "001_legacy": ["CREATE TABLE legacy (name varchar(20) NOT NULL) ENGINE=InnoDB;\n", "DROP TABLE legacy;\n"],
      "002_id": ["ALTER TABLE legacy ADD COLUMN id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST;\n", "ALTER TABLE legacy DROP COLUMN id;\n"],
    });
    const result = await verify(files, `${DIR}/002_id.up.sql`);
    const [trace] = result.algorithms;
    expect(trace.statements.map((s) => [s.line, s.attempts.map((a) => `${a.clause}: ${a.accepted ? "accepted" : "refused"}`), s.algorithm])).toEqual([
      [1, ["ALGORITHM=INSTANT: refused", "ALGORITHM=INPLACE, LOCK=NONE: refused", "ALGORITHM=INPLACE: accepted"], "inplace-locked"],
    ]);
    expect(result.overruled).toEqual([]);
    const blocked = result.findings.find((f) => f.rule === "mysql-table-copy");
    expect(blocked).toMatchObject({ line: 1, severity: "error" });
    expect(blocked?.details.at(-1)).toMatch(/^measured on MariaDB 10\.\d+\.\d+: ALGORITHM=INSTANT refused, ALGORITHM=INPLACE, LOCK=NONE refused, ALGORITHM=INPLACE accepted/);
    expect(result.text).toMatch(/Adding an auto-increment column requires a lock/);
  });

  it("overrules a static copy finding the server runs instantly, and adds a measured copy no rule saw", async () => {
    const files = golangMigrate({
      "001_users": [USERS_FROM_QUERY, "DROP TABLE users;\n"],
      // MariaDB widens a VARCHAR instantly; a STORED generated column is computed for every row in a copy
      "002_wide": ["ALTER TABLE users MODIFY email varchar(120);\nALTER TABLE users ADD COLUMN age_next int AS (age + 1) STORED;\n", "ALTER TABLE users DROP COLUMN age_next;\nALTER TABLE users MODIFY email varchar(100);\n"],
    });
    const result = await verify(files, `${DIR}/002_wide.up.sql`);
    expect(result.overruled.map((f) => [f.rule, f.line])).toEqual([["mysql-table-copy", 1]]);
    expect(result.findings.filter((f) => f.rule === "measured-table-rewrite").map((f) => f.line)).toEqual([2]);
    expect(result.findings.find((f) => f.rule === "measured-table-rewrite")?.fix).toContain('gh-ost --database=<database> --table=users --alter="ADD COLUMN age_next int AS (age + 1) STORED" --execute');
  });

  it("measured on MariaDB for a MySQL folder: the details say so and the static verdict stands", async () => {
    const files = golangMigrate({
      "001_users": [USERS_FROM_QUERY, "DROP TABLE users;\n"],
      "002_wide": ["ALTER TABLE users MODIFY email varchar(120);\n", "ALTER TABLE users MODIFY email varchar(100);\n"],
    });
    const result = await verify(files, `${DIR}/002_wide.up.sql`, { database: "mysql" });
    expect(result.overruled).toEqual([]);
    const copy = result.findings.find((f) => f.rule === "mysql-table-copy");
    expect(copy?.details.at(-1)).toMatch(/runs as INSTANT .*\(this folder runs MySQL, whose online DDL table may differ\)$/);
  });

  it("refuses file access, other databases and global settings before running anything", async () => {
    for (const [statement, reason] of [
      ["LOAD DATA INFILE '/etc/passwd' INTO TABLE users;", "LOAD DATA / LOAD XML reads a file"],
      ["SELECT email INTO OUTFILE '/tmp/emails' FROM users;", "SELECT ... INTO OUTFILE writes a file on the database server"],
      ["UPDATE users SET email = LOAD_FILE('/etc/hostname');", "load_file() reads the server's files"],
      ["INSERT INTO mysql.user (User) VALUES ('x');", "it names the database mysql"],
      ["SET GLOBAL max_connections = 1;", "SET GLOBAL / PERSIST changes the server's configuration"],
      ["CREATE TABLE remote (id int) ENGINE=FEDERATED CONNECTION='mysql://u@h/db/t';", "ENGINE=FEDERATED tables live on another server"],
    ] as const) {
      const files = golangMigrate({ "001_users": [USERS, "DROP TABLE users;\n"], "002_bad": [`${statement}\n`, "SELECT 1;\n"] });
      const result = await verify(files, `${DIR}/002_bad.up.sql`);
      expect(result.executionFindings.map((f) => f.rule)).toEqual(["execute-skipped"]);
      expect(result.executionFindings[0].message).toContain(reason);
    }
    const connection = await mysql.createConnection(server.url);
    try {
      const [databases] = await connection.query("SHOW DATABASES LIKE 'migguard\\_verify\\_%'");
      expect(databases).toEqual([]);
      const [variables] = await connection.query("SELECT @@global.max_connections AS n");
      expect((variables as Array<{ n: number }>)[0].n).not.toBe(1);
    } finally {
      await connection.end();
    }
  });

  it("stops a statement that runs too long and says so in a note (max_statement_time, the watchdog behind it)", async () => {
    const files = golangMigrate({ "001_users": [USERS, "DROP TABLE users;\n"], "002_slow": ["SELECT SLEEP(5);\n", "SELECT 1;\n"] });
    const result = await verify(files, `${DIR}/002_slow.up.sql`, MARIADB, { statementTimeoutMs: 500 });
    expect(result.runs.map((r) => [r.outcome, r.reason])).toEqual([["skipped", "the statement ran longer than 500 ms and was stopped"]]);
    expect(result.executionFindings.map((f) => [f.rule, f.severity])).toEqual([["execute-skipped", "info"]]);
  });

  it("a Rails app on mysql2 whose migration is all `execute`: run on the server; without a MySQL server, a note says how", async () => {
    const migration = `class AddEmailIndex < ActiveRecord::Migration[7.1]
  def up
    execute "CREATE INDEX idx_email ON users (email)"
  end

  def down
    execute "SELECT 1"
  end
end
`;
    const files: SourceFile[] = [
      { path: "db/migrate/20240101000000_create_users.rb", content: `class CreateUsers < ActiveRecord::Migration[7.1]\n  def up\n    execute "${USERS.replace(/\n/g, " ").replace(/;\s*$/, "")}"\n  end\n\n  def down\n    execute "DROP TABLE users"\n  end\nend\n` },
      { path: "db/migrate/20240102000000_add_email_index.rb", content: migration },
    ];
    const projectFiles = [{ path: "config/database.yml", content: "production:\n  adapter: mysql2\n" }];
    const analysis = await analyze({ files, projectFiles });
    expect(analysis.databases.map((d) => d.database)).toEqual(["mysql"]);
    const target = "db/migrate/20240102000000_add_email_index.rb";
    const result = await verifyMigrations({ files, targets: [target], executor, findings: analysis.findings, databases: analysis.databases });
    expect(result.executionFindings.find((f) => f.rule === "down-does-not-restore-schema")?.fix).toContain("DROP INDEX idx_email ON users;");
    expect(result.algorithms[0].statements.map((s) => [s.line, s.algorithm])).toEqual([[3, "inplace"]]);

    const pglite = new PgliteExecutor();
    const skipped = await verifyMigrations({ files, targets: [target], executor: pglite, findings: analysis.findings, databases: analysis.databases });
    expect(skipped.executionFindings.map((f) => f.rule)).toEqual(["execute-skipped"]);
    expect(skipped.executionFindings[0].message).toContain("this migration runs on MySQL / MariaDB");
    await pglite.close();
  });

  it("through the CLI: MIGGUARD_DATABASE_URL=mysql://... lint --execute prints the online DDL table and exits", async () => {
    const root = repo({
      ".github/migguard.yml": "database: mariadb\n",
      "migrations/000001_users.up.sql": USERS,
      "migrations/000001_users.down.sql": "DROP TABLE users;\n",
      "migrations/000002_age.up.sql": "SET SESSION lock_wait_timeout = 5;\nALTER TABLE users MODIFY age bigint;\nCREATE INDEX idx_email ON users (email);\n",
      "migrations/000002_age.down.sql": "ALTER TABLE users MODIFY age int;\n",
    });
    const previous = process.env.MIGGUARD_DATABASE_URL;
    process.env.MIGGUARD_DATABASE_URL = server.url.replace(/^mysql:/, "mariadb:");
    try {
      const result = await run(["lint", "--execute", "migrations/000002_age.up.sql"], { cwd: root });
      expect(result.exitCode).toBe(1);
      expect(result.output).toMatch(/online DDL of migrations\/000002_age\.up\.sql \(measured on MariaDB 10\.\d+\.\d+\):/);
      expect(result.output).toMatch(/2 +ALTER TABLE users MODIFY age bigint +users +refused .* COPY \(table copied, writes blocked\)/);
      expect(result.output).toMatch(/3 +CREATE INDEX idx_email ON users \(email\) +users +refused .* accepted +INPLACE, LOCK=NONE \(writes go on\)/);
      expect(result.output).toContain("down-does-not-restore-schema");
      expect(result.output).toContain("DROP INDEX idx_email ON users;");
      expect(result.output).toMatch(/execute: ran 1 of 1 migration\(s\) up -> down -> up in MariaDB 10\.\d+\.\d+ at mariadb:\/\/root@127\.0\.0\.1:\d+\//);
    } finally {
      if (previous === undefined) delete process.env.MIGGUARD_DATABASE_URL;
      else process.env.MIGGUARD_DATABASE_URL = previous;
    }
  });
});
