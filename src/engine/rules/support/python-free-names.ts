/**
 * The names a piece of Python reads that nothing in it binds (`conn`, `dest` of a loop body lifted out of its
 * loop): a fix that moves statements into another function must not leave them unbound (a NameError at run
 * time). Read with tree-sitter's Python grammar, so strings and attributes are never mistaken for names.
 */
import { withPythonTree, type PyNode } from "../../adapters/python/parser.js";

/** Names every revision may use: Alembic's op, SQLAlchemy's usual alias, and Python's builtins that data code uses. */
const ALWAYS_BOUND = new Set([
  "op", "sa", "sqlalchemy", "True", "False", "None", "print", "len", "range", "str", "int", "float", "bool", "dict",
  "list", "set", "tuple", "json", "enumerate", "zip", "min", "max", "sorted", "isinstance", "Exception", "ValueError",
]);

/** Identifiers a target binds (`a`, `a, b`, `(a, b)`), not the attributes or subscripts it writes. */
export function bindTarget(node: PyNode, bound: Set<string>): void {
  if (node.type === "identifier") bound.add(node.text);
  else if (["pattern_list", "tuple_pattern", "list_pattern", "tuple", "list"].includes(node.type))
    for (const child of node.namedChildren) if (child) bindTarget(child, bound);
}

function walk(node: PyNode, bound: Set<string>, read: Set<string>): void {
  switch (node.type) {
    case "assignment":
    case "augmented_assignment": {
      const left = node.childForFieldName("left");
      const right = node.childForFieldName("right");
      if (right) walk(right, bound, read);
      // `x: dict[Any, int] = ...`: a class body evaluates the annotation, a type checker reads it anywhere
      const type = node.childForFieldName("type");
      if (type) walk(type, bound, read);
      if (node.type === "assignment" && left) bindTarget(left, bound);
      else if (left) walk(left, bound, read);
      // `meta.bind = x`, `rows[i] = x`: the target's object and index are read
      if (node.type === "assignment" && left && left.type !== "identifier") walk(left, bound, read);
      return;
    }
    case "for_statement":
    case "for_in_clause": {
      const left = node.childForFieldName("left");
      if (left) bindTarget(left, bound);
      break;
    }
    case "as_pattern": {
      const alias = node.childForFieldName("alias");
      if (alias) bindTarget(alias.namedChildren[0] ?? alias, bound);
      break;
    }
    case "function_definition":
    case "class_definition": {
      const name = node.childForFieldName("name");
      if (name) bound.add(name.text);
      return; // their bodies are their own scope
    }
    case "import_statement":
    case "import_from_statement":
      for (const child of node.namedChildren) {
        if (!child || child.type === "relative_import" || child === node.childForFieldName("module_name")) continue;
        const alias = child.type === "aliased_import" ? child.childForFieldName("alias") : child;
        if (alias) bound.add(alias.text.split(".")[0]);
      }
      return;
    case "attribute": {
      const object = node.childForFieldName("object");
      if (object) walk(object, bound, read);
      return;
    }
    case "keyword_argument": {
      const value = node.childForFieldName("value");
      if (value) walk(value, bound, read);
      return;
    }
    case "list_comprehension":
    case "set_comprehension":
    case "generator_expression":
    case "dictionary_comprehension": {
      // the clauses bind before the body runs, though the body is written first
      const body = node.childForFieldName("body");
      for (const child of node.namedChildren) if (child && child.id !== body?.id) walk(child, bound, read);
      if (body) walk(body, bound, read);
      return;
    }
    case "identifier":
      // read before anything binds it: free, even when a later statement binds it (`rp = bind.execute(q)` before `q = ...`)
      if (!bound.has(node.text)) read.add(node.text);
      return;
  }
  for (const child of node.namedChildren) if (child) walk(child, bound, read);
}

/** The names `code` reads and does not bind, in order of first use; undefined when it does not parse. */
export function unboundNames(code: string): string[] | undefined {
  return freeNames(code)?.filter((name) => !ALWAYS_BOUND.has(name));
}

/** Every name `code` reads and does not bind (`op`, `sa` and imported modules included): what a new module must define for it. */
export function freeNames(code: string): string[] | undefined {
  return withPythonTree(code, (root) => {
    if (root.hasError) return undefined;
    const bound = new Set<string>();
    const read = new Set<string>();
    walk(root, bound, read);
    return [...read];
  });
}
