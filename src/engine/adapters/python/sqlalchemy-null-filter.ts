/**
 * The columns a SQLAlchemy DELETE's condition empties of values: `.where(t.c.deleted_at != None)`,
 * `.where(t.c.deleted_at.isnot(None))` / `.is_not(None)`, `sa.not_(t.c.x.is_(None))`, `.filter(Model.deleted_at != None)`,
 * and any of them inside `sa.or_(...)` (which deletes at least those rows). Every row with a value goes, so the
 * table keeps only NULLs there. Several where() / filter() calls, or an and_(), narrow the rows: a row with a value
 * may stay, so only a single condition says anything.
 */
import { lastSegment } from "./imports.js";
import { asString, type PyCall, type PyValue } from "./values.js";

const method = (call: PyCall): string => lastSegment(call.callee);

/** The column a reference names: `t.c.deleted_at`, `t.c["deleted_at"]`, `Model.deleted_at`, `sa.column("deleted_at")`. */
function columnOf(ref: PyValue | undefined): string | undefined {
  if (!ref) return undefined;
  if (ref.kind === "name") return ref.name.includes(".") ? lastSegment(ref.name) : undefined;
  if (ref.kind === "call" && /^(column|literal_column)$/.test(method(ref)) && !ref.receiver) return asString(ref.args[0]);
  if (ref.kind === "unknown" && ref.subscript?.object.kind === "name" && /(^|\.)c$/.test(ref.subscript.object.name)) return asString(ref.subscript.key);
  return undefined;
}

/** `x.isnot(None)`'s callee is `x.isnot`: the reference is the callee without its method. */
function receiverColumn(call: PyCall): string | undefined {
  if (call.receiver) return columnOf(call.receiver);
  const segments = call.callee.split(".");
  return segments.length >= 3 ? segments[segments.length - 2] : undefined;
}

function emptied(condition: PyValue | undefined): string[] {
  if (!condition) return [];
  const compared = condition.kind === "unknown" ? condition.comparison : undefined;
  if (compared && compared.operators.length === 1 && compared.operators[0] === "!=") {
    const [left, right] = compared.operands;
    const column = right?.kind === "none" ? columnOf(left) : left?.kind === "none" ? columnOf(right) : undefined;
    return column ? [column] : [];
  }
  if (condition.kind !== "call") return [];
  const name = method(condition);
  if ((name === "isnot" || name === "is_not") && condition.args[0]?.kind === "none") {
    const column = receiverColumn(condition);
    return column ? [column] : [];
  }
  if (name === "or_" && !condition.receiver) return condition.args.flatMap(emptied);
  if (name === "not_" && !condition.receiver && condition.args.length === 1) {
    const inner = condition.args[0];
    if (inner.kind === "call" && method(inner) === "is_" && inner.args[0]?.kind === "none") {
      const column = receiverColumn(inner);
      return column ? [column] : [];
    }
  }
  return [];
}

/** The filter calls of one statement (`where`, `filter`; `filter_by` compares with = only). */
export function columnsEmptiedOfValues(filters: readonly PyCall[]): string[] {
  const conditions = filters.flatMap((f) => (method(f) === "filter_by" ? [undefined, undefined] : f.args));
  if (conditions.length !== 1) return [];
  return [...new Set(emptied(conditions[0]))];
}

/**
 * The column a single SQLAlchemy condition says IS NOT NULL (`sa.column("x").is_not(None)`, `.isnot(None)`,
 * `x != None`, `sa.not_(x.is_(None))`): a CHECK written so reads `x IS NOT NULL`. An `or_` proves nothing here.
 */
export function notNullColumn(condition: PyValue | undefined): string | undefined {
  if (condition?.kind === "call" && method(condition) === "or_") return undefined;
  const columns = emptied(condition);
  return columns.length === 1 ? columns[0] : undefined;
}
