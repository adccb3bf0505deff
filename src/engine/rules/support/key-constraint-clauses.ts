/**
 * The clauses of a UNIQUE / PRIMARY KEY constraint that a fix building its index first must carry over: the
 * index's own (INCLUDE, NULLS NOT DISTINCT, WITH, USING INDEX TABLESPACE) go on the CREATE UNIQUE INDEX, the
 * constraint's timing (DEFERRABLE, INITIALLY DEFERRED) on the ADD CONSTRAINT ... USING INDEX, which accepts it
 * (PostgreSQL 15). Dropping DEFERRABLE INITIALLY DEFERRED turns a constraint checked at commit into one checked
 * per row: an UPDATE that shifts positions (orderIndex = orderIndex + 1) then fails on a transient duplicate.
 */
import { deparse, parseOne } from "./sql-text.js";
import type { PgNode } from "../../adapters/sql/pg-parser.js";

export type KeyKind = "primary_key" | "unique";

/** The table and the constraint node of the ADD CONSTRAINT of `kind` over `columns` in `sql`, when it is one. */
function keyConstraintOf(sql: string, kind: KeyKind, columns: readonly string[]): { relation: PgNode; constraint: PgNode } | undefined {
  const stmt = parseOne(sql)?.AlterTableStmt;
  if (!stmt?.cmds) return undefined;
  const contype = kind === "primary_key" ? "CONSTR_PRIMARY" : "CONSTR_UNIQUE";
  const keysOf = (c: PgNode) => (c.keys ?? []).map((k: PgNode) => k.String?.sval).join("\u0000");
  for (const cmd of stmt.cmds) {
    const c = cmd.AlterTableCmd?.subtype === "AT_AddConstraint" ? cmd.AlterTableCmd.def?.Constraint : undefined;
    if (c?.contype === contype && !c.indexname && keysOf(c) === columns.join("\u0000")) return { relation: stmt.relation, constraint: c };
  }
  return undefined;
}

/** " DEFERRABLE", " DEFERRABLE INITIALLY DEFERRED" or "" as the constraint node says. */
export function timingOf(constraint: PgNode): string {
  if (!constraint.deferrable && !constraint.initdeferred) return "";
  return constraint.initdeferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE";
}

/** The timing clause of the key constraint `sql` adds, to append to its ADD CONSTRAINT ... USING INDEX ("" when none or unread). */
export function keyConstraintTiming(sql: string, kind: KeyKind, columns: readonly string[]): string {
  const found = keyConstraintOf(sql, kind, columns);
  return found ? timingOf(found.constraint) : "";
}

/**
 * CREATE UNIQUE INDEX CONCURRENTLY `index` with the index clauses the constraint was written with (INCLUDE, NULLS
 * NOT DISTINCT, WITH (...), USING INDEX TABLESPACE), as PostgreSQL would have built it. Undefined when the
 * constraint has none of them (the plain statement reads better) or is not found.
 */
export function uniqueIndexWithClauses(sql: string, kind: KeyKind, columns: readonly string[], index: string): string | undefined {
  const found = keyConstraintOf(sql, kind, columns);
  const c = found?.constraint;
  if (!c || !(c.including?.length || c.nulls_not_distinct || c.options?.length || c.indexspace)) return undefined;
  const elem = (k: PgNode) => ({ IndexElem: { name: k.String?.sval, ordering: "SORTBY_DEFAULT", nulls_ordering: "SORTBY_NULLS_DEFAULT" } });
  const out = deparse({
    IndexStmt: {
      idxname: index,
      relation: found.relation,
      accessMethod: "btree",
      ...(c.indexspace ? { tableSpace: c.indexspace } : {}),
      indexParams: (c.keys ?? []).map(elem),
      ...(c.including?.length ? { indexIncludingParams: c.including.map(elem) } : {}),
      ...(c.options?.length ? { options: c.options } : {}),
      unique: true,
      ...(c.nulls_not_distinct ? { nulls_not_distinct: true } : {}),
      concurrent: true,
    },
  });
  return out && `${out};`;
}

/**
 * The timing clause of the UNIQUE / PRIMARY KEY that ADD COLUMN `column` declares with the column (`email text
 * UNIQUE DEFERRABLE INITIALLY DEFERRED`: the attributes follow the key among the column's constraints).
 */
export function columnKeyTiming(sql: string, column: string): string {
  for (const cmd of parseOne(sql)?.AlterTableStmt?.cmds ?? []) {
    const def = cmd.AlterTableCmd?.subtype === "AT_AddColumn" ? cmd.AlterTableCmd.def?.ColumnDef : undefined;
    if (!def || def.colname !== column) continue;
    const timing = { deferrable: false, initdeferred: false };
    let inKey = false;
    for (const k of def.constraints ?? []) {
      const type: string = k.Constraint?.contype ?? "";
      if (!type.startsWith("CONSTR_ATTR_")) inKey = type === "CONSTR_UNIQUE" || type === "CONSTR_PRIMARY";
      else if (inKey && type === "CONSTR_ATTR_DEFERRABLE") timing.deferrable = true;
      else if (inKey && type === "CONSTR_ATTR_DEFERRED") timing.initdeferred = true;
    }
    return timingOf(timing);
  }
  return "";
}
