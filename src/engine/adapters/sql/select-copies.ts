/**
 * The columns a query's select lists copy out of each table its FROM clauses read, to recognise a move of a column's
 * values into another table (repository/column-copies.ts). alf.io's V12_1.5.15 copies event.description into
 * event_description_text with `INSERT INTO x (SELECT id, 'en', description FROM event WHERE ... UNION ALL SELECT ...)`:
 * each arm of a set operation is a copy of its own, and a subquery in its WHERE (`(SELECT count(*) FROM x ...) = 0`)
 * reads a table without copying anything out of it. A column belongs to a table when it is qualified by the table's
 * name or alias, or unqualified in an arm that reads that one table; a reference inside a subquery of the select list
 * is the subquery's own. `SELECT *` copies no column by name (a whole-row snapshot, not a move).
 */
import type { PgNode } from "./pg-parser.js";
import { relationNames, sval } from "./own-column.js";

export interface SelectCopy {
  table: string;
  columns: string[];
}

const tableName = (rv: PgNode): string => (rv.schemaname ? `${rv.schemaname}.${rv.relname}` : (rv.relname ?? ""));

/** The tables of a FROM list, through joins; a subquery in FROM hides its tables' columns behind its own names. */
function fromTables(items: readonly PgNode[] | undefined): PgNode[] {
  const out: PgNode[] = [];
  const visit = (item: PgNode | undefined): void => {
    if (item?.RangeVar) out.push(item.RangeVar);
    else if (item?.JoinExpr) {
      visit(item.JoinExpr.larg);
      visit(item.JoinExpr.rarg);
    }
  };
  for (const item of items ?? []) visit(item);
  return out;
}

/** The column references of an expression outside its subqueries. */
function columnRefs(node: unknown, out: PgNode[] = []): PgNode[] {
  if (!node || typeof node !== "object") return out;
  if (Array.isArray(node)) {
    for (const item of node) columnRefs(item, out);
    return out;
  }
  const record = node as PgNode;
  if (record.ColumnRef) {
    out.push(record.ColumnRef);
    return out;
  }
  for (const key in record) if (key !== "SubLink") columnRefs(record[key], out);
  return out;
}

/** Per table read, the columns the select lists of `select` (a SelectStmt node's content) copy from it. */
export function selectCopies(select: PgNode | undefined): SelectCopy[] {
  const byTable = new Map<string, Set<string>>();
  const arm = (s: PgNode | undefined): void => {
    if (!s) return;
    if (s.larg || s.rarg) {
      arm(s.larg);
      arm(s.rarg);
      return;
    }
    const tables = fromTables(s.fromClause).map((rv) => ({ name: tableName(rv), names: relationNames(rv) }));
    if (tables.length === 0) return;
    for (const ref of columnRefs((s.targetList ?? []).map((t: PgNode) => t?.ResTarget?.val))) {
      const fields: PgNode[] = ref.fields ?? [];
      const column = sval(fields[fields.length - 1]);
      if (!column || fields.length > 2) continue;
      const owner = fields.length === 1 ? (tables.length === 1 ? tables[0] : undefined) : tables.find((t) => t.names.has(sval(fields[0])!.toLowerCase()));
      if (!owner) continue;
      const columns = byTable.get(owner.name) ?? new Set<string>();
      columns.add(column);
      byTable.set(owner.name, columns);
    }
  };
  arm(select);
  return [...byTable].map(([table, columns]) => ({ table, columns: [...columns] }));
}
