/**
 * What a review runs for real, decided from the engine's first pass and the head's listing: the changed
 * PostgreSQL migrations the executor can run (SQL layouts, and Rails/Django/Alembic migrations written entirely in SQL),
 * and the earlier migrations of their folders that must be applied first (`pathsToRead`). Pure.
 */
import type { Config } from "../engine/config.js";
import { detectFile } from "../engine/detect.js";
import { pathsToRead } from "../engine/migration-order.js";
import type { Migration } from "../engine/model.js";
import type { ChangedFile } from "../engine/review/changes.js";
import { executable } from "../execute/script.js";

export interface ExecutionPlan {
  /** paths of the migrations to run up -> down -> up */
  targets: string[];
  /** earlier migrations (and sqitch.plan) to read at head, in no particular order */
  history: string[];
}

/** Every path at head: the head's tree when it was listed, else the base tree with the change applied. */
export function headListing(changes: readonly ChangedFile[], basePaths: readonly string[], headPaths?: readonly string[]): string[] {
  if (headPaths) return [...headPaths];
  const paths = new Set(basePaths);
  for (const change of changes) {
    if (change.status === "renamed" && change.previousPath) paths.delete(change.previousPath);
    if (change.status === "removed") paths.delete(change.path);
    else paths.add(change.path);
  }
  return [...paths];
}

/**
 * `migrations`: the models of the first pass (changed files and their companions); a migration is run when
 * its file or its down changed. `contents`: head text by path (layouts told apart by content need it).
 */
export function planExecution(
  migrations: readonly Migration[],
  changes: readonly ChangedFile[],
  contents: ReadonlyMap<string, string>,
  listing: readonly string[],
  config: Config,
): ExecutionPlan {
  const changed = new Set(changes.filter((c) => c.status !== "removed").map((c) => c.path));
  const targets: string[] = [];
  const history = new Set<string>();
  for (const migration of migrations) {
    const downPath = migration.down.status === "present" || migration.down.status === "empty" ? migration.down.path : undefined;
    if (!changed.has(migration.path) && !(downPath && changed.has(downPath))) continue;
    // PostgreSQL's: the executor runs PGlite or a PostgreSQL server
    if (migration.database !== "postgresql" || !executable(migration)) continue;
    const file = detectFile(migration.path, contents.get(migration.path) ?? "", config);
    if (!file) continue;
    targets.push(migration.path);
    for (const path of pathsToRead(file, listing, config)) history.add(path);
  }
  for (const path of targets) history.delete(path);
  return { targets: targets.sort(), history: [...history].sort() };
}
