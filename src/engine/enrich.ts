/**
 * Facts an adapter cannot see in one statement but the migration as a whole tells: the type a column had
 * before ALTER COLUMN ... TYPE, read from the down (which changes it back) or from earlier in the up.
 */
import type { Migration, TypeRef } from "./model.js";
import { nameKey } from "./rules/support/facts.js";

export function enrichMigration(migration: Migration): Migration {
  const known = new Map<string, TypeRef>();
  const key = (table: string, column: string) => `${nameKey(table)}.${nameKey(column)}`;
  if (migration.down.status === "present") {
    for (const op of migration.down.ops) if (op.kind === "alter_column_type") known.set(key(op.table, op.column), op.type);
  }
  for (const op of migration.up) {
    if (op.kind === "create_table") for (const c of op.columns) if (c.type) known.set(key(op.table, c.name), c.type);
    if (op.kind === "add_column" && op.column.type) known.set(key(op.table, op.column.name), op.column.type);
    if (op.kind === "alter_column_type") {
      if (!op.fromType) {
        const from = known.get(key(op.table, op.column));
        if (from) op.fromType = from;
      }
      known.set(key(op.table, op.column), op.type);
    }
  }
  return migration;
}
