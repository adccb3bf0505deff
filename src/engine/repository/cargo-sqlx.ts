/**
 * Whether sqlx's migrator runs a SQL migration: the nearest Cargo.toml above it (the crate whose `sqlx::migrate!()`
 * embeds `./migrations`, or the project `sqlx migrate run` is run in) depends on sqlx, and on no other migrator
 * (refinery, diesel_migrations). docs.rs's crates/lib/docs_rs_database: `sqlx = { workspace = true }`, migrations
 * named like golang-migrate's, which sqlx runs in a transaction per file (adapters/sql/layouts/sqlx.ts).
 */
import { parse as parseToml } from "smol-toml";
import type { SourceFile } from "../model.js";
import { dirOf } from "../paths.js";
import { isCargoManifestPath, isWithin } from "./fact-paths.js";

type Toml = Record<string, unknown>;
const table = (value: unknown): Toml | undefined => (value && typeof value === "object" && !Array.isArray(value) ? (value as Toml) : undefined);

/** The crate's own dependencies (not dev- or build-), by name. */
function dependencies(content: string): Toml {
  try {
    return table(parseToml(content).dependencies) ?? {};
  } catch {
    return {}; // unreadable: it names no runner
  }
}

/** sqlx's migrator is the crate's: it depends on sqlx with its default features (or `migrate` among those it turns on), and on no other migrator. */
function sqlxMigrates(deps: Toml): boolean {
  const sqlx = deps.sqlx;
  if (sqlx === undefined || deps.refinery !== undefined || deps.diesel_migrations !== undefined) return false;
  const spec = table(sqlx);
  if (!spec || spec["default-features"] !== false) return true;
  return Array.isArray(spec.features) && spec.features.includes("migrate");
}

export function runsOnSqlx(path: string, files: readonly SourceFile[]): boolean {
  const nearest = files.filter((f) => isCargoManifestPath(f.path) && isWithin(dirOf(f.path), path)).sort((a, b) => b.path.length - a.path.length)[0];
  return nearest !== undefined && sqlxMigrates(dependencies(nearest.content));
}
