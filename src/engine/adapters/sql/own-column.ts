/**
 * A column reference read as one table's own: a DML statement's RangeVar qualifies its columns by its table name
 * and its alias, so `c`, `t.c` and `alias.c` are its columns and a column of another table (USING, FROM) is not.
 */
import type { PgNode } from "./pg-parser.js";

export const sval = (node: PgNode | undefined): string | undefined => node?.String?.sval;

/** The names that qualify `relation`'s columns: its table name and its alias, lower-cased. */
export function relationNames(relation: PgNode | undefined): Set<string> {
  return new Set([relation?.relname, relation?.alias?.aliasname].filter((n): n is string => Boolean(n)).map((n) => n.toLowerCase()));
}

/** The column a reference names, when it is the relation's (`names`: from relationNames): `c`, `t.c` or `alias.c`. */
export function ownColumn(node: PgNode | undefined, names: ReadonlySet<string>): string | undefined {
  const fields: PgNode[] = node?.ColumnRef?.fields ?? [];
  const column = sval(fields[fields.length - 1]);
  if (!column || fields.length > 2) return undefined;
  return fields.length === 1 || names.has(sval(fields[0])!.toLowerCase()) ? column : undefined;
}
