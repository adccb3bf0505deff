/**
 * A data step that prepares the schema change right after it (NULLs filled before NOT NULL, duplicates removed
 * before a unique index, values copied out before their column is dropped): the two belong in one migration, in
 * this order, and the fix keeps them so.
 */
import type { Operation } from "../../model.js";
import { isMysqlFamily } from "../support/databases.js";
import { nameKey } from "../support/facts.js";
import { commentMarker } from "../support/fix.js";
import type { RuleContext } from "../support/rule.js";
import { dedupesOtherColumns, emptiesTable, requiresEmptyTable, writesOnlyOtherColumns } from "./prepares-constraint.js";
import { tableOf } from "./statement-roles.js";
import { touches } from "./touched-tables.js";
import { wholeShown } from "./whole-migration.js";

/**
 * The data step makes the schema change right after it possible on the same table: NULLs deleted or filled before
 * NOT NULL, duplicates or orphans cleaned before a constraint or unique index, values copied out before their
 * column is dropped or fixed before its type changes.
 */
export function prepares(data: Operation, schema: Operation): boolean {
  // values copied out of a table, then the table dropped
  if (schema.kind === "drop_table") return schema.tables.some((t) => touches(data, t));
  const table = tableOf(schema);
  if (!table || !touches(data, table)) return false;
  const column = "column" in schema && typeof schema.column === "string" ? nameKey(schema.column) : undefined;
  const reads = data.kind === "dml" ? [...data.columns, ...data.sourceColumns].map(nameKey) : data.kind === "data_migration" ? (data.mentions ?? []).map(nameKey) : [];
  // code that was not read, or ORM code whose reads the model does not list, may use any column
  const unknown = (data.kind === "data_migration" && data.mentions === undefined) || (data.kind === "dml" && data.viaCode && data.sourceColumns.length === 0);
  // Django code names a relation by its field (case_type), the column is case_type_id
  const field = "ormField" in schema && typeof schema.ormField === "string" ? nameKey(schema.ormField) : undefined;
  const usesColumn = column !== undefined && (unknown || reads.includes(column) || (field !== undefined && reads.includes(field)) || (data.kind === "dml" && data.verb === "delete"));
  switch (schema.kind) {
    case "set_not_null":
    case "alter_column_type":
    case "drop_column":
      return usesColumn;
    // (a dedupe grouped by columns the unique key does not hold makes no room for it)
    case "add_constraint":
      return !writesOnlyOtherColumns(data, schema.columns) && !((schema.constraint === "unique" || schema.constraint === "primary_key") && dedupesOtherColumns(data, table, schema.columns));
    case "validate_constraint":
      return true;
    case "add_index":
      return schema.unique && !writesOnlyOtherColumns(data, schema.columns) && !dedupesOtherColumns(data, table, schema.columns);
    // a NOT NULL column without a default, added once the rows are deleted (prepares-constraint.ts)
    case "add_column":
      return requiresEmptyTable(schema) && emptiesTable(data, table);
    default:
      return false;
  }
}

/** A DELETE of every row with a value in the column the schema change drops (`WHERE deleted_at IS NOT NULL`, then DROP COLUMN deleted_at). */
export const emptiesDroppedColumn = (data: Operation, schema: Operation): boolean =>
  schema.kind === "drop_column" && data.kind === "dml" && data.verb === "delete" && data.table !== undefined && nameKey(data.table) === nameKey(schema.table) && (data.removesRowsWithValue ?? []).some((c) => nameKey(c) === nameKey(schema.column));

/**
 * The data change and the schema change it prepares, kept in one migration as written: the whole migration, as the
 * keep-the-backfill fix shows it (wholeMigrationCode), so that it can be pasted as it stands.
 */
export function keepTogetherFix(ctx: RuleContext, code: string, prepared: Operation): string {
  const c = commentMarker(ctx.framework);
  const what = prepared.kind.replace(/_/g, " ");
  // MySQL has no transactional DDL nor NOT VALID: there the pair stays in one migration, in order, and that is all
  const head = isMysqlFamily(ctx.migration.database)
    ? [`${c} keep the data change and the ${what} it prepares in this migration, in this order, as written${wholeShown(ctx)}`, `${c} (MySQL commits each schema statement on its own):`]
    : [
        `${c} keep the data change and the ${what} it prepares in this migration, in this order and in one`,
        `${c} transaction, as written${wholeShown(ctx)}${prepared.kind === "set_not_null" ? `; on a large table${ctx.migration.alsoRunsOn?.length ? " of a PostgreSQL installation" : ""}, take the NOT NULL as set-not-null shows (a CHECK ... NOT VALID, then VALIDATE), after the data change` : ""}:`,
      ];
  return [...head, code].join("\n");
}
