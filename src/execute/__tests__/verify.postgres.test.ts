/**
 * Verification against a real PostgreSQL server (the DATABASE_URL back end), started by this test from the
 * Debian binaries on a free localhost port: the same done-when cases as PGlite, plus the throwaway
 * databases being dropped and server-only refusals (roles are shared by the whole server).
 */
import pg from "pg";
import { PostgresExecutor } from "../postgres/postgres-executor.js";
import { postgresBinDir, startLocalPostgres, type LocalPostgres } from "../testing/local-postgres.js";
import { defineVerifyCases, golangMigrate, run, USERS } from "./verify-cases.js";

const bin = postgresBinDir();
if (!bin) console.warn("verify.postgres.test.ts skipped: no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (npm test installs the postgresql package with apt-get when run as root or with sudo)");
const describeIfServer = bin ? describe : describe.skip;

let server: LocalPostgres;
let executor: PostgresExecutor;

describeIfServer("a real PostgreSQL server (DATABASE_URL)", () => {
  beforeAll(async () => {
    server = await startLocalPostgres();
    executor = new PostgresExecutor(server.url);
  }, 60_000);

  afterAll(async () => {
    await executor?.close();
    await server?.stop();
  });

  defineVerifyCases(() => executor);

  it("refuses role changes on a server, where roles are shared, and leaves no throwaway database behind", async () => {
    const files = golangMigrate({
      "001_users": [USERS, "DROP TABLE users;\n"],
      "002_role": ["CREATE ROLE reporting;\nGRANT SELECT ON users TO reporting;\n", "REVOKE SELECT ON users FROM reporting;\nDROP ROLE reporting;\n"],
    });
    const result = await run(executor, files, ["db/migrations/002_role.up.sql"]);
    expect(result.executionFindings.map((f) => f.rule)).toEqual(["execute-skipped"]);
    expect(result.executionFindings[0].message).toContain("creates a role");
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      const { rows } = await client.query("SELECT datname FROM pg_database WHERE datname LIKE 'migguard_verify_%'");
      expect(rows).toEqual([]);
      const roles = await client.query("SELECT rolname FROM pg_roles WHERE rolname = 'reporting'");
      expect(roles.rows).toEqual([]);
    } finally {
      await client.end();
    }
  });

  it("describes the server without its password", async () => {
    expect(await executor.describe()).toMatch(/^PostgreSQL \d+\.\d+.* at postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
  });
});
