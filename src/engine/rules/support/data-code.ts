/**
 * The code of a migration's data operations, as it can be moved into a migration of its own: SQL statements as
 * written, SQL a Ruby or Python migration runs through `execute` / RunSQL / op.execute as that call again, and
 * Ruby or Python code as written (re-indented to stand alone). A fix that moves a data change must carry it.
 */
import type { Database, Framework, Operation } from "../../model.js";
import { embedSql, sqlCall } from "./embed-sql.js";
import { commentMarker } from "./fix.js";

/** Lines after the first keep their indentation relative to the call's own column (the least-indented of them). */
export function reindented(text: string): string {
  const [first, ...rest] = text.split("\n");
  const indents = rest.filter((l) => l.trim() !== "").map((l) => l.length - l.trimStart().length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return [first, ...rest.map((l) => l.slice(Math.min(cut, l.length - l.trimStart().length)))].join("\n");
}

/** One data operation as code of `framework` that does the same work. */
export function dataCode(framework: Framework, op: Operation): string {
  const text = op.text.trim().replace(/;\s*$/, "");
  if (framework === "sql") return `${text};`;
  // SQL with parts the host language computes: the call as written (its `#{...}` kept, never a placeholder name)
  if (op.embeddedSql && op.hostCall) return reindented(op.hostCall.trim());
  if (op.embeddedSql) return sqlCall(framework, text);
  return reindented(text);
}

/** The operations whose code stands for `ops`: a write found inside a RunPython function is carried by the RunPython on its line. */
export function codeOperations(ops: readonly Operation[]): readonly Operation[] {
  const carried = (op: Operation) => op.kind === "dml" && op.viaCode === true && ops.some((o) => o.kind === "data_migration" && o.loc.line === op.loc.line);
  return ops.some(carried) ? ops.filter((op) => !carried(op)) : ops;
}

/** Several operations' code, each once (one RunSQL may hold several statements). */
export function dataCodeOf(framework: Framework, ops: readonly Operation[]): string {
  return [...new Set(codeOperations(ops).map((op) => dataCode(framework, op)))].join("\n");
}

/**
 * Steps written as SQL (a copy, a check) in the migration's language, then the operation itself as written:
 * the fix adds safety around the work without dropping it.
 */
export function beforeOperation(framework: Framework, sqlSteps: string, op: Operation, trailingComment = "", database?: Database): string {
  const original = dataCode(framework, op);
  const own = framework === "django" && !original.trimEnd().endsWith(",") ? `${original},` : original;
  const comment = trailingComment ? `  ${commentMarker(framework)} ${trailingComment}` : "";
  const lines = own.split("\n");
  // the comment goes on the first line, where it cannot land inside a heredoc or a string
  lines[0] += comment;
  return `${embedSql(framework, sqlSteps, database)}\n${lines.join("\n")}`;
}
