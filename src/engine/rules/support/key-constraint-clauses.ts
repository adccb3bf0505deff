/**
 * The clauses of a UNIQUE / PRIMARY KEY constraint that a fix building its index first must carry over: the
 * index's own (INCLUDE, NULLS NOT DISTINCT, WITH, USING INDEX TABLESPACE) go on the CREATE UNIQUE INDEX, the
 * constraint's timing (DEFERRABLE, INITIALLY DEFERRED) on the ADD CONSTRAINT ... USING INDEX, which accepts it
 * (PostgreSQL 15). Dropping DEFERRABLE INITIALLY DEFERRED turns a constraint checked at commit into one checked
 * per row: an UPDATE that shifts positions (orderIndex = orderIndex + 1) then fails on a transient duplicate.
 * Also the statements such a fix rewrites: the ALTER TABLE with the key attached from the index, the ADD COLUMN
 * without its key.
 */
import { QuoteUtils } from "@pgsql/quotes";
import { deparse, parseOne } from "./sql-text.js";
import type { PgNode } from "../../adapters/sql/pg-parser.js";

export type KeyKind = "primary_key" | "unique";

const contypeOf = (kind: KeyKind) => (kind === "primary_key" ? "CONSTR_PRIMARY" : "CONSTR_UNIQUE");

/** The position among an ALTER TABLE's sub-commands of the ADD CONSTRAINT of `kind` over `columns` (no USING INDEX); -1 when none. */
function keyConstraintAt(cmds: readonly PgNode[], kind: KeyKind, columns: readonly string[]): number {
  const keysOf = (c: PgNode) => (c.keys ?? []).map((k: PgNode) => k.String?.sval).join("\u0000");
  return cmds.findIndex((cmd) => {
    const c = cmd.AlterTableCmd?.subtype === "AT_AddConstraint" ? cmd.AlterTableCmd.def?.Constraint : undefined;
    return c?.contype === contypeOf(kind) && !c.indexname && keysOf(c) === columns.join("\u0000");
  });
}

/** The table and the constraint node of the ADD CONSTRAINT of `kind` over `columns` in `sql`, when it is one. */
function keyConstraintOf(sql: string, kind: KeyKind, columns: readonly string[]): { relation: PgNode; constraint: PgNode } | undefined {
  const stmt = parseOne(sql)?.AlterTableStmt;
  const at = stmt?.cmds ? keyConstraintAt(stmt.cmds, kind, columns) : -1;
  return at < 0 ? undefined : { relation: stmt.relation, constraint: stmt.cmds[at].AlterTableCmd.def.Constraint };
}

/**
 * Which of a column definition's constraints belong to its UNIQUE / PRIMARY KEY: the key itself and the
 * DEFERRABLE / INITIALLY clauses that follow it (`email text UNIQUE DEFERRABLE INITIALLY DEFERRED`).
 */
function keyClauses(constraints: readonly PgNode[]): boolean[] {
  let inKey = false;
  return constraints.map((k) => {
    const type: string = k.Constraint?.contype ?? "";
    if (!type.startsWith("CONSTR_ATTR_")) inKey = type === "CONSTR_UNIQUE" || type === "CONSTR_PRIMARY";
    return inKey;
  });
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
    const constraints: PgNode[] = def.constraints ?? [];
    const ofKey = keyClauses(constraints);
    const attribute = (type: string) => constraints.some((k, i) => ofKey[i] && k.Constraint?.contype === type);
    return timingOf({ deferrable: attribute("CONSTR_ATTR_DEFERRABLE"), initdeferred: attribute("CONSTR_ATTR_DEFERRED") });
  }
  return "";
}

/**
 * An ALTER TABLE that adds a PRIMARY KEY or UNIQUE constraint along with other changes (DROP COLUMN id, ADD
 * PRIMARY KEY (uuid)), with that constraint attached from an index built beforehand (`... USING INDEX index`) and
 * its other changes kept: dropping the old key is what lets the new one be added. Undefined when the statement
 * holds nothing else (the short form reads better) or is not such an ALTER TABLE.
 */
export function alterWithConstraintUsingIndex(sql: string, kind: KeyKind, columns: readonly string[], constraint: string, index: string): string | undefined {
  const node = parseOne(sql);
  const cmds: PgNode[] | undefined = node?.AlterTableStmt?.cmds;
  if (!cmds || cmds.length < 2) return undefined;
  const at = keyConstraintAt(cmds, kind, columns);
  if (at < 0) return undefined;
  // its timing (DEFERRABLE INITIALLY DEFERRED) stays: USING INDEX accepts it
  const { deferrable, initdeferred } = cmds[at].AlterTableCmd.def.Constraint;
  const attached = (indexname: string) => {
    const copy = structuredClone(node) as PgNode;
    copy.AlterTableStmt.cmds[at].AlterTableCmd.def = { Constraint: { contype: contypeOf(kind), conname: constraint, indexname, ...(deferrable ? { deferrable } : {}), ...(initdeferred ? { initdeferred } : {}) } };
    return deparse(copy);
  };
  // pgsql-deparser writes this index name as given, unquoted ("Access_id_pkey" became access_id_pkey, which does
  // not exist): given quoted, and kept only when the statement reads back with the index's own name
  const readsBack = (sql: string | undefined) =>
    sql !== undefined && (parseOne(sql)?.AlterTableStmt?.cmds as PgNode[] | undefined)?.[at]?.AlterTableCmd?.def?.Constraint?.indexname === index;
  return [attached(QuoteUtils.quoteIdentifier(index)), attached(index)].find(readsBack);
}

/** ALTER TABLE ... ADD COLUMN `column` without its UNIQUE / PRIMARY KEY, the statement's other parts kept (its type, default, NOT NULL, other sub-commands). */
export function addColumnWithoutKey(sql: string, column: string): string | undefined {
  const node = parseOne(sql);
  if (!node?.AlterTableStmt?.cmds) return undefined;
  const copy = structuredClone(node) as PgNode;
  let found = false;
  for (const c of copy.AlterTableStmt.cmds) {
    const def = c.AlterTableCmd?.subtype === "AT_AddColumn" ? c.AlterTableCmd.def?.ColumnDef : undefined;
    if (!def || def.colname !== column) continue;
    found = true;
    // the key goes, and the DEFERRABLE / INITIALLY clauses that qualify it (left alone they would be misplaced)
    const ofKey = keyClauses(def.constraints ?? []);
    def.constraints = (def.constraints ?? []).filter((_: PgNode, i: number) => !ofKey[i]);
    if (!def.constraints.length) delete def.constraints;
  }
  const out = found ? deparse(copy) : undefined;
  return out && `${out};`;
}
