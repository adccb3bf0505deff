/**
 * The columns a DELETE's WHERE empties of values: `WHERE deleted_at IS NOT NULL` (also `NOT (c IS NULL)`, and
 * either as one side of an OR, which deletes at least those rows) removes every row with a value in c, so the
 * table keeps only NULLs there. An AND narrows the rows: a row with a value may stay, so it says nothing.
 */
import type { PgNode } from "./pg-parser.js";
import { ownColumn, relationNames } from "./own-column.js";

/**
 * `relation` is the DELETE's RangeVar: its name and alias qualify its columns (`DELETE FROM alert a WHERE
 * a.deleted_at IS NOT NULL`); a column of a USING table is not the deleted table's.
 */
export function columnsEmptiedOfValues(where: PgNode | undefined, relation: PgNode | undefined): string[] {
  const names = relationNames(relation);
  const out: string[] = [];
  const visit = (node: PgNode | undefined): void => {
    if (node?.NullTest?.nulltesttype === "IS_NOT_NULL") {
      const column = ownColumn(node.NullTest.arg, names);
      if (column) out.push(column);
    } else if (node?.BoolExpr?.boolop === "OR_EXPR") (node.BoolExpr.args ?? []).forEach(visit);
    else if (node?.BoolExpr?.boolop === "NOT_EXPR" && node.BoolExpr.args?.[0]?.NullTest?.nulltesttype === "IS_NULL") {
      const column = ownColumn(node.BoolExpr.args[0].NullTest.arg, names);
      if (column) out.push(column);
    }
  };
  visit(where);
  return [...new Set(out)];
}
