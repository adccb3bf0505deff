/**
 * Django's RunSQL sends each item of a list whole, as one query (a single string it splits into statements itself):
 * two statements in one item are one implicit transaction, which CONCURRENTLY refuses even with `atomic = False`.
 * The call as written, with each such item of its `sql` and `reverse_sql` lists split into one item per statement
 * (statements read by PostgreSQL's parser; the call read with tree-sitter's Python grammar).
 */
import { withPythonTree, type PyNode } from "../../adapters/python/parser.js";
import { callParts, plainString } from "../../adapters/python/nodes.js";
import { pythonString } from "./embed-sql.js";
import { sqlPieces } from "./sql-text.js";

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** One item per statement for each string item of `list` holding several; a string with escapes is left as it is. */
function splitItems(list: PyNode, text: string): Edit[] {
  const edits: Edit[] = [];
  for (const item of list.namedChildren) {
    if (!item || item.type !== "string") continue;
    const sql = plainString(item);
    if (sql === undefined || sql.includes("\\")) continue;
    const statements = (sqlPieces(sql) ?? []).filter((p) => p.kind === "statement");
    if (statements.length < 2) continue;
    const lineStart = text.lastIndexOf("\n", item.startIndex - 1) + 1;
    const pad = text.slice(lineStart, item.startIndex);
    const separator = /^\s*$/.test(pad) ? `,\n${pad}` : ", ";
    edits.push({ start: item.startIndex, end: item.endIndex, text: statements.map((s) => pythonString(s.text.trim())).join(separator) });
  }
  return edits;
}

/** `call` (a RunSQL, dedented) with one statement per list item; undefined when no item holds several statements. */
export function runSqlOneStatementPerItem(call: string): string | undefined {
  const text = call.trim();
  const edits = withPythonTree(text, (root) => {
    const statement = root.namedChildren[0];
    const outer = statement?.type === "expression_statement" ? statement.namedChildren[0] : undefined;
    const parts = !root.hasError && outer?.type === "call" ? callParts(outer) : undefined;
    if (!parts || !/(?:^|\.)RunSQL$/.test(parts.function.text)) return undefined;
    const sql = parts.keywords.get("sql") ?? parts.positional[0];
    const reverse = parts.keywords.get("reverse_sql") ?? parts.positional[1];
    return [sql, reverse].flatMap((value) => (value?.type === "list" ? splitItems(value, text) : []));
  });
  if (!edits?.length) return undefined;
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = `${out.slice(0, e.start)}${e.text}${out.slice(e.end)}`;
  return out;
}
