/**
 * Schema an up builds only to work in and takes away again before it ends: a column it adds and later removes (a
 * scratch column the cleaned values are computed into: inaturalist's clean_place_geometries_and_taxon_ranges), a
 * table it creates and later drops, with the indexes on them. When the up ends, the schema is as it began: a down
 * has no schema step to undo for them, and re-adding then removing them in a down is a no-op shown as an undo.
 */
import type { Operation } from "../../model.js";
import { nameKey } from "./facts.js";

const columnKey = (table: string, column: string) => `${nameKey(table)}.${nameKey(column)}`;

/** The operations of `up` that only build and remove such scratch schema (empty when there are none). */
export function scratchSchema(up: readonly Operation[]): Set<Operation> {
  const scratch = new Set<Operation>();
  const tables = new Set<string>();
  const columns = new Set<string>();
  for (const [i, op] of up.entries()) {
    const later = up.slice(i + 1);
    if (op.kind === "create_table" && !op.ifNotExists && later.some((o) => o.kind === "drop_table" && o.tables.some((t) => nameKey(t) === nameKey(op.table)))) {
      tables.add(nameKey(op.table));
      scratch.add(op);
    }
    if (op.kind === "add_column" && !op.ifNotExists && later.some((o) => o.kind === "drop_column" && columnKey(o.table, o.column) === columnKey(op.table, op.column.name))) {
      columns.add(columnKey(op.table, op.column.name));
      scratch.add(op);
    }
  }
  if (scratch.size === 0) return scratch;
  for (const op of up) {
    // the drops that take them away (a drop_table of scratch tables only), and indexes built on them
    if (op.kind === "drop_table" && op.tables.every((t) => tables.has(nameKey(t)))) scratch.add(op);
    if (op.kind === "drop_column" && columns.has(columnKey(op.table, op.column))) scratch.add(op);
    if (op.kind === "add_index" && (tables.has(nameKey(op.table)) || (op.columns.length > 0 && op.columns.every((c) => columns.has(columnKey(op.table, c)))))) scratch.add(op);
  }
  return scratch;
}
