/**
 * The statements an Alembic revision runs after a COMMIT sent as SQL, rewritten to run in Alembic's transaction.
 * A statement the revision expects may fail and catches (bodhi's `try: op.execute("SHOW bdr.permit_ddl_locking")
 * except exc.ProgrammingError: pass`) only worked because the COMMIT left it in autocommit: in a transaction its
 * failure aborts the transaction, and every statement after it fails. A SAVEPOINT around the try's body
 * (`op.get_bind().begin_nested()`) rolls back only that failure and keeps the transaction usable; a statement that
 * cannot run in a transaction at all goes in an autocommit_block.
 */
import type { Operation } from "../../model.js";
import { withPythonTree } from "../../adapters/python/parser.js";

const INDENT = "    ";

/** Lines `from`..`to` (0-based rows) of `lines`, cut by `column` (the statement's own indentation). */
const cut = (lines: readonly string[], from: number, to: number, column: number) => lines.slice(from, to + 1).map((l) => l.slice(Math.min(column, l.length - l.trimStart().length)));

/**
 * The function body's statements after the one on `commitLine` (1-based), as code that runs in Alembic's transaction,
 * or undefined when none of them is a try whose body the savepoint must cover (the caller's plainer fix applies) or
 * the source cannot be read so.
 */
export function afterCommitInTransaction(source: string | undefined, commitLine: number, ops: readonly Operation[], needsAutocommit: (op: Operation) => boolean): { commit: string; code: string } | undefined {
  if (!source) return undefined;
  const lines = source.split("\n");
  return withPythonTree(source, (root) => {
    const commit = root.descendantsOfType("expression_statement").find((s) => s?.startPosition.row === commitLine - 1);
    const block = commit?.parent;
    if (!commit || !block || block.type !== "block") return undefined;
    const after = block.namedChildren.filter((s) => s.startPosition.row > commit.endPosition.row && s.type !== "comment");
    if (!after.some((s) => s.type === "try_statement")) return undefined;
    const pieces: string[] = [];
    for (const statement of after) {
      const { row: start, column } = statement.startPosition;
      const end = statement.endPosition.row;
      if (statement.type === "try_statement") {
        const body = statement.childForFieldName("body");
        // a one-line `try: x` has no body of its own lines to put under the savepoint
        if (!body || body.startPosition.row === start) return undefined;
        const bodyIndent = body.startPosition.column - column;
        // the savepoint opens right after `try:`, over the body and the comments before its first statement
        const text = cut(lines, start, end, column).flatMap((line, i) => {
          const row = start + i;
          const inBody = row > start && row <= body.endPosition.row;
          if (!inBody) return [line];
          const shifted = line.trim() ? `${INDENT}${line}` : line;
          return row === start + 1
            ? [`${" ".repeat(bodyIndent)}# a SAVEPOINT: a failure here rolls back to it, and Alembic's transaction goes on`, `${" ".repeat(bodyIndent)}with op.get_bind().begin_nested():`, shifted]
            : [shifted];
        });
        pieces.push(text.join("\n"));
        continue;
      }
      const text = cut(lines, start, end, column).join("\n");
      const outside = ops.some((op) => op.loc.line - 1 >= start && op.loc.line - 1 <= end && needsAutocommit(op));
      pieces.push(outside ? ["with op.get_context().autocommit_block():", ...text.split("\n").map((l) => (l.trim() ? `${INDENT}${l}` : l))].join("\n") : text);
    }
    // the COMMIT's call as written, without a comment after it on its line
    return { commit: commit.text, code: pieces.join("\n") };
  });
}
