/**
 * The repository files fixes read (`repositoryFiles`: manifests, schema dumps, models), found on disk around
 * the migrations being linted: the dumps in each project's `db/`, its `app/models/`, and the nearest Gemfile /
 * Gemfile.lock in the project's folder or above it (up to the repository root).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Config } from "../engine/config.js";
import type { SourceFile } from "../engine/model.js";
import { isRepositoryFactPath, projectRootOf } from "../engine/repository/fact-paths.js";
import { displayPath } from "./collect-files.js";

/** more model files than this in one project are not read (a fix then names the table, not the class) */
const MAX_MODEL_FILES = 5000;

function listRecursive(dir: string, out: string[], limit: number): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (out.length >= limit) return;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listRecursive(path, out, limit);
    else if (entry.isFile() && entry.name.endsWith(".rb")) out.push(path);
  }
}

/** The nearest folder at or above `dir` that has a manifest, not climbing past a repository root (`.git`). */
function manifestsAbove(dir: string): string[] {
  for (let current = dir; ; current = dirname(current)) {
    const found = ["Gemfile", "Gemfile.lock", "gems.rb", "gems.locked"].map((name) => join(current, name)).filter((p) => existsSync(p));
    if (found.length || existsSync(join(current, ".git")) || dirname(current) === current) return found;
  }
}

export function readRepositoryFiles(migrationPaths: readonly string[], config: Config, cwd = process.cwd()): SourceFile[] {
  const absolute = new Set<string>();
  for (const root of new Set(migrationPaths.map(projectRootOf))) {
    if (root === undefined) continue;
    const project = resolve(cwd, root);
    const db = join(project, "db");
    for (const name of existsSync(db) ? readdirSync(db) : []) absolute.add(join(db, name));
    const models: string[] = [];
    listRecursive(join(project, "app", "models"), models, MAX_MODEL_FILES);
    for (const path of models) absolute.add(path);
    for (const path of manifestsAbove(project)) absolute.add(path);
  }
  const out: SourceFile[] = [];
  for (const path of absolute) {
    const shown = displayPath(path, cwd);
    if (!isRepositoryFactPath(shown)) continue;
    try {
      const stat = statSync(path);
      if (!stat.isFile() || stat.size > config.max_file_bytes) continue;
      out.push({ path: shown, content: readFileSync(path, "utf8") });
    } catch {
      // unreadable: the fixes fall back to what the migrations say
    }
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}
