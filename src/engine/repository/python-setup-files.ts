/**
 * The requirements a setuptools project declares: `install_requires` of setup.cfg's [options] section, and of the
 * `setup(...)` call of setup.py (read with the Python grammar: literal lists, joined with `+`, a module-level name bound
 * to one and grown at the top level). What is built at run time (read from another file, computed) is not known: no
 * requirement, and the list is partly unknown.
 */
import { readModule, type PyModule } from "../adapters/python/module.js";
import { unparen } from "../adapters/python/nodes.js";
import { withPythonTree, type PyNode } from "../adapters/python/parser.js";
import { evaluate } from "../adapters/python/values.js";

/** setup.cfg is an INI file: `install_requires =` in [options], its items on the indented lines that follow (or on the same line). */
export function setupCfgRequirements(content: string): string[] {
  const out: string[] = [];
  let section = "";
  let inValue = false;
  for (const raw of content.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, "");
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) {
      section = header[1].trim();
      inValue = false;
      continue;
    }
    if (/^\s*(?:[#;]|$)/.test(line)) continue;
    const continued = /^\s/.test(line);
    if (continued) {
      if (inValue) out.push(line.trim());
      continue;
    }
    const entry = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
    inValue = section === "options" && entry?.[1] === "install_requires";
    if (inValue && entry![2]) out.push(entry![2]);
  }
  return out;
}

/** install_requires as far as the text tells: the requirements read, and whether some entries are built at run time. */
export interface SetupRequirements {
  requirements: string[];
  /** an entry, or the whole list, is computed (a call, a comprehension, a name reassigned in a branch): more may be required */
  partlyUnknown: boolean;
}

/** A list a module-level name holds is followed through at most this many names (`BASE + EXTRA`, each bound to a list). */
const MAX_NAME_DEPTH = 4;

/**
 * install_requires of setup.py's `setup(...)` (or `setuptools.setup(...)`) call, read with the Python grammar: every
 * literal entry of a list or tuple, of lists joined with `+`, and of a module-level name bound to one (with the
 * top-level `+=`, `.extend(...)` and `.append(...)` on it). An entry built at run time (an f-string with a value, a
 * call) or a list replaced in a branch (galaxy_ng's `if unpin_requirements: requirements = [...]`) leaves the rest
 * read and the list partly unknown.
 */
export function setupPyInstallRequires(content: string): SetupRequirements {
  return withPythonTree(content, (root) => {
    const argument = setupKeyword(root, "install_requires");
    const out: SetupRequirements = { requirements: [], partlyUnknown: false };
    if (argument === undefined) return out;
    if (argument) readEntries(argument, root, readModule(root, content), out, 0);
    return out;
  });
}

/** The value of keyword `name` in setup.py's `setup(...)` (or `setuptools.setup(...)`) call: undefined without one, null when it has no value node. */
function setupKeyword(root: PyNode, name: string): PyNode | null | undefined {
  for (const call of root.descendantsOfType("call")) {
    const callee = call.childForFieldName("function")?.text.replace(/\s+/g, "");
    if (callee !== "setup" && !callee?.endsWith(".setup")) continue;
    for (const argument of call.childForFieldName("arguments")?.namedChildren ?? [])
      if (argument.type === "keyword_argument" && argument.childForFieldName("name")?.text === name) return argument.childForFieldName("value");
  }
  return undefined;
}

/** install_requires of setup.py, the entries the text tells (see setupPyInstallRequires). */
export const setupPyRequirements = (content: string): string[] => setupPyInstallRequires(content).requirements;

function readEntries(node: PyNode, root: PyNode, module: PyModule, out: SetupRequirements, depth: number): void {
  const n = unparen(node);
  if (n.type === "list" || n.type === "tuple") {
    for (const item of n.namedChildren) {
      if (item.type === "comment") continue;
      if (item.type === "list_splat") {
        const inner = item.namedChildren[0];
        if (inner) readEntries(inner, root, module, out, depth);
        else out.partlyUnknown = true;
        continue;
      }
      const value = evaluate(item, { imports: module.imports, bindings: module.bindings });
      if (value.kind === "str" && !value.unresolved) out.requirements.push(value.value);
      else out.partlyUnknown = true;
    }
    return;
  }
  if (n.type === "binary_operator" && n.childForFieldName("operator")?.type === "+") {
    for (const side of [n.childForFieldName("left"), n.childForFieldName("right")]) {
      if (side) readEntries(side, root, module, out, depth);
      else out.partlyUnknown = true;
    }
    return;
  }
  if (n.type === "identifier" && depth < MAX_NAME_DEPTH) {
    readName(n.text, root, module, out, depth + 1);
    return;
  }
  out.partlyUnknown = true;
}

/** A module-level list by its name: its top-level assignment, then what the top level adds to it, in order. */
function readName(name: string, root: PyNode, module: PyModule, into: SetupRequirements, depth: number): void {
  const out: SetupRequirements = { requirements: [], partlyUnknown: false };
  let bound = false;
  for (const statement of root.namedChildren) {
    const expression = statement.type === "expression_statement" ? statement.namedChildren[0] : undefined;
    if (!expression) continue;
    const target = expression.childForFieldName("left") ?? undefined;
    if (expression.type === "assignment" && target?.text === name) {
      // assigned again at the top level: only the last assignment and what follows it hold
      out.requirements.length = 0;
      out.partlyUnknown = false;
      const right = expression.childForFieldName("right");
      if (right) readEntries(right, root, module, out, depth);
      else out.partlyUnknown = true;
      bound = true;
    } else if (expression.type === "augmented_assignment" && target?.text === name) {
      const right = expression.childForFieldName("right");
      if (expression.childForFieldName("operator")?.text === "+=" && right) readEntries(right, root, module, out, depth);
      else out.partlyUnknown = true;
    } else if (expression.type === "call") {
      const fn = expression.childForFieldName("function");
      const method = fn?.type === "attribute" && fn.childForFieldName("object")?.text === name ? fn.childForFieldName("attribute")?.text : undefined;
      if (!method) continue;
      const args = expression.childForFieldName("arguments")?.namedChildren.filter((a) => a.type !== "comment") ?? [];
      if (method === "extend" && args.length === 1) readEntries(args[0], root, module, out, depth);
      else if (method === "append" && args.length === 1) {
        const value = evaluate(args[0], { imports: module.imports, bindings: module.bindings });
        if (value.kind === "str" && !value.unresolved) out.requirements.push(value.value);
        else out.partlyUnknown = true;
      } else out.partlyUnknown = true;
    }
  }
  if (!bound) out.partlyUnknown = true;
  // changed anywhere below the top level (a branch, a loop, a function): what runs there is not known
  if (changedBelowTopLevel(name, root)) out.partlyUnknown = true;
  into.requirements.push(...out.requirements);
  if (out.partlyUnknown) into.partlyUnknown = true;
}

function changedBelowTopLevel(name: string, root: PyNode): boolean {
  const nested = (node: PyNode) => node.parent?.type !== "expression_statement" || node.parent.parent?.id !== root.id;
  for (const assignment of root.descendantsOfType(["assignment", "augmented_assignment"])) {
    if (assignment.childForFieldName("left")?.text === name && nested(assignment)) return true;
  }
  for (const call of root.descendantsOfType("call")) {
    const fn = call.childForFieldName("function");
    if (fn?.type === "attribute" && fn.childForFieldName("object")?.text === name && nested(call)) return true;
  }
  return false;
}

/** The distribution's name in setup.cfg: `name =` of its [metadata] section (an INI file, as setupCfgRequirements reads it). */
export function setupCfgName(content: string): string | undefined {
  let section = "";
  for (const raw of content.split(/\r?\n/)) {
    const header = /^\[([^\]]+)\]/.exec(raw);
    if (header) section = header[1].trim();
    const entry = section === "metadata" && !/^\s/.test(raw) ? /^name\s*[=:]\s*(\S+)\s*$/.exec(raw) : null;
    if (entry) return entry[1];
  }
  return undefined;
}

/** The distribution's name in setup.py: the literal `name=` of its `setup(...)` call, read with the Python grammar (the parser must be loaded). */
export function setupPyName(content: string): string | undefined {
  return withPythonTree(content, (root) => {
    const value = setupKeyword(root, "name");
    if (!value) return undefined;
    const module = readModule(root, content);
    const name = evaluate(value, { imports: module.imports, bindings: module.bindings });
    return name.kind === "str" && !name.unresolved ? name.value : undefined;
  });
}
