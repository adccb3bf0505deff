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
