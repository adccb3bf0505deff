/**
 * Rails' remove_foreign_key by its target or by its column alone, named again against the history: the keys the
 * earlier migrations leave on the table are the ones it may drop (adapters/rails/removed-foreign-keys.ts), which the
 * file alone does not show (the adapter named only those the migration itself adds, or the default name of the column).
 */
import type { Migration, Operation } from "../model.js";
import type { SchemaHistory } from "./schema-history.js";
import { nameRemovedForeignKeys, type KnownForeignKey } from "../adapters/rails/removed-foreign-keys.js";
import { nameKey } from "../rules/support/facts.js";

/** Each Rails migration's drops by target or by column, named (in place) from the keys there before it and its own. */
export function nameRemovedForeignKeysFromHistory(migrations: readonly Migration[], history: SchemaHistory): void {
  for (const migration of migrations) {
    if (migration.framework !== "rails") continue;
    const down = migration.down.status === "present" && !migration.down.derived ? migration.down.ops : undefined;
    const keysBefore = (table: string): KnownForeignKey[] =>
      history.tableKeysBefore(migration.path, table).flatMap(({ name, definition }) => (definition.kind === "foreign_key" && definition.references ? [{ name, referencesTable: definition.references.table }] : []));
    nameRemovedForeignKeys(migration.up, down, keysBefore);
    nameDropsByColumn(migration, history);
  }
}

/**
 * `remove_foreign_key :t, column: :c` drops the key on c, whatever its name (ActiveRecord's foreign_key_for compares the
 * column): the adapter wrote the default name for c, which a key added before c was renamed does not have
 * (content-tagger 20160905103610). The name of the one key on that column the history shows before the migration,
 * unless the migration itself adds one there first (then the default name is the one it added).
 */
function nameDropsByColumn(migration: Migration, history: SchemaHistory): void {
  migration.up.forEach((op, at) => {
    if (op.kind !== "drop_constraint" || op.frameworkCall !== "remove_foreign_key" || op.columns?.length !== 1 || op.referencesTable !== undefined) return;
    const column = op.columns[0];
    if (migration.up.slice(0, at).some((o) => addsKeyOn(o, op.table, column))) return;
    const fits = history
      .tableKeysBefore(migration.path, op.table)
      .filter(({ definition: d }) => d.kind === "foreign_key" && d.columns.length === 1 && nameKey(d.columns[0]) === nameKey(column));
    if (fits.length === 1) op.name = fits[0].name;
  });
}

const addsKeyOn = (op: Operation, table: string, column: string): boolean =>
  op.kind === "add_constraint" && op.constraint === "foreign_key" && nameKey(op.table) === nameKey(table) && op.columns.length === 1 && nameKey(op.columns[0]) === nameKey(column);
