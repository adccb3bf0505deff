/**
 * The columns an UPDATE's SET gives a value that keeps every value already there, so the statement loses none:
 * `c = c`, `c = COALESCE(c, ...)`, and a searched `CASE ... ELSE c END` each of whose WHEN branches either fills a
 * NULL (`WHEN c IS NULL THEN ...`) or adds to a jsonb value one key its condition proves absent (`WHEN NOT (c ? 'k')`
 * or `WHEN c->'k' IS NULL` THEN `c || '{"k": ...}'` / `c || jsonb_build_object('k', ...)`): agenta's is_split flag.
 * Anything else (a derived value such as lower(c), a CASE without ELSE, a key that may be there) is not kept.
 */
import type { PgNode } from "./pg-parser.js";
import { ownColumn, relationNames, sval } from "./own-column.js";

const operator = (node: PgNode | undefined): string | undefined => (node?.A_Expr?.kind === "AEXPR_OP" && node.A_Expr.name?.length === 1 ? sval(node.A_Expr.name[0]) : undefined);
const stringConstant = (node: PgNode | undefined): string | undefined => (typeof node?.A_Const?.sval?.sval === "string" ? node.A_Const.sval.sval : undefined);

/** What a WHEN condition proves of `column` when it is true: that it is NULL, and which jsonb keys it lacks. */
function proven(condition: PgNode | undefined, column: string, names: ReadonlySet<string>): { isNull: boolean; absentKeys: Set<string> } {
  const out = { isNull: false, absentKeys: new Set<string>() };
  const visit = (node: PgNode | undefined): void => {
    const bool = node?.BoolExpr;
    if (bool?.boolop === "AND_EXPR") return (bool.args ?? []).forEach(visit);
    const test = node?.NullTest;
    if (test?.nulltesttype === "IS_NULL") {
      if (ownColumn(test.arg, names) === column) out.isNull = true;
      // c->'k' IS NULL: no key k (a JSON null under k is 'null', not SQL NULL; ->> would not tell them apart)
      else if (operator(test.arg) === "->" && ownColumn(test.arg.A_Expr.lexpr, names) === column && stringConstant(test.arg.A_Expr.rexpr) !== undefined) out.absentKeys.add(stringConstant(test.arg.A_Expr.rexpr)!);
      return;
    }
    // NOT (c ? 'k')
    const negated = bool?.boolop === "NOT_EXPR" && bool.args?.length === 1 ? bool.args[0] : undefined;
    if (operator(negated) === "?" && ownColumn(negated!.A_Expr.lexpr, names) === column && stringConstant(negated!.A_Expr.rexpr) !== undefined) out.absentKeys.add(stringConstant(negated!.A_Expr.rexpr)!);
  };
  visit(condition);
  return out;
}

/** The keys a jsonb value written in the statement holds: a '{...}' literal (cast or not), or jsonb_build_object with constant keys. */
function literalKeys(node: PgNode | undefined): string[] | undefined {
  const cast = node?.TypeCast;
  const type = sval(cast?.typeName?.names?.at(-1));
  const text = stringConstant(cast ? (type === "jsonb" ? cast.arg : undefined) : node);
  if (text !== undefined) {
    try {
      const value: unknown = JSON.parse(text);
      return value && typeof value === "object" && !Array.isArray(value) ? Object.keys(value) : undefined;
    } catch {
      return undefined;
    }
  }
  const call = node?.FuncCall;
  if (sval(call?.funcname?.at(-1)) !== "jsonb_build_object" || call.funcname.length > 2) return undefined;
  const args: PgNode[] = call.args ?? [];
  if (args.length % 2 !== 0) return undefined;
  const keys = args.filter((_, i) => i % 2 === 0).map(stringConstant);
  return keys.every((k): k is string => k !== undefined) ? keys : undefined;
}

/** The value keeps every value `column` already holds. */
function keeps(value: PgNode | undefined, column: string, names: ReadonlySet<string>): boolean {
  if (ownColumn(value, names) === column) return true;
  const coalesce = value?.CoalesceExpr;
  if (coalesce) return ownColumn(coalesce.args?.[0], names) === column;
  const kase = value?.CaseExpr;
  if (!kase || kase.arg || ownColumn(kase.defresult, names) !== column) return false;
  return (kase.args ?? []).every((branch: PgNode) => {
    const when = branch.CaseWhen;
    const facts = proven(when?.expr, column, names);
    if (facts.isNull || ownColumn(when?.result, names) === column) return true;
    // c || {keys}: only keys the condition proves absent are added, nothing there is replaced
    if (operator(when?.result) !== "||" || ownColumn(when.result.A_Expr.lexpr, names) !== column) return false;
    const keys = literalKeys(when.result.A_Expr.rexpr);
    return keys !== undefined && keys.every((k) => facts.absentKeys.has(k));
  });
}

/** `targets`: the UpdateStmt's targetList; `relation`: its RangeVar (its name and alias qualify its columns). */
export function columnsKeptBySet(targets: readonly PgNode[] | undefined, relation: PgNode | undefined): string[] {
  const names = relationNames(relation);
  return (targets ?? []).flatMap((t) => {
    const target = t?.ResTarget;
    // SET (a, b) = ... and SET c[1] / c.field = ...: a part of the column, or several at once: not read
    if (!target?.name || target.indirection?.length || target.val?.MultiAssignRef) return [];
    return keeps(target.val, target.name, names) ? [target.name] : [];
  });
}
