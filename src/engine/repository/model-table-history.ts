/**
 * The table of a namespaced model a Rails migration neither defines nor names the table of (ActiveAdmin::Comment,
 * from a gem): Rails' own name is the unprefixed one (comments) unless the namespace sets a table_name_prefix, as
 * engines and gems do (active_admin_comments). The migrations before it decide when they created the prefixed table
 * and not the other: the data code works on the table that exists. Otherwise Rails' own name stays.
 */
import type { Migration, Operation } from "../model.js";
import type { SchemaHistory } from "./schema-history.js";

/** The op with `from` read as `to` wherever it names its table (a loop's tables, writes and deletions too). */
function retabled(op: Operation, from: string, to: string): Operation {
  const swap = (t: string) => (t === from ? to : t);
  const { prefixedTable: _, ...rest } = op;
  const out: Record<string, unknown> = { ...rest };
  if ("table" in op && op.table === from) out.table = to;
  if (op.kind === "data_migration") {
    if (op.tables) out.tables = op.tables.map(swap);
    if (op.writes) out.writes = op.writes.map(swap);
    if (op.deletes) out.deletes = op.deletes.map((d) => (d.table === from ? { ...d, table: to } : d));
  }
  return out as Operation;
}

function resolved(migration: Migration, history: SchemaHistory, ops: readonly Operation[]): Operation[] {
  const born = (table: string) => history.tableBirthBefore(migration.path, table) !== undefined;
  return ops.map((op) => {
    const table = "table" in op && typeof op.table === "string" ? op.table : op.kind === "data_migration" ? op.tables?.[0] : undefined;
    return op.prefixedTable && table && born(op.prefixedTable) && !born(table) ? retabled(op, table, op.prefixedTable) : op;
  });
}

/** Rails migrations' namespaced model tables, resolved against the migrations before each (in place). */
export function resolveModelTables(migrations: readonly Migration[], history: SchemaHistory): void {
  for (const migration of migrations) {
    if (migration.framework !== "rails") continue;
    if (!migration.up.some((op) => op.prefixedTable) && !(migration.down.status === "present" && migration.down.ops.some((op) => op.prefixedTable))) continue;
    migration.up = resolved(migration, history, migration.up);
    if (migration.down.status === "present") migration.down = { ...migration.down, ops: resolved(migration, history, migration.down.ops) };
  }
}
