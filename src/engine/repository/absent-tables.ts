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
import { checkOnBase, type GuardDecision, skippedOf, skippedOnBase } from "../review/guards/guards-on-base.js";
import { nameKey } from "../rules/support/facts.js";
import type { RepositoryView } from "./repository-view.js";

/** The check that keeps an operation from running, and the dump that shows its table missing. */
export interface NeverRuns {
  guard: ExistenceGuard;
  dump: DumpObjects;
}

/**
 * The checks that need a table to exist, decided against the repository: the table missing from a dump read whole and
 * from every earlier migration of the folder. An operation of the migration that runs first and may create or drop
 * the checked table leaves the check undecided.
 */
const absentTable = (repository: RepositoryView): GuardDecision<ExistenceGuard, NeverRuns> => ({
  guardsOf: (op) => (op.guards ?? []).filter((g) => g.runsWhen === "exists"),
  decide: (guard, dump, touched) => {
    if (!dump.complete || touched.has("*") || touched.has(nameKey(guard.table))) return undefined;
    // the table itself missing: a column, index or key of it is missing with it (checkOnBase says whether the dump can tell)
    const onDump = checkOnBase(guard, dump);
    return onDump !== undefined && !onDump.holds && dump.table(guard.table) === undefined && repository.tableUnseen(guard.table) ? { guard, dump } : undefined;
  },
});

/**
 * A finding whose statements all never run here: a note that says why, with nothing to change as its fix. A finding
 * that also covers a statement that runs, or one already a note, stays as it is.
 */
function withNeverRun(finding: ReportedFinding, migration: Migration, never: ReadonlyMap<Operation, NeverRuns>): ReportedFinding {
  // a note stays as it is (review folds its notes too: guards-on-base.ts)
  const stopped = finding.severity === "info" ? undefined : skippedOf(finding, migration, never);
  if (!stopped) return finding;
  const { guard, dump } = stopped;
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
  // `dumpOf` is asked only when an operation is under such a check
  const never = skippedOnBase([migration], dumpOf, absentTable(repository));
  return never.size === 0 ? [...raw] : raw.map((r) => ({ ...r, finding: withNeverRun(r.finding, migration, never) }));
}
