/**
 * A query a migration checks before it drops something, read with PostgreSQL's parser: whether its one value is
 * truthy exactly when a column holds a value (`SELECT 1 FROM feeds WHERE template IS NOT NULL LIMIT 1`,
 * `SELECT count(*) FROM feeds WHERE template IS NOT NULL`, `SELECT EXISTS (SELECT ... WHERE template IS NOT NULL)`)
 * or the table a row (no WHERE). A guard that raises on it leaves only NULLs (values-guard).
 */
import { parseStatements, type PgNode } from "./pg-parser.js";
import { ownColumn, relationNames } from "./own-column.js";

export interface ValueRows {
  table: string;
  /** the column whose non-NULL values the rows are; none: every row */
  column?: string;
}

const funcName = (call: PgNode | undefined) => (call?.funcname as PgNode[] | undefined)?.map((n) => n.String?.sval).join(".");

/** The rows a SELECT reads: one table, no grouping, a WHERE that is only `column IS NOT NULL` (or none). */
function selectedRows(select: PgNode | undefined): ValueRows | undefined {
  if (!select || select.op !== "SETOP_NONE" || select.groupClause || select.havingClause || select.withClause || select.fromClause?.length !== 1) return undefined;
  const range = select.fromClause[0].RangeVar as PgNode | undefined;
  if (!range?.relname) return undefined;
  const table = range.schemaname ? `${range.schemaname}.${range.relname}` : range.relname;
  if (!select.whereClause) return { table };
  const test = select.whereClause.NullTest as PgNode | undefined;
  const column = test?.nulltesttype === "IS_NOT_NULL" ? ownColumn(test.arg, relationNames(range)) : undefined;
  return column ? { table, column } : undefined;
}

/** `EXISTS (SELECT ... FROM t WHERE c IS NOT NULL)`: the rows it asks about. */
const existsOf = (node: PgNode | undefined): ValueRows | undefined =>
  node?.SubLink?.subLinkType === "EXISTS_SUBLINK" ? selectedRows(node.SubLink.subselect?.SelectStmt) : undefined;

/**
 * The rows whose existence makes the statement's one value truthy: a row of them selected (a constant or a column
 * of theirs: none selected is NULL), counted (0 when none), or asked with EXISTS. Undefined for any other SQL.
 */
export function valueRowsAsked(sql: string): ValueRows | undefined {
  const { statements, errors } = parseStatements(sql);
  if (errors.length > 0 || statements.length !== 1) return undefined;
  return valueRowsOfSelect(statements[0].stmt.SelectStmt as PgNode | undefined);
}

/** The same for a parsed SELECT (a PL/pgSQL IF's condition is one). */
export function valueRowsOfSelect(select: PgNode | undefined): ValueRows | undefined {
  if (!select || select.targetList?.length !== 1) return undefined;
  const value = select.targetList[0]?.ResTarget?.val as PgNode | undefined;
  // SELECT EXISTS (...): no FROM of its own
  if (!select.fromClause) return existsOf(value);
  const call = value?.FuncCall as PgNode | undefined;
  const name = funcName(call);
  if (name === "count" || name === "pg_catalog.count") return call!.agg_star === true && !call!.agg_filter && !call!.agg_distinct ? selectedRows(select) : undefined;
  // a constant (SELECT 1): truthy whenever a row comes back; an aggregate or a function of a column may not be
  const constant = value?.A_Const as PgNode | undefined;
  const truthy = constant !== undefined && ((constant.ival?.ival ?? 0) !== 0 || (constant.sval?.sval ?? "") !== "" || constant.boolval?.boolval === true);
  return truthy ? selectedRows(select) : undefined;
}
