/**
 * sqlx's simple migrations (`<VERSION>_<DESCRIPTION>.sql`, atuin's crates/atuin-server-postgres/migrations) through
 * `migguard lint` and `review` (README: sqlx): a folder a crate of the Cargo workspace embeds with
 * `sqlx::migrate!("..")` runs each file in sqlx's transaction unless its first line is `-- no-transaction`, so fixes use
 * SET LOCAL, a CONCURRENTLY build goes to a file of its own that starts with that line, and no down is expected.
 * A dropped table's uses count only in the crates that reach the migrations' database.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";
import { featureBranchOn, reviewJson, type Finding } from "./support/review-repo.js";

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
});
