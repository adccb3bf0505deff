/**
 * Cargo workspaces whose crate runs sqlx's migrator, for case tables: atuin's layout (a member's `migrations/` of
 * simple `<version>_<name>.sql` files, sqlx from `[workspace.dependencies]`, `sqlx::migrate!("./migrations")`), and
 * a member that embeds a folder outside itself (`sqlx::migrate!("../../db/migrations")`).
 */
const WORKSPACE_ROOT = '[workspace]\nmembers = ["crates/*"]\n\n[workspace.dependencies]\nsqlx = { version = "0.9", features = ["runtime-tokio"] }\n';

const serverSource = (folder: string) =>
  `use sqlx::PgPool;\n\npub async fn migrate(pool: &PgPool) -> Result<(), sqlx::migrate::MigrateError> {\n    sqlx::migrate!("${folder}").run(pool).await\n}\n`;

/** crates/server embeds crates/server/migrations (sqlx from the workspace) */
export const SQLX_MEMBER_WORKSPACE: Record<string, string> = {
  "Cargo.toml": WORKSPACE_ROOT,
  "crates/server/Cargo.toml": '[package]\nname = "server"\n\n[dependencies]\nsqlx = { workspace = true, features = ["postgres"] }\n',
  "crates/server/src/lib.rs": serverSource("./migrations"),
};

/** crates/server embeds db/migrations at the workspace's root (its own sqlx dependency, none in the workspace's) */
export const SQLX_ROOT_MIGRATIONS: Record<string, string> = {
  "Cargo.toml": '[workspace]\nmembers = ["crates/*"]\n',
  "crates/server/Cargo.toml": '[package]\nname = "server"\n\n[dependencies]\nsqlx = { version = "0.8", features = ["postgres", "runtime-tokio"] }\n',
  "crates/server/src/lib.rs": serverSource("../../db/migrations"),
};

/**
 * atuin's crates around its server's PostgreSQL migrations: the server crate reaches them through the postgres crate
 * (a `[workspace.dependencies]` path), while the AI client keeps its own SQLite store and names its stream's events.
 */
export const SQLX_CRATES_APART: Record<string, string> = {
  "Cargo.toml":
    '[workspace]\nmembers = ["crates/*"]\n\n[workspace.dependencies]\nsqlx = { version = "0.9", features = ["runtime-tokio"] }\nserver-postgres = { path = "crates/server-postgres" }\n',
  "crates/server-postgres/Cargo.toml": '[package]\nname = "server-postgres"\n\n[dependencies]\nsqlx = { workspace = true, features = ["postgres"] }\n',
  "crates/server-postgres/src/lib.rs": `pub async fn migrate(pool: &sqlx::PgPool) -> Result<(), sqlx::migrate::MigrateError> {
    sqlx::migrate!("./migrations").run(pool).await
}

pub async fn delete_user(pool: &sqlx::PgPool, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("delete from history where user_id = $1").bind(id).execute(pool).await?;
    Ok(())
}
`,
  "crates/server/Cargo.toml": '[package]\nname = "server"\n\n[dependencies]\nserver-postgres = { workspace = true }\n',
  "crates/server/src/lib.rs": "pub use server_postgres::delete_user;\n",
  "crates/ai/Cargo.toml": '[package]\nname = "ai"\n\n[dependencies]\nsqlx = { workspace = true, features = ["sqlite"] }\n',
  "crates/ai/src/store.rs": `pub async fn save(pool: &sqlx::SqlitePool, events: &[Event]) -> Result<(), sqlx::Error> {
    for event in events {
        sqlx::query("INSERT INTO events (body) VALUES (?)").bind(&event.body).execute(pool).await?;
    }
    Ok(())
}

pub struct Event {
    pub body: String,
}
`,
};

/**
 * atuin's two databases in one workspace: the client crate's sqlx names `sqlite` alone and embeds its default
 * `migrations/`, the server crate's names `postgres` alone. Nothing else says which folder runs where.
 */
export const SQLX_SQLITE_CLIENT: Record<string, string> = {
  "Cargo.toml": WORKSPACE_ROOT,
  "crates/client/Cargo.toml": '[package]\nname = "client"\n\n[dependencies]\nsqlx = { workspace = true, features = ["sqlite", "regexp"] }\n',
  "crates/client/src/database.rs": `pub async fn migrate(pool: &sqlx::SqlitePool) -> Result<(), sqlx::migrate::MigrateError> {\n    sqlx::migrate!("./migrations").run(pool).await\n}\n`,
  ...SQLX_MEMBER_WORKSPACE,
};

/** atuin-client's first migration, in SQLite's own syntax (AUTOINCREMENT, which PostgreSQL's parser refuses) */
export const SQLITE_CLIENT_HISTORY = "create table if not exists history (\n  id integer primary key autoincrement,\n  command text not null\n);\n";

/** A crate built for either database (`[features]` that turn on sqlx's drivers), as atuin's tests-database names both. */
export const SQLX_EITHER_DATABASE: Record<string, string> = {
  "Cargo.toml": WORKSPACE_ROOT,
  "crates/server/Cargo.toml":
    '[package]\nname = "server"\n\n[features]\ndefault = ["postgres"]\npostgres = ["sqlx/postgres"]\nsqlite = ["sqlx/sqlite"]\n\n[dependencies]\nsqlx = { workspace = true }\n',
  "crates/server/src/lib.rs": serverSource("./migrations"),
};
