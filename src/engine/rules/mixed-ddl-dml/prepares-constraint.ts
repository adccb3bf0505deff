/**
 * A data change that only makes the rows fit the constraint the schema change after it adds: content-tagger's
 * `TagMapping.delete_all`, then `add_column :tag_mappings, :state, :string, null: false` (a NOT NULL column without a
 * default is added only to an empty table). In PostgreSQL a DML that runs BEFORE the DDL of its transaction does not
 * extend the DDL's ACCESS EXCLUSIVE hold (the lock is taken after it); only its row locks live on to the commit. Split
 * into an earlier migration of its own, it opens a window in which the running code writes a new violating row (a
 * row without the column's value) and the DDL fails. So the pair stays together, in this order, as written.
 */
import type { Operation } from "../../model.js";
import { nameKey } from "../support/facts.js";

/** ADD COLUMN ... NOT NULL with nothing to fill the existing rows: it succeeds only on an empty table. */
export function requiresEmptyTable(schema: Operation): boolean {
  if (schema.kind !== "add_column") return false;
  const { column } = schema;
  // a serial, identity or generated column fills every row itself; a primary key's adapter may write SERIAL
  return column.notNull && column.default === undefined && !column.generated && !column.serial && !column.primaryKey;
}

/** The data change deletes every row of `table` (`Model.delete_all`, `DELETE FROM t` with no WHERE, a batched delete_all with no scope). */
export function emptiesTable(data: Operation, table: string): boolean {
  const key = nameKey(table);
  if (data.kind === "dml") return data.verb === "delete" && !data.hasWhere && data.table !== undefined && nameKey(data.table) === key;
  if (data.kind === "data_migration") return data.batched?.verb === "delete" && !data.batched.hasWhere && data.tables.some((t) => nameKey(t) === key);
  return false;
}

/**
 * The data change is known to write only columns other than those the constraint covers, and deletes no row: an
 * UPDATE of another column before a UNIQUE (a, b) makes no row fit it, so it prepares nothing and keeps its finding.
 * Code whose writes are not known (a loop migguard could not read) is not said to.
 */
export function writesOnlyOtherColumns(data: Operation, constrained: readonly string[]): boolean {
  if (!constrained.length) return false;
  const covered = new Set(constrained.map(nameKey));
  const other = (columns: readonly string[]) => columns.length > 0 && columns.every((c) => !covered.has(nameKey(c)));
  if (data.kind === "dml") return data.verb === "update" && other(data.columns);
  if (data.kind === "data_migration")
    return data.mentions !== undefined && !data.deletes?.length && !data.copies?.length && (data.overwrites ?? []).length > 0 && data.overwrites!.every((o) => o.columns !== undefined && other(o.columns));
  return false;
}

/**
 * The data change is an ORM dedupe (Rails `group(:a).having("count(*) > 1")`, Django `values("a").annotate(n=Count(...))
 * .filter(n__gt=1)`) whose every grouping of the key's table holds a column the unique key does not: one row kept per
 * (a) leaves no two rows alike on a key that holds a, and nothing of the kind for any other key. Such a dedupe makes
 * no room for the key, so it prepares nothing and keeps its finding. Undefined groupings, or a data change that also
 * overwrites or copies values, say nothing either way.
 */
export function dedupesOtherColumns(data: Operation, table: string, key: readonly string[]): boolean {
  if (!key.length) return false;
  const onlyDeletes = data.kind === "dml" ? data.verb === "delete" : data.kind === "data_migration" && !data.overwrites?.length && !data.copies?.length;
  const dedupes = data.kind === "dml" || data.kind === "data_migration" ? data.dedupesBy : undefined;
  if (!onlyDeletes || !dedupes) return false;
  const groupings = dedupes.filter((g) => g.table === undefined || nameKey(g.table) === nameKey(table));
  const keyColumns = new Set(key.map(nameKey));
  return groupings.length > 0 && !groupings.some((g) => g.columns.every((c) => keyColumns.has(nameKey(c))));
}
