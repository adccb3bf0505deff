/**
 * The base branch's migrations written shortly before an added one: a table one of them created is young when the
 * added migration runs, so a lock finding on it is a note (production/young-tables.ts). Decided from paths
 * (version dates: Rails, golang-migrate, goose, dbmate, Prisma, diesel, Flyway timestamps, Alembic's dated names);
 * read as context, never linted.
 */
import type { Config } from "../config.js";
import type { DetectedFile } from "../detect.js";
import { daysBetween, migrationDate } from "../repository/migration-date.js";
import { detectMigrationPath, isPrimaryFile, migrationSetKey } from "./classify.js";
import type { RailsDatabases } from "../repository/rails-databases.js";

/** Per added migration, at most this many of the nearest earlier ones: a busy folder writes hundreds in two months. */
export const RECENT_TO_READ = 40;

export function recentOnBase(added: readonly DetectedFile[], basePaths: readonly string[], config: Config, databases: RailsDatabases): string[] {
  const days = config.young_table.days;
  const dated = added.flatMap((file) => {
    const date = file.framework === "django" ? undefined : migrationDate(file);
    return date ? [{ file, date, set: migrationSetKey(file, databases) }] : [];
  });
  if (days === 0 || dated.length === 0) return [];
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
    const recent = base.filter((b) => b.set === set && b.date < date && daysBetween(b.date, date) <= days).sort((a, b) => b.date.getTime() - a.date.getTime());
    for (const b of recent.slice(0, RECENT_TO_READ)) out.add(b.path);
  }
  return [...out];
}
