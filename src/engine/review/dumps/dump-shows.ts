/**
 * Whether a schema dump already shows what a migration does (issue #19): every table, column and index it creates
 * is in the dump, every one it drops or renames away is not. A schema.rb records one version, its newest, so an
 * older migration's presence is proved by its effects, not by a version row. Data changes (update_all, INSERT)
 * leave no trace in a dump and prove nothing either way; anything else (a type change, a default, a constraint, a
 * statement migguard does not model) is not checked, so the migration is not shown.
 */
import type { Migration, Operation } from "../../model.js";
import { columnKey, indexKey } from "./dump-catch-up.js";
import { dumpName, type DumpItem } from "./dump-items.js";

/** Operations that change rows, not the schema: a dump is the same before and after them. */
const DATA_ONLY = new Set<Operation["kind"]>(["dml", "truncate", "data_migration", "maintenance", "set_setting", "transaction_control", "lock_table"]);

export function dumpShows(items: readonly DumpItem[], migration: Migration): boolean {
  if (migration.syntaxErrors.length || migration.tooComplex.length || migration.hidden.length) return false;
  const tables = new Set(items.filter((i) => i.kind === "table").map((i) => i.table!));
  const columns = new Set(items.filter((i) => i.kind === "column").map((i) => columnKey(i.table!, i.column!)));
  const indexNames = new Set(items.flatMap((i) => (i.kind === "index" && i.name ? [i.name.toLowerCase()] : [])));
  const indexColumns = new Set(items.flatMap((i) => (i.kind === "index" && i.table && i.columns?.length ? [indexKey(i.table, i.columns)] : [])));
  const hasColumn = (table: string, column: string) => columns.has(columnKey(table, column));
  return migration.up.every((op) => {
    if (DATA_ONLY.has(op.kind)) return true;
    switch (op.kind) {
      case "create_table":
        return tables.has(dumpName(op.table)) && op.columns.every((c) => c.primaryKey || hasColumn(op.table, c.name));
      case "drop_table":
        return op.tables.every((t) => !tables.has(dumpName(t)));
      case "rename_table":
        return !tables.has(dumpName(op.table)) && tables.has(dumpName(op.newName));
      case "add_column":
        return hasColumn(op.table, op.column.name);
      case "drop_column":
        return !hasColumn(op.table, op.column);
      case "rename_column":
        return !hasColumn(op.table, op.column) && hasColumn(op.table, op.newName);
      case "add_index":
        return op.name ? indexNames.has(op.name.toLowerCase()) : op.columns.length > 0 && indexColumns.has(indexKey(op.table, op.columns));
      case "drop_index":
        // by name when the call gives or implies one; by columns only when it gives none (any index on them goes)
        if (op.names.length) return op.names.every((n) => !indexNames.has(n.toLowerCase()));
        return op.table !== undefined && op.columns.length > 0 && !indexColumns.has(indexKey(op.table, op.columns));
      default:
        return false;
    }
  });
}
