/**
 * What an update writes, and when a model's `update_all` writes one constant on every row: `update_all(position: 0)` (a Ruby
 * literal: an integer, a float, a string, true or false), or `update_all("position = 0")` (the SQL's own constants),
 * and whether its relation narrows the rows only to those with NULLs (`where(position: nil)`), which on a column the
 * migration has just added are every row. A symbol is left out: an enum attribute casts it to its own value.
 */
import type { CallNode } from "@ruby/prism";
import { callArgs, hashOf } from "./call-args.js";
import { chainOf } from "./data-calls.js";
import type { RubySource } from "./ruby-source.js";
import { nameOf, type Env, type RubyValue } from "./values.js";
import { parseEmbeddedSql } from "../sql/index.js";
import { sqlLiteral } from "../sql/constant-set.js";

/** A Ruby literal as the SQL constant ActiveRecord writes for it; undefined for anything else. */
const sqlOf = (value: RubyValue): string | undefined =>
  value.kind === "int" || value.kind === "float" || value.kind === "bool" || value.kind === "str" ? sqlLiteral(value.value) : undefined;

/** What an update writes: its columns, and those `update_all` sets to a constant, each with its SQL. */
export interface UpdateWrites {
  columns: string[];
  constants: Record<string, string>;
}

/**
 * The keys of `update_all(a: 1)`, `update_column(:a, 1)`, or of SQL `update_all("a = 0")` (parsed once for both its
 * columns and its constants); constants only from `update_all`, empty when the call is another write.
 */
export function updateWrites(call: CallNode, env: Env, src: RubySource, table: string | undefined): UpdateWrites {
  const args = callArgs(call, env, src);
  if (call.name === "update_column" || call.name === "update_attribute") return { columns: [nameOf(args.args[0])].filter((c): c is string => c !== undefined), constants: {} };
  const first = args.args[0];
  if (first?.kind === "str" && call.name === "update_all") {
    const op = parseEmbeddedSql(`UPDATE ${table ?? "t"} SET ${first.value}`, { line: 1, inTransaction: false }).ops[0];
    return op?.kind === "dml" ? { columns: op.columns, constants: { ...op.constants } } : { columns: [], constants: {} };
  }
  const columns = first?.kind === "hash" ? [...first.entries.keys()] : [...args.opts.entries.keys()];
  const constants: Record<string, string> = {};
  if (call.name === "update_all")
    for (const [column, value] of hashOf(args)) {
      const sql = sqlOf(value);
      if (sql !== undefined) constants[column] = sql;
    }
  return { columns, constants };
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
