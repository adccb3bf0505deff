/**
 * The databases a Rust crate's sqlx or diesel can connect to: the driver features it turns on. A dependency's own
 * features (`sqlx = { workspace = true, features = ["sqlite"] }`, with the workspace entry's merged as Cargo does,
 * target-specific dependencies too) are compiled in; a feature of the crate's own `[features]` table that turns a driver
 * on (`postgres = ["sqlx/postgres"]`, `"diesel?/sqlite"`) is a build the crate offers, so it counts as a database the
 * crate also runs on. atuin's atuin-client names `sqlite` alone, its atuin-server-postgres `postgres` alone.
 */
import type { Database, SourceFile } from "../model.js";
import { dependencies, effectiveSpec, manifestOf, workspaceOf } from "./cargo-sqlx.js";

type Toml = Record<string, unknown>;
const table = (value: unknown): Toml | undefined => (value && typeof value === "object" && !Array.isArray(value) ? (value as Toml) : undefined);

/** the libraries whose driver features name the database */
const DATABASE_LIBRARIES = ["sqlx", "diesel"] as const;

/** their driver features (diesel 2's `*_backend` are the backends without the C client) */
const DRIVER_FEATURES: Record<string, Database> = {
  postgres: "postgresql",
  postgres_backend: "postgresql",
  mysql: "mysql",
  mysql_backend: "mysql",
  sqlite: "sqlite",
  "sqlite-unbundled": "sqlite",
};

/** A package's dependencies that run with it: `[dependencies]` and each target's. */
export function runtimeDependencies(manifest: SourceFile): Toml {
  const targets = Object.values(table(manifestOf(manifest).target) ?? {}).map((t) => table(table(t)?.dependencies) ?? {});
  return Object.assign({}, ...targets, dependencies(manifest));
}

export interface CrateDatabases {
  /** the databases, each once, in the order their features were met */
  databases: Database[];
  /** the features that name them, as written: `sqlx/sqlite` */
  features: string[];
}

/** `sqlx/postgres` or `sqlx?/postgres` in a `[features]` list: the library and its driver feature. */
function featureEntry(entry: unknown): { library: string; feature: string } | undefined {
  if (typeof entry !== "string") return undefined;
  const slash = entry.indexOf("/");
  if (slash === -1) return undefined;
  return { library: entry.slice(0, slash).replace(/\?$/, ""), feature: entry.slice(slash + 1) };
}

/** The databases the crate of `manifest` connects to through sqlx or diesel (`manifests`: its workspace's, for `{ workspace = true }`). */
export function crateDatabases(manifest: SourceFile, manifests: readonly SourceFile[]): CrateDatabases {
  const out: CrateDatabases = { databases: [], features: [] };
  const add = (library: string, feature: string) => {
    const database = DRIVER_FEATURES[feature];
    if (!database || !(DATABASE_LIBRARIES as readonly string[]).includes(library)) return;
    if (!out.databases.includes(database)) out.databases.push(database);
    if (!out.features.includes(`${library}/${feature}`)) out.features.push(`${library}/${feature}`);
  };
  const workspace = workspaceOf(manifest, manifests);
  const deps = runtimeDependencies(manifest);
  for (const library of DATABASE_LIBRARIES) {
    const spec = deps[library] === undefined ? undefined : effectiveSpec(library, deps[library], workspace);
    for (const feature of Array.isArray(spec?.features) ? spec.features : []) if (typeof feature === "string") add(library, feature);
  }
  for (const entries of Object.values(table(manifestOf(manifest).features) ?? {}))
    for (const entry of Array.isArray(entries) ? entries : []) {
      const named = featureEntry(entry);
      if (named) add(named.library, named.feature);
    }
  return out;
}
