/**
 * Django's GeneratedField (5.0): `expression=` is an ORM expression (`models.F("shares") * models.F("price")`), not
 * SQL. Kept as written, with the fields its F() references read, so a drop of the column can say what computes it
 * again and whether those fields stay (drop-column's generated-column note), and as the SQL Django writes for it when
 * django-orm-sql.ts translates it (volatile-default's trigger computes the same value).
 */
import { lastSegment } from "./imports.js";
import { ormExpressionSql, type OrmSqlPart } from "./django-orm-sql.js";
import type { PyValue } from "./values.js";

/** The field names every `F("...")` of the expression reads; undefined when one is not a literal or spans a relation. */
function fieldsRead(value: PyValue, out: string[]): boolean {
  switch (value.kind) {
    case "call":
      if (lastSegment(value.callee) === "F") {
        const name = value.args[0];
        if (name?.kind !== "str" || name.value.includes("__")) return false;
        out.push(name.value);
        return true;
      }
      // Value("x") is a constant; a string elsewhere may name a field (Lower("name"), Concat("a", "b")): unknown
      if (lastSegment(value.callee) === "Value") return true;
      return [...value.args, ...value.kwargs.values()].every((v) => v.kind !== "str" && fieldsRead(v, out));
    case "unknown":
      return value.operands !== undefined && value.operands.length > 0 && value.operands.every((v) => fieldsRead(v, out));
    case "list":
      return value.items.every((v) => fieldsRead(v, out));
    default:
      return true;
  }
}

const textOf = (value: PyValue): string | undefined => ("text" in value && typeof value.text === "string" ? value.text : undefined);

export function generatedExpression(value: PyValue | undefined): { generatedOrm?: { expression: string; fields?: string[]; sql?: OrmSqlPart[] } } {
  const expression = value ? textOf(value) : undefined;
  if (!value || !expression) return {};
  const fields: string[] = [];
  // an operator we do not see into (`~Q(...)`) keeps its operands; a name bound elsewhere reads what we cannot say
  const known = value.kind !== "name" && fieldsRead(value, fields);
  const sql = ormExpressionSql(value);
  return { generatedOrm: { expression: expression.replace(/\s*\n\s*/g, " "), ...(known ? { fields: [...new Set(fields)] } : {}), ...(sql ? { sql } : {}) } };
}
