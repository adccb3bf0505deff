/**
 * What a `change` adds, its rollback drops: a column from add_column or add_reference, a table from create_table.
 * Rails re-runs the change's data code before it undoes the schema commands, so a re-run that writes only there
 * leaves nothing behind (docuseal's `update_columns(secret: {})` on the webhook_urls.secret the change adds). What
 * it removes or renames is gone while the data code runs again: code that names it fails.
 */
import type { OperationInput } from "../../model.js";
import type { ColumnWrites } from "./harmless-rerun.js";

/** Rails names are written as the database folds them (symbols, lower case): plain keys compare them */
export const key = (...parts: string[]) => parts.join(".").toLowerCase();

export interface RollbackDrops {
  tables: ReadonlySet<string>;
  columns: ReadonlySet<string>;
}

export function rollbackDrops(ops: readonly OperationInput[]): RollbackDrops {
  const tables = new Set<string>();
  const columns = new Set<string>();
  for (const op of ops) {
    if (op.kind === "create_table") tables.add(key(op.table));
    else if (op.kind === "add_column") columns.add(key(op.table, op.column.name));
  }
  return { tables, columns };
}

/** Does every column the re-run writes go with the rollback? */
export const writesOnlyDropped = (writes: readonly ColumnWrites[] | undefined, drops: RollbackDrops): boolean =>
  writes !== undefined && writes.length > 0 && writes.every((w) => drops.tables.has(key(w.table)) || w.columns.every((c) => drops.columns.has(key(w.table, c))));

/**
 * The tables and columns the change removes or renames: gone from the up's schema, in which Rails re-runs the data
 * code on rollback, so data code that names one fails there (and the rollback with it).
 */
export function goneInUp(ops: readonly OperationInput[]): RollbackDrops {
  const tables = new Set<string>();
  const columns = new Set<string>();
  for (const op of ops) {
    if (op.kind === "drop_table") for (const t of op.tables) tables.add(key(t));
    else if (op.kind === "rename_table") tables.add(key(op.table));
    else if (op.kind === "drop_column" || op.kind === "rename_column") columns.add(key(op.table, op.column));
  }
  return { tables, columns };
}

/** Does data code name a table or column the up's schema no longer has? */
export const namesGone = (named: ColumnWrites, gone: RollbackDrops): boolean =>
  gone.tables.has(key(named.table)) || named.columns.some((c) => gone.columns.has(key(named.table, c)));
