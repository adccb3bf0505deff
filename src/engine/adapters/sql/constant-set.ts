/**
 * The columns an UPDATE sets to one constant, the same on every row it writes: a literal, or an expression built of
 * literals with operators, casts and ARRAY[...] (`0`, `'open'`, `-1.5`, `'{}'::jsonb`, `ARRAY[]::text[]`). A column,
 * a subquery, any function call (now(), gen_random_uuid(), or one whose volatility migguard does not know) or
 * CURRENT_TIMESTAMP makes the value per row or per run: no constant. NULL fills nothing.
 */
import type { PgNode } from "./pg-parser.js";

/** An expression whose value is the same wherever and whenever it is evaluated, as far as its nodes show. */
function constant(node: PgNode | undefined): boolean {
  if (!node || typeof node !== "object") return false;
  if (node.A_Const) return !node.A_Const.isnull;
  // a cast to a reg* type reads the catalog (search_path): its value depends on the session
  if (node.TypeCast) {
    const names: PgNode[] = node.TypeCast.typeName?.names ?? [];
    const type = names.at(-1)?.String?.sval ?? "";
    return !type.startsWith("reg") && constant(node.TypeCast.arg);
  }
  if (node.A_Expr) return node.A_Expr.kind === "AEXPR_OP" && (node.A_Expr.lexpr === undefined || constant(node.A_Expr.lexpr)) && constant(node.A_Expr.rexpr);
  if (node.A_ArrayExpr) return (node.A_ArrayExpr.elements ?? []).every(constant);
  return false;
}

/**
 * A literal of the migration's language (a number, a string, true or false) as the SQL constant its ORM writes for it;
 * undefined for a number SQL cannot write (NaN, Infinity).
 */
export function sqlLiteral(value: number | string | boolean): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === "boolean") return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}

/** Each column `targets` (an UPDATE's SET list) sets to a constant, with that constant as SQL (`deparse` of its node). */
export function constantsSetBy(targets: readonly PgNode[] | undefined, deparse: (node: PgNode) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of targets ?? []) {
    const target = t?.ResTarget;
    // SET c[1] = ..., SET (a, b) = ...: a part of a column, or several at once
    if (!target?.name || target.indirection?.length || target.val?.MultiAssignRef || !constant(target.val)) continue;
    const sql = deparse(target.val);
    if (sql) out[target.name] = sql;
  }
  return out;
}

/** The WHERE is nothing but `c IS NULL` tests, AND-ed: on columns the migration has just added, every row. */
export function whereOnlyNullTests(where: PgNode | undefined): boolean {
  if (!where) return false;
  if (where.NullTest) return where.NullTest.nulltesttype === "IS_NULL" && Boolean(where.NullTest.arg?.ColumnRef);
  return where.BoolExpr?.boolop === "AND_EXPR" && (where.BoolExpr.args ?? []).every(whereOnlyNullTests);
}
