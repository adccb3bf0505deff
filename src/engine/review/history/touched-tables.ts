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
