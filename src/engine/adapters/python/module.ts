/**
 * A Python module read once: imports, module-level constants (so `RunSQL(SQL)` or `op.execute(QUERY)` can see
 * the string bound to the name), top-level functions and classes, waivers and syntax problems.
 */
import type { ParseProblem, SizeNote, SourceComment, Waiver } from "../../model.js";
import { maySaySize, sizeNotes } from "../size-notes.js";
import { readWaivers, syntaxProblems } from "./diagnostics.js";
import { Imports } from "./imports.js";
import { functionDefinitions } from "./nodes.js";
import type { PyNode } from "./parser.js";
import { evaluate, type ProjectCode, type PyValue } from "./values.js";

export interface PyModule {
  root: PyNode;
  imports: Imports;
  /** module-level names assigned once to a value we could read */
  bindings: Map<string, PyValue>;
  functions: Map<string, PyNode>;
  classes: Map<string, PyNode>;
  waivers: Waiver[];
  /** comments and docstrings (the module's, a top-level class's) that say a table is small */
  sizeNotes: SizeNote[];
  syntaxErrors: ParseProblem[];
}

/** Simple `name = value` (or `name: T = value`) assignments of a block, in order. */
export function assignments(block: PyNode): Array<{ name: string; value: PyNode; statement: PyNode }> {
  return assignmentsIn(block.namedChildren);
}

/** Simple assignments among the given statements, in order. */
export function assignmentsIn(statements: readonly PyNode[]): Array<{ name: string; value: PyNode; statement: PyNode }> {
  const out: Array<{ name: string; value: PyNode; statement: PyNode }> = [];
  for (const statement of statements) {
    if (statement.type !== "expression_statement") continue;
    const assignment = statement.namedChildren[0];
    if (assignment?.type !== "assignment") continue;
    const left = assignment.childForFieldName("left");
    const right = assignment.childForFieldName("right");
    if (left?.type === "identifier" && right) out.push({ name: left.text, value: right, statement });
  }
  return out;
}

const LITERALS = new Set(["string", "integer", "float", "true", "false", "none"]);

/** The same literal written twice (a string, a number, True/False/None, or a tuple or list of them). */
function sameLiteral(a: PyNode, b: PyNode): boolean {
  const literal = (n: PyNode): boolean => LITERALS.has(n.type) || ((n.type === "tuple" || n.type === "list") && n.namedChildren.every(literal));
  return a.text === b.text && literal(a) && literal(b);
}

/** `project`: the project's modules, for constants built from what this module imports from them */
export function readModule(root: PyNode, content: string, project?: ProjectCode): PyModule {
  const imports = Imports.of(root);
  const bindings = new Map<string, PyValue>();
  const reassigned = new Set<string>();
  const written = new Map<string, PyNode>();
  for (const { name, value } of assignments(root)) {
    const before = written.get(name);
    if (before && !sameLiteral(before, value)) reassigned.add(name);
    written.set(name, value);
    bindings.set(name, evaluate(value, { imports, bindings, project }));
  }
  // a name assigned twice at module level has no single value, unless both times the same literal (a revision
  // header pasted twice: `revision = '1080'` above and below a constant)
  for (const name of reassigned) bindings.delete(name);
  const classes = new Map<string, PyNode>();
  for (const statement of root.namedChildren) {
    const def = statement.type === "decorated_definition" ? statement.childForFieldName("definition") : statement;
    if (def?.type === "class_definition") {
      const name = def.childForFieldName("name")?.text;
      if (name) classes.set(name, def);
    }
  }
  return {
    root,
    imports,
    bindings,
    functions: functionDefinitions(root),
    classes,
    waivers: readWaivers(root, content),
    sizeNotes: maySaySize(content) ? sizeNotes(authorText(root, classes)) : [],
    syntaxErrors: syntaxProblems(root),
  };
}

/** Every `#` comment of the module, with its line: what rules weighing the author's words read, without a parse of their own. */
export function commentsOf(root: PyNode): SourceComment[] {
  return root.descendantsOfType("comment").map((n) => ({ line: n.startPosition.row + 1, text: n.text }));
}

/** The first statement of a block when it is a string: its docstring. */
const docstringOf = (block: PyNode | null | undefined): PyNode | undefined => {
  const first = block?.namedChildren.find((n) => n.type !== "comment");
  return first?.type === "expression_statement" && first.namedChildren[0]?.type === "string" ? first.namedChildren[0] : undefined;
};

/** Tree-sitter's comment nodes, and the docstrings of the module and of its top-level classes (Django's `Migration`). */
function authorText(root: PyNode, classes: Map<string, PyNode>): Array<{ line: number; endLine: number; text: string }> {
  const docstrings = [docstringOf(root), ...[...classes.values()].map((c) => docstringOf(c.childForFieldName("body")))].filter((d): d is PyNode => d !== undefined);
  return [...root.descendantsOfType("comment"), ...docstrings].map((n) => ({ line: n.startPosition.row + 1, endLine: n.endPosition.row + 1, text: n.text }));
}
