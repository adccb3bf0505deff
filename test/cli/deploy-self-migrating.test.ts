/**
 * `migguard lint` on a Go app that applies its own embedded golang-migrate migrations at start (pocket-id: source/iofs,
 * one compose service): the index built without CONCURRENTLY is a note naming the Go line that migrates, and a Helm
 * chart beside it puts the error back. A Rust workspace read at crate level (lemmy: a crate that depends on
 * diesel_migrations runs them from its schema_setup/mod.rs) reads the same.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";
import { MARAGUDK_RUNNER, RUST_DIESEL_WORKSPACE } from "../../src/engine/testing/deploy-fixtures.js";

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

  it("lint: a migration library called with the migrations embedded (gitness: maragudk/migrate, //go:embed postgres/*.sql) in a shipped container is the same evidence; a Helm chart keeps the error", async () => {
    const migration = "app/store/database/migrate/postgres/0002_users_email.up.sql";
    const repo = new Repo()
      .write({
        ...MARAGUDK_RUNNER,
        Dockerfile: 'FROM alpine\nCOPY app /app/app\nENTRYPOINT ["/app/app", "server"]\n',
        "app/store/database/migrate/postgres/0001_users.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n",
        [migration]: "CREATE INDEX users_email ON users (email);\n",
      })
      .commit("app");
    const finding = async () => {
      const { output } = await run(["lint", "--format", "json", migration], { cwd: repo.root });
      return (JSON.parse(output) as { findings: Array<{ rule: string; severity: string; message: string }> }).findings.find((f) => f.rule === "index-without-concurrently");
    };
    expect(await finding()).toMatchObject({ severity: "info", message: expect.stringContaining("Offline deploy (app/store/database/migrate/migrate.go:16 runs the migrations") });
    expect((await run(["lint", migration], { cwd: repo.root })).output).toContain("deploy: read as offline: app/store/database/migrate/migrate.go:16: the application applies its embedded migrations (//go:embed) with maragudk/migrate at start, before it serves");
    repo.write({ "charts/app/Chart.yaml": "apiVersion: v2\nname: app\n" }).commit("chart");
    expect(await finding()).toMatchObject({ severity: "error" });
    expect((await run(["lint", "--verbose", migration], { cwd: repo.root })).output).toContain("deploy: read as online: app/store/database/migrate/migrate.go:16 migrates before the server starts, but charts/app/Chart.yaml:1 is a Helm chart");
  });

  it("lint: a Rust workspace whose crate depends on diesel_migrations and runs them at start from schema_setup/mod.rs (lemmy) reads as the Go app does; a Helm chart keeps the error", async () => {
    const migration = "migrations/2025-02-01-000000_users_email/up.sql";
    const repo = new Repo()
      .write({
        ...RUST_DIESEL_WORKSPACE,
        // another crate's source, without a migration macro: read and dropped
        "crates/db/src/lib.rs": "pub mod schema_setup;\n",
        "migrations/2023-01-01-000000_users/up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n",
        "migrations/2023-01-01-000000_users/down.sql": "DROP TABLE users;\n",
        [migration]: "CREATE INDEX users_email ON users (email);\n",
        "migrations/2025-02-01-000000_users_email/down.sql": "DROP INDEX users_email;\n",
      })
      .commit("app");
    const finding = async () => {
      const { output } = await run(["lint", "--format", "json", migration], { cwd: repo.root });
      return (JSON.parse(output) as { findings: Array<{ rule: string; severity: string; message: string }> }).findings.find((f) => f.rule === "index-without-concurrently");
    };
    expect(await finding()).toMatchObject({ severity: "info", message: expect.stringContaining("Offline deploy (crates/db/src/schema_setup/mod.rs:13 runs the migrations") });
    expect((await run(["lint", migration], { cwd: repo.root })).output).toContain(
      "deploy: read as offline: crates/db/src/schema_setup/mod.rs:13: the application runs its embedded diesel migrations (embed_migrations!, run_pending_migrations) at start, before it serves",
    );
    // the crate depends on the library only for its tests: not the server's start
    repo.write({ "crates/db/Cargo.toml": RUST_DIESEL_WORKSPACE["crates/db/Cargo.toml"]!.replace("[dependencies]", "[dev-dependencies]") }).commit("dev only");
    expect(await finding()).toMatchObject({ severity: "error" });
    repo.write({ "crates/db/Cargo.toml": RUST_DIESEL_WORKSPACE["crates/db/Cargo.toml"]!, "charts/app/Chart.yaml": "apiVersion: v2\nname: app\n" }).commit("chart");
    expect(await finding()).toMatchObject({ severity: "error" });
  });

  it("lint: the Rust code is read with its grammar: run_pending_migrations only in a block comment or a string does not run them", async () => {
    const migration = "migrations/2025-02-01-000000_users_email/up.sql";
    const setup = RUST_DIESEL_WORKSPACE["crates/db/src/schema_setup/mod.rs"]!;
    const repo = new Repo()
      .write({
        ...RUST_DIESEL_WORKSPACE,
        "crates/db/src/schema_setup/mod.rs": setup.replace("  wrapper.run_pending_migrations(MIGRATIONS)?;", '  /* wrapper.run_pending_migrations(MIGRATIONS)?; */\n  log::info!("then wrapper.run_pending_migrations(MIGRATIONS)");'),
        "migrations/2023-01-01-000000_users/up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n",
        [migration]: "CREATE INDEX users_email ON users (email);\n",
      })
      .commit("app");
    const { output } = await run(["lint", "--format", "json", migration], { cwd: repo.root });
    expect((JSON.parse(output) as { findings: Array<{ rule: string; severity: string }> }).findings.find((f) => f.rule === "index-without-concurrently")).toMatchObject({ severity: "error" });
    repo.write({ "crates/db/src/schema_setup/mod.rs": setup }).commit("runs them");
    expect((await run(["lint", migration], { cwd: repo.root })).output).toContain("deploy: read as offline: crates/db/src/schema_setup/mod.rs:13:");
  });
});
