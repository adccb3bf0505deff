/**
 * A data change that changes the data again when it runs again, said as the part that does (flexile's hours to
 * minutes, drone-tm's event per upload): an UPDATE that sets a column from itself by arithmetic or concatenation
 * (`total_minutes = total_minutes * 60`), or an INSERT ... SELECT that adds a row per source row with no ON
 * CONFLICT and no anti-join (NOT EXISTS, NOT IN, LEFT JOIN, EXCEPT) skipping rows already there. Such a step may not
 * run after the code that writes the new form is live: it would convert or copy again the rows that code wrote.
 */
import type { PgNode } from "./pg-parser.js";
import { ownColumn, relationNames, sval } from "./own-column.js";

const ARITHMETIC = new Set(["+", "-", "*", "/", "||"]);

/** The expression reads `column` as an operand of arithmetic or concatenation (at any depth). */
function growsFrom(node: PgNode | undefined, column: string, names: ReadonlySet<string>): boolean {
  const expr = node?.A_Expr;
  if (expr?.kind === "AEXPR_OP" && expr.name?.length === 1 && ARITHMETIC.has(sval(expr.name[0]) ?? "")) {
    const operand = (side: PgNode | undefined) => ownColumn(side, names) === column || growsFrom(side, column, names);
    return operand(expr.lexpr) || operand(expr.rexpr);
  }
  // (c * 60)::int, round(c * 60): the arithmetic inside still applies again
  if (node?.TypeCast) return growsFrom(node.TypeCast.arg, column, names);
  if (node?.FuncCall) return (node.FuncCall.args ?? []).some((a: PgNode) => growsFrom(a, column, names));
  return false;
}

/** Every column name a node reads (ColumnRef's last field). */
function columnsRead(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => columnsRead(n, out));
  else if (node && typeof node === "object") {
    const ref = (node as PgNode).ColumnRef;
    if (ref) {
      const last = sval(ref.fields?.at(-1));
      if (last) out.add(last.toLowerCase());
    }
    for (const value of Object.values(node)) columnsRead(value, out);
  }
  return out;
}

/**
 * UPDATE: `column = <expression growing from column>` for the first such SET, deparsed; undefined when none, or
 * when its WHERE reads a column it sets (`SET minutes = minutes * 60, unit = 'min' WHERE unit = 'h'`: a second run
 * finds no row left to change).
 */
export function repeatedUpdate(update: PgNode, deparse: (node: PgNode) => string): string | undefined {
  const names = relationNames(update.relation);
  const targets: PgNode[] = (update.targetList ?? []).map((t: PgNode) => t?.ResTarget).filter((t: PgNode) => t?.name && !t.indirection?.length && !t.val?.MultiAssignRef);
  const set = new Set(targets.map((t) => String(t.name).toLowerCase()));
  if (update.whereClause && [...columnsRead(update.whereClause)].some((c) => set.has(c))) return undefined;
  const grows = targets.find((t) => growsFrom(t.val, t.name, names));
  if (!grows) return undefined;
  const value = deparse(grows.val);
  return value ? `${grows.name} = ${value}` : `${grows.name} set from itself`;
}

/** Anything that skips rows already there: ON CONFLICT, NOT (EXISTS / IN ...), a LEFT JOIN, EXCEPT. */
function skipsExisting(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(skipsExisting);
  if (!node || typeof node !== "object") return false;
  const n = node as PgNode;
  if (n.BoolExpr?.boolop === "NOT_EXPR" && (n.BoolExpr.args ?? []).some((a: PgNode) => a?.SubLink)) return true;
  if (n.JoinExpr && ["JOIN_LEFT", "JOIN_RIGHT", "JOIN_FULL", "JOIN_ANTI"].includes(n.JoinExpr.jointype)) return true;
  if (n.SelectStmt?.op === "SETOP_EXCEPT") return true;
  return Object.values(n).some(skipsExisting);
}

/** Some SELECT of the statement reads rows from a table (a FROM): the INSERT adds one row per row it finds. */
function readsRows(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(readsRows);
  if (!node || typeof node !== "object") return false;
  const n = node as PgNode;
  if (n.SelectStmt?.fromClause?.length) return true;
  return Object.values(n).some(readsRows);
}

/** INSERT ... SELECT with no ON CONFLICT and nothing that skips rows already there: "an INSERT ... SELECT into t". */
export function repeatedInsert(insert: PgNode, table: string): string | undefined {
  if (insert.onConflictClause || !insert.selectStmt || !readsRows([insert.selectStmt, insert.withClause])) return undefined;
  if (skipsExisting([insert.selectStmt, insert.withClause])) return undefined;
  return `an INSERT ... SELECT into ${table} with no ON CONFLICT or NOT EXISTS`;
}
