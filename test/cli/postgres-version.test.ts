/**
 * Fixes written for the repository's PostgreSQL, through `migguard lint`: a docker-compose.yml that pins
 * `postgres:9.6` makes a rename's trigger say EXECUTE PROCEDURE (EXECUTE FUNCTION is PostgreSQL 11+) and its fill run
 * without a COMMIT inside a DO block; `--verbose` says where the version came from; the config's postgres_version wins.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const MIGRATIONS = {
  "migrations/000001_users.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n",
  "migrations/000001_users.down.sql": "DROP TABLE users;\n",
  "migrations/000002_rename_email.up.sql": "ALTER TABLE users RENAME COLUMN email TO email_address;\n",
  "migrations/000002_rename_email.down.sql": "ALTER TABLE users RENAME COLUMN email_address TO email;\n",
};

const COMPOSE = "services:\n  db:\n    image: postgres:9.6\n  web:\n    build: .\n    depends_on: [db]\n";

const renameFix = async (files: Record<string, string>, args: string[] = []): Promise<string> => {
  const root = fileTree(files, "migguard-pg-version-");
  const result = await run(["lint", "--format", "json", ...args, "migrations"], { cwd: root });
  const { findings } = JSON.parse(result.output) as { findings: Array<{ rule: string; path: string; fix: string }> };
  const rename = findings.find((f) => f.rule === "rename-column" && f.path === "migrations/000002_rename_email.up.sql");
  if (!rename) throw new Error(`no rename-column finding: ${result.output}`);
  return rename.fix;
};

describe("the PostgreSQL version a repository pins", () => {
  it("docker-compose.yml's postgres:9.6: the sync trigger says EXECUTE PROCEDURE, and no DO block commits", async () => {
    const fix = await renameFix({ ...MIGRATIONS, "docker-compose.yml": COMPOSE });
    expect(fix).toContain("FOR EACH ROW EXECUTE PROCEDURE users_sync_email_address();");
    expect(fix).not.toContain("EXECUTE FUNCTION");
    expect(fix).not.toMatch(/^\s*COMMIT;/m);
    expect(fix).toContain("UPDATE users SET email_address = email WHERE email_address IS DISTINCT FROM email;");
  });

  it("--verbose names the version and the file that pins it", async () => {
    const root = fileTree({ ...MIGRATIONS, "docker-compose.yml": COMPOSE }, "migguard-pg-version-");
    const verbose = await run(["lint", "--verbose", "migrations"], { cwd: root });
    expect(verbose.output).toContain("version 9.6 from docker-compose.yml (image postgres:9.6)");
  });

  it("without a pinned version, or with the config's postgres_version, the fix is PostgreSQL 11+'s", async () => {
    expect(await renameFix(MIGRATIONS)).toContain("EXECUTE FUNCTION users_sync_email_address();");
    const configured = await renameFix({ ...MIGRATIONS, "docker-compose.yml": COMPOSE, ".github/migguard.yml": "postgres_version: 15\n" });
    expect(configured).toContain("EXECUTE FUNCTION users_sync_email_address();");
    expect(configured).toMatch(/^\s*COMMIT;/m);
  });
});
