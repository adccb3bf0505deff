/**
 * A dropped column PostgreSQL computes (GENERATED ALWAYS AS (...) STORED, or VIRTUAL): its values are a function of
 * other columns of the same row, so dropping it loses nothing that adding it back with its expression does not
 * recompute, as long as those columns stay (bitmagnet's 00002 drops torrents.extension, generated since 00001, and
 * adds it back generated from the new files_status).
 */
import type { Operation, OperationOf } from "../../model.js";
import { nameKey } from "../support/facts.js";
import type { RuleContext } from "../support/rule.js";
import { expressionColumns } from "../support/sql-text.js";

export interface GeneratedColumn {
  /** "stored" or "virtual" */
  generated: "stored" | "virtual";
  expr: string;
  /** its type as the defining migration wrote it, when it did */
  type?: string;
  /** the columns the expression reads; undefined when it could not be read */
  sources?: string[];
  /** Django's GeneratedField: `expr` is its ORM expression as written, not SQL, and `sources` are field names */
  orm?: boolean;
}

/** An op of this up, before the drop, that may have changed the column (its expression, type, name) or the whole table. */
function changedBefore(ctx: RuleContext, op: OperationOf<"drop_column">, index: number): boolean {
  const same = (o: Operation) => "table" in o && typeof o.table === "string" && nameKey(o.table) === nameKey(op.table);
  return ctx.migration.up.slice(0, index).some((o) => {
    if (!same(o)) return false;
    // ALTER COLUMN ... DROP EXPRESSION and other ALTER TABLE forms the model keeps raw
    if (o.kind === "raw") return true;
    return "column" in o && typeof o.column === "string" && nameKey(o.column) === nameKey(op.column);
  });
}

/** The dropped column as the earlier migrations define it, when it is a generated one nothing in this migration changed first. */
export function droppedGeneratedColumn(ctx: RuleContext, op: OperationOf<"drop_column">, index: number): GeneratedColumn | undefined {
  const def = ctx.repository.columnDefinition(op.table, op.column);
  if (!def || (def.generated !== "stored" && def.generated !== "virtual") || changedBefore(ctx, op, index)) return undefined;
  if (def.generatedOrm) return { generated: def.generated, expr: def.generatedOrm.expression, ...(def.type ? { type: def.type.text } : {}), ...(def.generatedOrm.fields ? { sources: def.generatedOrm.fields } : {}), orm: true };
  if (!def.generatedExpr) return undefined;
  return { generated: def.generated, expr: def.generatedExpr, ...(def.type ? { type: def.type.text } : {}), sources: expressionColumns(def.generatedExpr) };
}

/** The op adds a generated column (ADD COLUMN ... GENERATED ALWAYS AS, Rails' t.virtual, sa.Computed). */
export const addsGenerated = (op: Operation): boolean => op.kind === "add_column" && (op.column.generated === "stored" || op.column.generated === "virtual");

/** Every column the expression reads outlives this migration's up (none dropped, nor the table): the values can be computed again. */
export function sourcesKept(ctx: RuleContext, op: OperationOf<"drop_column">, column: GeneratedColumn): boolean {
  if (!column.sources) return false;
  const sources = new Set(column.sources.map(nameKey));
  // a Django GeneratedField's sources are field names: an operation names the field (ormField) or its column
  const named = (o: Operation & { column: string }) => sources.has(nameKey(o.column)) || (o.ormField !== undefined && sources.has(nameKey(o.ormField)));
  return !ctx.migration.up.some(
    (o) =>
      (o.kind === "drop_column" && nameKey(o.table) === nameKey(op.table) && named(o)) ||
      (o.kind === "rename_column" && nameKey(o.table) === nameKey(op.table) && named(o)) ||
      (o.kind === "drop_table" && o.tables.some((t) => nameKey(t) === nameKey(op.table))),
  );
}
