/**
 * Verification in PGlite, the default back end: the done-when cases, plus what only this back end needs
 * (the reset between verifications, a runaway statement stopped by terminating the worker) and the CLI.
 * One PGlite instance for the whole file (its start costs seconds).
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run as cli } from "../../cli/main.js";
import { DEFAULT_LIMITS } from "../executor.js";
import { PgliteExecutor } from "../pglite/pglite-executor.js";
import { defineVerifyCases, golangMigrate, USERS } from "./verify-cases.js";
import { verifyMigrations } from "../verify.js";
import { closeDefaultExecutor, defaultExecutor } from "../default-executor.js";

// the process-wide executor, so the CLI test below reuses the same instance
const executor = () => defaultExecutor({}) as PgliteExecutor;

beforeAll(() => executor().start(), 120_000);
afterAll(() => closeDefaultExecutor());

describe("PGlite", () => {
  defineVerifyCases(executor);

  it("gives every verification an empty database, whatever the last one left behind", async () => {
    const session = await executor().open(DEFAULT_LIMITS);
    const [fresh] = await session.query("SELECT current_setting('search_path') AS search_path");
    try {
      for (const sql of ["CREATE SCHEMA leftovers", "CREATE TABLE public.junk (id int)", "CREATE EXTENSION citext", "CREATE ROLE leftover_role", "SET search_path = leftovers", "CREATE EVENT TRIGGER noisy ON ddl_command_end EXECUTE FUNCTION pg_catalog.now()"])
        await session.query(sql).catch(() => undefined);
    } finally {
      await session.release();
    }
    const next = await executor().open(DEFAULT_LIMITS);
    try {
      const [counts] = await next.query(`SELECT
        (SELECT count(*) FROM pg_namespace WHERE nspname = 'leftovers')::int AS schemas,
        (SELECT count(*) FROM pg_class WHERE relname = 'junk')::int AS tables,
        (SELECT count(*) FROM pg_extension WHERE extname = 'citext')::int AS extensions,
        (SELECT count(*) FROM pg_roles WHERE rolname = 'leftover_role')::int AS roles,
        current_setting('search_path') AS search_path`);
      expect(counts).toEqual({ schemas: 0, tables: 0, extensions: 0, roles: 0, search_path: fresh.search_path });
    } finally {
      await next.release();
    }
  });

  it("stops a statement that grows the database past the memory cap, and says so as a note", async () => {
    const files = golangMigrate({
      "001_users": [USERS, "DROP TABLE users;\n"],
      "002_big": ["SELECT length(string_agg(repeat('x', 1000), '')) FROM generate_series(1, 400000);\n", "SELECT 1;\n"],
    });
    const result = await verifyMigrations({ files, targets: ["db/migrations/002_big.up.sql"], executor: executor(), limits: { memoryMb: 64, statementTimeoutMs: 60_000 } });
    expect(result.executionFindings.map((f) => [f.rule, f.severity])).toEqual([["execute-skipped", "info"]]);
    expect(result.executionFindings[0].message).toContain("over the 64 MB cap");
  }, 120_000);

  it("stops a statement that never ends, says so as a note, and recovers for the next verification", async () => {
    const files = golangMigrate({
      "001_users": [USERS, "DROP TABLE users;\n"],
      "002_loop": ["DO $$ BEGIN LOOP END LOOP; END $$;\n", "SELECT 1;\n"],
      "003_phone": ["ALTER TABLE users ADD COLUMN phone text;\n", "ALTER TABLE users DROP COLUMN phone;\n"],
    });
    const looping = await verifyMigrations({ files, targets: ["db/migrations/002_loop.up.sql"], executor: executor(), limits: { statementTimeoutMs: 500 } });
    expect(looping.executionFindings.map((f) => [f.rule, f.severity])).toEqual([["execute-skipped", "info"]]);
    expect(looping.executionFindings[0].message).toContain("longer than 500 ms");
    const after = await verifyMigrations({ files: files.filter((f) => !f.path.includes("002")), targets: ["db/migrations/003_phone.up.sql"], executor: executor() });
    expect(after.runs.map((r) => r.outcome)).toEqual(["verified"]);
  }, 120_000);

  it("a statement stopped by what is left of the time budget (a fractional timeout) reports whole milliseconds", async () => {
    const session = await executor().open(DEFAULT_LIMITS);
    try {
      await expect(session.query("DO $$ BEGIN LOOP END LOOP; END $$", { timeoutMs: 1252.9625919999962 })).rejects.toThrow("the statement ran longer than 1253 ms and was stopped");
    } finally {
      await session.release();
    }
  }, 120_000);

  it("runs from the command line with --execute, printing the lock table", async () => {
    const dir = mkdtempSync(join(tmpdir(), "migguard-execute-"));
    try {
      mkdirSync(join(dir, "db", "migrations"), { recursive: true });
      for (const file of golangMigrate({
        "001_users": [USERS, "DROP TABLE users;\n"],
        "002_email": ["SET lock_timeout = '5s';\nCREATE INDEX users_email_idx ON users (email);\n", "SELECT 1;\n"],
      }))
        writeFileSync(join(dir, file.path), file.content);
      // only the new migration is named: the earlier one is read from its folder
      const text = await cli(["lint", "--execute", "db/migrations/002_email.up.sql"], { cwd: dir });
      expect(text.exitCode).toBe(1);
      expect(text.output).toContain("db/migrations/002_email.down.sql:1: error down-does-not-restore-schema");
      expect(text.output).toMatch(/ {2}2 +CREATE INDEX users_email_idx ON users \(email\) +SHARE +users +no +yes +no +end of migration \(line 2\)/);
      expect(text.output).toContain("execute: ran 1 of 1 migration(s) up -> down -> up in PGlite");
      const json = JSON.parse((await cli(["lint", "--execute", "--format", "json", "db/migrations"], { cwd: dir })).output);
      expect(json.findings.map((f: { rule: string }) => f.rule)).toEqual(expect.arrayContaining(["down-does-not-restore-schema", "up-not-rerunnable"]));
      const sarif = JSON.parse((await cli(["lint", "--execute", "--format", "sarif", "db/migrations"], { cwd: dir })).output);
      expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain("down-does-not-restore-schema");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
