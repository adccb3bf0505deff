/**
 * A Rust workspace's files around SQL migrations, for the plan (which folders sqlx embeds: engine/repository/sqlx-folders.ts)
 * and the usage search's reach (the crates that can reach the migrations' database: engine/code/cargo-crate-graph.ts):
 * below the outermost Cargo.toml above a migration (the workspace's root), not past the repository's root, every
 * Cargo.toml and the crate sources that name a migration macro (`sqlx::migrate!("..")`), each walk bounded.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { SourceFile } from "../engine/model.js";
import { isRustSourcePath, isRustStartupSource, manifestMigrators, MAX_CARGO_MANIFESTS } from "../engine/deploy/rust-crates.js";
import { isSqlPath } from "../engine/sql-file-names.js";
import { displayPath } from "./collect-files.js";
import { walkFiles } from "./walk-files.js";

/** a workspace's sources read for a migration macro, at most (atuin has about 600) */
const MAX_SOURCES = 4000;

/** folders that hold no crate of the workspace */
const PRUNED = new Set(["target", "node_modules", "vendor", ".git"]);

/** The outermost folder at or above `dir` with a Cargo.toml, not climbing past a repository root (`.git`). */
function workspaceRootAbove(dir: string): string | undefined {
  let root: string | undefined;
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, "Cargo.toml"))) root = current;
    if (existsSync(join(current, ".git")) || dirname(current) === current) return root;
  }
}

function read(path: string, cwd: string, maxBytes: number): SourceFile | undefined {
  try {
    const stat = statSync(path);
    return stat.isFile() && stat.size <= maxBytes ? { path: displayPath(path, cwd), content: readFileSync(path, "utf8") } : undefined;
  } catch {
    return undefined; // unreadable: the crate is read without it
  }
}

/** The Cargo.toml files and migration-macro sources of the workspaces around the SQL migrations among `migrationPaths`. */
export function readCargoWorkspaceFiles(migrationPaths: readonly string[], cwd: string, maxBytes: number): SourceFile[] {
  const roots = new Set<string>();
  for (const dir of new Set(migrationPaths.filter(isSqlPath).map((p) => dirname(resolve(cwd, p))))) {
    const root = workspaceRootAbove(dir);
    if (root) roots.add(root);
  }
  const out: SourceFile[] = [];
  for (const root of roots) {
    const enter = (name: string) => !PRUNED.has(name) && !name.startsWith(".");
    const manifests = walkFiles(root, { enter, keep: (_path, entry) => entry.isFile() && entry.name === "Cargo.toml", maxFiles: MAX_CARGO_MANIFESTS });
    const crateManifests = manifests.map((path) => read(path, cwd, maxBytes)).filter((f): f is SourceFile => f !== undefined);
    out.push(...crateManifests);
    // the sources only where a crate embeds its migrations (sqlx, diesel_migrations, refinery)
    if (!crateManifests.some((m) => manifestMigrators(m).length > 0)) continue;
    const sources = walkFiles(root, { enter, keep: (path, entry) => entry.isFile() && isRustSourcePath(displayPath(path, cwd)), maxFiles: MAX_SOURCES });
    for (const path of sources) {
      const file = read(path, cwd, maxBytes);
      if (file && isRustStartupSource(file.content)) out.push(file);
    }
  }
  return out;
}
