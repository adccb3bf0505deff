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
