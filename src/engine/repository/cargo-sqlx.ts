/**
 * Whether sqlx's migrator runs a SQL migration: the nearest Cargo.toml above it (the crate whose `sqlx::migrate!()`
 * embeds `./migrations`, or the project `sqlx migrate run` is run in) depends on sqlx, and on no other migrator
 * (refinery, diesel_migrations). docs.rs's crates/lib/docs_rs_database: `sqlx = { workspace = true }`, migrations
 * named like golang-migrate's, which sqlx runs in a transaction per file (adapters/sql/layouts/sqlx.ts).
 * A member's `sqlx = { workspace = true }` takes the workspace's `[workspace.dependencies]` entry (its default
 * features, and its features with the member's added), as Cargo does.
 */
import { parse as parseToml } from "smol-toml";
import type { SourceFile } from "../model.js";
import { dirOf } from "../paths.js";
import { isCargoManifestPath, isWithin } from "./fact-paths.js";

type Toml = Record<string, unknown>;
const table = (value: unknown): Toml | undefined => (value && typeof value === "object" && !Array.isArray(value) ? (value as Toml) : undefined);

const parsed = new WeakMap<SourceFile, Toml>();
/** The manifest, parsed once (an unreadable one is empty: it names no runner). */
export function manifestOf(file: SourceFile): Toml {
  let toml = parsed.get(file);
  if (!toml) {
    try {
      toml = parseToml(file.content) as Toml;
    } catch {
      toml = {};
    }
    parsed.set(file, toml);
  }
  return toml;
}

/** The crate's own dependencies (not dev- or build-), by name. */
export const dependencies = (file: SourceFile): Toml => table(manifestOf(file).dependencies) ?? {};

/** A member's workspace: the nearest manifest above it (itself included) with a `[workspace]` table, and that table. */
export function workspaceOf(member: SourceFile, manifests: readonly SourceFile[]): { dir: string; workspace: Toml } | undefined {
  const roots = manifests.filter((f) => isCargoManifestPath(f.path) && isWithin(dirOf(f.path), member.path) && table(manifestOf(f).workspace));
  const nearest = roots.sort((a, b) => b.path.length - a.path.length)[0];
  const workspace = nearest && table(manifestOf(nearest).workspace);
  return workspace && { dir: dirOf(nearest.path), workspace };
}

/**
 * Dependency `name`'s spec as Cargo reads it: `{ workspace = true, features }` merged with the workspace's entry (its
 * `path` then taken from the workspace's folder, `workspacePath`); a version string is `{ version }`.
 */
export function effectiveSpec(name: string, spec: unknown, workspace: ReturnType<typeof workspaceOf>): (Toml & { workspacePath?: boolean }) | undefined {
  const own = typeof spec === "string" ? { version: spec } : table(spec);
  if (!own || own.workspace !== true) return own;
  const entry = workspace ? table(workspace.workspace.dependencies)?.[name] : undefined;
  const inherited = typeof entry === "string" ? { version: entry } : table(entry);
  const features = [...(Array.isArray(inherited?.features) ? inherited.features : []), ...(Array.isArray(own.features) ? own.features : [])];
  return { ...(inherited ?? {}), features, ...(inherited?.path !== undefined ? { workspacePath: true } : {}) };
}

/** sqlx's migrator is the crate's: it depends on sqlx with its default features (or `migrate` among those it turns on), and on no other migrator. */
function sqlxMigrates(deps: Toml, workspace: ReturnType<typeof workspaceOf>): boolean {
  const sqlx = deps.sqlx;
  if (sqlx === undefined || deps.refinery !== undefined || deps.diesel_migrations !== undefined) return false;
  const spec = effectiveSpec("sqlx", sqlx, workspace);
  if (!spec || spec["default-features"] !== false) return true;
  return Array.isArray(spec.features) && spec.features.includes("migrate");
}

/** Whether the crate of this manifest runs sqlx's migrator (`manifests`: the workspace's, for `{ workspace = true }`). */
export const manifestRunsSqlx = (manifest: SourceFile, manifests: readonly SourceFile[]): boolean => sqlxMigrates(dependencies(manifest), workspaceOf(manifest, manifests));

export function runsOnSqlx(path: string, files: readonly SourceFile[]): boolean {
  const nearest = files.filter((f) => isCargoManifestPath(f.path) && isWithin(dirOf(f.path), path)).sort((a, b) => b.path.length - a.path.length)[0];
  return nearest !== undefined && manifestRunsSqlx(nearest, files);
}
