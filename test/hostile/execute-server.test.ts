/**
 * `lint --execute` against a server (MIGGUARD_DATABASE_URL, as CI jobs that set DATABASE_URL do) prints its report
 * and exits: the executor's admin connection is closed when the command ends. Run as a real process; the spawn's
 * timeout only turns a hang into a failure, it measures nothing.
 */
import { postgresBinDir, startLocalPostgres, type LocalPostgres } from "../../src/execute/testing/local-postgres.js";
import { cliProcess, repo } from "./support/repo.js";

const describeIfServer = postgresBinDir() ? describe : describe.skip;

describeIfServer("lint --execute with MIGGUARD_DATABASE_URL", () => {
  let server: LocalPostgres;
  beforeAll(async () => {
    server = await startLocalPostgres();
  }, 60_000);
  afterAll(() => server?.stop());

  it("reports and exits with the findings' status", () => {
    const root = repo({
      "db/migrations/000001_users.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n",
      "db/migrations/000001_users.down.sql": "DROP TABLE users;\n",
      "db/migrations/000002_email.up.sql": "ALTER TABLE users DROP COLUMN email;\n",
      "db/migrations/000002_email.down.sql": "ALTER TABLE users ADD COLUMN email text;\n",
    });
    const cli = cliProcess(["lint", "--execute", "db/migrations/000002_email.up.sql"], { cwd: root, env: { MIGGUARD_DATABASE_URL: server.url } });
    expect(cli.error).toBeUndefined(); // not killed by the spawn's timeout: the process ended by itself
    expect(cli.signal).toBeNull();
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain("drop-column");
  }, 180_000);
});
