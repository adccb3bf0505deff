/**
 * The deploy files of a self-hosted app that migrates offline (babybuddy's image: the entrypoint runs
 * `manage.py migrate`, then `exec "$@"` hands over to the CMD, gunicorn), for case tables: with them, lock and
 * old-code findings are notes (deploy/deploy-model.ts). Add a Helm chart and the deploy is rolling again.
 */
export const OFFLINE_ENTRYPOINT = {
  Dockerfile: 'FROM python:3.12\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["gunicorn", "babybuddy.wsgi"]\n',
  "docker-entrypoint.sh": '#!/bin/sh\nset -e\npython manage.py migrate --noinput\nexec "$@"\n',
};

export const HELM_CHART = { "charts/app/Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\n" };

/**
 * A Go module that migrates itself at start from a file not named for it: internal/bootstrap/db.go runs its
 * embedded golang-migrate migrations (an iofs source) and main.go calls it; its `m.Up()` is on line 13.
 */
export const GO_BOOTSTRAP = [
  "package bootstrap",
  "",
  "import (",
  '\t"database/sql"',
  "",
  '\t"github.com/golang-migrate/migrate/v4"',
  '\t"github.com/golang-migrate/migrate/v4/source/iofs"',
  ")",
  "",
  "func OpenDatabase(db *sql.DB) error {",
  '\tsource, _ := iofs.New(migrations.FS, "sql")',
  '\tm, _ := migrate.NewWithSourceInstance("iofs", source, url)',
  "\treturn m.Up()",
  "}",
  "",
].join("\n");

export const GO_MOD_WITH_MIGRATE = "module example.com/app\n\ngo 1.24\n\nrequire github.com/golang-migrate/migrate/v4 v4.19.1\n";

/** That module's files around its migrations folder (migrations/sql/ holds 000001_users.up.sql). */
export const GO_SELF_MIGRATING_APP: Record<string, string> = {
  "go.mod": GO_MOD_WITH_MIGRATE,
  "main.go": 'package main\n\nimport "example.com/app/internal/bootstrap"\n\nfunc main() { bootstrap.Run() }\n',
  "internal/bootstrap/db.go": GO_BOOTSTRAP,
  Dockerfile: 'FROM golang:1.24\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n',
  "migrations/sql/000001_users.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n",
};

/** A goose FS filled by `//go:embed`, in a package of its own (db/sql/fs.go). */
export const GOOSE_EMBED_FS = 'package migrationssql\n\nimport "embed"\n\n//go:embed *.sql\nvar FS embed.FS\n';

/**
 * A Go module that runs goose in-process from a wrapper whose embed FS is another package of the module (bitmagnet's
 * migrator.go passes `migrationssql.FS`): internal/store/open.go's `goose.UpContext` is on line 10; the goose files
 * are in db/sql/ (00001_users.sql).
 */
export const GO_GOOSE_WRAPPER_APP: Record<string, string> = {
  "go.mod": "module example.com/app\n\ngo 1.23\n\nrequire github.com/pressly/goose/v3 v3.24.1\n",
  "main.go": 'package main\n\nimport "example.com/app/internal/store"\n\nfunc main() { store.Open() }\n',
  "internal/store/open.go": [
    "package store",
    "",
    "import (",
    '\tsqlfs "example.com/app/db/sql"',
    '\tgoose "github.com/pressly/goose/v3"',
    ")",
    "",
    "func (s *Store) Up(ctx context.Context) error {",
    "\tgoose.SetBaseFS(sqlfs.FS)",
    '\treturn goose.UpContext(ctx, s.db, ".")',
    "}",
    "",
  ].join("\n"),
  "db/sql/fs.go": GOOSE_EMBED_FS,
  Dockerfile: 'FROM golang:1.23\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n',
  "db/sql/00001_users.sql": "-- +goose Up\nCREATE TABLE users (id bigint PRIMARY KEY, email text);\n\n-- +goose Down\nDROP TABLE users;\n",
};

/**
 * manage.get.gov's deploy in small: the workflow's first step pushes the code (cloud-gov/cg-cli-tools' `cf_command`,
 * line 9), the next runs the migrations as a Cloud Foundry task (line 13): the new code serves before they run
 * (deploy/code-first.ts).
 */
export const CF_PUSH_THEN_MIGRATE = {
  ".github/workflows/deploy-stable.yaml": [
    "name: Deploy stable",
    "jobs:",
    "  deploy-stable:",
    "    runs-on: ubuntu-latest",
    "    steps:",
    "      - uses: cloud-gov/cg-cli-tools@main",
    "        with:",
    "          cf_space: stable",
    "          cf_command: push -f ops/manifests/manifest-stable.yaml --strategy rolling",
    "      - uses: cloud-gov/cg-cli-tools@main",
    "        with:",
    "          cf_space: stable",
    "          cf_command: \"run-task getgov-stable --command 'python manage.py migrate' --name migrate\"",
    "",
  ].join("\n"),
};

/**
 * A Go module with its own migrator that runs each migration file in a transaction it began (fider's
 * app/pkg/dbx/migrate.go: BeginTx, then Exec of the file's content, then Commit), for case tables: fixes that
 * cannot run in a transaction become steps by hand before the deploy (analyze.ts underOwnRunner). Its Exec is on
 * line 14.
 */
export const GO_TRANSACTION_RUNNER = {
  "go.mod": "module example.com/app\n\ngo 1.22\n",
  "app/pkg/dbx/migrate.go": [
    "package dbx",
    "",
    'import "os"',
    "",
    "func runMigration(path string) error {",
    "\tcontent, err := os.ReadFile(path)",
    "\tif err != nil {",
    "\t\treturn err",
    "\t}",
    "\ttrx, err := BeginTx(ctx)",
    "\tif err != nil {",
    "\t\treturn err",
    "\t}",
    "\t_, err = trx.tx.Exec(string(content))",
    "\tif err != nil {",
    "\t\treturn err",
    "\t}",
    "\treturn trx.Commit()",
    "}",
    "",
  ].join("\n"),
};

/** GO_TRANSACTION_RUNNER's evidence, as a fix names the runner */
export const GO_TRANSACTION_RUNNER_WHO = "the project's own migrator (app/pkg/dbx/migrate.go:14 Execs each file in a transaction it began)";

/**
 * A Go module that runs its golang-migrate-named files through maragudk/migrate (gitness's
 * app/store/database/migrate/migrate.go: the postgres/ folder embedded, `migrate.New(opts).MigrateUp(ctx)`), which
 * runs every file in a transaction it begins: CONCURRENTLY cannot run through it. Its call is on line 16.
 */
export const MARAGUDK_RUNNER = {
  "go.mod": "module example.com/app\n\ngo 1.22\n\nrequire github.com/maragudk/migrate v0.4.3\n",
  "app/store/database/migrate/migrate.go": [
    "package migrate",
    "",
    "import (",
    '\t"context"',
    '\t"database/sql"',
    '\t"embed"',
    "",
    '\t"github.com/maragudk/migrate"',
    ")",
    "",
    "//go:embed postgres/*.sql",
    "var postgres embed.FS",
    "",
    "// Migrate performs the database migration.",
    "func Migrate(ctx context.Context, db *sql.DB) error {",
    "\treturn migrate.New(migrate.Options{DB: db, FS: postgres}).MigrateUp(ctx)",
    "}",
    "",
  ].join("\n"),
};

/** MARAGUDK_RUNNER's evidence, as a fix names the runner */
export const MARAGUDK_RUNNER_WHO = "maragudk/migrate (called at app/store/database/migrate/migrate.go:16)";

/**
 * A Rust workspace shaped like lemmy's: the root Cargo.toml names diesel_migrations in `[workspace.dependencies]`,
 * crates/db depends on it, and crates/db/src/schema_setup/mod.rs embeds the migrations and runs them through a
 * wrapper of the connection (`run_pending_migrations` on line 13), called from the server's start; one compose
 * service ships it.
 */
export const RUST_DIESEL_WORKSPACE: Record<string, string> = {
  "Cargo.toml": '[workspace]\nmembers = ["crates/db", "crates/server"]\nresolver = "3"\n\n[workspace.dependencies]\ndiesel = "2.3"\ndiesel_migrations = "2.3.1"\n',
  "crates/db/Cargo.toml": '[package]\nname = "app_db"\nversion = "0.1.0"\n\n[dependencies]\ndiesel = { workspace = true }\ndiesel_migrations = { workspace = true, optional = true }\n',
  "crates/db/src/schema_setup/mod.rs": [
    "use diesel::PgConnection;",
    "use diesel_migrations::{EmbeddedMigrations, MigrationHarness};",
    "",
    "const MIGRATIONS: EmbeddedMigrations = diesel_migrations::embed_migrations!();",
    "",
    "struct Wrapper<'a>(&'a mut PgConnection);",
    "",
    "/// applies the pending migrations; the server calls it before it binds its port",
    "pub fn run(db_url: &str) -> anyhow::Result<()> {",
    "  let mut conn = PgConnection::establish(db_url)?;",
    "  let mut wrapper = Wrapper(&mut conn);",
    "  // run_pending_migrations below, through the wrapper",
    "  wrapper.run_pending_migrations(MIGRATIONS)?;",
    "  Ok(())",
    "}",
    "",
  ].join("\n"),
  "crates/server/Cargo.toml": '[package]\nname = "app_server"\nversion = "0.1.0"\n\n[dependencies]\napp_db = { path = "../db" }\n',
  "crates/server/src/lib.rs": "pub async fn start() {\n  app_db::schema_setup::run(&url()).unwrap();\n  serve().await;\n}\n",
  "docker/docker-compose.yml": "services:\n  app:\n    build:\n      context: ../\n      dockerfile: docker/Dockerfile\n    restart: unless-stopped\n",
  "docker/Dockerfile": 'FROM rust:1.92 AS build\nCOPY . .\nRUN cargo build --release\nFROM debian:trixie-slim\nCOPY --from=build /target/release/app_server /app/app_server\nCMD ["/app/app_server"]\n',
};
