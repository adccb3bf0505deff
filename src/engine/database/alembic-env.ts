/**
 * How an Alembic env.py runs the revisions of one `alembic upgrade`: by default (no
 * `transaction_per_migration=True` in `context.configure`) every pending revision runs in ONE transaction, so a
 * fix that moves a step into a later revision releases no lock: the lock the first revision took is held until
 * the last one commits. Read with tree-sitter (the same evaluator as the database signals), never by pattern.
 */
import { withPythonTree, type PyNode } from "../adapters/python/parser.js";
import { Imports, lastSegment } from "../adapters/python/imports.js";
import { evaluate, type PyValue } from "../adapters/python/values.js";
import { dirOf } from "../paths.js";
import type { Migration, SourceFile } from "../model.js";
import { signalKind } from "./signal-paths.js";
import { externalTransactionIn } from "./alembic-external-transaction.js";

/** The shape and its fields' meaning: model.ts's `alembicTransactions`, where a revision carries it. */
export type AlembicTransactions = NonNullable<Migration["alembicTransactions"]>;

/** SQLAlchemy's engine factories that take `future=` (1.4's opt-in to 2.0's Connection) */
const FUTURE_ENGINE_FACTORIES = new Set(["create_engine", "engine_from_config"]);

/** Every call of an env.py with what it evaluates to (names resolved through its imports), in source order. */
export function* evaluatedCalls(root: PyNode): Generator<{ call: PyNode; value: PyValue }> {
  const imports = Imports.of(root);
  for (const call of root.descendantsOfType("call")) if (call) yield { call, value: evaluate(call, { imports }) };
}

/** What env.py's `context.configure(...)` calls say; undefined when it has none (a custom runner migguard cannot read). */
export function readAlembicTransactions(path: string, content: string): AlembicTransactions | undefined {
  return withPythonTree(content, (root) => {
    let configured = false;
    let shared: boolean | undefined = true;
    let splat: string | undefined;
    let targetMetadata: string | undefined;
    const connections: Array<{ call: PyNode; connection: string; name?: string }> = [];
    let futureEngine = false;
    for (const { call, value } of evaluatedCalls(root)) {
      if (value.kind === "call" && FUTURE_ENGINE_FACTORIES.has(lastSegment(value.callee))) {
        const future = value.kwargs.get("future");
        if (future?.kind === "bool" && future.value) futureEngine = true;
      }
      if (value.kind !== "call" || !/(?:^|\.)configure$/.test(value.callee) || !/context/.test(value.callee)) continue;
      configured = true;
      // configure(connection=None, url=None, ...): the connection online mode passes, by keyword or first
      const connection = value.kwargs.get("connection") ?? value.args[0];
      const written = keywordArgumentText(call, "connection") ?? firstArgumentText(call);
      if (written !== undefined) connections.push({ call, connection: written, ...(connection?.kind === "name" && !connection.text.includes(".") ? { name: connection.text } : {}) });
      const metadata = value.kwargs.get("target_metadata");
      if (metadata && metadata.kind !== "none" && !(metadata.kind === "name" && assignedNone(root, metadata.text))) targetMetadata = keywordArgumentText(call, "target_metadata") ?? targetMetadata;
      const flag = value.kwargs.get("transaction_per_migration");
      // any configure call (online mode's) asking for a transaction per revision: each revision commits on its own;
      // a computed flag leaves it unknown, unless another call asks for it
      if (flag?.kind === "bool" && flag.value) shared = false;
      else if (flag && flag.kind !== "bool" && shared === true) shared = undefined;
      if (value.splat) splat = splatText(call) ?? splat;
    }
    if (!configured) return undefined;
    const external = externalTransactionIn(path, connections);
    const autocommit = autocommitConnection(root, connections);
    return { path, shared, ...(autocommit ? { autocommit: { path, line: autocommit } } : {}), ...(splat && shared ? { splat } : {}), ...(targetMetadata ? { targetMetadata } : {}), ...(external ? { external } : {}), ...(futureEngine ? { futureEngine: true as const } : {}) };
  });
}

/**
 * The line of a call giving `isolation_level="AUTOCOMMIT"` (execution_options, connect, create_engine) before a
 * context.configure call, in its function or at module level (where its engine is made): the connection the
 * revisions run on commits every statement on its own.
 */
function autocommitConnection(root: PyNode, configures: ReadonlyArray<{ call: PyNode }>): number | undefined {
  for (const { call, value } of evaluatedCalls(root)) {
    if (value.kind !== "call") continue;
    const level = value.kwargs.get("isolation_level");
    if (level?.kind !== "str" || level.value.toUpperCase() !== "AUTOCOMMIT") continue;
    const scope = functionOf(call);
    if (configures.some((c) => c.call.startIndex > call.startIndex && (scope === undefined || functionOf(c.call)?.id === scope.id))) return call.startPosition.row + 1;
  }
  return undefined;
}

/** The function a node is in; undefined at module level. */
function functionOf(node: PyNode): PyNode | undefined {
  for (let at = node.parent; at; at = at.parent) if (at.type === "function_definition") return at;
  return undefined;
}

/** Every module-level assignment of `name` is `name = None` (Alembic's generic template: `target_metadata = None`). */
function assignedNone(root: PyNode, name: string): boolean {
  const values = root.namedChildren.flatMap((statement) => {
    const assignment = statement?.type === "expression_statement" ? statement.namedChildren[0] : undefined;
    return assignment?.type === "assignment" && assignment.childForFieldName("left")?.text === name ? [assignment.childForFieldName("right")?.type] : [];
  });
  return values.length > 0 && values.every((type) => type === "none");
}

/** The value of a call's keyword argument `name`, as written. */
function keywordArgumentText(call: PyNode, name: string): string | undefined {
  const args = call.childForFieldName("arguments");
  const keyword = args?.namedChildren.find((c) => c?.type === "keyword_argument" && c.childForFieldName("name")?.text === name);
  return keyword?.childForFieldName("value")?.text;
}

/** The first positional argument of a call, as written. */
function firstArgumentText(call: PyNode): string | undefined {
  const first = call.childForFieldName("arguments")?.namedChildren[0];
  return first && first.type !== "keyword_argument" && first.type !== "dictionary_splat" && first.type !== "list_splat" ? first.text : undefined;
}

/** The `**kwargs` argument of a call, as written. */
function splatText(call: PyNode): string | undefined {
  const args = call.childForFieldName("arguments");
  const splat = args?.namedChildren.find((c) => c?.type === "dictionary_splat");
  return splat?.text;
}

/** The env.py of the script location a revision at `migrationPath` belongs to (the folder above its `versions/`). */
export function alembicEnvFor(migrationPath: string, files: ReadonlyMap<string, SourceFile>): SourceFile | undefined {
  // `versions/` or a version_locations folder named `<name>_versions/`
  const folders = migrationPath.split("/").slice(0, -1);
  const at = folders.findLastIndex((f) => /^(?:\w+_)?versions$/.test(f));
  if (at < 1) return undefined;
  const scriptLocation = folders.slice(0, at).join("/");
  for (const file of files.values()) if (signalKind(file.path) === "alembic-env" && dirOf(file.path) === scriptLocation) return file;
  return undefined;
}
