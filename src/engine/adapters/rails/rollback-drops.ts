/**
 * What a `change` adds, its rollback drops: a column from add_column or add_reference, a table from create_table.
 * Rails re-runs the change's data code before it undoes the schema commands, so a re-run that writes only there
 * leaves nothing behind (docuseal's `update_columns(secret: {})` on the webhook_urls.secret the change adds).
 */
import type { OperationInput } from "../../model.js";
import type { ColumnWrites } from "./harmless-rerun.js";

/** Rails names are written as the database folds them (symbols, lower case): plain keys compare them */
const key = (...parts: string[]) => parts.join(".").toLowerCase();

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
