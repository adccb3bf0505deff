/**
 * Which Rust code of a Cargo workspace can reach the database a migrations folder builds: the crates that own the
 * folder (the crates whose sqlx::migrate! embeds it, repository/sqlx-folders.ts, or the crate the folder lies in),
 * the crates that depend on one of those, directly or through other path dependencies of the workspace (`path =`, or
 * `{ workspace = true }` on a `[workspace.dependencies]` entry with a path), and the crates that use sqlx or diesel
 * with one of the owners' databases (their `postgres` / `mysql` / `sqlite` features). Any other crate talks to
 * another database or none: atuin's AI client (crates/atuin-ai) names its stream "events" and keeps its own SQLite
 * store, neither of which is the server's PostgreSQL `events` table.
 */
import type { SourceFile } from "../model.js";
import { dirOf } from "../paths.js";
import { isCargoManifestPath, isWithin } from "../repository/fact-paths.js";
import { effectiveSpec, manifestOf, workspaceOf } from "../repository/cargo-sqlx.js";
import { crateDatabases, runtimeDependencies } from "../repository/cargo-databases.js";
import { joinRelative } from "../repository/sqlx-folders.js";

type Toml = Record<string, unknown>;
const table = (value: unknown): Toml | undefined => (value && typeof value === "object" && !Array.isArray(value) ? (value as Toml) : undefined);

interface Crate {
  dir: string;
  /** the folders of the crates it depends on by path */
  pathDependencies: string[];
  /** the databases its sqlx or diesel connects to, by their features (repository/cargo-databases.ts) */
  drivers: Set<string>;
}

function crateOf(manifest: SourceFile, manifests: readonly SourceFile[]): Crate {
  const dir = dirOf(manifest.path);
  const workspace = workspaceOf(manifest, manifests);
  const pathDependencies: string[] = [];
  for (const [name, raw] of Object.entries(runtimeDependencies(manifest))) {
    const spec = effectiveSpec(name, raw, workspace);
    if (typeof spec?.path === "string") pathDependencies.push(joinRelative(spec.workspacePath && workspace ? workspace.dir : dir, spec.path));
  }
  return { dir, pathDependencies, drivers: new Set(crateDatabases(manifest, manifests).databases) };
}

/** The packages among `manifests` (a `[package]` table), by folder. */
function cratesOf(manifests: readonly SourceFile[]): Map<string, Crate> {
  const crates = new Map<string, Crate>();
  for (const manifest of manifests) if (isCargoManifestPath(manifest.path) && table(manifestOf(manifest).package)) crates.set(dirOf(manifest.path), crateOf(manifest, manifests));
  return crates;
}

/** The nearest package's folder above `path` among `crates`. */
const crateDirOf = (path: string, crates: ReadonlyMap<string, Crate>): string | undefined =>
  [...crates.keys()].filter((dir) => isWithin(dir, path)).sort((a, b) => b.length - a.length)[0];

/**
 * Whether a Rust source can reach the database of the migrations at `migrationPath` (see the module comment), given
 * the workspace's manifests and the crates that embed the migrations' folder. Undefined when no crate of the
 * workspace owns the migrations: then nothing says which code reaches them, and every file counts.
 */
export function rustReach(migrationPath: string, manifests: readonly SourceFile[], embeddedBy: readonly string[] = []): ((path: string) => boolean) | undefined {
  const crates = cratesOf(manifests);
  const owners = new Set([...embeddedBy.filter((dir) => crates.has(dir)), crateDirOf(migrationPath, crates)].filter((d): d is string => d !== undefined));
  if (owners.size === 0) return undefined;
  const drivers = new Set([...owners].flatMap((dir) => [...crates.get(dir)!.drivers]));
  const reaching = new Set(owners);
  // the same database through its own client
  for (const crate of crates.values()) if ([...crate.drivers].some((d) => drivers.has(d))) reaching.add(crate.dir);
  // and every crate above those in the workspace's path dependencies
  for (let grown = true; grown; ) {
    grown = false;
    for (const crate of crates.values()) {
      if (reaching.has(crate.dir) || !crate.pathDependencies.some((dep) => reaching.has(dep))) continue;
      reaching.add(crate.dir);
      grown = true;
    }
  }
  return (path) => {
    const crate = crateDirOf(path, crates);
    // a source outside every package read (a manifest beyond the bound): nothing says it cannot reach the database
    return crate === undefined || reaching.has(crate);
  };
}
