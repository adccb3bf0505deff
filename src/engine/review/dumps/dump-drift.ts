/**
 * A dump that changes with the change's migrations may change more than they do: dumped from a database that also
 * ran another branch's migration, or by another Ruby (book-secure-move-api 9065d983: Ruby 3 read CreateVersions'
 * `t.string :item_type, {:null=>false}` as two columns, one named `{:null=>false}`, and the dump of a new column on
 * locations also dropped NOT NULL from versions.item_type). Each item the dump adds, removes or writes otherwise
 * (dump-items.ts) is explained by the change's migrations (what they create, change or drop: a table they name in a
 * call migguard does not follow counts as changed whole), or by the base branch's history (a catch-up with a base
 * migration, a repair back to what the migrations define, a removal of what none builds: dump-catch-up.ts). What
 * neither explains is drift.
 *
 * Judged: tables, columns, indexes and constraints on a table. Not judged: statements of no table (extensions,
 * sequences, functions, pg_dump's settings), Rails' own tables, a table's options; and, when another dumper wrote the
 * dump (another Rails format in schema.rb's header, other pg_dump settings in structure.sql), anything written
 * otherwise (a column's options, a constraint's layout), which the dumper's version may alone explain.
 */
import type { Migration, Operation } from "../../model.js";
import type { ReviewFacts, SchemaDumpState } from "../review-rule.js";
import { coveredChanges } from "./dump-coverage.js";
import { columnKey, historyExplains, readDiff, type DumpRepair } from "./dump-catch-up.js";
import { dumpName, type DumpDiff, type DumpItem } from "./dump-items.js";
import { schemaRbDumper } from "./dump-versions.js";
import { RAILS_BOOKKEEPING, structureSqlDefinitions } from "./structure-sql.js";
import { isPrimaryFile } from "../classify.js";
import { mysqlForeignKeyIndex } from "./mysql-foreign-key-index.js";

/** An item of the dump's change that no migration explains. */
export interface Drift {
  change: "added" | "removed" | "changed";
  item: DumpItem;
  /** a changed item as the base branch's dump wrote it */
  before?: DumpItem;
}

export interface DumpDrift {
  drift: Drift[];
  /** the change's migrations the dump describes */
  migrations: Migration[];
  /** changed columns the base history explains: their NOT NULL back to what the migrations define */
  repaired: DumpRepair[];
}

/** What the change's migrations touch: the names their operations give. */
interface Touched {
  /** tables created, dropped, renamed, or named by a call or statement migguard does not follow: anything of them may change */
  whole: Set<string>;
  /** every table an operation names */
  tables: Set<string>;
  /** `table.column` (columnKey) of every column an operation names */
  columns: Set<string>;
  /** tables an index is added to, dropped from or renamed on */
  indexTables: Set<string>;
  /** index names */
  indexes: Set<string>;
  /** tables dropped or renamed: a foreign key to them goes with them */
  gone: Set<string>;
}

/**
 * The drift in a dump the change's migrations also change; undefined when it is not judged: the dump or one of those
 * migrations cannot be read or followed, the change deletes one (what the dump loses may be its), or the base
 * branch's history the dump describes was not read.
 */
export function dumpDrift(facts: ReviewFacts, state: SchemaDumpState): DumpDrift | undefined {
  if (state.baseContent === undefined || state.headContent === undefined || facts.baseMigrations === undefined) return undefined;
  const covered = coveredChanges(facts, state);
  if (!covered.length || covered.some((m) => m.change.status === "removed")) return undefined;
  const primary = covered.filter((m) => isPrimaryFile(m.file));
  if (primary.some((m) => !m.head)) return undefined;
  const migrations = primary.map((m) => m.head!);
  // a modified or renamed migration: what it did before the edit may be what the dump loses (92db67c497 renamed
  // create_flight_details, unreleased, to create_extradition_flights: the dump loses flight_details)
  const models = [...migrations, ...primary.flatMap((m) => (m.change.status !== "added" && m.base ? [m.base] : []))];
  const touched = touchedBy(models);
  if (!touched) return undefined;
  const diff = readDiff(state);
  if (!diff) return undefined;
  const redumped = otherDumper(state);
  const judged = (item: DumpItem) => item.table !== undefined && !(state.dump.format === "structure.sql" && RAILS_BOOKKEEPING.has(item.table)) && !(redumped && item.kind === "other");
  const unexplainedItem = (item: DumpItem) => judged(item) && !explainedBy(item, touched);
  const unexplained: DumpDiff = {
    added: diff.added.filter(unexplainedItem),
    removed: diff.removed.filter(unexplainedItem),
    // a table's options and, from another dumper, anything written otherwise are not judged
    changed: diff.changed.filter((c) => c.after.kind !== "table" && !redumped && unexplainedItem(c.after)),
  };
  if (!unexplained.added.length && !unexplained.removed.length && !unexplained.changed.length) return { drift: [], migrations, repaired: [] };
  // the base history: what a base migration the dump had not recorded did, what it defines
  const described = facts.baseMigrations.some((f) => f.version !== undefined && state.dump.covers(f));
  const history = historyExplains(facts, state, unexplained);
  if (described && !history) return undefined;
  const explained = history?.explained ?? new Set<DumpItem>();
  // in the order of the dump at head, what it removes last
  const byLine = (a: Drift, b: Drift) => (a.item.line ?? 0) - (b.item.line ?? 0);
  const drift: Drift[] = [
    ...[
      ...unexplained.added.filter((i) => !explained.has(i)).map((item) => ({ change: "added" as const, item })),
      ...unexplained.changed.filter((c) => !explained.has(c.after)).map((c) => ({ change: "changed" as const, item: c.after, before: c.before })),
    ].sort(byLine),
    ...unexplained.removed.filter((i) => !explained.has(i)).map((item) => ({ change: "removed" as const, item })).sort(byLine),
  ];
  return { drift, migrations, repaired: history?.repaired ?? [] };
}

/** Written by another dumper: another Rails format in schema.rb's header, other pg_dump session settings. */
function otherDumper(state: SchemaDumpState): boolean {
  if (state.dump.format === "schema.rb") return schemaRbDumper(state.baseContent!) !== schemaRbDumper(state.headContent!);
  const before = structureSqlDefinitions(state.baseContent!);
  const after = before && structureSqlDefinitions(state.headContent!);
  return !before || !after || before.settings !== after.settings;
}

/** Whether the change's migrations touch a column, index or constraint of the dump. */
function explainedBy(item: DumpItem, touched: Touched): boolean {
  const table = item.table!;
  if (touched.whole.has(table)) return true;
  if (item.kind === "table") return false;
  const columnTouched = (item.columns ?? []).some((c) => touched.columns.has(columnKey(table, c)));
  if (item.kind === "column") return touched.columns.has(columnKey(table, item.column!));
  // an index the migrations add, drop or rename on its table (its name may be Rails' default), or one on a column
  // they add or drop (add_column's index: true, a drop that takes the index with it)
  if (item.kind === "index") return touched.indexTables.has(table) || (item.name !== undefined && touched.indexes.has(item.name)) || columnTouched;
  // a constraint: on a table they change, on a column they add or drop, or a foreign key to a table they drop
  return touched.tables.has(table) || columnTouched || (item.references !== undefined && touched.gone.has(item.references));
}

/** Names every operation of the migrations touches; undefined when one may touch anything (a statement of no table migguard does not follow). */
function touchedBy(migrations: readonly Migration[]): Touched | undefined {
  const touched: Touched = { whole: new Set(), tables: new Set(), columns: new Set(), indexTables: new Set(), indexes: new Set(), gone: new Set() };
  const table = (name: string) => touched.tables.add(dumpName(name));
  const whole = (name: string) => {
    table(name);
    touched.whole.add(dumpName(name));
  };
  const column = (t: string, c: string) => {
    table(t);
    touched.columns.add(columnKey(t, c));
  };
  for (const m of migrations) {
    if (m.syntaxErrors.length || m.tooComplex.length || m.hidden.length) return undefined;
    for (const op of m.up) {
      // a namespaced model's table may be the prefixed one (model-table-history.ts): both
      if (op.prefixedTable) whole(op.prefixedTable);
      if (!touch(op, { table, whole, column, touched })) return undefined;
      // MySQL's index for a foreign key no index starts with, named after the key (mysql-foreign-key-index.ts)
      const implicit = mysqlForeignKeyIndex(m, op);
      if (implicit) touched.indexes.add(dumpName(implicit.name));
    }
  }
  return touched;
}

/** Records what one operation touches; false when it may touch any table. */
function touch(
  op: Operation,
  to: { table: (t: string) => void; whole: (t: string) => void; column: (t: string, c: string) => void; touched: Touched },
): boolean {
  const { table, whole, column, touched } = to;
  switch (op.kind) {
    case "create_table":
      whole(op.table);
      return true;
    case "drop_table":
      for (const t of op.tables) {
        whole(t);
        touched.gone.add(dumpName(t));
      }
      return true;
    case "rename_table":
      whole(op.table);
      whole(op.newName);
      touched.gone.add(dumpName(op.table));
      return true;
    case "add_column":
    case "redefine_column":
      column(op.table, op.column.name);
      return true;
    case "rename_column":
      column(op.table, op.column);
      column(op.table, op.newName);
      return true;
    case "drop_column":
    case "alter_column_type":
    case "set_not_null":
    case "drop_not_null":
    case "set_default":
    case "drop_default":
      column(op.table, op.column);
      return true;
    case "add_index":
      table(op.table);
      touched.indexTables.add(dumpName(op.table));
      if (op.name) touched.indexes.add(op.name.toLowerCase());
      return true;
    case "drop_index":
      if (op.table) {
        table(op.table);
        touched.indexTables.add(dumpName(op.table));
      }
      for (const name of op.names) touched.indexes.add(dumpName(name));
      return true;
    case "add_constraint":
    case "validate_constraint":
    case "drop_constraint":
      table(op.table);
      return true;
    case "create_object":
    case "drop_object":
    case "rename_object":
      if (op.table) table(op.table);
      if (op.kind === "rename_object" && op.objectType === "index") {
        touched.indexes.add(dumpName(op.name));
        touched.indexes.add(dumpName(op.newName));
        if (op.table) touched.indexTables.add(dumpName(op.table));
      }
      return true;
    case "raw": {
      const names = [op.table, op.object, ...(op.givenNames ?? [])].filter((n): n is string => n !== undefined);
      names.forEach(whole);
      // a statement or call of no table: Rails' extensions change no table; anything else may change any
      return names.length > 0 || op.statement === "enable_extension" || op.statement === "disable_extension";
    }
    default:
      // rows, settings, locks, maintenance, enum values: no table's definition
      return true;
  }
}
