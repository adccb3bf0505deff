/**
 * Functions a Python migration imports from another module than before, where the function is the same at its new
 * path (fx-private-relay e1316dfffd moves `hash_subdomain` from emails/models.py to privaterelay/models.py and
 * changes the import of emails 0028 and 0030 to it, so the old migrations stay importable). The data code calls the
 * same code, so databases that run the edited migration get what the others got.
 *
 * Both definitions are read with tree-sitter and compared as trees without comment nodes: the old one in the base
 * file at the old module's path, the new one in the head file at the new module's path. A module that is not at
 * hand (a file the review did not read) leaves the import an edit.
 */
import { withPythonTree, type PyNode } from "../../adapters/python/parser.js";
import { modulePaths, readModule, type ImportFrom } from "./inlined-constants.js";

export interface MovedFunction {
  /** the name the migration binds */
  bound: string;
  /** the module it was imported from on the base branch, as written */
  from: string;
  /** the module it is imported from now */
  to: string;
}

/** A node as a tree of types and leaf texts, comments left out. */
function shape(node: PyNode): string {
  if (node.type === "comment") return "";
  if (node.childCount === 0) return `${node.type}:${node.text}`;
  return `${node.type}(${node.children.map(shape).filter((s) => s !== "").join(" ")})`;
}

/** The module-level function `name` of a Python source, as `shape` reads it (a decorated one with its decorators). */
function functionShape(source: string, name: string): string | undefined {
  return withPythonTree(source, (root) => {
    if (root.hasError) return undefined;
    const found = root.namedChildren.filter((s) => {
      const def = s.type === "decorated_definition" ? s.childForFieldName("definition") : s;
      return def?.type === "function_definition" && def.childForFieldName("name")?.text === name;
    });
    // defined twice: which one Python binds depends on what runs between them
    return found.length === 1 ? shape(found[0]) : undefined;
  });
}

/** The source of an import's module, through `read`, at the first path it resolves to. */
function moduleSource(migrationPath: string, imp: ImportFrom, read: (path: string) => string | undefined): string | undefined {
  for (const path of modulePaths(migrationPath, imp)) {
    const source = read(path);
    if (source !== undefined) return source;
  }
  return undefined;
}

/**
 * The names an edit of a Python migration now imports from another module, each defined as the same function in the
 * base file of the old module and the head file of the new one. `baseModule` and `headModule` give a project file as
 * each side has it, undefined when not read.
 */
export function movedFunctions(
  migrationPath: string,
  baseContent: string,
  headContent: string,
  baseModule: (path: string) => string | undefined,
  headModule: (path: string) => string | undefined,
): MovedFunction[] {
  const base = readModule(baseContent);
  const head = readModule(headContent);
  if (!base || !head) return [];
  const out: MovedFunction[] = [];
  for (const now of head.imports) {
    for (const { name, bound } of now.names) {
      const was = base.imports.find((imp) => imp.names.some((n) => n.bound === bound && n.name === name));
      if (!was || (was.module === now.module && was.level === now.level)) continue;
      const oldSource = moduleSource(migrationPath, was, baseModule);
      const newSource = moduleSource(migrationPath, now, headModule);
      if (oldSource === undefined || newSource === undefined) continue;
      const before = functionShape(oldSource, name);
      if (before !== undefined && before === functionShape(newSource, name)) out.push({ bound, from: was.module, to: now.module });
    }
  }
  return out;
}
