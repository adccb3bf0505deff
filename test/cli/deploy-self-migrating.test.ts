/**
 * `migguard lint` on a Go app that applies its own embedded golang-migrate migrations at start (pocket-id: source/iofs,
 * one compose service): the index built without CONCURRENTLY is a note naming the Go line that migrates, and a Helm
 * chart beside it puts the error back.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const app = {
  "backend/go.mod": "module example.com/app\n\ngo 1.24\n\nrequire github.com/golang-migrate/migrate/v4 v4.19.1\n",
  "backend/internal/utils/db_migration_util.go": [
    "package utils",
    "",
    'import (\n\t"github.com/golang-migrate/migrate/v4"\n\t"github.com/golang-migrate/migrate/v4/source/iofs"\n)',
    "",
    "func MigrateDatabase(db *sql.DB) error {",
    '\tsource, _ := iofs.New(resources.FS, "migrations/postgres")',
    '\tm, _ := migrate.NewWithInstance("iofs", source, "app", driver)',
    "\treturn m.Up()",
    "}",
    "",
  ].join("\n"),
  "docker-compose.yml": "services:\n  app:\n    image: example/app:v2\n    ports:\n      - 1411:1411\n",
  "backend/resources/migrations/postgres/20250101000000_users.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n",
  "backend/resources/migrations/postgres/20250201000000_users_email.up.sql": "CREATE INDEX users_email ON users (email);\n",
};
const MIGRATION = "backend/resources/migrations/postgres/20250201000000_users_email.up.sql";
const severityOf = async (repo: Repo) => {
  const { output } = await run(["lint", "--format", "json", MIGRATION], { cwd: repo.root });
  return (JSON.parse(output) as { findings: Array<{ rule: string; severity: string; message: string }> }).findings.find((f) => f.rule === "index-without-concurrently");
};

describe("an application that migrates itself at start, through the CLI", () => {
  it("lint: the lock finding is a note naming the Go line that migrates; a Helm chart keeps the error", async () => {
    const repo = new Repo().write(app).commit("app");
    const offline = await severityOf(repo);
    expect(offline).toMatchObject({ severity: "info", message: expect.stringContaining("Offline deploy (backend/internal/utils/db_migration_util.go:11 runs the migrations") });
    const text = await run(["lint", MIGRATION], { cwd: repo.root });
    expect(text.output).toContain("deploy: read as offline: backend/internal/utils/db_migration_util.go:11: the application applies its embedded golang-migrate migrations");
    repo.write({ "charts/app/Chart.yaml": "apiVersion: v2\nname: app\n" }).commit("chart");
    expect(await severityOf(repo)).toMatchObject({ severity: "error" });
  });
});
