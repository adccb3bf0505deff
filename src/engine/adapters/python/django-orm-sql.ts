/**
 * The SQL Django's PostgreSQL compiler writes for a GeneratedField's `expression=`, for the plain ORM expressions a
 * generated column is made of: `F("field")`, literals and `Value(...)`, arithmetic, and a few functions Django maps
 * one to one (Lower → LOWER). A field stays a reference (its column is the rule's to find: a ForeignKey's is
 * `<name>_id`, a db_column's its own), so nothing here guesses a name. Anything else (a lookup across a relation,
 * Concat, Cast, Case) is not translated: the fix then says the expression is unknown rather than approximate it.
 */
import { lastSegment } from "./imports.js";
import type { PyValue } from "./values.js";

export type OrmSqlPart = string | { field: string };

/** Functions whose PostgreSQL SQL is the upper-cased name over the arguments (django.db.models.functions). */
const SAME_NAME_FUNCTIONS = new Set(["Lower", "Upper", "Length", "Abs", "Coalesce", "Greatest", "Least", "Ceil", "Floor", "Sqrt", "Sign"]);
/** Django's arithmetic connectors, written as the same SQL operator */
const ARITHMETIC = new Set(["+", "-", "*", "/", "%"]);

const literal = (value: PyValue): OrmSqlPart[] | undefined => {
  switch (value.kind) {
    case "num":
      return [String(value.value)];
    case "bool":
      return [value.value ? "true" : "false"];
    case "none":
      return ["NULL"];
    case "str":
      return value.unresolved || value.runTime ? undefined : [`'${value.value.replace(/'/g, "''")}'`];
    default:
      return undefined;
  }
};

const field = (value: PyValue): OrmSqlPart[] | undefined =>
  // `F("author__name")` reads another table through a join: no column of this row
  value.kind === "str" && !value.unresolved && !value.runTime && value.value !== "" && !value.value.includes("__") ? [{ field: value.value }] : undefined;

function joined(parts: Array<OrmSqlPart[] | undefined>, separator: string): OrmSqlPart[] | undefined {
  const out: OrmSqlPart[] = [];
  for (const [i, part] of parts.entries()) {
    if (!part) return undefined;
    if (i > 0) out.push(separator);
    out.push(...part);
  }
  return out;
}

/** `asArgument`: a function's string argument names a field (Lower("name")), an operand's is a value (F("a") + "x"). */
function translate(value: PyValue, asArgument: boolean): OrmSqlPart[] | undefined {
  if (value.kind === "call") {
    const name = lastSegment(value.callee);
    if (name === "F") return value.args.length === 1 && value.kwargs.size === 0 ? field(value.args[0]) : undefined;
    if (name === "Value") return value.args.length >= 1 ? literal(value.args[0]) : undefined;
    // output_field only tells Django the result's type
    if (name === "ExpressionWrapper") return value.args[0] ? translate(value.args[0], false) : undefined;
    if (SAME_NAME_FUNCTIONS.has(name) && value.args.length > 0 && [...value.kwargs.keys()].every((k) => k === "output_field")) {
      const args = joined(value.args.map((a) => translate(a, true)), ", ");
      return args && [`${name.toUpperCase()}(`, ...args, ")"];
    }
    return undefined;
  }
  if (value.kind === "str") return asArgument ? field(value) : literal(value);
  if (value.kind === "unknown") {
    const operands = value.operands ?? [];
    if (value.operator === undefined && operands.length === 1 && value.text.trim().startsWith("(")) return translate(operands[0], asArgument);
    if (value.operator === "-" && operands.length === 1) {
      const inner = translate(operands[0], false);
      return inner && ["(-", ...inner, ")"];
    }
    if (value.operator && ARITHMETIC.has(value.operator) && operands.length === 2) {
      const inner = joined(operands.map((o) => translate(o, false)), ` ${value.operator} `);
      return inner && ["(", ...inner, ")"];
    }
    return undefined;
  }
  return literal(value);
}

/** The expression as Django's SQL with each field a reference; undefined when any part is not one translated here. */
export function ormExpressionSql(value: PyValue): OrmSqlPart[] | undefined {
  const parts = translate(value, false);
  // a lone literal is a constant, not a generated column Django allows
  return parts?.some((p) => typeof p !== "string") ? parts : undefined;
}
