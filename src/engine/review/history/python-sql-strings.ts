/**
 * The Python strings of a migration that are SQL, and the form they are compared in. A RunSQL's `sql` and
 * `reverse_sql`, the query a `.execute()` runs (a cursor's, a schema editor's, Alembic's `op`), given as a literal
 * or as a constant the module or the function assigns: PostgreSQL reads them token by token, so the white space
 * between tokens is formatting (galaxy_ng d2a3f2e952 stripped trailing spaces inside a RunSQL and a trigger
 * function). Text inside a string literal ('...') still counts, and so does where a Python placeholder (`%s`,
 * `%(name)s`, `{name}`, `:name`) is glued to its neighbours, which decides whether it is one.
 */
import type { PyNode } from "../../adapters/python/parser.js";
import { keywordArgument } from "../../adapters/python/nodes.js";
import { pgScanTokens, type ScanToken } from "../../adapters/sql/pg-query.js";

const STRINGS = new Set(["string", "concatenated_string"]);

/** Calls whose first argument is the SQL they run: `cursor.execute(sql, params)`, `schema_editor.execute(sql)`, `op.execute(sql)`. */
const EXECUTES = new Set(["execute", "executemany"]);

const argumentsOf = (call: PyNode) => call.childForFieldName("arguments")?.namedChildren.filter((c) => c.type !== "comment") ?? [];
const calledName = (call: PyNode) => {
  const fn = call.childForFieldName("function");
  return fn?.type === "attribute" ? (fn.childForFieldName("attribute")?.text ?? "") : (fn?.text ?? "");
};

/** The argument at `position`, or given as `keyword`. */
function argument(call: PyNode, position: number, keyword: string): PyNode | undefined {
  const named = keywordArgument(call, keyword);
  if (named) return named;
  const args = argumentsOf(call);
  // Python puts positional arguments first; a splat before the one wanted hides where it is
  const positional = args.filter((a) => a.type !== "keyword_argument" && a.type !== "dictionary_splat");
  return positional.slice(0, position + 1).some((a) => a.type === "list_splat") ? undefined : positional[position];
}

/** `NAME = value` assignments directly in `scope` (a module or a function body, at any depth outside nested functions). */
function assignmentsIn(scope: PyNode, name: string): PyNode[] {
  const out: PyNode[] = [];
  const visit = (node: PyNode) => {
    for (const child of node.namedChildren) {
      if (child.type === "function_definition" || child.type === "class_definition" || child.type === "lambda") continue;
      if (child.type === "assignment" && child.childForFieldName("left")?.type === "identifier" && child.childForFieldName("left")?.text === name) {
        const right = child.childForFieldName("right");
        if (right) out.push(right);
      }
      visit(child);
    }
  };
  visit(scope);
  return out;
}

/**
 * The ids of the string nodes of `root` (a module) that are SQL a migration runs: see the module comment. A name
 * is followed to its assignments in the function the call is in, then at module level.
 */
export function sqlStringIds(root: PyNode): Set<number> {
  const ids = new Set<number>();
  const seen = new Set<number>();
  const mark = (node: PyNode | null | undefined, from: PyNode, depth = 0): void => {
    if (!node || depth > 8 || seen.has(node.id)) return;
    seen.add(node.id);
    if (STRINGS.has(node.type)) {
      ids.add(node.id);
      if (node.type === "concatenated_string") node.namedChildren.forEach((c) => c.type === "string" && ids.add(c.id));
      return;
    }
    switch (node.type) {
      case "parenthesized_expression":
        node.namedChildren.forEach((c) => mark(c, from, depth + 1));
        return;
      // RunSQL's list of statements, each a string or a (sql, params) pair
      case "list":
      case "tuple":
        for (const item of node.namedChildren) mark(item.type === "tuple" || item.type === "list" ? item.namedChildren.find((c) => c.type !== "comment") : item, from, depth + 1);
        return;
      // "..." % params, "..." + "...": the strings are the SQL's text
      case "binary_operator":
        if (["%", "+"].includes(node.childForFieldName("operator")?.text ?? "")) {
          mark(node.childForFieldName("left"), from, depth + 1);
          if (node.childForFieldName("operator")?.text === "+") mark(node.childForFieldName("right"), from, depth + 1);
        }
        return;
      case "call": {
        const fn = node.childForFieldName("function");
        // "...".format(...), sa.text("...")
        if (fn?.type === "attribute" && fn.childForFieldName("attribute")?.text === "format") mark(fn.childForFieldName("object"), from, depth + 1);
        else if (calledName(node) === "text") mark(argument(node, 0, "text"), from, depth + 1);
        return;
      }
      case "identifier": {
        const scope = enclosingFunction(from);
        const local = scope ? assignmentsIn(scope.childForFieldName("body") ?? scope, node.text) : [];
        for (const value of local.length ? local : assignmentsIn(root, node.text)) mark(value, value, depth + 1);
        return;
      }
    }
  };
  for (const call of root.descendantsOfType("call")) {
    const name = calledName(call);
    if (name === "RunSQL") {
      mark(argument(call, 0, "sql"), call);
      mark(argument(call, 1, "reverse_sql"), call);
    } else if (EXECUTES.has(name) && call.childForFieldName("function")?.type === "attribute") mark(argument(call, 0, "sql"), call);
  }
  return ids;
}

function enclosingFunction(node: PyNode): PyNode | undefined {
  for (let at = node.parent; at; at = at.parent) if (at.type === "function_definition") return at;
  return undefined;
}

/** Tokens whose neighbours, glued or not, decide what a Python placeholder is (`%s` / `% s`, `{name}`, `:name`). */
const GLUE = new Set(["%", "{", "}", ":"]);

const trimLineEnds = (text: string) => text.replace(/[ \t\r\f\v]+$/gm, "");

/**
 * SQL as PostgreSQL's scanner reads it: its tokens, one space between them (none where a placeholder is glued to
 * a neighbour); a dollar-quoted function body (after AS, or a DO block) and a comment by their lines without trailing
 * white space. Undefined when the scanner refuses the text (an unterminated string or comment).
 */
export function sqlTokenForm(sql: string): string | undefined {
  const tokens = pgScanTokens(sql);
  if (!tokens) return undefined;
  let out = "";
  let previous: ScanToken | undefined;
  let previousWord: string | undefined;
  for (const token of tokens) {
    let text = token.text;
    if (token.tokenName === "SQL_COMMENT" || token.tokenName === "C_COMMENT") text = trimLineEnds(text);
    else if (token.tokenName === "SCONST" && text.startsWith("$") && (previousWord === "AS" || previousWord === "DO")) text = trimLineEnds(text);
    if (previous) out += previous.end === token.start && (GLUE.has(previous.text) || GLUE.has(token.text)) ? "" : " ";
    out += text;
    previous = token;
    if (token.tokenName !== "SQL_COMMENT" && token.tokenName !== "C_COMMENT") previousWord = token.text.toUpperCase();
  }
  return out;
}
