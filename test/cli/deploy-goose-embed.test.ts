/**
 * `migguard lint` on a Go app that runs goose in-process from a wrapper whose embed FS is another package of the
 * module (bitmagnet: internal/database/migrations/migrator.go passes `migrationssql.FS`, declared with `//go:embed`
 * in migrations/migrations.go): the index built without CONCURRENTLY is a note naming the goose call; without the
 * `//go:embed` directive the FS holds nothing and the finding is an error again.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";
import { GO_GOOSE_WRAPPER_APP, GOOSE_EMBED_FS } from "../../src/engine/testing/deploy-fixtures.js";

const app = { ...GO_GOOSE_WRAPPER_APP, "db/sql/00002_users_email.sql": "-- +goose Up\nCREATE INDEX users_email ON users (email);\n\n-- +goose Down\nDROP INDEX users_email;\n" };
const MIGRATION = "db/sql/00002_users_email.sql";
const indexFinding = async (repo: Repo) => {
  const { output } = await run(["lint", "--format", "json", MIGRATION], { cwd: repo.root });
  return (JSON.parse(output) as { findings: Array<{ rule: string; severity: string; message: string }> }).findings.find((f) => f.rule === "index-without-concurrently");
};

describe("goose run in-process with the embed FS of another package, through the CLI", () => {
  it("lint: the lock finding is a note naming the goose call; the FS without //go:embed puts the error back", async () => {
    const repo = new Repo().write(app).commit("app");
    expect(await indexFinding(repo)).toMatchObject({ severity: "info", message: expect.stringContaining("Offline deploy (internal/store/open.go:10 runs the migrations") });
    const text = await run(["lint", MIGRATION], { cwd: repo.root });
    expect(text.output).toContain("deploy: read as offline: internal/store/open.go:10: the application applies its embedded goose migrations (sqlfs.FS) at start");
    repo.write({ "db/sql/fs.go": GOOSE_EMBED_FS.replace("//go:embed *.sql\n", "") }).commit("no embed");
    expect(await indexFinding(repo)).toMatchObject({ severity: "error" });
  });
});
