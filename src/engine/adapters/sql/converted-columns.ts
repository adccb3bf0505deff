/**
 * The columns of an UPDATE's own table that the values it sets are computed from: warehouse's
 * `UPDATE warehouse_admin_squat SET squattee_id = packages.id FROM packages WHERE packages.name = warehouse_admin_squat.squattee_name`
 * turns each squattee_name into the id of its package, so dropping squattee_name afterwards loses nothing the new
 * column does not hold (repository/column-copies.ts). A column counts when a SET value names it, or, in an
 * UPDATE ... FROM, when the WHERE that picks the joined row names it. Inside a subquery only a reference qualified by
 * the table's name or alias is the table's (an unqualified one is the subquery's own tables').
 */
import type { PgNode } from "./pg-parser.js";
import { ownColumn, relationNames, sval } from "./own-column.js";

export function convertedColumns(update: PgNode): string[] {
  const names = relationNames(update.relation);
  const out = new Set<string>();
  const visit = (node: unknown, nested: boolean): void => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, nested);
      return;
    }
    const record = node as PgNode;
    if (record.ColumnRef) {
      const fields: PgNode[] = record.ColumnRef.fields ?? [];
      const column = nested ? (fields.length === 2 && names.has(sval(fields[0])?.toLowerCase() ?? "") ? sval(fields[1]) : undefined) : ownColumn(record, names);
      if (column) out.add(column);
      return;
    }
    for (const key in record) visit(record[key], nested || key === "SelectStmt");
  };
  for (const target of update.targetList ?? []) visit(target?.ResTarget?.val, false);
  if (update.fromClause?.length) visit(update.whereClause, false);
  const written = new Set((update.targetList ?? []).map((t: PgNode) => t?.ResTarget?.name).filter(Boolean));
  // SET c = lower(c) rewrites c in place: a conversion of c, not a copy of it into another column
  return [...out].filter((c) => !written.has(c));
}

/** a literal, possibly cast (`'1'`, `0`, `'NEW'::statetype`) */
const isConstant = (node: PgNode | undefined): boolean => Boolean(node?.A_Const || (node?.TypeCast && isConstant(node.TypeCast.arg)));

/**
 * An entry of a value mapping: SET values that are constants, on the rows a WHERE picks by constants of the table's
 * columns (osparc's `UPDATE comp_tasks SET state='PENDING' WHERE comp_tasks.deprecated_state = '1'`, one per old
 * value): the columns the WHERE tests (`c = 'x'`, `c IN (1, 2)`, joined by AND). Only several of them together
 * convert a column (repository/column-copies.ts).
 */
export function mappedColumns(update: PgNode): string[] {
  if (update.fromClause?.length) return [];
  const names = relationNames(update.relation);
  const targets: PgNode[] = update.targetList ?? [];
  if (targets.length === 0 || !targets.every((t) => isConstant(t?.ResTarget?.val))) return [];
  const tested: string[] = [];
  const test = (node: PgNode | undefined): boolean => {
    if (node?.BoolExpr?.boolop === "AND_EXPR") return (node.BoolExpr.args ?? []).every(test);
    const e = node?.A_Expr;
    if (!e) return false;
    if (e.kind === "AEXPR_OP" && sval(e.name?.[0]) === "=") {
      const [column, value] = e.lexpr?.ColumnRef ? [e.lexpr, e.rexpr] : [e.rexpr, e.lexpr];
      const name = ownColumn(column, names);
      if (!name || !isConstant(value)) return false;
      tested.push(name);
      return true;
    }
    if (e.kind === "AEXPR_IN") {
      const name = ownColumn(e.lexpr, names);
      const items: PgNode[] = e.rexpr?.List?.items ?? [];
      if (!name || items.length === 0 || !items.every(isConstant)) return false;
      tested.push(name);
      return true;
    }
    return false;
  };
  return test(update.whereClause) ? tested : [];
}
