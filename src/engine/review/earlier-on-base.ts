/**
 * The base branch's migrations before a deleted one, in its set: the tables they built prove whether the deleted
 * migration could run at all (a rename or drop of a column its table never had: deleted-migration's note that no
 * database ran it). Decided from paths; read as context, never linted. Django is left out (its graph, not its
 * numbers, orders an app's migrations).
 */
import type { Config } from "../config.js";
import type { DetectedFile } from "../detect.js";
import { migrationDate } from "../repository/migration-date.js";
import { detectMigrationPath, isPrimaryFile, migrationSetKey } from "./classify.js";
import type { RailsDatabases } from "../repository/rails-databases.js";

/** At most this many of the nearest earlier ones per deleted migration: the table is usually created among them. */
export const EARLIER_TO_READ = 400;

export function earlierOnBase(deleted: readonly DetectedFile[], basePaths: readonly string[], config: Config, databases: RailsDatabases): string[] {
  const dated = deleted.flatMap((file) => {
    const date = file.framework === "django" ? undefined : migrationDate(file);
    return date ? [{ date, set: migrationSetKey(file, databases) }] : [];
  });
  if (dated.length === 0) return [];
  const sets = new Set(dated.map((d) => d.set));
  const base = basePaths.flatMap((path) => {
    const file = detectMigrationPath(path, config);
    if (!file || !isPrimaryFile(file) || file.framework === "django") return [];
    const set = migrationSetKey(file, databases);
    const date = sets.has(set) ? migrationDate(file) : undefined;
    return date ? [{ path, set, date }] : [];
  });
  const out = new Set<string>();
  for (const { date, set } of dated) {
    const earlier = base.filter((b) => b.set === set && b.date < date).sort((a, b) => b.date.getTime() - a.date.getTime());
    for (const b of earlier.slice(0, EARLIER_TO_READ)) out.add(b.path);
  }
  return [...out];
}

/** At most this many of the migrations that stay after the oldest deleted one: a squash deletes old history, the rest is recent. */
export const LATER_TO_READ = 400;

/**
 * The Rails migrations of the base branch that stay, newer than the oldest deleted one in their set: with the deleted
 * ones they say what the schema dump must hold (a table a squashed migration created and a kept one dropped is not
 * in it: deleted-migration's note on a squash); none when more than LATER_TO_READ would be needed.
 */
export function laterOnBase(deleted: readonly DetectedFile[], basePaths: readonly string[], config: Config, databases: RailsDatabases): string[] {
  const gone = new Set(deleted.map((f) => f.path));
  const oldest = new Map<string, Date>();
  for (const file of deleted) {
    const date = file.framework === "rails" ? migrationDate(file) : undefined;
    const set = migrationSetKey(file, databases);
    if (date && !(oldest.get(set)! <= date)) oldest.set(set, date);
  }
  const out: string[] = [];
  for (const path of basePaths) {
    const file = gone.has(path) ? undefined : detectMigrationPath(path, config);
    if (!file || !isPrimaryFile(file) || file.framework !== "rails") continue;
    const from = oldest.get(migrationSetKey(file, databases));
    const date = from ? migrationDate(file) : undefined;
    if (from && date && date > from) out.push(path);
  }
  return out.length > LATER_TO_READ ? [] : out;
}
