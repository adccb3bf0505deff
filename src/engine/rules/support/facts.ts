/**
 * Facts about one migration that many rules ask for, computed once:
 * which tables the migration creates (no lock hazards there), which it empties before changing them,
 * where lock_timeout is set, which tables were copied before a drop (a backup).
 */
import type { Migration, Operation, OperationOf } from "../../model.js";
import { ChangePlan } from "./change-plan.js";
import { everyRowRemovedFrom } from "./row-writes.js";
import { countBelowBy } from "../../sorted-numbers.js";

/** Compare names as PostgreSQL folds them: case-insensitive, `public.` is the default schema. */
const keys = new Map<string, string>();
export function nameKey(name: string): string {
  let key = keys.get(name);
  if (key === undefined) {
    const lower = name.toLowerCase().replace(/"/g, "");
    key = lower.startsWith("public.") ? lower.slice("public.".length) : lower;
    if (keys.size > 50_000) keys.clear(); // bounded: names repeat within a review, not forever
    keys.set(name, key);
  }
  return key;
}

/** `schema.table` renamed to `newName`: RENAME keeps the table in its schema. */
export const renamedTo = (table: string, newName: string): string =>
  newName.includes(".") || !table.includes(".") ? newName : `${table.slice(0, table.lastIndexOf(".") + 1)}${newName}`;

/** A name as PostgreSQL folds it, without its schema: "public.Orders" -> "orders". */
export const bareName = (name: string): string => {
  // what follows the last dot, without the array split() makes (sameTable asks it for every later step of a folder)
  const key = nameKey(name);
  return key.slice(key.lastIndexOf(".") + 1);
};

/** One table, written with its schema or without (a migration that names no schema means the default one). */
export const sameTable = (a: string, b: string): boolean => nameKey(a) === nameKey(b) || ((!a.includes(".") || !b.includes(".")) && bareName(a) === bareName(b));

export interface MigrationFacts {
  /** the change this migration belongs to (a review's added migrations), judged as a whole */
  change: ChangePlan;
  /** the migration is one of a review's added migrations (false in lint, where `change` is the migration alone) */
  inReviewedChange: boolean;
  /** the table (or materialized view) did not exist before this migration (created earlier in the same up, or by an earlier migration of the change, and no data step wrote to it since) */
  isNewTable(table: string | undefined, beforeIndex: number): boolean;
  /**
   * the table was emptied earlier in this up (TRUNCATE, DELETE without WHERE, delete_all, objects.all().delete())
   * and nothing wrote to it since: a later index build, scan or rewrite has no rows to work through. The emptying
   * statement is the finding; what follows it has nothing left to lock for long.
   */
  isEmptiedBefore(table: string | undefined, beforeIndex: number): boolean;
  /**
   * how the table came to hold no rows before `beforeIndex`: "emptied" by a statement that removed them, or
   * "proven-empty" by an earlier ADD COLUMN ... NOT NULL without a default, which PostgreSQL refuses on a table with rows
   */
  emptiedHow(table: string | undefined, beforeIndex: number): "emptied" | "proven-empty" | undefined;
  /** the index of the TRUNCATE or DELETE without WHERE that emptied `table` when emptiedHow says "emptied" */
  emptiedBy(table: string | undefined, beforeIndex: number): number | undefined;
  /**
   * PostgreSQL: the index of the ADD COLUMN ... NOT NULL without a default that proves `table` holds no rows when the
   * op at `index` runs (earlier, or later in the same transaction with nothing between that removes rows), or
   * undefined. Unlike emptiedHow, the op's own removal counts: a DELETE or TRUNCATE before a later proof ran on the
   * rows the table had, and the proof says only that it left none. What such an op drops or overwrites held no data.
   */
  emptyProofAt(table: string | undefined, index: number): number | undefined;
  /**
   * the table is dropped later in this up (DROP TABLE, drop_table, DeleteModel after `afterIndex`, followed through
   * renames): what an op does to its columns or rows dies with it, and the drop-table finding carries the hazard
   */
  isDroppedAfter(table: string | undefined, afterIndex: number): boolean;
  /**
   * PostgreSQL: an earlier op of the same transaction took ACCESS EXCLUSIVE on `table` (an ALTER TABLE, TRUNCATE,
   * LOCK TABLE, a rewrite), and it is held until that transaction ends: a later statement on the table adds no lock
   * wait of its own. Only its lock: what it scans, rewrites or builds still lengthens the time the lock is held.
   */
  holdsAccessExclusiveBefore(table: string | undefined, beforeIndex: number): boolean;
  /**
   * PostgreSQL: the index of the op that first took ACCESS EXCLUSIVE on `table` in the transaction of the op at
   * `beforeIndex`, before it (the lock it still holds until commit), or undefined (holdsAccessExclusiveBefore).
   */
  accessExclusiveTakenAt(table: string | undefined, beforeIndex: number): number | undefined;
  /**
   * PostgreSQL: an earlier op of the same transaction updated every row of `table` (UPDATE without WHERE, or a backfill
   * of a column added empty that a SET NOT NULL of the transaction needs on every row) while that
   * transaction already held ACCESS EXCLUSIVE on it, which it still holds: the table was blocked for the whole write,
   * and a later scan under the same lock reads what that write left, a fraction of it. The UPDATE's index (the last
   * that sets `column`, when one does), or undefined.
   */
  wholeTableUpdateUnderLockBefore(table: string | undefined, beforeIndex: number, column?: string): number | undefined;
  /**
   * PostgreSQL: the same transaction takes ACCESS EXCLUSIVE on `table` before the op at `index` or after it with
   * only schema statements in between (no data written while the earlier lock would be held): the transaction waits
   * for that lock and holds it until commit anyway, so the op's own lock adds no wait of its own.
   */
  holdsAccessExclusiveInTransaction(table: string | undefined, index: number): boolean;
  /**
   * the column was added earlier in this up (ADD COLUMN, add_column, AddField, followed through column renames), or
   * by an earlier migration of the same change: a scratch column no deployed code knows, whose values the change
   * made, so dropping it loses nothing
   */
  isColumnAddedBefore(table: string, column: string, beforeIndex: number): boolean;
  /** position of an op in `up` */
  indexOf(op: Operation): number;
  /**
   * the session TimeZone when the op at `index` runs: the last SET TIME ZONE before it, else the framework's own
   * (Rails' PostgreSQL adapter sets UTC on every connection while ActiveRecord.default_timezone is :utc, its
   * default); undefined when unknown (the server's setting)
   */
  timeZoneAt(index: number): string | undefined;
  /** `SET lock_timeout` (or a framework equivalent) ran before this op */
  lockTimeoutBefore(index: number): boolean;
  /** data of `table` (optionally `column`) was copied elsewhere before `index` */
  backedUpBefore(table: string, column: string | undefined, index: number): boolean;
  /**
   * where an earlier DELETE removed every row of `table` with a value in `column` (WHERE column IS NOT NULL), or every
   * row (DELETE without WHERE, TRUNCATE), and nothing wrote to the table since: the column holds no value there (only
   * NULLs, or no rows at all), so dropping it loses nothing that statement did not already remove
   */
  valuesDeletedBefore(table: string, column: string, index: number): number | undefined;
  /** the up changes the schema of a table that existed before (not only new tables) */
  touchesExistingSchema: boolean;
}

const schemaOpTable = (op: Operation): string | undefined => {
  switch (op.kind) {
    case "add_column":
    case "drop_column":
    case "rename_column":
    case "alter_column_type":
    case "redefine_column":
    case "set_not_null":
    case "drop_not_null":
    case "set_default":
    case "drop_default":
    case "add_index":
    case "add_constraint":
    case "validate_constraint":
    case "drop_constraint":
    case "rename_table":
      return op.table;
    case "drop_index":
      return op.table;
    case "drop_table":
      return op.tables[0];
    default:
      return undefined;
  }
};

/**
 * PostgreSQL refuses ADD COLUMN ... NOT NULL without a default on a table with rows ("column contains null
 * values"), so when it succeeds the table was empty. IF NOT EXISTS may skip it; identity and serial fill rows.
 */
const provesEmpty = (op: Extract<Operation, { kind: "add_column" }>): boolean => {
  const c = op.column;
  const noDefault = c.default === undefined || /^null$/i.test(c.default.expr.trim());
  return c.notNull && noDefault && !op.ifNotExists && !c.generated && !c.serial && !c.primaryKey;
};

/**
 * The relation an op creates that holds its own rows: a table, or a materialized view (CREATE MATERIALIZED VIEW,
 * scenic's `create_view ... materialized: true`). Until the migration commits no other session sees it, so what is
 * done to it (an index build, a REFRESH) blocks nobody, as for a table the migration creates. Not a plain view: a
 * write through a new updatable view changes the rows of the table under it.
 */
function createdRelation(op: Operation): string | undefined {
  if (op.kind === "create_table") return op.table;
  if (op.kind === "create_object" && op.objectType === "materialized_view") return op.name;
  return undefined;
}

/** The relation an op renames (ALTER TABLE / MATERIALIZED VIEW ... RENAME TO). */
function renamedRelation(op: Operation): { from: string; to: string } | undefined {
  if (op.kind === "rename_table") return { from: op.table, to: op.newName };
  if (op.kind === "rename_object" && op.objectType === "materialized_view") return { from: op.name, to: op.newName };
  return undefined;
}

/** valuesDeletedBefore's key for a statement that removed every row, whatever the column (no column is named `*`) */
const EVERY_COLUMN = "*";

export function computeFacts(migration: Migration, changeGiven: ChangePlan = ChangePlan.none): MigrationFacts {
  // outside a change (lint), the migration's own steps are a plan of one
  const change = changeGiven.includes(migration) ? changeGiven : changeGiven.alone(migration);
  const up = migration.up;
  const createdAt = new Map<string, number>();
  up.forEach((op, index) => {
    const created = createdRelation(op);
    if (created !== undefined && !createdAt.has(nameKey(created))) createdAt.set(nameKey(created), index);
    // a table (a view) renamed from a new one is still new
    const renamed = renamedRelation(op);
    if (renamed && createdAt.has(nameKey(renamed.from))) createdAt.set(nameKey(renamed.to), index);
  });
  const isNewTable = (table: string | undefined, beforeIndex: number) => {
    if (!table) return false;
    const at = createdAt.get(nameKey(table));
    return (at !== undefined && at < beforeIndex) || change.createdEmptyEarlier(migration, table, beforeIndex);
  };

  const transactions = transactionIds(migration);
  // each op that empties or writes a table (or proves it empty), in order
  type Emptied = "emptied" | "proven-empty";
  const events = new Map<string, Array<{ index: number; empty: Emptied | undefined }>>();
  const mark = (table: string, index: number, empty: Emptied | undefined) => {
    const list = events.get(nameKey(table));
    if (list) list.push({ index, empty });
    else events.set(nameKey(table), [{ index, empty }]);
  };
  const unknownWrites: number[] = [];
  // for valuesDeletedBefore: code that may write anything, each table's other writes, and the DELETEs that remove
  // the rows holding a value of a column (table, then column)
  const opaqueWrites: number[] = [];
  const otherWrites = new Map<string, number[]>();
  const valueRemovals = new Map<string, Map<string, number[]>>();
  const push = <K>(map: Map<K, number[]>, key: K, index: number) => {
    const list = map.get(key);
    if (list) list.push(index);
    else map.set(key, [index]);
  };
  // a removal of every row counts for every column: under EVERY_COLUMN
  const addRemoval = (table: string, columns: Iterable<string>, index: number) => {
    const t = nameKey(table);
    const byColumn = valueRemovals.get(t) ?? new Map<string, number[]>();
    valueRemovals.set(t, byColumn);
    for (const c of columns) push(byColumn, c, index);
  };
  up.forEach((op, index) => {
    if ((op.kind === "data_migration" && !op.readOnly) || (op.kind === "raw" && op.opaque)) opaqueWrites.push(index);
    if (op.kind === "truncate") for (const t of op.tables) addRemoval(t, [EVERY_COLUMN], index);
    if (op.kind === "dml" && op.table) {
      const t = nameKey(op.table);
      if (op.verb !== "delete") push(otherWrites, t, index);
      else if (!op.hasWhere) addRemoval(op.table, [EVERY_COLUMN], index);
      // one entry per column, even when the DELETE names it twice
      else if (op.removesRowsWithValue?.length) addRemoval(op.table, new Set(op.removesRowsWithValue.map(nameKey)), index);
    }
    const emptied = everyRowRemovedFrom(op);
    if (emptied.length > 0) emptied.forEach((t) => mark(t, index, "emptied"));
    // an UPDATE or DELETE adds no rows: an empty table stays empty
    else if (op.kind === "dml" && op.table) {
      if (op.verb !== "update" && op.verb !== "delete") mark(op.table, index, undefined);
    }
    else if (op.kind === "add_column" && migration.database === "postgresql" && provesEmpty(op)) mark(op.table, index, "proven-empty");
    // code (a Ruby block, a RunPython function) may write any table, whatever it names
    else if (op.kind === "data_migration" && !op.readOnly) unknownWrites.push(index);
  });
  // every question below is a binary search over positions in order: rules ask them once per op, and a file
  // of 70,000 statements made the linear scans quadratic (minutes of CPU)
  /** the statement that left `table` empty before `beforeIndex` (none for a proof by a later statement) and how */
  const emptying = (table: string | undefined, beforeIndex: number): { index?: number; empty: Emptied } | undefined => {
    if (!table) return undefined;
    const list = events.get(nameKey(table)) ?? [];
    const lastAt = countBelowBy(list, beforeIndex, (e) => e.index) - 1;
    const last = list[lastAt];
    if (last === undefined || !last.empty) return provenByLaterStatement(table, beforeIndex) ? { empty: "proven-empty" } : undefined;
    if (countBelowBy(unknownWrites, beforeIndex, (i) => i) !== countBelowBy(unknownWrites, last.index + 1, (i) => i)) return undefined;
    // a proof of emptiness right after an emptying statement: the emptying is the reason
    let at = lastAt;
    while (at > 0 && list[at].empty === "proven-empty" && list[at - 1].empty) at--;
    return { index: list[at].index, empty: list[at].empty! };
  };
  const emptiedHow = (table: string | undefined, beforeIndex: number): Emptied | undefined => emptying(table, beforeIndex)?.empty;
  const emptiedBy = (table: string | undefined, beforeIndex: number): number | undefined => {
    const found = emptying(table, beforeIndex);
    return found?.empty === "emptied" ? found.index : undefined;
  };
  const isEmptiedBefore = (table: string | undefined, beforeIndex: number) => emptiedHow(table, beforeIndex) !== undefined;

  // Statements before the proof in the same transaction run only if the whole transaction commits, so the proof
  // covers them too, as long as nothing between removed rows (a DELETE, TRUNCATE, or code that may) or swapped the
  // table under its name (CREATE, DROP, RENAME). Outside a transaction (a no-transaction layout,
  // disable_ddl_transaction!, atomic = False) each statement commits on its own before the proof is reached: an
  // earlier one may have run on rows, so only what comes after the proof is covered (above).
  // Per table, in order (binary searches: rules ask once per op, and a file can hold tens of thousands of statements)
  const byTable = new Map<string, { proofs: number[]; removals: number[]; swaps: number[] }>();
  const entryOf = (table: string) => {
    const key = nameKey(table);
    let entry = byTable.get(key);
    if (!entry) byTable.set(key, (entry = { proofs: [], removals: [], swaps: [] }));
    return entry;
  };
  up.forEach((op, index) => {
    if (op.kind === "add_column" && migration.database === "postgresql" && provesEmpty(op)) entryOf(op.table).proofs.push(index);
    else if (op.kind === "truncate") op.tables.forEach((t) => entryOf(t).removals.push(index));
    else if (op.kind === "dml" && op.verb === "delete" && op.table) entryOf(op.table).removals.push(index);
    else if (op.kind === "create_table") entryOf(op.table).swaps.push(index);
    else if (op.kind === "drop_table") op.tables.forEach((t) => entryOf(t).swaps.push(index));
    else if (op.kind === "rename_table") {
      entryOf(op.table).swaps.push(index);
      entryOf(op.newName).swaps.push(index);
    }
  });
  const between = (sorted: readonly number[], from: number, to: number) => countBelowBy(sorted, to, (i) => i) - countBelowBy(sorted, from, (i) => i);
  /** The later proof in the same transaction that covers the op at `index`, or undefined. */
  const laterProof = (table: string, index: number): number | undefined => {
    const transaction = transactions[index];
    const entry = byTable.get(nameKey(table));
    if (transaction === undefined || !entry) return undefined;
    const proof = entry.proofs[countBelowBy(entry.proofs, index, (i) => i)];
    if (proof === undefined || transactions[proof] !== transaction) return undefined;
    // the op itself may be the DELETE: only what runs after it and before the proof can have removed rows
    return between(unknownWrites, index, proof) === 0 && between(entry.swaps, index, proof) === 0 && between(entry.removals, index + 1, proof) === 0 ? proof : undefined;
  };
  const provenByLaterStatement = (table: string, index: number): boolean => laterProof(table, index) !== undefined;
  const emptyProofAt = (table: string | undefined, index: number): number | undefined => {
    if (!table || emptiedHow(table, index) !== "proven-empty") return undefined;
    const list = events.get(nameKey(table)) ?? [];
    const last = list[countBelowBy(list, index, (e) => e.index) - 1];
    // an earlier proof, nothing written since (emptiedHow checked)
    if (last?.empty === "proven-empty") return last.index;
    const proof = laterProof(table, index);
    // a later proof: the op itself must not be what removed the rows
    return proof !== undefined && between(byTable.get(nameKey(table))!.removals, index, index + 1) === 0 ? proof : undefined;
  };

  // renames and drops in order: a column dropped before its table is renamed and the new name dropped dies with it too
  // a materialized view is a relation too: dropping it takes its indexes along, as DROP TABLE does
  const dropsMaterializedView = (op: Operation) => op.kind === "drop_object" && op.objectType === "materialized_view";
  const renamesAndDrops = up.flatMap((op, index) => (op.kind === "rename_table" || op.kind === "drop_table" || dropsMaterializedView(op) ? [index] : []));
  const isDroppedAfter = (table: string | undefined, afterIndex: number) => {
    if (!table) return false;
    let name = nameKey(table);
    for (let i = countBelowBy(renamesAndDrops, afterIndex + 1, (at) => at); i < renamesAndDrops.length; i++) {
      const op = up[renamesAndDrops[i]];
      if (op.kind === "drop_table" && op.tables.some((t) => nameKey(t) === name)) return true;
      if (op.kind === "drop_object" && op.names.some((t) => nameKey(t) === name)) return true;
      if (op.kind === "rename_table" && nameKey(op.table) === name) name = nameKey(op.newName);
    }
    return false;
  };

  // table -> where ACCESS EXCLUSIVE was taken on it, in order (a renamed table keeps the lock under its new name)
  const exclusive = new Map<string, number[]>();
  up.forEach((op, index) => {
    if (transactions[index] === undefined) return;
    for (const table of accessExclusiveTables(op)) {
      const list = exclusive.get(nameKey(table));
      if (list) list.push(index);
      else exclusive.set(nameKey(table), [index]);
    }
  });
  // per table, for each entry of `exclusive`: the position of the first entry of its transaction (a file of one
  // transaction and thousands of ALTERs asks this per op: no walk back)
  const firstInTransaction = new Map<string, number[]>();
  for (const [key, list] of exclusive) {
    const firsts: number[] = [];
    list.forEach((index, at) => firsts.push(at > 0 && transactions[list[at - 1]] === transactions[index] ? firsts[at - 1] : at));
    firstInTransaction.set(key, firsts);
  }
  const accessExclusiveTakenAt = (table: string | undefined, beforeIndex: number): number | undefined => {
    const transaction = transactions[beforeIndex];
    if (!table || transaction === undefined) return undefined;
    const list = exclusive.get(nameKey(table)) ?? [];
    // transactions follow one another: the ops of this one that took the lock are the last ones before beforeIndex
    const at = countBelowBy(list, beforeIndex, (i) => i) - 1;
    if (at < 0 || transactions[list[at]] !== transaction) return undefined;
    return list[firstInTransaction.get(nameKey(table))![at]];
  };
  const holdsAccessExclusiveBefore = (table: string | undefined, beforeIndex: number) => accessExclusiveTakenAt(table, beforeIndex) !== undefined;
  // per column of a table: where this up first adds it with no default, and where it sets it NOT NULL without filling
  // the NULLs itself. Built on first use: only an UPDATE with a WHERE of a table held under the lock asks.
  const freshKey = (table: string, column: string) => `${nameKey(table)}\0${nameKey(column)}`;
  let freshColumns: { addedAt: Map<string, number>; setNotNullAt: Map<string, number[]> } | undefined;
  const freshColumnsOfUp = () => {
    if (freshColumns) return freshColumns;
    freshColumns = { addedAt: new Map(), setNotNullAt: new Map() };
    const { addedAt, setNotNullAt } = freshColumns;
    up.forEach((op, index) => {
      if (op.kind === "add_column" && !op.column.default && !addedAt.has(freshKey(op.table, op.column.name))) addedAt.set(freshKey(op.table, op.column.name), index);
      if (op.kind !== "set_not_null" || op.fillsNulls) return;
      const list = setNotNullAt.get(freshKey(op.table, op.column));
      if (list) list.push(index);
      else setNotNullAt.set(freshKey(op.table, op.column), [index]);
    });
    return freshColumns;
  };
  /** Where this up adds `table`.`column` with no default before `index`, or -1. */
  const addedWithoutDefaultBefore = (table: string, column: string, index: number): number => {
    const added = freshColumnsOfUp().addedAt.get(freshKey(table, column));
    return added !== undefined && added < index ? added : -1;
  };
  // an UPDATE whose WHERE only tests for NULL columns this up added before it with no default (`WHERE c IS NULL` right
  // after ADD COLUMN c): every row is NULL there, so it writes every row
  const onlyFreshNulls = (op: OperationOf<"dml">, index: number): boolean =>
    op.whereOnlyNullTests === true &&
    op.table !== undefined &&
    (op.onlyNullRowsOf ?? []).every((column) => {
      const added = addedWithoutDefaultBefore(op.table!, column, index);
      // and nothing wrote the column in between
      return added !== -1 && !up.slice(added + 1, index).some((w) => w.kind === "dml" && w.table !== undefined && nameKey(w.table) === nameKey(op.table!) && w.columns.some((c) => nameKey(c) === nameKey(column)));
    });
  // an UPDATE with a WHERE (funnel's row-by-row loop, `UPDATE t SET c = ... WHERE id = :id` per row) of a column this up
  // added before it with no default, which a SET NOT NULL later in the same transaction needs on every row: the
  // migration commits only if the UPDATEs gave every row a value, so they wrote every row
  const fillsEveryRow = (op: OperationOf<"dml">, index: number): boolean =>
    op.table !== undefined &&
    op.columns.some(
      (column) =>
        addedWithoutDefaultBefore(op.table!, column, index) !== -1 &&
        (freshColumnsOfUp().setNotNullAt.get(freshKey(op.table!, column)) ?? []).some((i) => i > index && transactions[i] === transactions[index]),
    );
  const wholeTableUpdateUnderLockBefore = (table: string | undefined, beforeIndex: number, column?: string): number | undefined => {
    if (!table || !holdsAccessExclusiveBefore(table, beforeIndex)) return undefined;
    const transaction = transactions[beforeIndex];
    let found: number | undefined;
    // transactions follow one another: walk back while still in this one; the UPDATE that sets `column` first
    const tableKey = nameKey(table);
    const wanted = column === undefined ? undefined : nameKey(column);
    for (let j = beforeIndex - 1; j >= 0 && transactions[j] === transaction; j--) {
      const op = up[j];
      // the cheap tests first (an UPDATE of this table), then what the WHERE writes: onlyFreshNulls walks the up
      if (op.kind !== "dml" || op.verb !== "update" || op.table === undefined || nameKey(op.table) !== tableKey) continue;
      if ((op.hasWhere && !onlyFreshNulls(op, j) && !fillsEveryRow(op, j)) || !holdsAccessExclusiveBefore(table, j)) continue;
      if (wanted === undefined || op.columns.some((c) => nameKey(c) === wanted)) return j;
      found ??= j;
    }
    return found;
  };
  const holdsAccessExclusiveInTransaction = (table: string | undefined, index: number) => {
    if (holdsAccessExclusiveBefore(table, index)) return true;
    const transaction = transactions[index];
    if (!table || transaction === undefined) return false;
    const list = exclusive.get(nameKey(table)) ?? [];
    const next = list[countBelowBy(list, index + 1, (i) => i)];
    if (next === undefined || transactions[next] !== transaction) return false;
    // data written in between would run under the lock taken early, lengthening it
    return up.slice(index + 1, next).every((op) => op.kind !== "dml" && op.kind !== "data_migration");
  };

  // where each column was first added in this up (a renamed added column is added too)
  const addedAt = new Map<string, number>();
  const columnKey = (table: string, column: string) => `${nameKey(table)}.${nameKey(column)}`;
  up.forEach((op, index) => {
    if (op.kind === "add_column" && !op.ifNotExists && !addedAt.has(columnKey(op.table, op.column.name))) addedAt.set(columnKey(op.table, op.column.name), index);
    if (op.kind === "rename_column" && addedAt.has(columnKey(op.table, op.column)) && !addedAt.has(columnKey(op.table, op.newName))) addedAt.set(columnKey(op.table, op.newName), index);
  });
  const isColumnAddedBefore = (table: string, column: string, beforeIndex: number) =>
    (addedAt.get(columnKey(table, column)) ?? Infinity) < beforeIndex || change.addedColumnEarlier(migration, table, column, beforeIndex);

  const frameworkTimeZone = migration.framework === "rails" ? "UTC" : undefined;
  const timeZoneSets = up.flatMap((op, index) => (op.kind === "set_setting" && nameKey(op.name) === "timezone" ? [index] : []));
  const timeZoneAt = (index: number) => {
    const at = timeZoneSets[countBelowBy(timeZoneSets, index, (i) => i) - 1];
    const set = at === undefined ? undefined : up[at];
    if (!set || set.kind !== "set_setting") return frameworkTimeZone;
    return set.scope === "reset" ? undefined : set.value; // RESET and SET ... LOCAL / DEFAULT: the server's own
  };

  const firstLockTimeout = up.findIndex(
    (op) => op.kind === "set_setting" && nameKey(op.name) === "lock_timeout" && op.scope !== "reset",
  );

  const copies = up.flatMap((op, index) => {
    if (op.kind === "create_table" && op.copiedFrom) return [{ index, table: nameKey(op.copiedFrom), columns: [] as string[] }];
    if (op.kind === "dml" && (op.verb === "insert" || op.verb === "select_into" || op.verb === "update" || op.verb === "copy"))
      return op.sourceTables.map((t) => ({ index, table: nameKey(t), columns: op.sourceColumns.map(nameKey) }));
    return [];
  });
  // where each table (or column) was first copied: the earliest copy answers every later question
  const firstCopy = new Map<string, { any: number; whole: number; columns: Map<string, number> }>();
  for (const c of copies) {
    const entry = firstCopy.get(c.table) ?? { any: c.index, whole: Infinity, columns: new Map<string, number>() };
    firstCopy.set(c.table, entry);
    if (c.columns.length === 0 || c.columns.includes("*")) entry.whole = Math.min(entry.whole, c.index);
    for (const column of c.columns) if (!entry.columns.has(column)) entry.columns.set(column, c.index);
  }
  const backedUpBefore = (table: string, column: string | undefined, index: number) => {
    const entry = firstCopy.get(nameKey(table));
    if (!entry) return false;
    if (column === undefined) return entry.any < index;
    return entry.whole < index || (entry.columns.get(nameKey(column)) ?? Infinity) < index;
  };
  const valuesDeletedBefore = (table: string, column: string, index: number): number | undefined => {
    const t = nameKey(table);
    // the last write to the table before the drop must be such a DELETE (code that may write anything breaks it)
    const last = (removals: readonly number[]) => removals[countBelowBy(removals, index, (i) => i) - 1] ?? -1;
    const byColumn = valueRemovals.get(t);
    const removal = Math.max(last(byColumn?.get(nameKey(column)) ?? []), last(byColumn?.get(EVERY_COLUMN) ?? []));
    if (removal < 0) return undefined;
    const after = (sorted: readonly number[]) => countBelowBy(sorted, index, (i) => i) - countBelowBy(sorted, removal + 1, (i) => i);
    return after(opaqueWrites) === 0 && after(otherWrites.get(t) ?? []) === 0 ? removal : undefined;
  };
  const positions = new Map<Operation, number>();
  up.forEach((op, index) => {
    if (!positions.has(op)) positions.set(op, index);
  });

  const touchesExistingSchema = up.some((op, index) => {
    const table = schemaOpTable(op);
    return table !== undefined && !isNewTable(table, index);
  });

  return {
    change,
    inReviewedChange: changeGiven.includes(migration),
    isNewTable,
    isEmptiedBefore,
    emptiedHow,
    emptiedBy,
    emptyProofAt,
    isDroppedAfter,
    holdsAccessExclusiveBefore,
    accessExclusiveTakenAt,
    wholeTableUpdateUnderLockBefore,
    holdsAccessExclusiveInTransaction,
    isColumnAddedBefore,
    timeZoneAt,
    indexOf: (op) => positions.get(op) ?? -1,
    lockTimeoutBefore: (index) => firstLockTimeout !== -1 && firstLockTimeout < index,
    backedUpBefore,
    valuesDeletedBefore,
    touchesExistingSchema,
  };
}

/**
 * Which transaction each op of the up runs in (ops of one transaction share a number), undefined outside one.
 * A runner-wrapped migration (Rails, Django atomic, golang-migrate's multi-statement file) is one transaction until
 * an explicit COMMIT / ROLLBACK; otherwise only what an explicit BEGIN opens counts, and an op that runs in a
 * transaction of its own (an execute of two statements, one implicit transaction) shares it with nothing else.
 * MySQL and MariaDB commit every DDL statement implicitly: no lock outlives its statement.
 */
function transactionIds(migration: Migration): Array<number | undefined> {
  if (migration.database !== "postgresql") return migration.up.map(() => undefined);
  let next = 0;
  let current: number | undefined = migration.transactional ? next++ : undefined;
  let explicit = false;
  return migration.up.map((op) => {
    if (op.kind === "transaction_control") {
      if (op.action === "begin") {
        if (!explicit && current === undefined) current = next++;
        explicit = true;
        return current;
      }
      if (op.action === "commit" || op.action === "rollback" || op.action === "prepare" || op.action === "commit_prepared") {
        const ended = current;
        explicit = false;
        current = migration.transactional ? next++ : undefined;
        return ended;
      }
      return current;
    }
    if (!op.inTransaction) return undefined;
    return current ?? next++;
  });
}

/** ACCESS EXCLUSIVE kinds of ALTER TABLE constraint: all but a foreign key (SHARE ROW EXCLUSIVE). */
const EXCLUSIVE_CONSTRAINTS = new Set(["check", "unique", "primary_key", "exclusion", "not_null"]);

/** The existing tables an op takes ACCESS EXCLUSIVE on (PostgreSQL's lock levels), for as long as its transaction lasts. */
function accessExclusiveTables(op: Operation): string[] {
  switch (op.kind) {
    case "add_column":
    case "drop_column":
    case "rename_column":
    case "alter_column_type":
    case "redefine_column":
    case "set_not_null":
    case "drop_not_null":
    case "set_default":
    case "drop_default":
    case "drop_constraint":
      return [op.table];
    case "rename_table":
      return [op.table, op.newName];
    case "add_constraint":
      return EXCLUSIVE_CONSTRAINTS.has(op.constraint) ? [op.table] : [];
    case "drop_index":
      return !op.concurrently && op.table ? [op.table] : [];
    case "truncate":
      return op.tables;
    case "lock_table":
      return op.mode.toUpperCase() === "ACCESS EXCLUSIVE" ? op.tables : [];
    case "maintenance":
      return op.command === "vacuum_full" || op.command === "cluster" ? op.tables : [];
    case "raw":
      return op.rewritesTable && op.table ? [op.table] : [];
    default:
      return [];
  }
}
