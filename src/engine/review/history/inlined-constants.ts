/**
 * Constants a Python migration imported from the project and now defines itself, with the values the imported
 * module held on the base branch (kitsune's 0029_populate_zendesk_configs: `from kitsune.customercare import
 * ZENDESK_CATEGORIES` replaced by the same dictionaries written in the migration, as the change empties that
 * module). The data code reads the same values, so databases that run the edited migration get what the others got.
 *
 * Values are compared as Python literals read with tree-sitter: strings, numbers, True/False/None, lists, tuples,
 * sets and dictionaries (in their order), and within one module the names of constants defined earlier, `*X`,
 * `*X.values()`, `**X` and `X["key"]`. Anything else (a call, an f-string with a value in it) is not a literal, and
 * an import whose values are not all literals equal to the new ones stays an edit.
 */
import { locOf } from "../../adapters/python/nodes.js";
import { withPythonTree, type PyNode } from "../../adapters/python/parser.js";
import type { SourceRange } from "../../model.js";
import { dirOf } from "../../paths.js";

type PyValue =
  | { t: "str" | "num" | "const"; v: string }
  | { t: "list" | "tuple" | "set"; items: PyValue[] }
  | { t: "dict"; entries: Array<{ key: string; k: PyValue; v: PyValue }> };

/** One canonical text per value: equal texts, equal values (a set's items in a fixed order). */
function canonical(value: PyValue): string {
  switch (value.t) {
    case "str":
    case "num":
    case "const":
      return JSON.stringify([value.t, value.v]);
    case "dict":
      return JSON.stringify(["dict", value.entries.map((e) => [e.key, canonical(e.v)])]);
    case "set":
      return JSON.stringify(["set", value.items.map(canonical).sort()]);
    default:
      return JSON.stringify([value.t, value.items.map(canonical)]);
  }
}

const named = (node: PyNode) => node.namedChildren.filter((c) => c.type !== "comment");

function stringValue(node: PyNode): string | undefined {
  if (node.type === "concatenated_string") {
    const parts = named(node).map(stringValue);
    return parts.every((p) => p !== undefined) ? parts.join("") : undefined;
  }
  if (node.children.some((c) => c.type === "interpolation")) return undefined;
  // the prefix that changes the value (bytes, raw); quotes and f/u without a value in them do not
  const prefix = (node.children.find((c) => c.type === "string_start")?.text ?? "").replace(/["']/g, "").toLowerCase().replace(/[fu]/g, "");
  const inner = node.children.filter((c) => c.type !== "string_start" && c.type !== "string_end").map((c) => c.text).join("");
  return `${prefix}|${inner}`;
}

/** The items `*x` spreads: a list, tuple or set's items, a dictionary's keys, or `d.keys()` / `d.values()` / `d.items()`. */
function spread(node: PyNode, env: ReadonlyMap<string, PyValue>): PyValue[] | undefined {
  if (node.type === "call") {
    const callee = node.childForFieldName("function");
    const args = node.childForFieldName("arguments");
    if (callee?.type !== "attribute" || (args && named(args).length > 0)) return undefined;
    const owner = evaluate(callee.childForFieldName("object")!, env);
    const method = callee.childForFieldName("attribute")?.text;
    if (owner?.t !== "dict") return undefined;
    if (method === "values") return owner.entries.map((e) => e.v);
    if (method === "keys") return owner.entries.map((e) => e.k);
    if (method === "items") return owner.entries.map((e) => ({ t: "tuple", items: [e.k, e.v] }));
    return undefined;
  }
  const value = evaluate(node, env);
  if (!value) return undefined;
  if (value.t === "list" || value.t === "tuple" || value.t === "set") return value.items;
  return value.t === "dict" ? value.entries.map((e) => e.k) : undefined;
}

function items(node: PyNode, env: ReadonlyMap<string, PyValue>): PyValue[] | undefined {
  const out: PyValue[] = [];
  for (const child of named(node)) {
    const found = child.type === "list_splat" ? spread(named(child)[0], env) : [evaluate(child, env)];
    if (!found || found.some((v) => v === undefined)) return undefined;
    out.push(...(found as PyValue[]));
  }
  return out;
}

/** The value of a literal expression, with `env` the module's constants so far; undefined when it is not one. */
function evaluate(node: PyNode, env: ReadonlyMap<string, PyValue>): PyValue | undefined {
  switch (node.type) {
    case "string":
    case "concatenated_string": {
      const v = stringValue(node);
      return v === undefined ? undefined : { t: "str", v };
    }
    case "integer":
    case "float":
      return { t: "num", v: node.text.replace(/_/g, "").toLowerCase() };
    case "true":
    case "false":
    case "none":
      return { t: "const", v: node.type };
    case "unary_operator": {
      const operand = node.childForFieldName("argument");
      const op = node.childForFieldName("operator")?.text;
      const v = operand ? evaluate(operand, env) : undefined;
      return v?.t === "num" && (op === "-" || op === "+") ? { t: "num", v: op === "-" ? `-${v.v}` : v.v } : undefined;
    }
    case "parenthesized_expression":
      return named(node).length === 1 ? evaluate(named(node)[0], env) : undefined;
    case "list":
    case "tuple":
    case "set": {
      const found = items(node, env);
      return found ? { t: node.type, items: found } : undefined;
    }
    case "dictionary": {
      const entries: Array<{ key: string; k: PyValue; v: PyValue }> = [];
      // a repeated key keeps its first place and takes the last value, as Python does
      const put = (k: PyValue, v: PyValue) => {
        const key = canonical(k);
        const at = entries.findIndex((e) => e.key === key);
        if (at >= 0) entries[at] = { key, k, v };
        else entries.push({ key, k, v });
      };
      for (const child of named(node)) {
        if (child.type === "pair") {
          const k = evaluate(child.childForFieldName("key")!, env);
          const v = evaluate(child.childForFieldName("value")!, env);
          if (!k || !v || k.t === "list" || k.t === "dict" || k.t === "set") return undefined;
          put(k, v);
        } else if (child.type === "dictionary_splat") {
          const inner = evaluate(named(child)[0], env);
          if (inner?.t !== "dict") return undefined;
          for (const e of inner.entries) put(e.k, e.v);
        } else return undefined;
      }
      return { t: "dict", entries };
    }
    case "identifier":
      return env.get(node.text);
    case "subscript": {
      const owner = evaluate(node.childForFieldName("value")!, env);
      const subscripts = node.childrenForFieldName("subscript");
      const index = subscripts.length === 1 ? evaluate(subscripts[0], env) : undefined;
      if (!owner || !index) return undefined;
      if (owner.t === "dict") return owner.entries.find((e) => e.key === canonical(index))?.v;
      if ((owner.t === "list" || owner.t === "tuple") && index.t === "num" && /^-?\d+$/.test(index.v)) {
        const i = Number(index.v);
        return owner.items[i < 0 ? owner.items.length + i : i];
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

export interface ImportFrom {
  /** the module as written, without its leading dots */
  module: string;
  /** the leading dots of a relative import */
  level: number;
  names: Array<{ name: string; bound: string }>;
  loc: SourceRange;
}

interface ModuleReading {
  /** module-level constants whose values are literals, by name */
  values: Map<string, PyValue>;
  /** module-level assignments of one name (`X = ...`, `X: T = ...`) */
  assignments: Array<{ name: string; loc: SourceRange }>;
  /** `from m import a as b` statements, at any depth */
  imports: ImportFrom[];
  /** names bound otherwise: functions, classes, `import m`, assignments of more than one name or not at module level */
  otherBindings: Set<string>;
}

export function readModule(source: string): ModuleReading | undefined {
  return withPythonTree(source, (root) => {
    if (root.hasError) return undefined;
    const values = new Map<string, PyValue>();
    const assignments: ModuleReading["assignments"] = [];
    const otherBindings = new Set<string>();
    for (const statement of named(root)) {
      const assignment = statement.type === "expression_statement" && named(statement).length === 1 ? named(statement)[0] : undefined;
      const left = assignment?.type === "assignment" ? assignment.childForFieldName("left") : undefined;
      if (assignment && left?.type === "identifier") {
        const right = assignment.childForFieldName("right");
        const value = right ? evaluate(right, values) : undefined;
        if (value) values.set(left.text, value);
        else values.delete(left.text);
        assignments.push({ name: left.text, loc: locOf(statement) });
        continue;
      }
      if (statement.type === "function_definition" || statement.type === "class_definition") otherBindings.add(statement.childForFieldName("name")?.text ?? "");
      if (statement.type === "decorated_definition") otherBindings.add(statement.childForFieldName("definition")?.childForFieldName("name")?.text ?? "");
      for (const target of statement.descendantsOfType("assignment").map((a) => a.childForFieldName("left")))
        for (const id of target?.descendantsOfType("identifier") ?? []) otherBindings.add(id.text);
    }
    const imports: ImportFrom[] = [];
    for (const statement of root.descendantsOfType(["import_from_statement", "import_statement"])) {
      if (statement.type === "import_statement") {
        for (const id of statement.descendantsOfType("identifier").slice(0, 1)) otherBindings.add(id.text);
        continue;
      }
      const moduleNode = statement.childForFieldName("module_name");
      const text = moduleNode?.text ?? "";
      const level = text.length - text.replace(/^\.+/, "").length;
      const names = statement.childrenForFieldName("name").map((n) =>
        n.type === "aliased_import" ? { name: n.childForFieldName("name")?.text ?? "", bound: n.childForFieldName("alias")?.text ?? "" } : { name: n.text, bound: n.text },
      );
      // `from m import *` binds names nobody lists
      if (statement.descendantsOfType("wildcard_import").length || names.length === 0) return undefined;
      imports.push({ module: text.replace(/^\.+/, ""), level, names, loc: locOf(statement) });
    }
    return { values, assignments, imports, otherBindings };
  });
}

/** Where an import's module may be: beside the migration for a relative import, else under any folder above it. */
export function modulePaths(migrationPath: string, imp: ImportFrom): string[] {
  if (!imp.module) return [];
  const rel = imp.module.split(".").join("/");
  const files = (dir: string) => [`${dir ? `${dir}/` : ""}${rel}.py`, `${dir ? `${dir}/` : ""}${rel}/__init__.py`];
  if (imp.level > 0) {
    let dir = dirOf(migrationPath);
    for (let i = 1; i < imp.level; i++) dir = dirOf(dir);
    return files(dir);
  }
  const out: string[] = [];
  for (let dir = dirOf(migrationPath); ; dir = dirOf(dir)) {
    out.push(...files(dir));
    if (dir === "") return out;
  }
}

export interface InlinedConstants {
  /** the names now defined in the migration, with the values the base imported */
  names: string[];
  /** the modules they came from, on the base branch */
  modules: string[];
  /** the imports the edit removed, on the base side */
  baseImports: SourceRange[];
  /** the head's assignments of those names, and of the new constants they are built from */
  headAssignments: SourceRange[];
}

/**
 * The constants the edit inlined, or undefined when it inlined none. `baseModule(path)` is a project module's
 * content on the base branch, when it was read.
 */
export function inlinedConstants(migrationPath: string, baseContent: string, headContent: string, baseModule: (path: string) => string | undefined): InlinedConstants | undefined {
  const base = readModule(baseContent);
  const head = readModule(headContent);
  if (!base || !head) return undefined;
  const headImported = new Set(head.imports.flatMap((i) => i.names.map((n) => n.bound)));
  const assignedOnce = (name: string) => head.assignments.filter((a) => a.name === name).length === 1 && !head.otherBindings.has(name) && !headImported.has(name);
  const names: string[] = [];
  const modules = new Set<string>();
  const baseImports: SourceRange[] = [];
  for (const imp of base.imports) {
    const path = modulePaths(migrationPath, imp).find((p) => baseModule(p) !== undefined);
    const source = path === undefined ? undefined : readModule(baseModule(path)!);
    if (!source) continue;
    const equal = imp.names.every(({ name, bound }) => {
      const was = source.values.get(name);
      const now = head.values.get(bound);
      return was !== undefined && now !== undefined && assignedOnce(bound) && canonical(was) === canonical(now);
    });
    if (!equal) continue;
    names.push(...imp.names.map((n) => n.bound));
    modules.add(path!);
    baseImports.push(imp.loc);
  }
  if (names.length === 0) return undefined;
  // the new constants the inlined ones are built from (BASE_CATEGORIES), named nowhere in the base version
  const baseNames = new Set([...base.values.keys(), ...base.assignments.map((a) => a.name), ...base.otherBindings, ...base.imports.flatMap((i) => i.names.map((n) => n.bound))]);
  const helper = (name: string) => !baseNames.has(name) && assignedOnce(name) && head.values.has(name);
  const headAssignments = head.assignments.filter((a) => names.includes(a.name) || helper(a.name)).map((a) => a.loc);
  return { names: [...new Set(names)], modules: [...modules], baseImports, headAssignments };
}
