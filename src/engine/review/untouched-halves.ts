/**
 * The other half of an edited migration that the change leaves alone (diesel's down.sql beside the edited up.sql,
 * golang-migrate's .down.sql): the base branch has it exactly as the head does. The base side of the edit is read
 * with it, so that both sides see the same down: without it the base version looked down-less, and the unchanged
 * empty down of the head looked new (vaultwarden's sso_users_cascade, edited up, untouched empty down: an
 * empty-down error the edit did not cause).
 */
import type { Config } from "../config.js";
import { companionPaths } from "../detect.js";
import { detectMigrationPath } from "./classify.js";
import { counterpartPaths } from "./plan.js";

export interface SourceFile {
  path: string;
  content: string;
}

/**
 * For each migration read on the base side whose path the change keeps (an edit; not a deletion or a rename, whose
 * halves moved or went with it), its halves the change does not touch, with their head content; none the base side has already.
 */
export function untouchedHalvesOnBase(
  baseMigrations: readonly SourceFile[],
  head: ReadonlyMap<string, string>,
  touched: ReadonlySet<string>,
  siblings: readonly string[],
  config: Config,
): SourceFile[] {
  const have = new Set(baseMigrations.map((f) => f.path));
  const out = new Map<string, string>();
  for (const migration of baseMigrations) {
    if (!touched.has(migration.path) || !head.has(migration.path)) continue;
    const file = detectMigrationPath(migration.path, config, migration.content);
    if (!file) continue;
    for (const half of [...companionPaths(file, siblings), ...counterpartPaths(file, siblings)]) {
      const content = head.get(half);
      if (content !== undefined && !touched.has(half) && !have.has(half)) out.set(half, content);
    }
  }
  return [...out].map(([path, content]) => ({ path, content }));
}
