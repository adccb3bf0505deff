/**
 * A Django GeneratedField's expression as SQL over the table's columns: the adapter's translation
 * (django-orm-sql.ts) with each field reference taken to the column the earlier migrations gave it, the field's own
 * name or a ForeignKey's `<name>_id`. Undefined when a field has no such column in the history (a db_column, a field
 * this migration adds): the fix then says the expression is unknown rather than guess a column.
 */
import type { OperationOf } from "../../model.js";
import { ident } from "../support/fix.js";
import type { RuleContext } from "../support/rule.js";

export function djangoGeneratedSql(ctx: Pick<RuleContext, "repository">, op: OperationOf<"add_column">): string | undefined {
  const parts = op.column.generatedOrm?.sql;
  if (!parts) return undefined;
  const columnOf = (field: string) => [field, `${field}_id`].find((name) => ctx.repository.columnDefinition(op.table, name) !== undefined);
  let sql = "";
  for (const part of parts) {
    if (typeof part === "string") {
      sql += part;
      continue;
    }
    const column = columnOf(part.field);
    if (!column) return undefined;
    sql += ident(column);
  }
  return sql;
}
