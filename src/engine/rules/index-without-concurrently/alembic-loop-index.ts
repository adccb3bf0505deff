/**
 * An index an Alembic loop over a literal list builds once per item (fides' `for key in KEYS: for partition in
 * PARTITIONS: op.execute(f"CREATE INDEX ...")`): the fix keeps the loop as written, the Python that names each
 * index and table included, in an autocommit block (CONCURRENTLY refuses a transaction), each build CONCURRENTLY:
 * an `op.create_index` call gets postgresql_concurrently=True, an `op.execute` whose SQL literal begins with
 * CREATE [UNIQUE] INDEX gets CONCURRENTLY after INDEX. The loop is read with the Python grammar; one item's
 * statement in its place would build one index where the loop builds them all.
 */
import type { Operation, OperationOf } from "../../model.js";
import type { RuleContext } from "../support/rule.js";
import { withPythonTree, type PyNode } from "../../adapters/python/parser.js";
import { withKeyword } from "../support/python-call.js";

/** What the fix is: the loop rewritten, or why migguard cannot rewrite it. */
export type LoopIndexFix = { code: string } | { reason: string };

const INDEX_CALLS = /(?:^|\.)(create_index|execute)$/;
/** The start of an index build in SQL, before CONCURRENTLY would go: `CREATE [UNIQUE] INDEX` */
const CREATE_INDEX = /^\s*CREATE\s+(?:UNIQUE\s+)?INDEX\b/i;

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** The first piece of literal text of a call's first argument (an f-string's text before its first `{...}`). */
function firstLiteralPiece(call: PyNode): PyNode | undefined {
  const first = call.childForFieldName("arguments")?.namedChildren.find((n) => n !== null && n.type !== "comment" && n.type !== "keyword_argument");
  if (!first) return undefined;
  const walk = (node: PyNode): PyNode | undefined => {
    if (node.type === "string_content") return node;
    if (node.type === "interpolation") return undefined;
    for (const child of node.namedChildren) {
      if (!child) continue;
      const found = walk(child);
      if (found || child.type === "interpolation") return found;
    }
    return undefined;
  };
  // through a wrapper such as sa.text(...)
  const arg = first.type === "call" ? first.childForFieldName("arguments")?.namedChildren[0] : first;
  return arg ? walk(arg) : undefined;
}

/** The edit that makes one build CONCURRENTLY, or why it cannot be made. */
function concurrentEdit(call: PyNode): Edit | string {
  const callee = call.childForFieldName("function")?.text ?? "";
  if (callee.endsWith("create_index")) {
    const text = withKeyword(call.text, "postgresql_concurrently", "True");
    return text ? { start: call.startIndex, end: call.endIndex, text } : `its ${callee} call on line ${call.startPosition.row + 1} of the loop is not one call`;
  }
  const piece = firstLiteralPiece(call);
  const head = piece ? CREATE_INDEX.exec(piece.text) : null;
  if (!piece || !head) return `the SQL of its ${callee} call does not begin with CREATE INDEX written in the call`;
  const at = piece.startIndex + head[0].length;
  return { start: at, end: at, text: " CONCURRENTLY" };
}

/** The innermost create_index / execute call of the loop holding `row` (0-based, in the loop's text). */
function callAt(root: PyNode, row: number): PyNode | undefined {
  let found: PyNode | undefined;
  const visit = (node: PyNode) => {
    if (node.startPosition.row > row || node.endPosition.row < row) return;
    if (node.type === "call" && INDEX_CALLS.test(node.childForFieldName("function")?.text ?? "")) found = node;
    for (const child of node.namedChildren) if (child) visit(child);
  };
  visit(root);
  return found;
}

/** The loop's lines from the migration's source, dedented to the `for` statement's column. */
function loopText(source: string, loop: { line: number; endLine: number }): string | undefined {
  const lines = source.split("\n").slice(loop.line - 1, loop.endLine);
  const indent = lines[0] ? lines[0].length - lines[0].trimStart().length : 0;
  if (!lines[0]?.trimStart().startsWith("for ") || lines.some((l) => l.trim() !== "" && l.length - l.trimStart().length < indent)) return undefined;
  return lines.map((l) => l.slice(indent)).join("\n");
}

export function alembicLoopIndexFix(ctx: RuleContext, op: OperationOf<"add_index">): LoopIndexFix | undefined {
  const loop = op.loop;
  if (!loop) return undefined;
  const source = ctx.migration.source;
  const text = source ? loopText(source, loop) : undefined;
  if (!text) return { reason: "its source is not there to read" };
  const inLoop: Operation[] = ctx.migration.up.filter((o) => o.loop?.line === loop.line);
  // the whole loop moves out of the transaction: only when all it does to the schema is build indexes
  const other = inLoop.find((o) => o.kind !== "add_index");
  if (other) return { reason: `it also runs ${other.kind.replace(/_/g, " ")} on line ${other.loc.line}, which would leave the transaction with it` };
  const builds = inLoop.filter((o): o is OperationOf<"add_index"> => o.kind === "add_index" && !o.concurrently);
  const rewritten = withPythonTree(text, (root): { loop: string } | { reason: string } => {
    if (root.hasError) return { reason: "the loop does not parse on its own" };
    const edits: Edit[] = [];
    for (const build of builds) {
      const call = callAt(root, build.loc.line - loop.line);
      if (!call) return { reason: `the build on line ${build.loc.line} is not an op.create_index or op.execute call written in the loop` };
      // every item's build comes from the same call: it is edited once
      if (edits.some((e) => e.start >= call.startIndex && e.end <= call.endIndex)) continue;
      const edit = concurrentEdit(call);
      if (typeof edit === "string") return { reason: edit };
      edits.push(edit);
    }
    let out = text;
    for (const edit of edits.sort((a, b) => b.start - a.start)) out = `${out.slice(0, edit.start)}${edit.text}${out.slice(edit.end)}`;
    return { loop: out };
  });
  if ("reason" in rewritten) return rewritten;
  return {
    code: [
      `# the loop of lines ${loop.line}-${loop.endLine} builds this index once per item: it stays as written, outside the transaction, each index CONCURRENTLY`,
      `# (a build that fails leaves an INVALID index: drop it with DROP INDEX CONCURRENTLY before running the revision again)`,
      "with op.get_context().autocommit_block():",
      ...rewritten.loop.split("\n").map((l) => (l.trim() ? `    ${l}` : "")),
    ].join("\n"),
  };
}
