/**
 * `migguard lint` on a Go app whose start-up migration lives in a file not named for it (internal/bootstrap/db.go
 * runs golang-migrate from an iofs source): the walk reads the module's Go files by their imports, so the index
 * built without CONCURRENTLY is a note naming that line; the same code under cmd/migrate/ is a command of its own.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";
import { GO_BOOTSTRAP, GO_SELF_MIGRATING_APP } from "../../src/engine/testing/deploy-fixtures.js";

const app = {
  ...GO_SELF_MIGRATING_APP,
  "migrations/sql/000002_users_email.up.sql": "CREATE INDEX users_email ON users (email);\n",
};
const MIGRATION = "migrations/sql/000002_users_email.up.sql";
const indexFinding = async (repo: Repo) => {
  const { output } = await run(["lint", "--format", "json", MIGRATION], { cwd: repo.root });
  return (JSON.parse(output) as { findings: Array<{ rule: string; severity: string; message: string }> }).findings.find((f) => f.rule === "index-without-concurrently");
};

describe("a Go start-up migration found by its imports, through the CLI", () => {
  it("lint: internal/bootstrap/db.go's m.Up() makes the lock finding a note naming its line; moved under cmd/migrate/ it is an error again", async () => {
    const repo = new Repo().write(app).commit("app");
    expect(await indexFinding(repo)).toMatchObject({ severity: "info", message: expect.stringContaining("Offline deploy (internal/bootstrap/db.go:13 runs the migrations") });
    repo.remove("internal/bootstrap/db.go").write({ "cmd/migrate/db.go": GO_BOOTSTRAP }).commit("a migrate command");
    expect(await indexFinding(repo)).toMatchObject({ severity: "error" });
  });
});
