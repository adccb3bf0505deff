/**
 * A dump changed with no migration of the change behind it may only catch up with migrations the base branch
 * already has: a hand-fixed dump that still listed a column an earlier migration removed (forms-admin's fixup of
 * db/schema.rb after 20250709114819_remove_next_page_from_pages). Each item the dump adds or removes (dump-items.ts)
 * is matched with what the migrations it describes (at or below its version) leave: a removed column is one the
 * last of them to touch it dropped, an added one one it added, an index or foreign key goes with its table or column.
 * An item written otherwise (a column's type or options), or one no migration read explains, leaves the change
 * unexplained: the error stays.
 */
import type { Migration } from "../../model.js";
import { compareVersions } from "../../migration-versions.js";
import type { ReviewFacts, SchemaDumpState } from "../review-rule.js";
import { diffItems, dumpName, type DumpDiff, type DumpItem } from "./dump-items.js";
import { dumpVersions, schemaRbItems } from "./dump-versions.js";
import { structureSqlItems } from "./structure-sql.js";
import { mysqlForeignKeyIndex } from "./mysql-foreign-key-index.js";

/** The state the migrations leave of a table, column or index: whether it exists, and which migration said so last. */
export type Last = Map<string, { exists: boolean; by: Migration }>;

export interface Left {
  tables: Last;
  columns: Last;
  /** by name, and by `table(columns)` */
  indexes: Last;
  /** the tables a migration renames, or renames another to: their columns and indexes are not followed */
  renamed: Set<string>;
}

export const columnKey = (table: string, column: string) => `${dumpName(table)}.${column.toLowerCase()}`;
export const indexKey = (table: string, columns: readonly string[]) => `${dumpName(table)}(${columns.map((c) => c.toLowerCase()).join(",")})`;

/** What the migrations, in version order, leave of each table, column and index they touch. */
export function leftBy(migrations: readonly Migration[]): Left {
  const left: Left = { tables: new Map(), columns: new Map(), indexes: new Map(), renamed: new Set() };
  for (const by of migrations)
    for (const op of by.up) {
      const set = (map: Last, key: string, exists: boolean) => map.set(key, { exists, by });
      if (op.kind === "create_table") {
        set(left.tables, dumpName(op.table), true);
        for (const column of op.columns) set(left.columns, columnKey(op.table, column.name), true);
      } else if (op.kind === "drop_table") for (const table of op.tables) set(left.tables, dumpName(table), false);
      else if (op.kind === "add_column") set(left.columns, columnKey(op.table, op.column.name), true);
      else if (op.kind === "drop_column") set(left.columns, columnKey(op.table, op.column), false);
      else if (op.kind === "rename_column") {
        set(left.columns, columnKey(op.table, op.column), false);
        set(left.columns, columnKey(op.table, op.newName), true);
      } else if (op.kind === "add_index") {
        if (op.name) set(left.indexes, op.name.toLowerCase(), true);
        if (op.columns.length) set(left.indexes, indexKey(op.table, op.columns), true);
      } else if (op.kind === "drop_index") {
        for (const name of op.names) set(left.indexes, name.toLowerCase(), false);
        if (op.table && op.columns.length) set(left.indexes, indexKey(op.table, op.columns), false);
      } else if (op.kind === "add_constraint") {
        // MySQL's index for a foreign key no index starts with, named after the key (mysql-foreign-key-index.ts)
        const implicit = mysqlForeignKeyIndex(by, op);
        if (implicit) set(left.indexes, dumpName(implicit.name), true);
      } else if (op.kind === "rename_table") {
        // the columns and indexes move with the table: not followed, so nothing of either table is explained
        set(left.tables, dumpName(op.table), false);
        set(left.tables, dumpName(op.newName), true);
        for (const table of [op.table, op.newName]) left.renamed.add(dumpName(table));
      }
    }
  return left;
}

/** What no migration builds: the dump had it from elsewhere (another branch's migration, a hand edit). */
const UNBUILT = "unbuilt";

/** Rails calls the adapter could not follow that still cannot add a column: indexes, keys, defaults, comments. */
const NO_COLUMN_CALLS = new Set([
  "add_index", "remove_index", "rename_index", "add_foreign_key", "remove_foreign_key", "add_check_constraint", "remove_check_constraint",
  "change_column_default", "change_column_null", "change_column_comment", "change_table_comment", "enable_extension", "disable_extension",
]);

/**
 * The columns the migrations, in version order, leave in each table they create, following renames of tables and
 * columns; `unknown` for a table whose columns are not all known (a create_table the adapter could not read whole, a
 * call it could not follow on it). Undefined when a migration could not be followed at all: it may add any column.
 */
function builtColumns(migrations: readonly Migration[]): Map<string, Set<string> | "unknown"> | undefined {
  const tables = new Map<string, Set<string> | "unknown">();
  for (const m of migrations) {
    if (m.syntaxErrors.length || m.tooComplex.length || m.hidden.length) return undefined;
    for (const op of m.up) {
      const columns = "table" in op && typeof op.table === "string" ? tables.get(dumpName(op.table)) : undefined;
      const edit = (f: (set: Set<string>) => void) => columns !== undefined && columns !== "unknown" && f(columns);
      if (op.kind === "create_table") tables.set(dumpName(op.table), op.columnsUnread ? "unknown" : new Set(op.columns.map((c) => c.name.toLowerCase())));
      else if (op.kind === "drop_table") for (const table of op.tables) tables.delete(dumpName(table));
      else if (op.kind === "rename_table") {
        const moved = tables.get(dumpName(op.table));
        tables.delete(dumpName(op.table));
        if (moved !== undefined) tables.set(dumpName(op.newName), moved);
      } else if (op.kind === "add_column") edit((set) => set.add(op.column.name.toLowerCase()));
      else if (op.kind === "drop_column") edit((set) => set.delete(op.column.toLowerCase()));
      else if (op.kind === "rename_column")
        edit((set) => {
          set.delete(op.column.toLowerCase());
          set.add(op.newName.toLowerCase());
        });
      else if (op.kind === "raw" && !op.embeddedSql && !NO_COLUMN_CALLS.has(op.statement)) {
        // a helper given a table first and only literals (caseflow's `add_safe_index :users, [:email]`) works on the
        // tables among the names it was given (interpreter.ts givenNames): their columns are no longer all known
        if (!op.table && op.opaque && op.givenNames) {
          for (const name of op.givenNames) if (tables.has(dumpName(name))) tables.set(dumpName(name), "unknown");
          continue;
        }
        if (!op.table) return undefined;
        tables.set(dumpName(op.table), "unknown");
      }
    }
  }
  return tables;
}

/** What the migrations leave of a column's NOT NULL, and the migration that said so last. */
export interface ColumnNull {
  notNull: boolean;
  by: Migration;
}

/**
 * Each column's NOT NULL as the migrations, in version order, leave it: create_table and add_column define it,
 * change_column_null (set/drop NOT NULL) changes it. A column renamed, redefined (change_column) or on a table a call
 * or statement migguard does not follow touches is left out: its NOT NULL is not known.
 */
function columnNulls(migrations: readonly Migration[]): Map<string, ColumnNull> {
  const out = new Map<string, ColumnNull>();
  const forget = (table: string) => {
    for (const key of [...out.keys()]) if (key.startsWith(`${dumpName(table)}.`)) out.delete(key);
  };
  for (const by of migrations)
    for (const op of by.up) {
      if (op.kind === "create_table") {
        forget(op.table);
        for (const column of op.columns) out.set(columnKey(op.table, column.name), { notNull: column.notNull, by });
      } else if (op.kind === "add_column") out.set(columnKey(op.table, op.column.name), { notNull: op.column.notNull, by });
      else if (op.kind === "set_not_null" || op.kind === "drop_not_null") {
        if (out.has(columnKey(op.table, op.column))) out.set(columnKey(op.table, op.column), { notNull: op.kind === "set_not_null", by });
      } else if (op.kind === "drop_column" || op.kind === "redefine_column") out.delete(columnKey(op.table, typeof op.column === "string" ? op.column : op.column.name));
      else if (op.kind === "rename_column") {
        out.delete(columnKey(op.table, op.column));
        out.delete(columnKey(op.table, op.newName));
      } else if (op.kind === "drop_table") op.tables.forEach(forget);
      else if (op.kind === "rename_table") [op.table, op.newName].forEach(forget);
      else if (op.kind === "raw") {
        // a call not followed may change NOT NULL (change_column_null among them): on the tables it names, else anywhere
        const named = [op.table, ...(op.givenNames ?? [])].filter((t): t is string => t !== undefined);
        if (named.length) named.forEach(forget);
        else if (!NO_COLUMN_CALLS.has(op.statement) || op.statement === "change_column_null") out.clear();
      }
    }
  return out;
}

/** A column of the dump written otherwise, now with the NOT NULL the migrations give it and before without. */
export interface DumpRepair {
  table: string;
  column: string;
  notNull: boolean;
  by: Migration;
}

/**
 * A changed column that only brings its NOT NULL back to what the migrations define: the two definitions differ in
 * it alone, and the migrations build the column's table whole (`built`: created by a migration read, every call on
 * it followed) and leave its NOT NULL as the dump now has it (book-secure-move-api b6078f9319: versions.item_type,
 * dropped by a Ruby 3 dump of `t.string :item_type, {:null=>false}`, restored by hand).
 */
function repairOf(change: { before: DumpItem; after: DumpItem }, built: ReadonlyMap<string, Set<string> | "unknown"> | undefined, nulls: ReadonlyMap<string, ColumnNull>): DumpRepair | undefined {
  const { before, after } = change;
  if (before.kind !== "column" || after.kind !== "column" || !after.table || !after.column) return undefined;
  if (before.withoutNull === undefined || before.withoutNull !== after.withoutNull || before.notNull === after.notNull) return undefined;
  const columns = built?.get(after.table);
  if (columns === undefined || columns === "unknown" || !columns.has(after.column)) return undefined;
  const defined = nulls.get(columnKey(after.table, after.column));
  return defined && defined.notNull === after.notNull ? { table: after.table, column: after.column, notNull: after.notNull === true, by: defined.by } : undefined;
}

/**
 * A removed column the migrations never build: its table is one they create and keep (under its latest name), with
 * every column known, and none of them adds the column. Only claimed when every migration the dump describes was
 * read (`complete`): one that was not could have added it.
 */
function unbuilt(item: DumpItem, built: ReadonlyMap<string, Set<string> | "unknown"> | undefined): boolean {
  if (!built || item.kind !== "column" || !item.table) return false;
  const columns = built.get(item.table);
  return columns !== undefined && columns !== "unknown" && !columns.has(item.column!.toLowerCase());
}

/** The migration that explains a change of the dump's item, UNBUILT for a removal of what none builds, or undefined. */
function explain(
  item: DumpItem,
  added: boolean,
  left: Left,
  removedColumns: ReadonlySet<string>,
  removedTables: ReadonlySet<string>,
  addedTables: ReadonlySet<string>,
  unbuiltColumns: ReadonlySet<string>,
  unbuiltTables: ReadonlySet<string>,
): Migration | typeof UNBUILT | undefined {
  const table = item.table;
  // a table no migration creates, with its columns, indexes and keys
  if (!added && table && unbuiltTables.has(table)) return UNBUILT;
  if (!added && unbuiltColumns.size && item.kind === "column" && unbuiltColumns.has(columnKey(table!, item.column!))) return UNBUILT;
  // an index or foreign key on a column no migration builds went with it
  if (!added && table && item.kind !== "column" && item.kind !== "table" && item.columns?.some((c) => unbuiltColumns.has(columnKey(table, c)))) return UNBUILT;
  if (table && left.renamed.has(table)) return undefined;
  const tableLeft = table ? left.tables.get(table) : undefined;
  const agrees = (last: { exists: boolean; by: Migration } | undefined) => (last && last.exists === added ? last.by : undefined);
  if (item.kind === "table") return agrees(tableLeft);
  if (item.kind === "column") {
    const own = left.columns.get(columnKey(table!, item.column!));
    // a column of a table the migrations drop or create whole goes with it
    if (table && (added ? addedTables : removedTables).has(table)) return agrees(own) ?? agrees(tableLeft);
    return agrees(own);
  }
  if (table && (added ? addedTables : removedTables).has(table)) return agrees(tableLeft);
  if (item.kind === "index") {
    const byName = item.name ? agrees(left.indexes.get(item.name)) : undefined;
    const byColumns = table && item.columns?.length ? agrees(left.indexes.get(indexKey(table, item.columns))) : undefined;
    if (byName ?? byColumns) return byName ?? byColumns;
  }
  // an index or foreign key on a column the migrations dropped went with it (PostgreSQL drops both with the column)
  if (!added && table && item.columns?.some((c) => removedColumns.has(columnKey(table, c)))) {
    const column = item.columns.find((c) => removedColumns.has(columnKey(table, c)))!;
    return left.columns.get(columnKey(table, column))?.by;
  }
  return undefined;
}

/**
 * A removed table the migrations never build: every migration the dump describes was read and followed (`built`), and
 * none creates, drops or renames it, nor names it in a call or statement migguard does not model (a helper that may
 * create it). The dump had it from a database where something else made it (a script, another branch's migration).
 */
function unbuiltTable(item: DumpItem, built: ReadonlyMap<string, Set<string> | "unknown"> | undefined, left: Left, named: ReadonlySet<string>): boolean {
  if (!built || item.kind !== "table" || !item.table) return false;
  return !built.has(item.table) && !left.tables.has(item.table) && !left.renamed.has(item.table) && !named.has(item.table);
}

/** The tables named by the migrations' statements migguard does not model: what they do to them is not known. */
function namedByRaw(migrations: readonly Migration[]): Set<string> {
  const out = new Set<string>();
  for (const m of migrations)
    for (const op of m.up)
      if (op.kind === "raw") for (const name of [op.table, op.object, ...(op.givenNames ?? [])]) if (name) out.add(dumpName(name));
  return out;
}

/**
 * The base branch's migrations whose changes the dump's change only catches up with, oldest first; undefined when
 * an item of the change is not theirs (or either side of the dump cannot be read). With them the dump's change, for
 * describeCatchUp, and the tables and columns it removes that no migration builds (`unbuilt`: leftovers of another
 * branch's migration or a script, which the edit takes out of the dump: it moves the dump closer to what the migrations build).
 */
export function dumpCatchUp(facts: ReviewFacts, state: SchemaDumpState): { migrations: Migration[]; diff: DumpDiff; unbuilt: DumpItem[]; repaired: DumpRepair[] } | undefined {
  const diff = readDiff(state);
  const read = diff && readHistory(facts, state, diff);
  if (!diff || !read) return undefined;
  const { repaired, items } = explainByHistory(read, diff);
  // a column written otherwise is explained only when the edit brings its NOT NULL back to what the migrations define
  if (repaired.some((r) => r === undefined)) return undefined;
  const by = new Set<Migration>();
  const outside: DumpItem[] = [];
  for (const { item, by: migration } of items) {
    if (!migration) return undefined;
    if (migration === UNBUILT) outside.push(item);
    else by.add(migration);
  }
  return { migrations: [...by].sort((a, b) => compareVersions(a.version!, b.version!)), diff, unbuilt: outside, repaired: repaired as DumpRepair[] };
}

/**
 * Each item of a dump's change (`diff`, perhaps part of the whole) with what the base history says of it: the
 * migration it catches up with, UNBUILT for a removal of what none builds, else undefined; and for each changed
 * item, its repair (dumpRepairs) or undefined.
 */
function explainByHistory(read: History, diff: DumpDiff) {
  const { migrations, built } = read;
  const left = leftBy(migrations);
  const repaired = diff.changed.map((c) => repairOf(c, built, read.nulls));
  // a column a migration dropped is theirs to explain (the dump catching up), not one none built
  const unbuiltColumns = new Set(diff.removed.filter((i) => unbuilt(i, built) && !left.columns.has(columnKey(i.table!, i.column!))).map((i) => columnKey(i.table!, i.column!)));
  const rawNamed = built ? namedByRaw(migrations) : new Set<string>();
  const unbuiltTables = new Set(diff.removed.filter((i) => unbuiltTable(i, built, left, rawNamed)).map((i) => i.table!));
  const removedTables = new Set(diff.removed.filter((i) => i.kind === "table" && left.tables.get(i.table!)?.exists === false).map((i) => i.table!));
  const addedTables = new Set(diff.added.filter((i) => i.kind === "table" && left.tables.get(i.table!)?.exists === true).map((i) => i.table!));
  const removedColumns = new Set(
    diff.removed.filter((i) => i.kind === "column" && left.columns.get(columnKey(i.table!, i.column!))?.exists === false).map((i) => columnKey(i.table!, i.column!)),
  );
  const items: Array<{ item: DumpItem; added: boolean; by: Migration | typeof UNBUILT | undefined }> = [];
  for (const [list, added] of [[diff.added, true], [diff.removed, false]] as const)
    for (const item of list) items.push({ item, added, by: explain(item, added, left, removedColumns, removedTables, addedTables, unbuiltColumns, unbuiltTables) });
  return { repaired, items };
}

/**
 * What the base branch's history says of part of a dump's change (`diff`: what the change's own migrations do not
 * explain): the items it explains (a catch-up with a base migration, a removal of what no migration builds) and the
 * changed columns it repairs. Undefined when the history cannot be read (dump-drift.ts).
 */
export function historyExplains(facts: ReviewFacts, state: SchemaDumpState, diff: DumpDiff): { explained: Set<DumpItem>; repaired: DumpRepair[] } | undefined {
  const read = readHistory(facts, state, diff);
  if (!read) return undefined;
  const { repaired, items } = explainByHistory(read, diff);
  const explained = new Set(items.filter((i) => i.by !== undefined).map((i) => i.item));
  diff.changed.forEach((c, i) => repaired[i] !== undefined && explained.add(c.after));
  return { explained, repaired: repaired.filter((r): r is DumpRepair => r !== undefined) };
}

/** The change to a dump's items, base to head; undefined when either side cannot be read. */
export function readDiff(state: SchemaDumpState): DumpDiff | undefined {
  if (state.baseContent === undefined || state.headContent === undefined) return undefined;
  const read = (content: string) => (state.dump.format === "schema.rb" ? schemaRbItems(content) : structureSqlItems(content));
  const before = read(state.baseContent);
  const after = before && read(state.headContent);
  return before && after ? diffItems(before, after) : undefined;
}

type History = NonNullable<ReturnType<typeof readHistory>>;

/**
 * The base migrations a dump describes at its version (structure.sql: the versions it lists), oldest first, for its
 * change `diff`: `built` and `nulls` when every one of them was read. Undefined when the change is empty, or a
 * described migration newer than the oldest one read (it may undo what that one did) cannot be read.
 */
function readHistory(facts: ReviewFacts, state: SchemaDumpState, diff: DumpDiff) {
  if (state.headContent === undefined) return undefined;
  const format = state.dump.format;
  if (!diff.changed.length && !diff.added.length && !diff.removed.length) return undefined;
  const versions = dumpVersions(format, state.headContent);
  const newest = versions.newest;
  if (!newest) return undefined;
  const recorded = new Set(versions.versions);
  const described = (facts.baseMigrations ?? []).filter(
    (f) => f.version !== undefined && state.dump.covers(f) && (format === "schema.rb" ? compareVersions(f.version, newest) <= 0 : recorded.has(f.version)),
  );
  const migrations = described
    .flatMap((f) => facts.baseModels.get(f.path) ?? [])
    .filter((m) => m.version !== undefined)
    .sort((a, b) => compareVersions(a.version!, b.version!));
  if (!migrations.length) return undefined;
  const oldest = migrations[0].version!;
  if (described.some((f) => compareVersions(f.version!, oldest) > 0 && !facts.baseModels.has(f.path))) return undefined;
  // every migration the dump describes read: what none of them builds is not in the schema they make
  const whole = described.every((f) => facts.baseModels.has(f.path));
  return { diff, described, migrations, built: whole ? builtColumns(migrations) : undefined, nulls: whole ? columnNulls(migrations) : new Map<string, ColumnNull>() };
}

/**
 * The columns of a dump's change that bring its NOT NULL back to what the migrations define, whatever else the
 * change does: reverting the change would undo them too (schema-dump-without-migration's fix).
 */
export function dumpRepairs(facts: ReviewFacts, state: SchemaDumpState): DumpRepair[] {
  const diff = readDiff(state);
  const read = diff && readHistory(facts, state, diff);
  if (!read) return [];
  return read.diff.changed.flatMap((c) => repairOf(c, read.built, read.nulls) ?? []);
}

/** The dump's change (dumpCatchUp's diff) in words: "removes pages.next_page", "adds users.phone, its index". */
export function describeCatchUp(diff: DumpDiff): string {
  const named = (items: DumpItem[]) =>
    items.flatMap((i) => (i.kind === "table" ? [`table ${i.table}`] : i.kind === "column" ? [`${i.table}.${i.column}`] : i.kind === "index" ? [`index ${i.name ?? `on ${i.table} (${i.columns?.join(", ")})`}`] : []));
  const parts = [...(diff.removed.length ? [`removes ${named(diff.removed).join(", ") || "a statement"}`] : []), ...(diff.added.length ? [`adds ${named(diff.added).join(", ") || "a statement"}`] : [])];
  return parts.join(" and ");
}
