/**
 * A migration moved to another folder under the same file name that git or GitHub did not pair as a rename (its text
 * changed too much with the move, or a listing past the rename-detection limit): a deletion and an addition. When
 * what the runner knows it by stays (history/migration-identity.ts: Django's app label and name, Rails' version, a
 * SQL layout's version and name), it is that migration moved, read as a rename, so renamed-migration and
 * edited-migration judge it (an edit, if the text changed) instead of deleted-migration's "restore it" and a review
 * of the old migration as a new one. Alembic's identity is in the file (its revision id), not read here: not paired.
 */
import type { Config } from "../config.js";
import { baseOf } from "../paths.js";
import { RailsDatabases } from "../repository/rails-databases.js";
import type { Change } from "./changes.js";
import { detectMigrationPath } from "./classify.js";
import { migrationIdentity } from "./history/migration-identity.js";

/** The identity of a migration path by its path alone; undefined for a file that is not one, or whose identity is in its text (Alembic's, without its model). */
function pathIdentity(path: string, config: Config): string | undefined {
  const file = detectMigrationPath(path, config);
  return file && migrationIdentity(file, undefined, new RailsDatabases());
}

/** The changes with each deletion and addition of one migration under the same file name and identity read as one rename. */
export function pairUnpairedMoves(changes: readonly Change[], config: Config): Change[] {
  const added = new Map<string, Change[]>();
  for (const change of changes) {
    if (change.status !== "added") continue;
    const identity = pathIdentity(change.path, config);
    if (identity === undefined) continue;
    const key = `${baseOf(change.path)}\u0000${identity}`;
    added.set(key, [...(added.get(key) ?? []), change]);
  }
  const moves = new Map<Change, Change>();
  const paired = new Set<Change>();
  for (const change of changes) {
    if (change.status !== "removed") continue;
    const identity = pathIdentity(change.path, config);
    const candidates = identity === undefined ? [] : (added.get(`${baseOf(change.path)}\u0000${identity}`) ?? []);
    // one addition of that name and identity only: two would leave which one it moved to a guess
    if (candidates.length !== 1 || paired.has(candidates[0])) continue;
    paired.add(candidates[0]);
    moves.set(change, candidates[0]);
  }
  if (moves.size === 0) return [...changes];
  return changes.flatMap((change): Change[] => {
    if (paired.has(change)) return [];
    const to = moves.get(change);
    return to ? [{ path: to.path, status: "renamed", previousPath: change.path }] : [change];
  });
}
