/** Columns defined by the up (CREATE TABLE and ADD COLUMN), for the type-style rules. */
import type { ColumnSpec, Operation } from "../../model.js";
import type { RuleContext } from "./rule.js";

export function newColumns(ctx: RuleContext): Array<{ op: Operation; table: string; column: ColumnSpec }> {
  const out: Array<{ op: Operation; table: string; column: ColumnSpec }> = [];
  for (const op of ctx.migration.up) {
    if (op.kind === "create_table") for (const column of op.columns) out.push({ op, table: op.table, column });
    if (op.kind === "add_column") out.push({ op, table: op.table, column: op.column });
  }
  return out;
}
