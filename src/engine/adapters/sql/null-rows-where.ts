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
