/**
 * `ReviewInput.removedOnBase` for `migguard review`: the migrations the change adds whose path the base branch's
 * first-parent history deleted, with the blob each deletion removed (engine/review/history/restored-migrations.ts
 * compares it with the file the change adds). One `git log` for all of them, bounded by their version dates.
 */
import type { Config } from "../engine/config.js";
import type { ChangedFile } from "../engine/review/changes.js";
import { detectMigrationPath } from "../engine/review/classify.js";
import type { RemovedOnBaseMap } from "../engine/review/history/restored-migrations.js";
import { migrationDate } from "../engine/repository/migration-date.js";
import { commitDate, deletingCommits } from "./git.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How far back an undated migration's deletion is looked for (Django's 0042_x, a sequence number): a revert follows
 * its deletion within days; a re-add years later is reviewed as new.
 */
const UNDATED_HORIZON_DAYS = 2 * 365;

export function removedOnBase(root: string, forkPoint: string, changes: readonly ChangedFile[], config: Config): RemovedOnBaseMap | undefined {
  const added = changes.flatMap((c) => {
    const file = c.status === "added" ? detectMigrationPath(c.path, config) : undefined;
    return file ? [file] : [];
  });
  if (added.length === 0) return undefined;
  // no commit older than a migration's version date can have deleted it (a day's slack for time zones)
  const dates = added.map((file) => migrationDate(file));
  const since = dates.every((d) => d !== undefined)
    ? new Date(Math.min(...dates.map((d) => d!.getTime())) - DAY_MS)
    : new Date(Date.parse(commitDate(root, forkPoint)) - UNDATED_HORIZON_DAYS * DAY_MS);
  const deletions = deletingCommits(root, forkPoint, added.map((f) => f.path), since);
  return deletions.size ? Object.fromEntries(deletions) : undefined;
}
