/**
 * `default:` of a Rails column as the model's DefaultValue. A Ruby literal (or any Ruby expression, which Rails
 * evaluates once when the migration runs) is a constant; only a lambda hands SQL to PostgreSQL, whose
 * volatility PostgreSQL's parser decides (`-> { "now()" }` is stable, `-> { "gen_random_uuid()" }` is volatile).
 */
import type { DefaultValue } from "../../model.js";
import { sqlDefault } from "./sql-fragments.js";
import type { RubyValue } from "./values.js";

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * undefined when there is no default (absent or nil). `type`: the column's PostgreSQL type, when known: Rails'
 * PostgreSQL adapter writes a string default of a uuid column that holds "()" unquoted, as SQL
 * (quote_default_expression: "Does not quote function default values for UUID columns"), so
 * `:uuid, default: "gen_random_uuid()"` is a function default, evaluated per row.
 */
export function columnDefault(value: RubyValue | undefined, type?: string): DefaultValue | undefined {
  if (!value) return undefined;
  switch (value.kind) {
    case "nil":
      return undefined;
    case "lambda":
      return value.sql !== undefined ? sqlDefault(value.sql) : { expr: value.text, volatile: true };
    case "str":
      if (type === "uuid" && value.value.includes("()")) return sqlDefault(value.value);
      return { expr: quote(value.value), volatile: false };
    case "sym":
      return { expr: quote(value.value), volatile: false };
    case "int":
    case "float":
      return { expr: value.text, volatile: false };
    case "bool":
      return { expr: String(value.value), volatile: false };
    // a filled array or hash, and any other Ruby, keep their Ruby as written: what Rails casts, and what a fix passes back
    case "array":
      return { expr: "'{}'", volatile: false, ruby: value.items.length ? value.text : "[]" };
    case "hash":
      return { expr: "'{}'", volatile: false, ruby: value.entries.size ? value.text : "{}" };
    case "code":
      return { expr: value.text, volatile: false, ruby: value.text };
  }
}
