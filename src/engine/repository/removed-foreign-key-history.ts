/**
 * Rails' remove_foreign_key by its target alone, named again against the history: the keys the earlier migrations
 * leave on the table are the ones it may drop (adapters/rails/removed-foreign-keys.ts), which the file alone does not
 * show (the adapter named only those the migration itself adds).
 */
import type { Migration } from "../model.js";
import type { SchemaHistory } from "./schema-history.js";
import { nameRemovedForeignKeys, type KnownForeignKey } from "../adapters/rails/removed-foreign-keys.js";

/** Each Rails migration's drops by target, named (in place) from the keys there before it and its own. */
export function nameRemovedForeignKeysFromHistory(migrations: readonly Migration[], history: SchemaHistory): void {
  for (const migration of migrations) {
    if (migration.framework !== "rails") continue;
    const down = migration.down.status === "present" && !migration.down.derived ? migration.down.ops : undefined;
    const keysBefore = (table: string): KnownForeignKey[] =>
      history.tableKeysBefore(migration.path, table).flatMap(({ name, definition }) => (definition.kind === "foreign_key" && definition.references ? [{ name, referencesTable: definition.references.table }] : []));
    nameRemovedForeignKeys(migration.up, down, keysBefore);
  }
}
