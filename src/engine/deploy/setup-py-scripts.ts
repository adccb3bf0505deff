/**
 * A Python project's console scripts declared in setup.py (faraday's `setup(..., entry_points={"console_scripts":
 * ["faraday-manage=faraday.manage:cli"]})`), read with tree-sitter's Python grammar: the `entry_points` keyword of
 * the module's `setup(...)` call (or `setuptools.setup(...)`), a dict literal or a name the module binds once to
 * one, and its `console_scripts` entry, a list or tuple of strings (or one string of lines), each item a literal or
 * such a name. Anything computed (a call, a comprehension, a name bound twice or imported) declares nothing we can
 * read. Loaded with the deploy's Python reader (deploy-readers.ts); python-console-scripts.ts reads the rest.
 */
import type { SourceFile } from "../model.js";
import { withPythonTree, type PyNode } from "../adapters/python/parser.js";
import { callParts, plainString, stringText, unparen } from "../adapters/python/nodes.js";
import { TooComplexError } from "../limits.js";
import { entryPoint, type ConsoleScript } from "./python-console-scripts.js";

/** The module's top-level `name = value` bindings, by name; a name bound more than once is left out (which one runs is not read). */
function moduleBindings(root: PyNode): Map<string, PyNode> {
  const values = new Map<string, PyNode>();
  const twice = new Set<string>();
  for (const statement of root.namedChildren) {
    if (statement.type !== "expression_statement") continue;
    for (const assignment of statement.namedChildren.filter((c) => c.type === "assignment" || c.type === "augmented_assignment")) {
      const left = assignment.childForFieldName("left");
      const right = assignment.childForFieldName("right");
      if (left?.type !== "identifier") continue;
      if (values.has(left.text) || assignment.type === "augmented_assignment" || !right) twice.add(left.text);
      else values.set(left.text, right);
    }
  }
  for (const name of twice) values.delete(name);
  return values;
}

/** A literal, or the value of the name the module binds once (not followed further: `A = B` is computed enough). */
function resolved(node: PyNode | null | undefined, bindings: Map<string, PyNode>): PyNode | undefined {
  if (!node) return undefined;
  const bare = unparen(node);
  return bare.type === "identifier" ? bindings.get(bare.text) : bare;
}

/** The `"console_scripts"` value of an entry_points dict literal. */
function consoleScriptsValue(dict: PyNode): PyNode | undefined {
  for (const pair of dict.namedChildren) {
    if (pair.type !== "pair") continue;
    if (plainString(pair.childForFieldName("key")) === "console_scripts") return pair.childForFieldName("value") ?? undefined;
  }
  return undefined;
}

/** Each `name = module:function` of the console_scripts value, with the line it is written on. */
function declarations(value: PyNode, bindings: Map<string, PyNode>): Array<{ text: string; line: number }> {
  if (value.type === "string") {
    const text = stringText(value);
    // one string of lines (setuptools takes the INI form too)
    return text === undefined ? [] : text.split("\n").flatMap((line, i) => (line.trim() ? [{ text: line, line: value.startPosition.row + 1 + i }] : []));
  }
  if (value.type !== "list" && value.type !== "tuple") return [];
  return value.namedChildren.flatMap((item) => {
    const literal = resolved(item, bindings);
    const text = stringText(literal);
    return literal && text !== undefined ? [{ text, line: item.startPosition.row + 1 }] : [];
  });
}

/** The `setup(...)` calls of the module: the callee `setup` or any `<x>.setup` (`setuptools.setup`). */
const setupCalls = (root: PyNode): PyNode[] =>
  root.descendantsOfType("call").filter((call): call is PyNode => {
    const callee = call?.childForFieldName("function");
    return callee?.type === "identifier" ? callee.text === "setup" : callee?.type === "attribute" && callee.childForFieldName("attribute")?.text === "setup";
  });

/** The console scripts a setup.py declares; none when it is too deep to read. Needs the Python parser loaded. */
export function setupPyScripts(file: SourceFile): ConsoleScript[] {
  try {
    return withPythonTree(file.content, (root) => {
      const bindings = moduleBindings(root);
      return setupCalls(root).flatMap((call) => {
        const entryPoints = resolved(callParts(call)?.keywords.get("entry_points"), bindings);
        if (entryPoints?.type !== "dictionary") return [];
        const value = resolved(consoleScriptsValue(entryPoints), bindings);
        return value
          ? declarations(value, bindings).flatMap(({ text, line }) => {
              const [name, target] = text.split(/=(.*)/s);
              const at = target !== undefined ? entryPoint(target) : undefined;
              return name.trim() && at ? [{ name: name.trim(), ...at, path: file.path, line }] : [];
            })
          : [];
      });
    });
  } catch (error) {
    // a setup.py too deep to read declares nothing we can follow
    if (error instanceof TooComplexError) return [];
    throw error;
  }
}
