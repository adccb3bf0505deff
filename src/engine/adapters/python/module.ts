/**
 * A Python module read once: imports, module-level constants (so `RunSQL(SQL)` or `op.execute(QUERY)` can see
 * the string bound to the name), top-level functions and classes, waivers and syntax problems.
 */
import type { ParseProblem, Waiver } from "../../model.js";
import { readWaivers, syntaxProblems } from "./diagnostics.js";
import { Imports } from "./imports.js";
import { functionDefinitions } from "./nodes.js";
import type { PyNode } from "./parser.js";
import { evaluate, type PyValue } from "./values.js";

export interface PyModule {
  root: PyNode;
  imports: Imports;
  /** module-level names assigned once to a value we could read */
  bindings: Map<string, PyValue>;
  functions: Map<string, PyNode>;
  classes: Map<string, PyNode>;
  waivers: Waiver[];
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

export function readModule(root: PyNode, content: string): PyModule {
  const imports = Imports.of(root);
  const bindings = new Map<string, PyValue>();
  const reassigned = new Set<string>();
  for (const { name, value } of assignments(root)) {
    if (bindings.has(name)) reassigned.add(name);
    bindings.set(name, evaluate(value, { imports, bindings }));
  }
  // a name assigned twice at module level has no single value
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
    syntaxErrors: syntaxProblems(root),
  };
}
