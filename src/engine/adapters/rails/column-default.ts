/**
 * `default:` of a Rails column as the model's DefaultValue. A Ruby literal (or any Ruby expression, which Rails
 * evaluates once when the migration runs) is a constant; only a lambda hands SQL to PostgreSQL, whose
 * volatility PostgreSQL's parser decides (`-> { "now()" }` is stable, `-> { "gen_random_uuid()" }` is volatile).
 */
import type { DefaultValue } from "../../model.js";
import { sqlDefault } from "./sql-fragments.js";
import type { RubyValue } from "./values.js";

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** undefined when there is no default (absent or nil) */
export function columnDefault(value: RubyValue | undefined): DefaultValue | undefined {
  if (!value) return undefined;
  switch (value.kind) {
    case "nil":
      return undefined;
    case "lambda":
      return value.sql !== undefined ? sqlDefault(value.sql) : { expr: value.text, volatile: true };
    case "str":
    case "sym":
      return { expr: quote(value.value), volatile: false };
    case "int":
    case "float":
      return { expr: value.text, volatile: false };
    case "bool":
      return { expr: String(value.value), volatile: false };
    case "array":
    case "hash":
      return { expr: "'{}'", volatile: false };
    case "code":
      return { expr: value.text, volatile: false };
  }
}
