/**
 * A dropped column whose values an earlier migration copied into another table, or an UPDATE converted into other
 * columns of its table (repository/column-copies.ts): the contract step of a move (ehrbase's V6_2 copies comp's
 * version columns into comp_version, V6_3 drops them; warehouse's ee5b8f66a223 looks up squattee_id by squattee_name,
 * then drops squattee_name). Its
 * values live on there, so the drop is no data loss; what is left is the old code that still selects the column,
 * and the fix drops it without another copy once that code is gone.
 */
import type { OperationOf } from "../../model.js";
import type { ColumnCopy } from "../../repository/column-copies.js";
import type { Report, RuleContext } from "../support/rule.js";
import type { PlannedRemoval } from "../support/planned-removal.js";

/** Where the copy is, as a message names it: `V6_2__version_tables.sql:20`, or a line of this migration. */
function copyPlace(ctx: RuleContext, copy: ColumnCopy): string {
  return copy.migration === ctx.migration ? `line ${copy.op.loc.line} of this migration` : `${copy.migration.path}:${copy.op.loc.line}`;
}

/** What the copying statement is, for the message: a table a query made is CREATE TABLE ... AS or SELECT ... INTO, as its text starts (after comments). */
const statementKind = (copy: ColumnCopy) =>
  copy.op.kind !== "create_table" ? "INSERT ... SELECT" : /^\s*(?:--[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*create\b/i.test(copy.op.text) ? "CREATE TABLE ... AS SELECT" : "SELECT ... INTO";

export function copiedColumnReport(
  ctx: RuleContext,
  op: OperationOf<"drop_column">,
  copy: ColumnCopy,
  planned: PlannedRemoval | undefined,
  fix: (why: string) => string,
): Report {
  const where = copyPlace(ctx, copy);
  // an UPDATE of the table that computed other columns from it (an id looked up by the name it drops)
  const copied = copy.columns
    ? `the UPDATE at ${where} set ${copy.columns.join(", ")} from ${op.column}`
    : `the ${statementKind(copy)} at ${where} copied ${op.column} into ${copy.into}`;
  const kept = copy.columns
    ? `(for rows written since, as far as the application set ${copy.columns.join(", ")} too)`
    : `(what it did not select, or what was written since, only as far as the application wrote it there too)`;
  const code = planned?.strong
    ? ` It is the planned last step of a two-step removal (${planned.reason}).`
    : ` Servers still running the old code select ${op.column} and fail until they restart.`;
  return {
    op,
    severity: planned?.strong ? "info" : "warning",
    // the values live on: what is left is code of the previous release reading the column
    hazard: "old-code",
    message: `Dropping column ${op.table}.${op.column} is the contract step of a move: ${copied}, so its values live on ${copy.columns ? (copy.columns.length === 1 ? "in it" : "in them") : "there"} ${kept}.${code}`,
    fix: fix(`${copied}`),
  };
}
