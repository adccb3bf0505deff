/**
 * An env.py that runs a statement on its connection before `context.configure(connection=...)` (onyx's
 * `connection.execute(text('SET search_path ...'))`): under SQLAlchemy 2.0 (or 1.4 with future=True) that execute
 * autobegins a transaction Alembic did not begin, so Alembic treats it as external, and
 * `op.get_context().autocommit_block()` fails its `assert self._transaction is not None` (alembic/runtime/
 * migration.py): the connection is in a transaction but Alembic holds none. Read with tree-sitter, never by pattern.
 */
import type { PyNode } from "../adapters/python/parser.js";
import type { Migration } from "../model.js";

/** model.ts's `alembicTransactions.external`, where its fields are described. */
export type ExternalTransaction = NonNullable<NonNullable<Migration["alembicTransactions"]>["external"]>;

/**
 * The first env.py statement that leaves its connection in a transaction when context.configure receives it;
 * undefined if none. `configures`: env.py's context.configure calls (alembic-env.ts recognises them through the
 * imports), each with the connection it receives as written, and that connection's name where it is a plain name.
 */
export function externalTransactionIn(path: string, configures: ReadonlyArray<{ call: PyNode; connection: string; name?: string }>): ExternalTransaction | undefined {
  for (const { call, connection } of configures) {
    const begin = heldBegin(call);
    if (begin) return { path, line: begin.startPosition.row + 1, connection, begun: begin.text };
  }
  for (const { call, name } of configures) {
    const found = name ? pendingExecute(scopeOf(call), name, call) : undefined;
    if (found) return { path, line: found.startPosition.row + 1, connection: name! };
  }
  return undefined;
}

/** SQLAlchemy's calls that begin a transaction and return it (Connection.begin, begin_twophase; Engine.begin). */
const BEGINS = new Set(["begin", "begin_twophase"]);

/** `<receiver>.begin()` / `.begin_twophase()` on anything but Alembic's context (whose own is begin_transaction). */
function isBegin(call: PyNode): boolean {
  const fn = call.childForFieldName("function");
  return fn?.type === "attribute" && BEGINS.has(fn.childForFieldName("attribute")?.text ?? "");
}

/**
 * The begin() whose transaction is still open when `configure` runs: a `with X.begin():` around configure (funnel's
 * generic `with connectable.begin() as connection:`), or the last one called before configure in its scope
 * (funnel's `rec['transaction'] = conn.begin()`) that is not the item of a `with` ending before configure.
 */
function heldBegin(configure: PyNode): PyNode | undefined {
  for (let at = configure.parent; at; at = at.parent) {
    if (at.type === "function_definition") break;
    if (at.type !== "with_statement") continue;
    const item = withItems(at).find((i) => i.type === "call" && isBegin(i));
    if (item) return item;
  }
  const scope = scopeOf(configure);
  let held: PyNode | undefined;
  for (const call of scope.descendantsOfType("call")) {
    if (!call || call.startIndex >= configure.startIndex || scopeOf(call).id !== scope.id || !isBegin(call)) continue;
    if (!closesBefore(call, configure)) held = call;
  }
  return held;
}

/** The expressions a with statement enters (`with a() as x, b():` -> a(), b()). */
function withItems(statement: PyNode): PyNode[] {
  return statement
    .descendantsOfType("with_item")
    .filter((i) => i !== null && i.parent?.parent?.id === statement.id)
    .flatMap((i) => {
      const value = i!.namedChildren[0];
      // `X.begin() as conn` is an as_pattern around the call
      const call = value?.type === "as_pattern" ? value.namedChildren[0] : value;
      return call ? [call] : [];
    });
}

/** A begin() entered by a `with` that ends before `before`: its transaction commits on exit. */
function closesBefore(begin: PyNode, before: PyNode): boolean {
  for (let at = begin.parent; at; at = at.parent) if (at.type === "with_statement") return at.endIndex <= before.startIndex && withItems(at).some((i) => i.id === begin.id);
  return false;
}

/** The function (or module) a call runs in: the statements before it there run before it. */
function scopeOf(node: PyNode): PyNode {
  let at: PyNode | null = node.parent;
  while (at && at.type !== "function_definition" && at.type !== "module") at = at.parent;
  return at ?? node.tree.rootNode;
}

/** `<conn>.<method>(...)`, the method's name when the receiver is `conn`. */
function methodOn(call: PyNode, conn: string): string | undefined {
  const fn = call.childForFieldName("function");
  return fn?.type === "attribute" && fn.childForFieldName("object")?.text === conn ? fn.childForFieldName("attribute")?.text : undefined;
}

/** Inside `with <conn>.begin():` that ends before `before`: that block commits on exit. */
function insideClosedBegin(node: PyNode, conn: string, before: PyNode): boolean {
  for (let at = node.parent; at; at = at.parent) {
    if (at.type !== "with_statement" || at.endIndex > before.startIndex) continue;
    const items = at.descendantsOfType("with_item").filter((i) => i !== null && i.parent?.parent?.id === at.id);
    if (items.some((i) => i!.namedChildren[0]?.type === "call" && methodOn(i!.namedChildren[0], conn) === "begin")) return true;
  }
  return false;
}

/** The last `<conn>.execute(...)` before `configure` in its scope (the one every path runs, past a conditional CREATE SCHEMA) that nothing commits before configure. */
function pendingExecute(scope: PyNode, conn: string, configure: PyNode): PyNode | undefined {
  let pending: PyNode | undefined;
  for (const call of scope.descendantsOfType("call")) {
    if (!call || call.startIndex >= configure.startIndex || scopeOf(call).id !== scope.id) continue;
    const method = methodOn(call, conn);
    if ((method === "execute" || method === "exec_driver_sql") && !insideClosedBegin(call, conn, configure)) pending = call;
    if (method === "commit" || method === "rollback") pending = undefined;
  }
  return pending;
}
