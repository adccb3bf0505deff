/**
 * What a model's `update_all` writes when it writes one constant on every row: `update_all(position: 0)` (a Ruby
 * literal: an integer, a float, a string, true or false), or `update_all("position = 0")` (the SQL's own constants),
 * and whether its relation narrows the rows only to those with NULLs (`where(position: nil)`), which on a column the
 * migration has just added are every row. A symbol is left out: an enum attribute casts it to its own value.
 */
import type { CallNode } from "@ruby/prism";
import { callArgs, hashOf } from "./call-args.js";
import { chainOf } from "./data-calls.js";
import type { RubySource } from "./ruby-source.js";
import type { Env, RubyValue } from "./values.js";
import { parseEmbeddedSql } from "../sql/index.js";
import { sqlLiteral } from "../sql/constant-set.js";

/** A Ruby literal as the SQL constant ActiveRecord writes for it; undefined for anything else. */
const sqlOf = (value: RubyValue): string | undefined =>
  value.kind === "int" || value.kind === "float" || value.kind === "bool" || value.kind === "str" ? sqlLiteral(value.value) : undefined;

/** The columns `update_all` sets to a constant, each with its SQL; empty when the call is another write. */
export function updateAllConstants(call: CallNode, env: Env, src: RubySource, table: string | undefined): Record<string, string> {
  if (call.name !== "update_all") return {};
  const args = callArgs(call, env, src);
  const first = args.args[0];
  if (first?.kind === "str") {
    const op = parseEmbeddedSql(`UPDATE ${table ?? "t"} SET ${first.value}`, { line: 1, inTransaction: false }).ops[0];
    return op?.kind === "dml" ? { ...op.constants } : {};
  }
  const out: Record<string, string> = {};
  for (const [column, value] of hashOf(args)) {
    const sql = sqlOf(value);
    if (sql !== undefined) out[column] = sql;
  }
  return out;
}

/** Relation methods that keep every row. */
const ALL_ROWS = new Set(["all", "unscoped"]);

/** The relation's only narrowing is `where(c: nil, ...)`, every value nil: it writes the rows whose columns are NULL. */
export function narrowedOnlyToNulls(call: CallNode, env: Env, src: RubySource): boolean {
  const narrowing = chainOf(call).calls.slice(0, -1).filter((c) => !ALL_ROWS.has(c.name));
  return (
    narrowing.length > 0 &&
    narrowing.every((c) => {
      if (c.name !== "where") return false;
      const args = callArgs(c, env, src);
      const hash = [...hashOf(args)];
      return args.args.length <= 1 && hash.length > 0 && hash.every(([, v]) => v.kind === "nil");
    })
  );
}
