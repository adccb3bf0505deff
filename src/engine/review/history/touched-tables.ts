/**
 * The tables a migration reads or writes, from its model: whether two migrations can see each other's work.
 * Undefined when an operation hides its tables (a helper migguard does not know, data code on unknown models,
 * SQL whose table is not named), since then any table may be touched.
 */
import type { Migration, Operation } from "../../model.js";
import { nameKey } from "../../rules/support/facts.js";

function tablesOf(op: Operation): string[] | undefined {
  switch (op.kind) {
    case "set_setting":
    case "transaction_control":
      return [];
    case "drop_table":
    case "truncate":
    case "lock_table":
      return op.tables;
    case "maintenance":
      return op.tables.length ? op.tables : undefined;
    case "rename_table":
      return [op.table, op.newName];
    case "add_constraint":
      return [op.table, ...(op.referencesTable ? [op.referencesTable] : [])];
    case "dml":
      return op.table ? [op.table, ...op.sourceTables] : undefined;
    case "data_migration":
      return op.tables.length ? op.tables : undefined;
    case "create_table":
      return [op.table, ...(op.copiedFrom ? [op.copiedFrom] : []), ...op.columns.flatMap((c) => (c.references ? [c.references.table] : []))];
    case "add_column":
      return [op.table, ...(op.column.references ? [op.column.references.table] : [])];
    case "create_object":
      if (op.table) return [op.table, ...op.dependsOn];
      if (op.objectType === "extension" || op.objectType === "schema" || op.objectType === "type") return [];
      // a view: itself and what its query reads (scenic's create_view / update_view leave the query in db/views/: unread, see unreadViews)
      return isView(op.objectType) ? [op.name, ...op.dependsOn] : undefined;
    case "drop_index":
      return op.table ? [op.table] : undefined;
    case "raw":
      return op.opaque || !op.table ? undefined : [op.table];
    case "drop_object":
      if (isView(op.objectType)) return op.names;
      return "table" in op && op.table ? [op.table] : undefined;
    case "alter_enum":
      // a type, not a table: two migrations that change the same enum share it by name
      return [op.type];
    case "rename_object":
      return "table" in op && op.table ? [op.table] : undefined;
    default:
      return "table" in op && typeof op.table === "string" ? [op.table] : undefined;
  }
}

const isView = (objectType: string) => objectType === "view" || objectType === "materialized_view";

/** Views the migration creates whose query migguard did not read (scenic keeps it in db/views/<name>_vNN.sql). */
export function unreadViews(migration: Pick<Migration, "up">): string[] {
  return migration.up.flatMap((op) => (op.kind === "create_object" && !op.table && isView(op.objectType) && op.dependsOn.length === 0 ? [op.name] : []));
}

/** Every table the migration's up touches, by name key; undefined when some operation hides its tables. */
export function touchedTables(migration: Migration): Set<string> | undefined {
  const out = new Set<string>();
  for (const op of migration.up) {
    const tables = tablesOf(op);
    if (!tables) return undefined;
    for (const t of tables) out.add(nameKey(t).split(".").pop()!);
  }
  return out;
}

/**
 * What an operation touches in one table: every column (`"*"`: the table itself is created, dropped, renamed, its
 * rows written, or what is touched is not known), or some columns; `appends` when it adds a column (two
 * migrations that add columns to one table leave them in a different physical order in old and fresh databases,
 * which only `SELECT *` and a schema dump's column order see).
 */
interface Footprint {
  table: string;
  columns: readonly string[] | "*";
  appends?: boolean;
  /** only read (the key a foreign key points at): two reads never depend on their order */
  reads?: boolean;
  /** only indexed: an index reads its columns' values, so it commutes with reads and other indexes */
  indexes?: boolean;
  /** the index created or dropped: two operations on one index depend on their order */
  index?: IndexIdentity;
}

/** An index as an operation names it: by name, or (Rails' remove_index :t, :col, an unnamed add_index) by columns. */
interface IndexIdentity {
  dropped: boolean;
  names: readonly string[];
  columns: readonly string[];
}

const indexKey = (name: string) => nameKey(name).split(".").pop()!;

/**
 * Whether two operations may be on one index: the names say so when both have one; else the column lists (Rails
 * names an unnamed index after its columns); else two new indexes are different ones (PostgreSQL names each
 * apart), while a drop of an index migguard cannot identify may be of the other one.
 */
function sameIndex(a: IndexIdentity, b: IndexIdentity): boolean {
  if (a.names.length && b.names.length) return a.names.some((n) => b.names.some((m) => indexKey(n) === indexKey(m)));
  if (a.columns.length && b.columns.length) return a.columns.length === b.columns.length && a.columns.every((c, i) => c === b.columns[i]);
  return a.dropped || b.dropped;
}

/** the column a foreign key points at: the one named, else the primary key, `id` in Rails and Django */
const referenced = (table: string, column?: string): Footprint => ({ table, columns: [column ?? "id"], reads: true });

function footprintsOf(op: Operation): Footprint[] | undefined {
  switch (op.kind) {
    case "add_column":
      return [{ table: op.table, columns: [op.column.name], appends: true }, ...(op.column.references ? [referenced(op.column.references.table, op.column.references.column)] : [])];
    case "drop_column":
    case "alter_column_type":
    case "set_not_null":
    case "drop_not_null":
    case "set_default":
    case "drop_default":
      return [{ table: op.table, columns: [op.column] }];
    case "rename_column":
      return [{ table: op.table, columns: [op.column, op.newName] }];
    case "redefine_column":
      return [{ table: op.table, columns: [op.column.name] }];
    case "add_index": {
      const columns = op.referencedColumns.length ? op.referencedColumns : op.columns;
      return [{ table: op.table, columns: columns.length ? columns : "*", indexes: true, index: { dropped: false, names: op.name ? [op.name] : [], columns: op.columns } }];
    }
    case "drop_index":
      // an index's rows are its table's: dropping one commutes with reads and with other indexes, not with writes
      return op.table ? [{ table: op.table, columns: "*", indexes: true, index: { dropped: true, names: op.names, columns: op.columns } }] : undefined;
    case "add_constraint":
      if (op.constraint === "foreign_key" && op.referencesTable && op.columns.length) return [{ table: op.table, columns: op.columns }, referenced(op.referencesTable)];
      return [{ table: op.table, columns: op.columns.length ? op.columns : "*" }];
    case "validate_constraint":
      // checks the rows already there: only reads the table (a write of its rows, or of its columns, still matters)
      return [{ table: op.table, columns: "*", reads: true }];
    case "create_table":
      // the new table itself, and only the keys of the tables its columns reference
      return [
        { table: op.table, columns: "*" },
        ...(op.copiedFrom ? [{ table: op.copiedFrom, columns: "*" as const }] : []),
        ...op.columns.flatMap((c) => (c.references ? [referenced(c.references.table, c.references.column)] : [])),
      ];
    default: {
      const tables = tablesOf(op);
      return tables?.map((table) => ({ table, columns: "*" as const }));
    }
  }
}

/**
 * The table of each index name the migrations create (add_index, CREATE INDEX), for names created on one table only:
 * PostgreSQL names an index once per schema, so a DROP INDEX of that name that names no table drops that table's.
 */
export function indexTables(migrations: Iterable<Migration>): Map<string, string> {
  const seen = new Map<string, Set<string>>();
  for (const m of migrations)
    for (const op of m.up)
      if (op.kind === "add_index" && op.name) {
        const key = indexKey(op.name);
        const tables = seen.get(key) ?? new Set<string>();
        if (!seen.has(key)) seen.set(key, tables);
        tables.add(nameKey(op.table).split(".").pop()!);
      }
  return new Map([...seen].flatMap(([name, tables]) => (tables.size === 1 ? [[name, [...tables][0]] as [string, string]] : [])));
}

/**
 * A DROP INDEX that names no table (raw SQL's `DROP INDEX x`), given the table of its index: the one the same
 * migration rebuilds it on under its own name (`DROP INDEX x; CREATE INDEX x ON journeys_sessions ...`, claim's
 * redo_index_sessions_ol_index), else the one `known` (indexTables) says. Any other drop without a table stays unknown.
 */
function withIndexTables(ops: readonly Operation[], known: ReadonlyMap<string, string>): Operation[] {
  return ops.map((op, i) => {
    if (op.kind !== "drop_index" || op.table || op.names.length !== 1) return op;
    const name = indexKey(op.names[0]);
    const rebuilt = ops.slice(i + 1).find((later) => later.kind === "add_index" && later.name !== undefined && indexKey(later.name) === name);
    const table = rebuilt?.kind === "add_index" ? rebuilt.table : known.get(name);
    return table ? { ...op, table } : op;
  });
}

function footprints(migration: Migration, known: ReadonlyMap<string, string> = new Map()): Footprint[] | undefined {
  const out: Footprint[] = [];
  for (const op of withIndexTables(migration.up, known)) {
    const found = footprintsOf(op);
    if (!found) return undefined;
    for (const f of found) out.push({ ...f, table: nameKey(f.table).split(".").pop()! });
  }
  return out;
}

/** reads and index builds or drops see the same rows in either order, unless both are on one index */
const commute = (a: Footprint, b: Footprint) => Boolean((a.reads || a.indexes) && (b.reads || b.indexes) && !(a.index && b.index && sameIndex(a.index, b.index)));

const overlap = (a: Footprint, b: Footprint) =>
  a.table === b.table && !commute(a, b) && (a.columns === "*" || b.columns === "*" || a.columns.some((c) => (b.columns as readonly string[]).includes(c)));

/** One operation's footprints (undefined when it hides what it touches), with the line it starts on. */
interface OperationFootprints {
  line: number;
  found: Footprint[] | undefined;
}

function footprintsByOperation(migration: Migration, known: ReadonlyMap<string, string>): OperationFootprints[] {
  return withIndexTables(migration.up, known).map((op) => ({
    line: op.loc.line,
    found: footprintsOf(op)?.map((f) => ({ ...f, table: nameKey(f.table).split(".").pop()! })),
  }));
}

/** What two migrations' operations show of their order: where it matters, and whether either hides part of its work. */
export interface OrderDependence {
  /** each table where the two depend on their order, with the line of b's first operation that shows it */
  shared: Map<string, number>;
  /** some operation of a hides what it touches */
  aHides: boolean;
  /** some operation of b hides what it touches */
  bHides: boolean;
}

/**
 * The tables where two migrations' work depends on their order, from the operations migguard read: one creates,
 * drops, renames or writes the rows of a table the other touches, both change one column, or both create or drop
 * one index. A concurrent index on invoices and a new table whose foreign key points at invoices.id commute, as do
 * two indexes on different columns, an index and the drop of another index, two new columns of one table (only
 * their physical order differs: appendedTables), an index on the key a new table's foreign key points at, and two
 * new tables referencing the same parents. An operation that hides what it touches (SQL migguard did not parse,
 * data code on unknown models) shows nothing: aHides / bHides say there was one. `known`: the tables of index
 * names (indexTables), for drops that name no table.
 */
export function orderDependence(a: Migration, b: Migration, known: ReadonlyMap<string, string> = new Map()): OrderDependence {
  const mine = footprintsByOperation(a, known);
  const theirs = footprintsByOperation(b, known);
  const shared = new Map<string, number>();
  for (const y of theirs)
    for (const theirFootprint of y.found ?? [])
      for (const x of mine)
        for (const myFootprint of x.found ?? []) if (overlap(myFootprint, theirFootprint) && !shared.has(myFootprint.table)) shared.set(myFootprint.table, y.line);
  return { shared, aHides: mine.some((x) => !x.found), bHides: theirs.some((y) => !y.found) };
}

/** The tables the operations migguard read of the migration touch (the keys a foreign key reads included). */
export function readTables(migration: Migration): string[] {
  return [...new Set(footprintsByOperation(migration, new Map()).flatMap((o) => (o.found ?? []).map((f) => f.table)))].sort();
}

/** The tables both migrations add columns to: old and fresh databases order those columns differently. */
export function appendedTables(a: Migration, b: Migration): Set<string> {
  const mine = (footprints(a) ?? []).filter((f) => f.appends);
  const theirs = (footprints(b) ?? []).filter((f) => f.appends);
  return new Set(mine.filter((x) => theirs.some((y) => y.table === x.table)).map((x) => x.table));
}

/**
 * The migration touches only tables it creates (plainly: no IF NOT EXISTS, no copy of another table, nothing dropped
 * or written before the creation, no foreign key to a table that exists). A newer migration already ran on databases
 * without those tables, so whatever it does, it cannot have touched them: even one that hides what it touches cannot
 * depend on this one's order (one that created the same table makes this one fail loudly, never differ silently).
 * A foreign key to an existing table counts as touching it, as orderDependentTables counts a write of its rows.
 */
export function touchesOnlyTablesItCreates(migration: Migration): boolean {
  const created = new Set<string>();
  for (const op of migration.up) {
    if (op.kind === "create_table") {
      if (op.ifNotExists || op.asSelect || op.copiedFrom !== undefined || op.partitionOf !== undefined) return false;
    }
    const found = footprintsOf(op);
    if (!found) return false;
    const own = op.kind === "create_table" ? nameKey(op.table).split(".").pop()! : undefined;
    for (const f of found) {
      const table = nameKey(f.table).split(".").pop()!;
      if (table !== own && !created.has(table)) return false;
    }
    if (own) created.add(own);
  }
  return created.size > 0;
}
