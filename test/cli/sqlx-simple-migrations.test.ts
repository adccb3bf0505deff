/**
 * sqlx's simple migrations (`<VERSION>_<DESCRIPTION>.sql`, atuin's crates/atuin-server-postgres/migrations) through
 * `migguard lint` and `review` (README: sqlx): a folder a crate of the Cargo workspace embeds with
 * `sqlx::migrate!("..")` runs each file in sqlx's transaction unless its first line is `-- no-transaction`, so fixes use
 * SET LOCAL, a CONCURRENTLY build goes to a file of its own that starts with that line, and no down is expected.
 * A dropped table's uses count only in the crates that reach the migrations' database. A folder runs on the databases
 * the driver features of the crate that runs it name: a sqlite-only crate's folder is SQLite's (noted, not checked).
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";
import { featureBranchOn, reviewJson, type Finding } from "./support/review-repo.js";
import { SQLITE_CLIENT_HISTORY, SQLX_SQLITE_CLIENT } from "../../src/engine/testing/sqlx-fixtures.js";

const WORKSPACE = {
  "Cargo.toml": '[workspace]\nmembers = ["crates/*"]\n',
  "crates/server/Cargo.toml": '[package]\nname = "server"\n\n[dependencies]\nsqlx = { version = "0.8", features = ["postgres", "runtime-tokio"] }\n',
  "crates/server/src/lib.rs": 'pub async fn migrate(pool: &sqlx::PgPool) -> Result<(), sqlx::migrate::MigrateError> {\n    sqlx::migrate!("../../migrations").run(pool).await\n}\n',
  "migrations/20230101000000_x.sql": "CREATE TABLE history (id bigserial PRIMARY KEY, user_id bigint);\n",
};

const CHANGE = {
  "migrations/20230102000000_history-deleted.sql": "alter table history add column deleted_at timestamp;\n\ncreate index history_deleted_index on history (user_id, deleted_at);\n",
};

const lint = async (root: string, ...paths: string[]) =>
  (JSON.parse((await run(["lint", "--format", "json", ...paths], { cwd: root })).output) as { findings: Finding[] }).findings;

const ruleOf = (findings: Finding[], rule: string) => findings.filter((f) => f.rule === rule);

describe("sqlx's simple migrations in a Cargo workspace", () => {
  it("lint: the folder a member crate's sqlx::migrate! names runs in sqlx's transaction: SET LOCAL, a -- no-transaction file for the index, no missing down", async () => {
    const root = new Repo().write({ ...WORKSPACE, ...CHANGE }).commit("app").root;
    const findings = await lint(root, "migrations");
    const [timeout] = ruleOf(findings, "require-lock-timeout").filter((f) => f.path === "migrations/20230102000000_history-deleted.sql");
    expect(timeout.fix).toBe("SET LOCAL lock_timeout = '5s';  -- first statement of the migration: sqlx runs the migration in a transaction, and SET LOCAL ends with it, so the setting does not stay on the connection");
    const [index] = ruleOf(findings, "index-without-concurrently");
    expect(index.fix).toContain("-- migrations/20230102000001_history-deleted_concurrently.sql whose first line is -- no-transaction");
    expect(index.fix).toContain("-- the new file:\n-- no-transaction\ncreate index CONCURRENTLY history_deleted_index");
    expect(ruleOf(findings, "missing-down")).toEqual([]);
  });

  it("lint: without the crate that embeds them, the same files are plain SQL run outside a transaction (SET, then RESET)", async () => {
    const root = new Repo().write({ "migrations/20230101000000_x.sql": WORKSPACE["migrations/20230101000000_x.sql"], ...CHANGE }).commit("app").root;
    const [timeout] = ruleOf(await lint(root, "migrations"), "require-lock-timeout");
    expect(timeout.fix).toContain("this migration runs outside a transaction, where SET LOCAL does nothing");
  });

  it("review: an added simple migration gets sqlx's SET LOCAL", async () => {
    const repo = featureBranchOn(WORKSPACE).write(CHANGE).commit("deleted history");
    const { findings } = await reviewJson(repo);
    const [timeout] = ruleOf(findings, "require-lock-timeout");
    expect(timeout.fix).toContain("sqlx runs the migration in a transaction");
    expect(ruleOf(findings, "missing-down")).toEqual([]);
  });

  it("lint: a dropped table's uses count only in the crates that reach its database, not in a crate of another database that names the same word", async () => {
    const files = {
      "Cargo.toml": '[workspace]\nmembers = ["crates/*"]\n\n[workspace.dependencies]\nsqlx = { version = "0.9", features = ["runtime-tokio"] }\nserver-postgres = { path = "crates/server-postgres" }\n',
      "crates/server-postgres/Cargo.toml": '[package]\nname = "server-postgres"\n\n[dependencies]\nsqlx = { workspace = true, features = ["postgres"] }\n',
      "crates/server-postgres/src/lib.rs": 'pub async fn migrate(pool: &sqlx::PgPool) -> Result<(), sqlx::migrate::MigrateError> {\n    sqlx::migrate!("./migrations").run(pool).await\n}\n',
      "crates/server-postgres/migrations/20220505082442_create-events.sql": "create table events (id bigserial primary key, body text);\n",
      "crates/server-postgres/migrations/20230315220537_drop-events.sql": "drop table events;\n",
      "crates/server/Cargo.toml": '[package]\nname = "server"\n\n[dependencies]\nserver-postgres = { workspace = true }\n',
      "crates/server/src/lib.rs": "pub fn ping() {}\n",
      "crates/ai/Cargo.toml": '[package]\nname = "ai"\n\n[dependencies]\nsqlx = { workspace = true, features = ["sqlite"] }\n',
      "crates/ai/src/inline.rs": 'pub async fn resume(pool: &sqlx::SqlitePool) -> Result<usize, sqlx::Error> {\n    let mut events: Vec<String> = sqlx::query_scalar("SELECT body FROM events").fetch_all(pool).await?;\n    events.push("[resumed]".to_string());\n    Ok(events.len())\n}\n',
    };
    const root = new Repo().write(files).commit("app").root;
    const [drop] = ruleOf(await lint(root, "crates/server-postgres/migrations"), "drop-table");
    expect(drop.severity).toBe("info");
    expect(drop.message).toContain("none of the 2 source files of application code read names events or Event");
    // a crate that reaches the database through the workspace's path dependencies: its SQL on the table is a use
    const used = new Repo().write({ ...files, "crates/server/src/lib.rs": 'pub const FEED: &str = "select id from events order by id desc";\n' }).commit("app").root;
    const [kept] = ruleOf(await lint(used, "crates/server-postgres/migrations"), "drop-table");
    expect(kept.severity).toBe("error");
    expect(kept.message).toContain("Application code still names events or Event: crates/server/src/lib.rs:1.");
  });

  it("lint: in a workspace of a sqlite-only crate and a postgres crate, each folder is checked as its crate's database (atuin's client and server)", async () => {
    const files = {
      ...SQLX_SQLITE_CLIENT,
      "crates/client/src/record.rs": 'pub async fn migrate(pool: &sqlx::SqlitePool) -> Result<(), sqlx::migrate::MigrateError> {\n    sqlx::migrate!("./record-migrations").run(pool).await\n}\n',
      "crates/client/migrations/20210422143411_create_history.sql": SQLITE_CLIENT_HISTORY,
      "crates/client/migrations/20230315224203_history-deleted.sql": "alter table history add column deleted_at integer;\ncreate index history_deleted_index on history(deleted_at);\n",
      "crates/client/record-migrations/20231127090831_create-store.sql": "create table if not exists store (id text primary key, idx integer);\n",
      "crates/server/migrations/20210422143411_create_history.sql": "create table history (id bigserial primary key, user_id bigint);\n",
      "crates/server/migrations/20230315224203_history-deleted.sql": "alter table history add column deleted_at timestamp;\ncreate index history_deleted_index on history(deleted_at);\n",
    };
    const root = new Repo().write(files).commit("app").root;
    const findings = await lint(root, ".");
    const client = findings.filter((f) => f.path.startsWith("crates/client/"));
    expect(new Set(client.map((f) => f.rule))).toEqual(new Set(["unsupported-database"]));
    expect(client.map((f) => f.path).sort()).toEqual(Object.keys(files).filter((p) => p.startsWith("crates/client/") && p.endsWith(".sql")).sort());
    expect(client).toHaveLength(3);
    expect(client[0].message).toContain("this file runs on SQLite");
    const server = findings.filter((f) => f.path.startsWith("crates/server/"));
    expect(ruleOf(server, "index-without-concurrently").map((f) => f.line)).toEqual([2]);
    expect(ruleOf(server, "require-lock-timeout").map((f) => f.path)).toEqual(["crates/server/migrations/20230315224203_history-deleted.sql"]);
    expect(ruleOf(findings, "syntax-error")).toEqual([]);
    // --verbose names each folder's database and the manifest that decided it
    const verbose = (await run(["lint", "--verbose", "."], { cwd: root })).output;
    expect(verbose).toContain("database: crates/client/migrations: SQLite (crates/client/Cargo.toml turns on sqlx/sqlite for the crate that runs the folder)");
    expect(verbose).toContain("database: crates/server/migrations: PostgreSQL (crates/server/Cargo.toml turns on sqlx/postgres for the crate that runs the folder)");
    // review: a pull request's new migration in the client crate is SQLite's too
    const added = "crates/client/migrations/20240108124830_history-author.sql";
    const repo = featureBranchOn(files).write({ [added]: "alter table history add column author text;\ncreate index history_author on history(author);\n" }).commit("author");
    const reviewed = (await reviewJson(repo)).findings.filter((f) => f.path === added);
    expect(reviewed.map((f) => f.rule)).toEqual(["unsupported-database"]);
  });

  it("lint: the lock_timeout reminder of a file points at users, not at the drop of a table no crate's code names (atuin's remove-email-verification)", async () => {
    const files = {
      ...WORKSPACE,
      "crates/server/src/users.rs": 'pub const GET_USER: &str = "select id, username from users where username = $1";\n',
      "migrations/20210425153745_create_users.sql": "create table users (id bigserial primary key, username varchar(32) not null unique);\n",
      "migrations/20240621110730_user-verification-token.sql": "alter table users add verified_at timestamp with time zone default null;\n",
      "migrations/20240621110731_user-verification-token-table.sql": "create table user_verification_token (id bigserial primary key, user_id bigint unique references users(id), token text);\n",
      "migrations/20260127000000_remove-email-verification.sql": "drop table if exists user_verification_token;\nalter table users drop column if exists verified_at;\n",
    };
    const root = new Repo().write(files).commit("app").root;
    const [timeout] = ruleOf(await lint(root, "migrations"), "require-lock-timeout").filter((f) => f.path === "migrations/20260127000000_remove-email-verification.sql");
    expect(timeout.line).toBe(2);
    expect(timeout.message).toContain("this statement locks users");
  });
});
