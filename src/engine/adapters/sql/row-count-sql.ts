/**
 * Whether a SQL string only counts a table's rows (`SELECT COUNT(*) FROM t`), read with PostgreSQL's parser: the
 * table it counts, for code that compares the count with a bound before it locks the table (size guards).
 */
import { parseStatements, type PgNode } from "./pg-parser.js";

const isCount = (target: PgNode | undefined): boolean => {
  const call = target?.ResTarget?.val?.FuncCall;
  const name = (call?.funcname as PgNode[] | undefined)?.map((n) => n.String?.sval).join(".");
  // count(*) or count(column): a filter (FILTER, DISTINCT) counts something else than the table's rows
  return (name === "count" || name === "pg_catalog.count") && (call.agg_star === true || call.args?.length === 1) && !call.agg_filter && !call.agg_distinct;
};

/** The table (`schema.name` when qualified) whose rows the statement counts, whole; undefined for any other SQL. */
export function countedTable(sql: string): string | undefined {
  const { statements, errors } = parseStatements(sql);
  if (errors.length > 0 || statements.length !== 1) return undefined;
  const select = statements[0].stmt.SelectStmt as PgNode | undefined;
  if (!select || select.op !== "SETOP_NONE" || select.whereClause || select.groupClause || select.havingClause || select.withClause) return undefined;
  if (select.targetList?.length !== 1 || !isCount(select.targetList[0]) || select.fromClause?.length !== 1) return undefined;
  const range = select.fromClause[0].RangeVar as PgNode | undefined;
  if (!range?.relname) return undefined;
  return range.schemaname ? `${range.schemaname}.${range.relname}` : range.relname;
}
