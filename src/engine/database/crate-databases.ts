/**
 * The database of a migrations folder a Rust crate runs, from the crate's sqlx or diesel driver features
 * (repository/cargo-databases.ts): sqlx's migrator and diesel's run the folder on the connection the crate opens, and
 * the crate can open only the databases whose drivers it compiles. The crates that own a folder are the ones whose
 * `sqlx::migrate!` embeds it (repository/sqlx-folders.ts), else the crate it lies in (diesel's `migrations/` beside
 * Cargo.toml). atuin: atuin-client's `migrations/` and atuin-server-sqlite's run on SQLite, atuin-server-postgres's on
 * PostgreSQL, in one workspace with nothing else to tell them apart.
 */
import type { Database, SourceFile } from "../model.js";
import { isCargoManifestPath } from "../repository/fact-paths.js";
import { crateDatabases } from "../repository/cargo-databases.js";
import { crateManifestOf } from "../deploy/rust-crates.js";
import { joinRelative } from "../repository/sqlx-folders.js";

export interface CrateNamedDatabases {
  /** the databases the owning crates' drivers connect to */
  databases: Database[];
  /** which manifests say so, and by which features */
  says: string;
}

/**
 * What the crates owning the migration at `migrationPath` name: `owners` are the folders of the crates that embed its
 * folder (none: the crate it lies in). Undefined when no owner turns on a driver (`sqlx = { workspace = true }` alone
 * leaves the driver to another crate of the build).
 */
export function ownerCrateDatabases(migrationPath: string, owners: readonly string[], files: readonly SourceFile[]): CrateNamedDatabases | undefined {
  const manifests = files.filter((f) => isCargoManifestPath(f.path));
  const owning = owners.length
    ? owners.map((dir) => manifests.find((m) => m.path === joinRelative(dir, "Cargo.toml"))).filter((m): m is SourceFile => m !== undefined)
    : [crateManifestOf(migrationPath, manifests)].filter((m): m is SourceFile => m !== undefined);
  const databases: Database[] = [];
  const said: string[] = [];
  for (const manifest of owning) {
    const named = crateDatabases(manifest, manifests);
    if (named.databases.length === 0) continue;
    for (const database of named.databases) if (!databases.includes(database)) databases.push(database);
    said.push(`${manifest.path} turns on ${named.features.join(", ")} for the crate that runs the folder`);
  }
  return databases.length ? { databases, says: said.join("; ") } : undefined;
}
