/**
 * What a Django app's migrations leave in the database, replayed from their operations: the tables they created and
 * did not drop, and those tables' foreign keys to tables outside the app. Shared by the whole-folder removal
 * (django-app-removal.ts) and the app taken out of INSTALLED_APPS (django-app-uninstall.ts).
 */
import type { Migration } from "../../model.js";
import type { DetectedFile } from "../../detect.js";
import { nameKey } from "../../rules/support/facts.js";
import { inRunOrder } from "../../run-order.js";

/** A foreign key of a table left behind, to a table that stays Django's. */
export interface LeftoverKey {
  table: string;
  column: string;
  /** the referenced table, or `settings.AUTH_USER_MODEL` as the migration writes it */
  references: string;
}

/**
 * The tables an app's migrations leave, with their keys to tables outside the app, by running their create, rename,
 * drop and column operations in order; `droppedBy`: the migration whose drop emptied them last.
 */
export function leftoverTables(ran: ReadonlyArray<{ file: DetectedFile; migration: Migration; path: string }>): { tables: string[]; keys: LeftoverKey[]; droppedBy?: string } {
  const tables = new Map<string, string>();
  let droppedBy: string | undefined;
  const keys = new Map<string, LeftoverKey[]>();
  const addKey = (table: string, column: string, references: string | undefined) => {
    if (references) keys.set(nameKey(table), [...(keys.get(nameKey(table)) ?? []), { table, column, references }]);
  };
  // in migrate's order (two branches of the app run by their dependencies, not their numbers)
  for (const { migration, path } of inRunOrder(ran))
    for (const op of migration.up) {
      if (op.kind === "create_table" && !op.temporary) {
        tables.set(nameKey(op.table), op.table);
        for (const column of op.columns) addKey(op.table, column.name, column.references?.table);
      } else if (op.kind === "add_column" && tables.has(nameKey(op.table))) addKey(op.table, op.column.name, op.column.references?.table);
      else if (op.kind === "drop_column") keys.set(nameKey(op.table), (keys.get(nameKey(op.table)) ?? []).filter((k) => k.column !== op.column));
      else if (op.kind === "rename_table" && tables.delete(nameKey(op.table))) {
        tables.set(nameKey(op.newName), op.newName);
        keys.set(nameKey(op.newName), (keys.get(nameKey(op.table)) ?? []).map((k) => ({ ...k, table: op.newName })));
        keys.delete(nameKey(op.table));
      } else if (op.kind === "drop_table")
        for (const table of op.tables) {
          if (tables.delete(nameKey(table)) && tables.size === 0) droppedBy = path;
          keys.delete(nameKey(table));
        }
    }
  const own = new Set(tables.keys());
  const left = [...tables.values()];
  return { tables: left, ...(droppedBy ? { droppedBy } : {}), keys: left.flatMap((t) => (keys.get(nameKey(t)) ?? []).filter((k) => !own.has(nameKey(k.references)))) };
}
