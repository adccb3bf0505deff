/**
 * Alembic's `with op.batch_alter_table(...) as batch_op:` queues its operations and runs them when the block
 * exits. A fix made of `op.*` calls (an autocommit_block with a concurrent index build, an op.execute) put where
 * a batch call was would run before the batch's queued add_column and find no column: it goes after the block.
 */
import type { Framework, Operation } from "../../model.js";
import { withPythonTree, type PyNode } from "../../adapters/python/parser.js";
import { argumentText, keywordText, withCalleeRenamed, withKeyword, withPositionalAt } from "./python-call.js";

/** The fix calls the batch's alias itself (`batch_op.create_foreign_key(..., postgresql_not_valid=True)`): it stays in the block. */
function callsAlias(fix: string, alias: string): boolean {
  return withPythonTree(fix, (root) =>
    root.descendantsOfType("call").some((call: PyNode) => {
      const fn = call.childForFieldName("function");
      return fn?.type === "attribute" && fn.childForFieldName("object")?.text === alias;
    }),
  );
}

/**
 * `fix`, meant to replace `op`, as it must be written when `op` is a call of a batch block: the block without
 * that call, then the fix after it. Unchanged for other frameworks, calls outside a batch block, and fixes that
 * keep using the batch.
 */
export function inPlaceOf(framework: Framework, op: Operation | undefined, fix: string): string {
  const block = op?.batchBlock;
  if (framework !== "alembic" || !block || !fix.trim() || callsAlias(fix, block.alias)) return fix;
  const note = `# ${block.alias}'s operations run when its with block exits: this goes after the block, once they have run`;
  return block.without ? `${block.without}\n${note}\n${fix}` : `# in place of the whole with block (this was its only operation):\n${fix}`;
}

/**
 * The table (and schema) of the `op.batch_alter_table(...)` that opens `block`, as written there (a string, a
 * variable): what the batch's calls leave implicit and an `op.*` call must say. Undefined when it cannot be read.
 */
export function batchTarget(source: string | undefined, block: { line: number; endLine: number } | undefined): { table: string; schema?: string } | undefined {
  if (!source || !block) return undefined;
  const lines = source.split("\n").slice(block.line - 1, block.endLine);
  const indent = lines[0] ? lines[0].length - lines[0].trimStart().length : 0;
  const text = lines.map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length))).join("\n");
  const header = withPythonTree(text, (root) =>
    root.descendantsOfType("call").find((c: PyNode | null) => /(?:^|\.)batch_alter_table$/.test(c?.childForFieldName("function")?.text ?? ""))?.text,
  );
  const table = header && argumentText(header, 0, "table_name");
  if (!header || !table) return undefined;
  const schema = keywordText(header, "schema");
  return { table, schema: schema && schema !== "None" ? schema : undefined };
}

/**
 * A batch call (`batch_op.create_index(batch_op.f("ix_t_c"), ["c"], unique=False)`) as the `op.*` call that does the
 * same outside the block, every argument as written: `op.create_index(op.f("ix_t_c"), "t", ["c"], unique=False)`.
 * `tableAt`: the positional place of the table the batch supplied (create_index: 1), or undefined for a call that
 * takes it as `table_name=` (drop_index). Undefined when the block's table cannot be read.
 */
export function outOfBatch(call: string, op: Operation, source: string | undefined, tableAt: number | undefined): string | undefined {
  const block = op.batchBlock;
  const target = batchTarget(source, block?.loc);
  if (!block || !target) return undefined;
  let out = withCalleeRenamed(call, `${block.alias}.f`, "op.f");
  const callee = /^\s*([\w.]+)\(/.exec(out ?? "")?.[1];
  if (!out || !callee?.startsWith(`${block.alias}.`)) return undefined;
  out = `op.${callee.slice(block.alias.length + 1)}${out.trimStart().slice(callee.length)}`;
  out = (tableAt !== undefined ? withPositionalAt(out, tableAt, target.table) : undefined) ?? withKeyword(out, "table_name", target.table);
  return out && target.schema ? withKeyword(out, "schema", target.schema) : out;
}

/**
 * The batch block `op` is a call of, written without that call nor the statements of `others` (calls of the same
 * block a fix also replaces: the drop_index an index's replacement takes over), dedented as `without` is; "" when
 * none of its statements is left. Undefined when `op` is no statement of a batch block, or the block cannot be read.
 */
export function batchWithout(op: Operation, others: readonly Operation[], source: string | undefined): string | undefined {
  const block = op.batchBlock;
  if (!block || !source) return undefined;
  const mine = others.filter((o) => o.batchBlock?.loc.line === block.loc.line);
  if (!mine.length) return block.without;
  const removed = (row: number) => [op, ...mine].some((o) => row >= o.loc.line && row <= o.loc.endLine);
  const lines = source.split("\n").slice(block.loc.line - 1, block.loc.endLine);
  const indent = lines[0] ? lines[0].length - lines[0].trimStart().length : 0;
  const kept = lines
    .filter((_, i) => !removed(block.loc.line + i))
    .map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length)))
    .join("\n")
    .trimEnd();
  // a statement left in the block's body (not a comment): the block stays, else it goes as a whole
  const left = withPythonTree(kept, (root) => {
    const body = root.descendantsOfType("with_statement")[0]?.childForFieldName("body");
    return Boolean(body && !root.hasError && body.namedChildren.some((s: PyNode | null) => s && s.type !== "comment"));
  });
  return left ? kept : "";
}

/**
 * The batch block `op` is a call of, with that call alone in its body (dedented): the operation as written, for
 * the databases that keep it where a fix takes its place (a batch call made after its block exits would be queued
 * and never run). Undefined when `op` is no statement of a batch block or the block cannot be read.
 */
export function batchWithOnly(op: Operation, source: string | undefined): string | undefined {
  const block = op.batchBlock;
  if (!block || !source) return undefined;
  const lines = source.split("\n").slice(block.loc.line - 1, block.loc.endLine);
  const indent = lines[0] ? lines[0].length - lines[0].trimStart().length : 0;
  const dedented = lines.map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length)));
  const bodyRow = withPythonTree(dedented.join("\n"), (root) => {
    const body = root.descendantsOfType("with_statement")[0]?.childForFieldName("body");
    return body && !root.hasError ? body.startPosition.row : undefined;
  });
  if (bodyRow === undefined) return undefined;
  const [from, to] = [op.loc.line - block.loc.line, op.loc.endLine - block.loc.line];
  return dedented.filter((_, i) => i < bodyRow || (i >= from && i <= to)).join("\n");
}
