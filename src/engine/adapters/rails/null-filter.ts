/**
 * The columns a relation's `where(column: nil)` keeps to NULL: `Model.where(preferences: nil).update_all(...)`
 * writes only rows whose preferences IS NULL. Once the migration has made such a column NOT NULL, the same call
 * run again matches no row, so Rails re-running it on rollback changes nothing.
 */
import type { CallNode } from "@ruby/prism";
import { callArgs, hashOf } from "./call-args.js";
import { chainOf } from "./data-calls.js";
import type { RubySource } from "./ruby-source.js";
import type { Env } from "./values.js";
import type { OperationInput } from "../../model.js";
import { key } from "./rollback-drops.js";

/** Relation methods that widen or replace a where's condition: nothing is known of the rows then. */
export const WIDENING = new Set(["or", "rewhere", "unscope", "invert_where"]);

export function columnsFilteredToNull(call: CallNode, env: Env, src: RubySource): string[] {
  const { calls } = chainOf(call);
  // or / rewhere / unscope / invert_where widen or replace a where's condition: nothing is known then
  if (calls.some((c) => WIDENING.has(c.name))) return [];
  const columns: string[] = [];
  for (const link of calls.slice(0, -1)) {
    // where.not(column: nil) keeps the rows that are NOT NULL: its hash is `not`'s, and `where` alone has none
    if (link.name !== "where") continue;
    for (const [column, value] of hashOf(callArgs(link, env, src))) if (value.kind === "nil") columns.push(column);
  }
  return columns;
}

/**
 * The columns a relation's only condition, `where.not(column: nil)`, keeps to rows with a value:
 * `Alert.where.not(deleted_at: nil).delete_all` deletes every row where deleted_at is set, so the table keeps only
 * NULLs there. With any other narrowing (another where, a scope, a limit) a row with a value may stay.
 */
export function columnsFilteredToValues(call: CallNode, env: Env, src: RubySource): string[] {
  const { calls } = chainOf(call);
  const narrowing = calls.slice(0, -1).filter((c) => !UNNARROWED.has(c.name));
  if (narrowing.length !== 2 || narrowing[0].name !== "where" || narrowing[0].arguments_ || narrowing[1].name !== "not") return [];
  const args = callArgs(narrowing[1], env, src);
  if (args.args.length > 1) return [];
  const entries = [...hashOf(args)];
  // one column only: where.not(a: nil, b: nil) is NAND since Rails 6.1 but NOR before it, which keeps rows with one set
  return entries.length === 1 && entries[0][1].kind === "nil" ? [entries[0][0]] : [];
}

/**
 * The column a relation's `where.not(column: value)` compares, one column in the hash: Rails writes `column != value`
 * (`NOT IN`, `IS NOT NULL`), false or NULL on a NULL, so `update_all` leaves the rows NULL there as they were. With
 * `withNullRows`, the call as written with `.or(Model.where(column: nil))` after the `not(...)`, which takes them too.
 * Nothing with a widening call (`or`) in the chain: its rows are not known.
 */
export function columnNegatedIn(call: CallNode, env: Env, src: RubySource): { column: string; withNullRows?: string } | undefined {
  const { root, calls } = chainOf(call);
  if (calls.some((c) => WIDENING.has(c.name))) return undefined;
  const at = calls.findIndex((c, i) => c.name === "not" && i > 0 && calls[i - 1].name === "where" && !calls[i - 1].arguments_);
  if (at < 0 || at === calls.length - 1) return undefined;
  const args = callArgs(calls[at], env, src);
  const entries = [...hashOf(args)];
  if (args.args.length > 1 || entries.length !== 1) return undefined;
  const column = entries[0][0];
  const not = calls[at];
  const model = root ? src.textOf(root) : undefined;
  if (!model) return { column };
  const whole = src.textOf(call);
  const cut = not.location.startOffset + not.location.length - call.location.startOffset;
  const head = src.textOf(not);
  // the byte offsets of Prism, as the slices: the head is the call's own text up to the end of not(...)
  if (!whole.startsWith(head) || Buffer.byteLength(head) !== cut) return { column };
  return { column, withNullRows: `${head}.or(${model}.where(${/^[a-z_][a-zA-Z0-9_]*$/.test(column) ? `${column}: nil` : `${JSON.stringify(column)} => nil`}))${whole.slice(head.length)}` };
}

/** Relation methods that keep every row: `unscoped`, `all`. */
const UNNARROWED = new Set(["all", "unscoped"]);

/** The table.column keys the operations leave NOT NULL, in their order (a later DROP NOT NULL undoes an earlier SET). */
export function notNullAfter(ops: readonly OperationInput[]): Set<string> {
  const notNull = new Set<string>();
  for (const op of ops) {
    if (op.kind === "add_column" && op.column.notNull) notNull.add(key(op.table, op.column.name));
    else if (op.kind === "set_not_null") notNull.add(key(op.table, op.column));
    else if (op.kind === "drop_not_null") notNull.delete(key(op.table, op.column));
    else if (op.kind === "drop_column") notNull.delete(key(op.table, op.column));
  }
  return notNull;
}

/** A re-run that writes only rows with a NULL in a column the change leaves NOT NULL: it matches no row. */
export const matchesNoRowAfter = (nullRows: { table: string; columns: string[] } | undefined, notNull: ReadonlySet<string>): boolean =>
  nullRows !== undefined && nullRows.columns.some((c) => notNull.has(key(nullRows.table, c)));
