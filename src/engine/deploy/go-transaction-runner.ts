/**
 * A project's own Go migrator that runs each migration file inside a transaction (fider's app/pkg/dbx/migrate.go:
 * `trx, err := BeginTx(ctx)`, then `trx.tx.Exec(string(content))` and a Commit; concourse's runMigration:
 * `tx, err := m.db.Begin()`, then `tx.Exec(migration.Statements)`). Read with tree-sitter's Go grammar (go-startup.ts),
 * loaded only when the deploy files hold a Go file named for migrating: a function that begins a transaction and
 * Execs on it something that is not a literal (a file's content, a migration's statements). Under such a runner
 * CREATE INDEX CONCURRENTLY and a COMMIT inside a DO block fail ("cannot run inside a transaction block").
 */
import type { Node } from "web-tree-sitter";
import type { SourceFile } from "../model.js";
import { goStartupFacts, withGoTree } from "./go-startup.js";
import { named } from "../code/go-syntax.js";
import { alwaysInTransaction } from "../repository/go-runners.js";

/** database/sql's, sqlx's and a project wrapper's ways to begin a transaction */
const BEGINS = new Set(["Begin", "BeginTx", "Beginx", "BeginTxx", "MustBegin", "MustBeginTx"]);
const EXECS = new Set(["Exec", "ExecContext", "MustExec", "MustExecContext"]);

/** The name a call is made through: `Begin` of `m.db.Begin()`, `BeginTx` of `BeginTx(ctx)`. */
function calleeName(call: Node): string | undefined {
  const fn = call.childForFieldName("function");
  if (fn?.type === "identifier") return fn.text;
  if (fn?.type === "selector_expression") return fn.childForFieldName("field")?.text;
  return undefined;
}

/** The identifier a selector chain starts from: `trx` of `trx.tx.Exec`. */
function rootOf(node: Node | null): string | undefined {
  let at = node;
  while (at?.type === "selector_expression") at = at.childForFieldName("operand");
  return at?.type === "identifier" ? at.text : undefined;
}

/** The variables a transaction is assigned to in `body`: `tx` of `tx, err := db.Begin()`. */
function transactionVariables(body: Node): Set<string> {
  const out = new Set<string>();
  for (const assignment of [...body.descendantsOfType("short_var_declaration"), ...body.descendantsOfType("assignment_statement")]) {
    const right = named(assignment?.childForFieldName("right"))[0];
    if (right?.type !== "call_expression" || !BEGINS.has(calleeName(right) ?? "")) continue;
    const left = named(assignment?.childForFieldName("left"))[0];
    if (left?.type === "identifier" && left.text !== "_") out.add(left.text);
  }
  return out;
}

const LITERALS = new Set(["interpreted_string_literal", "raw_string_literal"]);

/** The line of the first Exec of a non-literal statement on a transaction the same function began, if any. */
function execInTransaction(root: Node): number | undefined {
  for (const fn of [...root.descendantsOfType("function_declaration"), ...root.descendantsOfType("method_declaration")]) {
    const body = fn?.childForFieldName("body");
    if (!body) continue;
    const transactions = transactionVariables(body);
    if (transactions.size === 0) continue;
    for (const call of body.descendantsOfType("call_expression")) {
      const callee = call?.childForFieldName("function");
      if (!call || callee?.type !== "selector_expression" || !EXECS.has(callee.childForFieldName("field")?.text ?? "")) continue;
      if (!transactions.has(rootOf(callee.childForFieldName("operand")) ?? "")) continue;
      const args = named(call.childForFieldName("arguments"));
      // ExecContext(ctx, statement): the statement is the second argument
      const statement = args[/Context$/.test(callee.childForFieldName("field")!.text) ? 1 : 0];
      if (statement && !LITERALS.has(statement.type)) return call.startPosition.row + 1;
    }
  }
  return undefined;
}

/** Where a Go file Execs migration statements inside a transaction it began: its line, else undefined. */
export function goTransactionalExec(file: SourceFile): { path: string; line: number } | undefined {
  const line = withGoTree(file, execInTransaction);
  return line === undefined ? undefined : { path: file.path, line };
}

/**
 * Where a Go file calls a library that runs every migration file in a transaction it begins (repository/go-runners.ts:
 * gitness's migrate.go, `migrate.New(opts).MigrateUp(ctx)` of maragudk/migrate): the first call of its package, with
 * the library's name. A blank or dot import calls nothing by name, and is not read.
 */
export function goLibraryTransactionRunner(file: SourceFile): { path: string; line: number; library: string } | undefined {
  const facts = goStartupFacts(file);
  for (const imported of facts?.imports ?? []) {
    const library = alwaysInTransaction(imported.path);
    if (!library || imported.name === "_" || imported.name === ".") continue;
    // both module paths declare `package migrate`: the name it is used under unless the import renames it
    const call = facts!.calls.find((c) => c.package === (imported.name ?? "migrate"));
    if (call) return { path: file.path, line: call.line, library: library.name };
  }
  return undefined;
}
