/**
 * Lint, where no base branch says what is deployed: a table that an earlier dated migration created less than a
 * day before this one (by their version timestamps) almost surely ships in the same deploy as this migration, so
 * it is empty when this one runs. A NOT NULL column without a default cannot fail on it, SET NOT NULL or a
 * constraint scans nothing, a DELETE without WHERE or a DROP loses nothing, an index build is instant. The
 * finding stays, as a note that says why and keeps the safe fix: the two may have been deployed apart.
 * Not for a table rows may have been added to since its CREATE TABLE (CREATE TABLE AS, any INSERT, code that may
 * write it, in between or earlier in this migration), nor one a squash or baseline wrote down (its date is the
 * squash's) or a Django app's 0001_initial created (a reset of the app's migrations writes old tables down anew:
 * young by that date, not surely empty; unless git shows it the app's first migration, added with the first files of
 * its folder and never modified since: shipped-together.ts's foundingCommit), nor when the folder holds a batch of migrations dated within a day (a port:
 * the dates are the port's). A review knows better (its ChangePlan: tables the pull request itself creates are new; a base
 * branch's table may be deployed already), so this is for lint only. A production snapshot that has the table wins.
 * Django's initial parts (initial-set-tables.ts) ship together whatever their dates: their tables get the same note.
 * So do migrations git says reached the main line in the same first-parent commit (shipped-together.ts: one pull
 * request's merge or one direct commit), dated or not; for them a hazard of the old code too (a rename, a drop it
 * still reads): no earlier release knows a table that deploy creates.
 */
import type { Config } from "../config.js";
import type { Migration, Operation, ReportedFinding } from "../model.js";
import type { RepositoryView } from "../repository/repository-view.js";
import { migrationDate } from "../repository/migration-date.js";
import { dirOf, migrationLabel } from "../paths.js";
import { nameKey } from "../rules/support/facts.js";
import { rowsAddedTo } from "../rules/support/row-writes.js";
import type { RuleMeta } from "../rules/support/rule.js";
import type { Production } from "./production.js";
import type { LockWork } from "./estimates.js";
import { measuredInSnapshot, tablesOf, workOf } from "./size-aware.js";
import { initialSetTables, type InitialSetTable } from "./initial-set-tables.js";
import { tableAges } from "./table-ages.js";
import { HOUR_MS, inDatedBatch } from "./dated-batch.js";
import { ShippedTogether } from "./shipped-together.js";
import type { TableBirth } from "../repository/table-births.js";
import { withSameDeployColumns } from "./same-deploy-columns.js";

/** Migrations written within a day of each other are taken to ship together. */
export const SAME_DEPLOY_HOURS = 24;

/**
 * Rules whose hazard needs rows in the table (besides the lock rules whose work grows with it: size-aware.ts).
 * unique-column-shared-default: the shared default collides only between two existing rows. remove-column-in-change:
 * drop-column's lost values told for a `change` (a rollback re-adds the column empty: it held nothing to restore).
 */
export const NEEDS_ROWS = new Set([
  "required-column-without-default",
  "set-not-null",
  "constraint-without-not-valid",
  "dml-without-where",
  "drop-table",
  "drop-column",
  "remove-column-in-change",
  "narrowing-type-change",
  "unique-column-shared-default",
]);

interface Fresh {
  table: string;
  hours: number;
  creator: Migration;
  appInitial: boolean;
}

/**
 * A Django app's 0001_initial may be a reset's, written over tables that hold rows: young, not surely empty; unless
 * git shows it the app's first migration (its commit then), which created its tables empty.
 */
const appInitialOk = (birth: TableBirth, shipped: ShippedTogether): boolean => !birth.appInitial || shipped.foundingCommit(birth.creator.path) !== undefined;

/** The creator's label, and for an app's first migration what proves it one (no reset: its tables started empty). */
function creatorLabel(creator: Migration, appInitial: boolean, shipped: ShippedTogether, name = migrationLabel(creator.path)): string {
  // only an app's 0001_initial needs the proof (a founding commit adds the app's later migrations too)
  const founding = appInitial ? shipped.foundingCommit(creator.path) : undefined;
  return founding ? `${name} (the app's first migration: git commit ${founding.slice(0, 10)} added it with the first files of its folder, and later commits kept its makemigrations header)` : name;
}

/** `up[0..index)` of the migration adds rows to `table`, or creates, drops or renames a table under its name. */
function touchedBefore(migration: Migration, index: number, table: string): boolean {
  const key = nameKey(table);
  return migration.up.slice(0, index).some((op) => {
    const added = rowsAddedTo(op);
    if (added === "any" || added?.some((t) => nameKey(t) === key)) return true;
    if (op.kind === "create_table" || op.kind === "rename_table") return nameKey(op.table) === key || (op.kind === "rename_table" && nameKey(op.newName) === key);
    return op.kind === "drop_table" && op.tables.some((t) => nameKey(t) === key);
  });
}

/** Each table the op works on was created empty by an earlier dated migration less than a day before this one, and is empty still. */
function freshTables(op: Operation, index: number, migration: Migration, date: Date, repository: RepositoryView, shipped: ShippedTogether): Fresh[] | undefined {
  if (index < 0) return undefined;
  const ages = tableAges(op, date, repository, (birth, table) => !birth.written && appInitialOk(birth, shipped) && !touchedBefore(migration, index, table));
  if (!ages || ages.some((a) => a.ms >= SAME_DEPLOY_HOURS * HOUR_MS)) return undefined;
  return ages.map(({ table, ms, creator, appInitial }) => ({ table, hours: Math.floor(ms / HOUR_MS), creator, appInitial }));
}

const earlier = (hours: number) => (hours === 0 ? "less than an hour earlier" : hours === 1 ? "1 hour earlier" : `${hours} hours earlier`);

/** The finding as a note when every table it is about was created empty less than a day before; unchanged otherwise. */
export function withSameDeployTable(
  finding: ReportedFinding,
  op: Operation | undefined,
  index: number,
  migration: Migration,
  repository: RepositoryView,
  production?: Production,
  reported?: LockWork,
  shipped: ShippedTogether = ShippedTogether.none,
  /** the hazard is the old code's (a rename, a drop it still reads): only a table the same commit created answers it, old code never knew that table */
  oldCode = false,
): ReportedFinding {
  if (finding.severity === "info" || !op) return finding;
  const columns = measuredInSnapshot(op, production) ? undefined : withSameDeployColumns(finding, op, index, migration, repository, shipped, SAME_DEPLOY_HOURS);
  if (columns) return columns;
  if (oldCode) {
    const merged = index >= 0 && !measuredInSnapshot(op, production) ? sameCommitTable(op, index, migration, repository, shipped) : undefined;
    return merged ? inSameCommit(finding, merged) : finding;
  }
  const work = workOf(finding.rule, op, reported);
  if (!NEEDS_ROWS.has(finding.rule) && (!work || work === "hold")) return finding;
  // the snapshot measured the table: withTableSize and the rules' production checks judge it
  if (measuredInSnapshot(op, production)) return finding;
  const initialSet = index >= 0 ? initialSetTables(tablesOf(op), migration, repository, (table) => !touchedBefore(migration, index, table)) : undefined;
  if (initialSet) return inInitialSet(finding, initialSet[0]);
  const merged = index >= 0 ? sameCommitTable(op, index, migration, repository, shipped) : undefined;
  if (merged) return inSameCommit(finding, merged);
  const date = migrationDate(migration);
  if (!date || inDatedBatch(repository, date)) return finding;
  const fresh = freshTables(op, index, migration, date, repository, shipped);
  if (!fresh) return finding;
  const { table, hours, creator, appInitial } = fresh.reduce((oldest, f) => (f.hours > oldest.hours ? f : oldest));
  return {
    ...finding,
    severity: "info",
    message: `${finding.message} ${table} was created ${earlier(hours)} by ${creatorLabel(creator, appInitial, shipped)}, and nothing has written to it since: a migration written less than a day before this one almost surely ships in the same deploy, so ${table} is empty when this runs and no row can fail, wait or be lost. If ${migrationLabel(creator.path)} was deployed on its own and ${table} has rows by now, take the safe way below.`,
    details: [
      ...finding.details,
      `same deploy: the table was created less than ${SAME_DEPLOY_HOURS} hours before this migration, by their version timestamps, and no statement or data step added rows to it since; a production snapshot (--snapshot) gives its real size`,
    ],
  };
}

interface SameCommitTable {
  table: string;
  creator: Migration;
  commit: string;
  /** the creator as the note names it */
  label: string;
  /** the creator's short name: its path when it is another folder's (a Django dependency's app), else its file's */
  name: string;
}

/** A table the op works on, each of which an earlier migration (its folder's, or a Django dependency's) added by the same first-parent commit created empty, and is empty still. */
function sameCommitTable(op: Operation, index: number, migration: Migration, repository: RepositoryView, shipped: ShippedTogether): SameCommitTable | undefined {
  let first: SameCommitTable | undefined;
  for (const table of tablesOf(op)) {
    // Django: or another app's migration this one depends on (billing's index on the table catalog's migration created)
    const birth = repository.tableBirth(table) ?? repository.djangoBirthElsewhere(table);
    if (!birth || birth.baseline || birth.filled || birth.written || touchedBefore(migration, index, table)) return undefined;
    const commit = shipped.commitOf(birth.creator.path, migration.path);
    if (!commit || !appInitialOk(birth, shipped)) return undefined;
    const name = dirOf(birth.creator.path) === dirOf(migration.path) ? migrationLabel(birth.creator.path) : birth.creator.path;
    first ??= { table, creator: birth.creator, commit, label: creatorLabel(birth.creator, birth.appInitial, shipped, name), name };
  }
  return first;
}

/** The finding as a note: its table was created empty by a migration that reached the main line with this one. */
function inSameCommit(finding: ReportedFinding, { table, commit, label: named, name: label }: SameCommitTable): ReportedFinding {
  const short = commit.slice(0, 12);
  return {
    ...finding,
    severity: "info",
    message: `${finding.message} ${table} was created by ${named}, which reached this branch in the same commit as this migration (${short}: one pull request's merge or one direct commit), and nothing has written to it since: they ship in the same deploy, so ${table} is empty when this runs and no code of an earlier release knows it: no row can fail, wait or be lost, and no running query breaks. If ${label} was deployed on its own and ${table} has rows by now, take the safe way below.`,
    details: [
      ...finding.details,
      `same deploy: git says the first-parent commit ${short} added both migrations to the branch, and no statement or data step added rows to the table in between; a production snapshot (--snapshot) gives its real size`,
    ],
  };
}

/** The finding as a note: its table was created empty by an earlier part of the app's initial migrations. */
function inInitialSet(finding: ReportedFinding, { table, creator }: InitialSetTable): ReportedFinding {
  const label = migrationLabel(creator.path);
  return {
    ...finding,
    severity: "info",
    message: `${finding.message} ${table} was created by ${label}, an earlier \`initial = True\` migration of this app, and nothing has written to it since: makemigrations writes an app's initial migrations together and an install applies them together, so ${table} is empty when this runs and no row can fail, wait or be lost. If ${label} was applied on its own and ${table} has rows by now, take the safe way below.`,
    details: [...finding.details, "initial set: both migrations are `initial = True` migrations of the app, and no statement or data step added rows to the table in between; a production snapshot (--snapshot) gives its real size"],
  };
}

/** Every finding of one migration, seen against tables created empty less than a day before it (lint: `sameDeploy`). */
export function againstSameDeployTables<R extends { finding: ReportedFinding; op?: Operation; work?: LockWork; hazard?: RuleMeta["hazard"] }>(
  raw: readonly R[],
  migration: Migration,
  indexOf: (op: Operation) => number,
  repository: RepositoryView,
  config: Config,
  production?: Production,
  /** the git fact: migrations that reached the main line in the same first-parent commit */
  shipped: ShippedTogether = ShippedTogether.none,
): R[] {
  // no finding: nothing to ask git (the CLI runs it on first use)
  if (raw.length === 0 || config.young_table.days === 0 || (!migrationDate(migration) && !migration.initial && !shipped.known(migration.path))) return [...raw];
  // a hazard only the running code meets (a rename; Django's preserve_default=False: its inserts omit the column once
  // the default is gone) is about the code, not the rows: an empty table does not answer it, a table the same commit
  // created does (no earlier release knows it)
  return raw.map((r) => ({ ...r, finding: withSameDeployTable(r.finding, r.op, r.op ? indexOf(r.op) : -1, migration, repository, production, r.work, shipped, r.hazard === "old-code") }));
}
