/**
 * The columns an UPDATE's WHERE restricts to NULL: `WHERE abbreviation IS NULL`, alone or as a term of an AND, lets
 * the update touch only rows with a NULL there (a backfill of the rows a NOT NULL check rejects). An OR widens the
 * rows, so it says nothing.
 */
import type { PgNode } from "./pg-parser.js";
import { ownColumn, relationNames } from "./own-column.js";

/** `relation` is the UPDATE's RangeVar: its name and alias qualify its columns. */
export function columnsOnlyNullIn(where: PgNode | undefined, relation: PgNode | undefined): string[] {
  const names = relationNames(relation);
  const out: string[] = [];
  const visit = (node: PgNode | undefined): void => {
    if (node?.NullTest?.nulltesttype === "IS_NULL") {
      const column = ownColumn(node.NullTest.arg, names);
      if (column) out.push(column);
    } else if (node?.BoolExpr?.boolop === "AND_EXPR") (node.BoolExpr.args ?? []).forEach(visit);
  };
  visit(where);
  return [...new Set(out)];
}

/** A negated comparison of one of the relation's columns with a value: `c <> v`, `c NOT IN (...)`, `NOT (c = v)`. */
function negatedColumn(node: PgNode | undefined, names: ReadonlySet<string>): string | undefined {
  const expr = node?.A_Expr;
  const op = expr?.name?.[0]?.String?.sval;
  if (expr && (expr.kind === "AEXPR_OP" || expr.kind === "AEXPR_IN") && op === "<>") return ownColumn(expr.lexpr, names) ?? (expr.kind === "AEXPR_OP" ? ownColumn(expr.rexpr, names) : undefined);
  const not = node?.BoolExpr;
  if (not?.boolop === "NOT_EXPR" && not.args?.length === 1) {
    const inner = not.args[0]?.A_Expr;
    if (inner && inner.kind === "AEXPR_OP" && inner.name?.[0]?.String?.sval === "=") return ownColumn(inner.lexpr, names) ?? ownColumn(inner.rexpr, names);
    if (inner && inner.kind === "AEXPR_IN" && inner.name?.[0]?.String?.sval === "=") return ownColumn(inner.lexpr, names);
  }
  return undefined;
}

/**
 * The columns whose NULL rows an UPDATE's WHERE leaves out by three-valued logic: a negated comparison, alone or a
 * term of an AND, is NULL on a NULL, so `SET c = 'x' WHERE c != 'y'` leaves the rows NULL in c as they were (the
 * author meant "every row but y"). `IS DISTINCT FROM` and an `OR c IS NULL` beside it take them: nothing then. With
 * `widened`, the WHERE with each such term written `(term OR c IS NULL)`, in place.
 */
export function columnsNullSkippedIn(where: PgNode | undefined, relation: PgNode | undefined): { columns: string[]; widened?: PgNode } {
  const names = relationNames(relation);
  const columns: string[] = [];
  const widen = (node: PgNode): PgNode => {
    const column = negatedColumn(node, names);
    if (column) {
      columns.push(column);
      return { BoolExpr: { boolop: "OR_EXPR", args: [node, { NullTest: { arg: { ColumnRef: { fields: [{ String: { sval: column } }] } }, nulltesttype: "IS_NULL" } }] } };
    }
    if (node?.BoolExpr?.boolop === "AND_EXPR") return { BoolExpr: { ...node.BoolExpr, args: (node.BoolExpr.args ?? []).map(widen) } };
    return node;
  };
  const widened = where ? widen(where) : undefined;
  return columns.length ? { columns: [...new Set(columns)], widened } : { columns: [] };
}
