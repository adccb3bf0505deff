/**
 * A project's own Go migrator that sets lock_timeout on the connection it migrates with (goalert's migrate/migrate.go:
 * `conn.Exec(ctx, \`set lock_timeout = 15000\`)` right after it connects): every migration it runs waits at most
 * that long for a lock, so require-lock-timeout's reminder is said. Read with tree-sitter's Go grammar (go-startup.ts)
 * from the Go files named for migrating; the literal given to an Exec is parsed as SQL with PostgreSQL's parser.
 */
import type { Node } from "web-tree-sitter";
import type { SourceFile } from "../model.js";
import { withGoTree } from "./go-startup.js";
import { named } from "../code/go-syntax.js";
import { segmentOperations } from "../adapters/sql/index.js";

const EXECS = new Set(["Exec", "ExecContext", "MustExec", "MustExecContext"]);

/** A Go string literal's value: a raw string as written, an interpreted one unquoted (undefined when it cannot be read). */
function literalValue(node: Node): string | undefined {
  if (node.type === "raw_string_literal") return node.text.slice(1, -1);
  if (node.type !== "interpreted_string_literal") return undefined;
  try {
    return JSON.parse(node.text) as string;
  } catch {
    return undefined;
  }
}

/** Whether the SQL sets a session lock_timeout that bounds the wait (not SET LOCAL, not 0, which means no limit). */
function setsSessionLockTimeout(sql: string): boolean {
  const { ops, errors } = segmentOperations({ text: sql, transaction: "none" });
  if (errors.length) return false;
  return ops.some((op) => op.kind === "set_setting" && op.name.toLowerCase() === "lock_timeout" && op.scope === "session" && op.value !== undefined && !/^'?0+'?$/.test(op.value.trim()));
}

/** The line of the first Exec of a literal statement that sets lock_timeout for the session, if any. */
function lockTimeoutExec(root: Node): number | undefined {
  for (const call of root.descendantsOfType("call_expression")) {
    const callee = call?.childForFieldName("function");
    if (!call || callee?.type !== "selector_expression" || !EXECS.has(callee.childForFieldName("field")?.text ?? "")) continue;
    // database/sql's Exec(query), ExecContext(ctx, query), pgx's Exec(ctx, query): the statement is one of the first two
    const statement = named(call.childForFieldName("arguments"))
      .slice(0, 2)
      .map(literalValue)
      .find((value) => value !== undefined);
    if (statement !== undefined && setsSessionLockTimeout(statement)) return call.startPosition.row + 1;
  }
  return undefined;
}

/** Where a Go migrator sets lock_timeout on its connection: its line, else undefined. */
export function goSessionLockTimeout(file: SourceFile): { path: string; line: number } | undefined {
  const line = withGoTree(file, lockTimeoutExec);
  return line === undefined ? undefined : { path: file.path, line };
}
