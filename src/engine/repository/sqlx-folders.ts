/**
 * The folders of SQL migrations sqlx's migrator runs, whatever their files are called: sqlx reads simple migrations
 * (`<VERSION>_<DESCRIPTION>.sql`, atuin's crates/atuin-server-postgres/migrations) as well as reversible ones
 * (`.up.sql` + `.down.sql`), and runs each in a transaction of its own unless its first line is `-- no-transaction`
 * (adapters/sql/layouts/sqlx.ts). A folder is sqlx's when a crate that depends on sqlx's migrator (cargo-sqlx.ts)
 * - embeds it: `sqlx::migrate!("./db/migrations")` in one of its sources, the path taken from the crate's folder
 *   (CARGO_MANIFEST_DIR, where sqlx resolves it), read with the Rust grammar (deploy/rust-startup.ts);
 * - or keeps it as `migrations/` beside its Cargo.toml: the folder `sqlx::migrate!()` and `sqlx migrate run` take when
 *   no path is given.
 */
import type { SourceFile } from "../model.js";
import { dirOf } from "../paths.js";
import { crateManifestOf, isCargoManifestPath, namesRustMigrationMacro } from "../deploy/rust-crates.js";
import type { RustStartupFacts } from "../deploy/rust-startup.js";
import { manifestRunsSqlx } from "./cargo-sqlx.js";

/** sqlx's default migrations folder, beside the crate's Cargo.toml */
const DEFAULT_FOLDER = "migrations";

/** `rel` taken from folder `dir` (`crates/server` + `../../migrations` -> `migrations`), `.` and `..` resolved; paths may climb out of the root (`../x`). */
export function joinRelative(dir: string, rel: string): string {
  const out = dir === "" ? [] : dir.split("/");
  for (const segment of rel.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === ".." && out.length > 0 && out[out.length - 1] !== "..") out.pop();
    else out.push(segment);
  }
  return out.join("/");
}

/** The facts of a Rust source, when its reader is loaded: undefined leaves the crate to its default folder. */
export type RustFactsReader = (file: SourceFile) => RustStartupFacts | undefined;

/** A crate's `sqlx::migrate!(..)` (or a bare `migrate!` after `use sqlx::migrate`): the folder it names, or the default. */
const embeddedFolders = (facts: RustStartupFacts): string[] =>
  facts.macros.filter((m) => m.name === "migrate" && (m.path ?? "sqlx") === "sqlx").map((m) => (m.argument === undefined ? DEFAULT_FOLDER : m.argument));

/**
 * Among `files` (Cargo.toml manifests and crate sources), the folders sqlx's migrator runs (see the module comment),
 * each with the folders of the crates that embed it. `read` gives a source's macros; without it only the crates'
 * default folders count.
 */
export function sqlxMigrationFolders(files: readonly SourceFile[], read?: RustFactsReader): Map<string, string[]> {
  const manifests = files.filter((f) => isCargoManifestPath(f.path));
  const folders = new Map<string, string[]>();
  const add = (folder: string, crate: string) => {
    const crates = folders.get(folder) ?? [];
    if (!crates.includes(crate)) crates.push(crate);
    folders.set(folder, crates);
  };
  const runsSqlx = (manifest: SourceFile) => manifestRunsSqlx(manifest, manifests);
  for (const manifest of manifests) if (runsSqlx(manifest)) add(joinRelative(dirOf(manifest.path), DEFAULT_FOLDER), dirOf(manifest.path));
  if (!read) return folders;
  for (const source of files.filter(namesRustMigrationMacro)) {
    const crate = crateManifestOf(source.path, manifests);
    if (!crate || !runsSqlx(crate)) continue;
    const facts = read(source);
    for (const folder of facts ? embeddedFolders(facts) : []) add(joinRelative(dirOf(crate.path), folder), dirOf(crate.path));
  }
  return folders;
}

/** Whether a Rust source among `files` may embed sqlx's migrations: the Rust grammar is worth loading for the plan. */
export const mayEmbedSqlxMigrations = (files: readonly SourceFile[]): boolean =>
  files.some(namesRustMigrationMacro) && files.some((f) => isCargoManifestPath(f.path) && manifestRunsSqlx(f, files));
