/**
 * Existence checks the repository itself decides, for `lint`: an operation that runs only when a table exists
 * (`if table_exists?(:active_storage_blobs)`, `return unless table_exists?(...)`, a column_exists?/index_exists?/
 * foreign_key_exists? on it) does nothing on any database the repository describes when that table is never there:
 * no earlier migration of the folder names it, and the project's schema dump, read whole, has no such table. ifme
 * copied Active Storage's framework migrations without ever installing Active Storage: their guarded statements are
 * no-ops there, and a fix for them (a validation in a migration of its own, a down that removes the key) would run
 * unguarded against a table that is not there. Their findings become notes with nothing to change, as `review` does
 * for statements the base branch's dump skips (review/guards/guards-on-base.ts). When anything is unknown (no dump,
 * a dump not read whole, a history not read whole), the findings stay as they are.
 */
import type { ExistenceGuard, Migration, Operation, ReportedFinding } from "../model.js";
import type { DumpObjects } from "../review/guards/dump-objects.js";
import { checkOnBase, existenceTouched } from "../review/guards/guards-on-base.js";
import { nameKey } from "../rules/support/facts.js";
import type { RepositoryView } from "./repository-view.js";

/** The check that keeps an operation from running, and the dump that shows its table missing. */
export interface NeverRuns {
  guard: ExistenceGuard;
  dump: DumpObjects;
}

/** The operation runs only under a check that needs a table to exist. */
const needsTable = (op: Operation): boolean => (op.guards ?? []).some((g) => g.runsWhen === "exists");

/**
 * The operations of `migration` that never run on a database the repository describes; `dumpOf` is asked only when
 * an operation is under such a check. An operation of the migration that runs first and may create or drop the
 * checked table leaves the check undecided.
 */
export function neverRunOps(migration: Migration, repository: RepositoryView, dumpOf: () => DumpObjects | undefined): Map<Operation, NeverRuns> {
  const out = new Map<Operation, NeverRuns>();
  if (!migration.up.some(needsTable)) return out;
  const dump = dumpOf();
  if (!dump?.complete) return out;
  const touched = new Set<string>();
  const absent = (guard: ExistenceGuard): boolean => {
    if (guard.runsWhen !== "exists" || touched.has("*") || touched.has(nameKey(guard.table))) return false;
    // the table itself missing: a column, index or key of it is missing with it (checkOnBase says whether the dump can tell)
    const onDump = checkOnBase(guard, dump);
    return onDump !== undefined && !onDump.holds && dump.table(guard.table) === undefined && repository.tableUnseen(guard.table);
  };
  for (const op of migration.up) {
    const guard = (op.guards ?? []).find(absent);
    if (guard) out.set(op, { guard, dump });
    else for (const table of existenceTouched(op)) touched.add(table === "*" ? "*" : nameKey(table));
  }
  return out;
}

/**
 * A finding whose statements all never run here: a note that says why, with nothing to change as its fix. A finding
 * that also covers a statement that runs keeps its severity and fix.
 */
export function withNeverRun(finding: ReportedFinding, migration: Migration, never: ReadonlyMap<Operation, NeverRuns>): ReportedFinding {
  if (never.size === 0 || finding.severity === "info") return finding;
  const covered = migration.up.filter((op) => op.loc.line <= finding.endLine && finding.line <= op.loc.endLine);
  if (covered.length === 0 || !covered.every((op) => never.has(op))) return finding;
  const { guard, dump } = never.get(covered[0])!;
  const comment = migration.framework === "sql" ? "--" : "#";
  return {
    ...finding,
    severity: "info",
    message: `${finding.message} The statement runs only under \`${guard.text}\`, and ${guard.table} is never there: no earlier migration of the folder creates it and ${dump.path} has no such table, so nothing runs on a database this repository describes.`,
    fix: `${comment} nothing to change: no earlier migration creates ${guard.table} and ${dump.path} has none, so \`${guard.text}\` skips this; keep the check as it is`,
  };
}

/** Every finding of one migration, seen against the tables the repository never has. */
export function againstAbsentTables<R extends { finding: ReportedFinding }>(raw: readonly R[], migration: Migration, repository: RepositoryView, dumpOf: () => DumpObjects | undefined): R[] {
  const never = neverRunOps(migration, repository, dumpOf);
  return never.size === 0 ? [...raw] : raw.map((r) => ({ ...r, finding: withNeverRun(r.finding, migration, never) }));
}
