/**
 * A SELECT that picks the rows of a table that have duplicates there: the read a dedupe starts from (security_monkey's
 * 7c54b06e227b selects the items whose (region, name, tech_id, account_id) another item shares, with a correlated
 * `(SELECT count(*) FROM item i WHERE o.region = i.region AND ...) > 1`, then deletes all but the newest in Python).
 * Read from the parse tree: the statement reads one table only, and compares a count of that table's rows above one,
 * as a scalar subquery over it or in the HAVING of a grouping of it.
 */
import type { PgNode } from "./pg-parser.js";
import { parseOne } from "../../rules/support/sql-text.js";
import { nameKey } from "../../rules/support/facts.js";

/** The table whose duplicated rows `sql` selects; undefined for any other statement. */
export function duplicatesSelected(sql: string): string | undefined {
  const root = parseOne(sql)?.SelectStmt;
  if (!root) return undefined;
  const tables = new Set<string>();
  let counted = false;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object") return;
    const n = node as PgNode;
    if (n.RangeVar) tables.add(nameKey(n.RangeVar.relname));
    if (n.A_Expr && countAboveOne(n)) counted = true;
    for (const value of Object.values(n)) visit(value);
  };
  visit(root);
  return counted && tables.size === 1 ? [...tables][0] : undefined;
}

/** `count(...) > 1` / `count(...) >= 2` (a HAVING's), or with a scalar `(SELECT count(*) ...)` in its place. */
function countAboveOne(node: PgNode): boolean {
  const expr = node.A_Expr;
  if (expr?.kind !== "AEXPR_OP") return false;
  const op = expr.name?.[0]?.String?.sval;
  const bound = expr.rexpr?.A_Const?.ival?.ival;
  if (!((op === ">" && bound === 1) || (op === ">=" && bound === 2))) return false;
  const left = expr.lexpr;
  const sub = left?.SubLink?.subLinkType === "EXPR_SUBLINK" ? left.SubLink.subselect?.SelectStmt : undefined;
  const counted = sub ? sub.targetList?.length === 1 && sub.targetList[0]?.ResTarget?.val : left;
  const call = counted?.FuncCall;
  return call?.funcname?.length === 1 && nameKey(call.funcname[0]?.String?.sval ?? "") === "count";
}

/**
 * An ORM's HAVING condition (Rails `having("count(*) > 1")`) that keeps the groups with duplicates: read as the HAVING
 * of a grouping of one table, as the database reads it.
 */
export function havingKeepsDuplicates(condition: string): boolean {
  return duplicatesSelected(`SELECT 1 FROM grouped GROUP BY 1 HAVING ${condition}`) !== undefined;
}

/**
 * An ORM's select list (Rails `select("min(id)")`) that picks one row of each group: a single min() or max() of one
 * column. `where.not(id: Model.group(:a).select("min(id)")).delete_all` keeps that row and deletes the group's others.
 */
export function picksOnePerGroup(selectList: string): boolean {
  const targets = parseOne(`SELECT ${selectList} FROM grouped`)?.SelectStmt?.targetList ?? [];
  const call = targets.length === 1 ? targets[0]?.ResTarget?.val?.FuncCall : undefined;
  const name = call?.funcname?.length === 1 ? nameKey(call.funcname[0]?.String?.sval ?? "") : "";
  return (name === "min" || name === "max") && call?.args?.length === 1 && call.args[0]?.ColumnRef !== undefined;
}

/** The plain columns of an ORM's GROUP BY list (Rails `group("voter_id, votable_id")`); undefined when any item is an expression. */
export function groupedColumns(list: string): string[] | undefined {
  const items: PgNode[] = parseOne(`SELECT 1 FROM grouped GROUP BY ${list}`)?.SelectStmt?.groupClause ?? [];
  const names = items.map((item) => {
    const fields: PgNode[] = item.ColumnRef?.fields ?? [];
    return fields.length === 1 ? (fields[0].String?.sval as string | undefined) : undefined;
  });
  return names.length && names.every((n) => n !== undefined) ? (names as string[]) : undefined;
}
