/**
 * The pure parts of execution: which migrations run before a target and in what order, scripts that keep
 * each runner's transaction mode, and the statements refused before anything runs.
 */
import { loadAdapters } from "../../engine/adapters/index.js";
import { detectByPath, detectFile, type DetectedFile } from "../../engine/detect.js";
import { earlierMigrations, pathsToRead, sqitchPlanOrder } from "../../engine/migration-order.js";
import { Migration } from "../../engine/model.js";
import { parseStatements } from "../../engine/adapters/sql/pg-parser.js";
import { nodeRefusal } from "../safety.js";
import { embeddedScripts, sqlScripts, statementsOf, type Runnable } from "../script.js";

beforeAll(() => loadAdapters());

const detect = (path: string, content = "") => {
  const file = detectFile(path, content, undefined, { explicit: true });
  if (!file) throw new Error(`not a migration: ${path}`);
  return file;
};
const paths = (files: DetectedFile[]) => files.map((f) => f.path);

describe("earlier migrations", () => {
  it("orders golang-migrate versions numerically, within the target's folder only", () => {
    const all = ["db/2_b.up.sql", "db/10_c.up.sql", "db/1_a.up.sql", "db/1_a.down.sql", "db/11_d.up.sql", "other/3_x.up.sql"].map((p) => detect(p));
    const plan = earlierMigrations(detect("db/11_d.up.sql"), all);
    expect(plan.status === "ordered" && paths(plan.earlier)).toEqual(["db/1_a.up.sql", "db/2_b.up.sql", "db/10_c.up.sql"]);
  });

  it("compares Flyway versions part by part and leaves out undo and repeatable migrations", () => {
    const all = ["sql/V1.10__c.sql", "sql/V1.2__b.sql", "sql/V1__a.sql", "sql/U1.2__b.sql", "sql/R__views.sql", "sql/V2__d.sql"].map((p) => detect(p));
    const plan = earlierMigrations(detect("sql/V2__d.sql"), all);
    expect(plan.status === "ordered" && paths(plan.earlier)).toEqual(["sql/V1__a.sql", "sql/V1.2__b.sql", "sql/V1.10__c.sql"]);
  });

  it("sorts diesel and Prisma folders by name, one level up", () => {
    const all = ["migrations/2019-02-26-002946_b/up.sql", "migrations/2019-01-01-000000_a/up.sql", "migrations/2019-03-01-000000_c/up.sql"].map((p) => detect(p));
    const plan = earlierMigrations(detect("migrations/2019-03-01-000000_c/up.sql"), all);
    expect(plan.status === "ordered" && paths(plan.earlier)).toEqual(["migrations/2019-01-01-000000_a/up.sql", "migrations/2019-02-26-002946_b/up.sql"]);
  });

  it("follows sqitch.plan, and says the order is unknown without it", () => {
    const all = ["db/deploy/users.sql", "db/deploy/appschema.sql", "db/deploy/flips.sql"].map((p) => detect(p));
    const target = detect("db/deploy/flips.sql");
    expect(earlierMigrations(target, all).status).toBe("unordered");
    const plan = earlierMigrations(target, all, { sqitchPlan: "%syntax-version=1.0.0\n%project=flipr\n\nappschema 2024-01-01T00:00:00Z Ann <a@x> # schema\nusers [appschema] 2024-01-02T00:00:00Z Ann <a@x>\n@v1 2024-01-02T00:00:00Z Ann <a@x>\nflips [users] 2024-01-03T00:00:00Z Ann <a@x>\n" });
    expect(plan.status === "ordered" && paths(plan.earlier)).toEqual(["db/deploy/appschema.sql", "db/deploy/users.sql"]);
    expect(sqitchPlanOrder("%project=x\n# c\na 2024 x <y>\n@t 2024 x <y>\nb [a] 2024 x <y>\n")).toEqual(["a", "b"]);
  });

  it("lists the files to read from a repository listing, before reading any", () => {
    const target = detectByPath("db/migrations/003_c.up.sql") as DetectedFile;
    const listing = ["db/migrations/001_a.up.sql", "db/migrations/001_a.down.sql", "db/migrations/002_b.up.sql", "db/migrations/004_d.up.sql", "README.md"];
    expect(pathsToRead(target, listing)).toEqual(["db/migrations/001_a.up.sql", "db/migrations/002_b.up.sql"]);
    // dbmate files are told apart by content: every numbered .sql of the folder may be one
    const dbmate = detect("db/migrations/20240103_c.sql", "-- migrate:up\nSELECT 1;\n");
    expect(pathsToRead(dbmate, ["db/migrations/20240101_a.sql", "db/migrations/20240104_d.sql", "db/schema.sql"])).toEqual(["db/migrations/20240101_a.sql"]);
  });
});

const script = (runnable: Runnable | undefined) => {
  if (!runnable?.ok) throw new Error(runnable ? runnable.reason : "no script");
  return statementsOf(runnable.script).map((s) => `${s.line}:${s.type}${s.inTransaction ? " (tx)" : ""}${s.control ? ` [${s.control}]` : ""}`);
};

describe("scripts", () => {
  it("keeps golang-migrate's implicit transaction: one statement alone, two or more together", () => {
    const alone = sqlScripts({ file: detect("db/1_a.up.sql"), content: "CREATE INDEX CONCURRENTLY i ON t (a);\n" });
    expect(script(alone.up)).toEqual(["1:IndexStmt"]);
    const together = sqlScripts({ file: detect("db/1_a.up.sql"), content: "SET lock_timeout = '1s';\nCREATE INDEX CONCURRENTLY i ON t (a);\n", downFile: { path: "db/1_a.down.sql", content: "DROP INDEX i;\n" } });
    expect(script(together.up)).toEqual(["1:VariableSetStmt (tx)", "2:IndexStmt (tx)"]);
    expect(together.down?.ok && together.down.script.path).toBe("db/1_a.down.sql");
  });

  it("follows a migration's own BEGIN and COMMIT, and goose's NO TRANSACTION", () => {
    const sqitch = sqlScripts({ file: detect("db/deploy/x.sql"), content: "BEGIN;\nCREATE TABLE t (a int);\nCOMMIT;\nVACUUM t;\n" });
    expect(script(sqitch.up)).toEqual(["1:TransactionStmt [begin]", "2:CreateStmt (tx)", "3:TransactionStmt (tx) [commit]", "4:VacuumStmt"]);
    const goose = sqlScripts({ file: detect("db/migrations/00001_x.sql", "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY i ON t (a);\n-- +goose Down\nDROP INDEX i;\n"), content: "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY i ON t (a);\n-- +goose Down\nDROP INDEX i;\n" });
    expect(script(goose.up)).toEqual(["3:IndexStmt"]);
    expect(script(goose.down)).toEqual(["5:DropStmt"]);
  });

  it("refuses to run SQL with runner placeholders it cannot fill in", () => {
    const flyway = sqlScripts({ file: detect("sql/V1__a.sql"), content: "CREATE TABLE ${schema}.users (id int);\n" });
    expect(flyway.up).toEqual({ ok: false, reason: expect.stringContaining("sql/V1__a.sql:1 uses runner templating") });
  });

  it("runs embedded SQL only when the whole migration is SQL, one statement per ALTER TABLE", () => {
    const op = (line: number, text: string, kind = "raw", extra: Record<string, unknown> = {}) => ({ kind, loc: { line, endLine: line }, text, embeddedSql: true, statement: "X", ...extra });
    const sqlOnly = Migration.parse({
      path: "db/migrate/20240101000000_x.rb",
      framework: "rails",
      layout: "rails",
      transactional: true,
      up: [op(3, "ALTER TABLE users ADD COLUMN a int, ADD COLUMN b int"), op(3, "ALTER TABLE users ADD COLUMN a int, ADD COLUMN b int"), op(4, "CREATE INDEX i ON users (a)")],
      down: { status: "present", ops: [op(7, "DROP INDEX i")] },
    });
    const scripts = embeddedScripts(sqlOnly);
    expect(script(scripts.up)).toEqual(["3:AlterTableStmt (tx)", "4:IndexStmt (tx)"]);
    expect(script(scripts.down)).toEqual(["7:DropStmt (tx)"]);
    const mixed = Migration.parse({ ...sqlOnly, up: [...sqlOnly.up, { kind: "add_column", loc: { line: 5, endLine: 5 }, table: "users", column: { name: "c" } }] });
    expect(embeddedScripts(mixed).up).toEqual({ ok: false, reason: expect.stringContaining("mixes framework operations (add_column)") });
  });
});

describe("refused statements", () => {
  const refusal = (sql: string, hostAccess = true) => nodeRefusal(parseStatements(sql).statements[0].stmt, hostAccess);

  it.each([
    ["COPY users TO PROGRAM 'curl example.com'", "PROGRAM"],
    ["COPY users FROM '/etc/passwd'", "file system"],
    ["COPY users FROM STDIN", "streams"],
    ["SELECT pg_read_file('/etc/passwd')", "pg_read_file"],
    ["DO $$ BEGIN PERFORM pg_ls_dir('/'); END $$", "pg_ls_dir"],
    ["DO $$ BEGIN EXECUTE 'COPY t TO PROGRAM ''id'''; END $$", "PROGRAM"],
    ["CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$ SELECT pg_read_file('x') $$", "pg_read_file"],
    ["CREATE FUNCTION f() RETURNS int LANGUAGE plpython3u AS $$ return 1 $$", "plpython3u"],
    ["CREATE EXTENSION dblink", "dblink"],
    ["CREATE DATABASE other", "creates a database"],
    ["ALTER SYSTEM SET work_mem = '1GB'", "ALTER SYSTEM"],
    ["CREATE ROLE reporting", "role"],
  ])("refuses %s", (sql, reason) => {
    expect(refusal(sql)).toContain(reason);
  });

  it("lets ordinary migrations run, and roles only in the embedded database", () => {
    for (const sql of ["CREATE TABLE t (id int)", "DO $$ BEGIN EXECUTE format('CREATE INDEX ON %I (a)', 't'); END $$", "SELECT diesel_manage_updated_at('users')", "CREATE EXTENSION pgcrypto"])
      expect(refusal(sql)).toBeUndefined();
    expect(refusal("CREATE ROLE reporting", false)).toBeUndefined();
  });
});
