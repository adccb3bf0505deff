/**
 * TimescaleDB's hypertables as a statement's parse tree says: a table made one (`SELECT create_hypertable('t', ...)`,
 * `CREATE TABLE ... WITH (timescaledb.hypertable)`) and an index built chunk by chunk
 * (`WITH (timescaledb.transaction_per_chunk)`). TimescaleDB refuses CREATE INDEX CONCURRENTLY on a hypertable.
 */
import type { PgNode } from "./pg-parser.js";

/** The namespaces TimescaleDB reads WITH options from (`tsdb` is its short alias since 2.20). */
const TIMESCALE_NAMESPACES = new Set(["timescaledb", "tsdb"]);

/** A boolean WITH option's value off (`= false`, `= off`, `= 0`); bare, it is on. */
function switchedOff(arg: PgNode | undefined): boolean {
  const text = String(arg?.String?.sval ?? arg?.Boolean?.boolval ?? arg?.Integer?.ival ?? "").toLowerCase();
  return arg !== undefined && ["false", "off", "no", "0", "f", "n"].includes(text || "0");
}

/** A TimescaleDB WITH option named `name` switched on among `options` (DefElem nodes). */
export function timescaleOption(options: readonly PgNode[] | undefined, name: string): boolean {
  return (options ?? []).some(
    (o) => TIMESCALE_NAMESPACES.has(String(o?.DefElem?.defnamespace ?? "").toLowerCase()) && String(o?.DefElem?.defname ?? "").toLowerCase() === name && !switchedOff(o.DefElem.arg),
  );
}

/** The text of a string literal, bare or cast (`'t'`, `'t'::regclass`); undefined for anything else. */
function literalText(node: PgNode | undefined): string | undefined {
  const value = node?.TypeCast ? node.TypeCast.arg : node;
  const text = value?.A_Const?.sval?.sval;
  return typeof text === "string" && text ? text : undefined;
}

/**
 * The table a create_hypertable call names: its first argument, or the one named `relation` (`main_table` before
 * TimescaleDB 2.0); undefined when it is not a literal (built at run time: not read).
 */
function hypertableOfCall(call: PgNode | undefined): string | undefined {
  const name = (call?.funcname ?? []).map((n: PgNode) => n?.String?.sval).at(-1);
  if (String(name ?? "").toLowerCase() !== "create_hypertable") return undefined;
  const args: PgNode[] = call?.args ?? [];
  const named = args.find((a) => ["relation", "main_table"].includes(String(a?.NamedArgExpr?.name ?? "").toLowerCase()));
  return literalText(named ? named.NamedArgExpr.arg : args[0]?.NamedArgExpr ? undefined : args[0]);
}

/** The table `SELECT create_hypertable('t', ...)` or `SELECT * FROM create_hypertable('t', ...)` makes a hypertable. */
export function hypertableCreatedBy(select: PgNode): string | undefined {
  for (const target of select.targetList ?? []) {
    const table = hypertableOfCall(target?.ResTarget?.val?.FuncCall);
    if (table) return table;
  }
  for (const from of select.fromClause ?? []) {
    for (const fn of from?.RangeFunction?.functions ?? []) {
      const table = hypertableOfCall(fn?.List?.items?.[0]?.FuncCall);
      if (table) return table;
    }
  }
  return undefined;
}
