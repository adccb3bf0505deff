/**
 * What parsed before a syntax error. tree-sitter's error recovery can fold complete code into one ERROR node: an
 * unterminated triple-quoted string makes `operations = [a, b, c("""...` a single ERROR that holds `a` and `b`
 * whole, and `def upgrade(): a(); b(); c("""...` an ERROR holding the statements `a()` and `b()`. Those complete
 * pieces at the start of an ERROR are read as usual; nothing from the first broken piece on is (the file's
 * syntax-error finding covers that part).
 */
import type { PyNode } from "./parser.js";

const isStatement = (node: PyNode): boolean =>
  node.type.endsWith("_statement") || node.type === "function_definition" || node.type === "class_definition" || node.type === "decorated_definition";

/** Index of the first child that is not a complete statement (or `;`, a comment); `out` gets the statements. */
function leadingStatements(error: PyNode, out: PyNode[], from = 0): number {
  const children = error.children;
  let i = from;
  for (; i < children.length; i++) {
    const child = children[i];
    if (child.type === ";" || child.type === "comment") continue;
    if (!isStatement(child) || child.hasError) break;
    out.push(child);
  }
  return i;
}

/** The complete statements an ERROR node starts with (`a(); b(); c("""...` gives `a()` and `b()`). */
export function statementsBeforeError(error: PyNode): PyNode[] {
  const out: PyNode[] = [];
  leadingStatements(error, out);
  return out;
}

/** `name = [a, b, c("""...` cut short by a syntax error: the elements closed by a comma before it. */
export interface CutShortList {
  name: string;
  /** the `name` identifier */
  at: PyNode;
  elements: PyNode[];
}

/**
 * An ERROR node read as statements: its leading complete statements, then `name = [` with the list elements
 * that were complete (each followed by `,` or the closing `]`) when the broken piece is a list assignment.
 */
export function readError(error: PyNode): { statements: PyNode[]; list?: CutShortList } {
  const statements: PyNode[] = [];
  const start = leadingStatements(error, statements);
  const rest = error.children.slice(start).filter((c) => c.type !== "comment");
  const [left, eq, open] = rest;
  if (left?.type !== "identifier" || eq?.type !== "=" || open?.type !== "[") return { statements };
  const elements: PyNode[] = [];
  for (let i = 3; i < rest.length; i++) {
    const child = rest[i];
    if (child.type === ",") continue;
    const next = rest[i + 1]?.type;
    if (!child.isNamed || child.hasError || (next !== "," && next !== "]")) break;
    elements.push(child);
    if (next === "]") break;
  }
  return { statements, list: { name: left.text, at: left, elements } };
}

/**
 * `def name(...): a(); b(f"""{...` folded whole into an ERROR at module level (an unterminated f-string does
 * this): the function's name and the complete statements of its body before the broken one.
 */
export function functionInError(error: PyNode): { name: string; at: PyNode; statements: PyNode[] } | undefined {
  const children = error.children;
  const start = children[0]?.type === "async" ? 1 : 0;
  const [keyword, name, params, colon] = children.slice(start, start + 4);
  if (keyword?.type !== "def" || name?.type !== "identifier" || params?.type !== "parameters" || colon?.type !== ":") return undefined;
  const statements: PyNode[] = [];
  leadingStatements(error, statements, start + 4);
  return { name: name.text, at: name, statements };
}
