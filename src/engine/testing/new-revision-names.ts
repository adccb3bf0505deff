/**
 * The names a split fix's new Alembic revisions read and never define: each `# revision N, new file ...` part of a
 * fix is a whole module, so every function in it must find what it reads in its own body (bound before the read),
 * in the module (imports, definitions) or among Python's builtins. A `q` read before the statement that assigns
 * it, or a helper left in the old file, would fail at run time (NameError).
 */
import { withPythonTree, type PyNode } from "../adapters/python/parser.js";
import { bindTarget, freeNames } from "../rules/support/python-free-names.js";

const BUILTINS = new Set([
  "True", "False", "None", "print", "len", "range", "str", "int", "float", "bool", "dict", "list", "set", "tuple", "enumerate", "zip",
  "min", "max", "sorted", "reversed", "isinstance", "getattr", "setattr", "hasattr", "any", "all", "sum", "map", "filter", "iter", "next",
  "Exception", "ValueError", "KeyError", "TypeError", "RuntimeError", "object", "super", "repr", "round", "abs", "open", "format", "bytes", "id",
  "type", "frozenset", "NotImplementedError", "StopIteration", "divmod", "hash", "chr", "ord",
]);

/**
 * The text of each new revision file the fix writes out (`# revision 2, new file path: ...` or `# then a new
 * migration, path:` up to the next part),
 * or the fix itself when it is one whole revision (a migration kept as written: it defines `upgrade`).
 */
function newRevisionParts(fix: string): string[] {
  const parts = fix.split(/^(?=# (?:revision|migration) \d+, |# then a new migration, )/m);
  if (parts.length === 1) return definesUpgrade(fix) ? [fix] : [];
  return parts.filter((p) => /^# (?:revision|migration) \d+, new file |^# then a new migration, /.test(p));
}

const definesUpgrade = (code: string) =>
  withPythonTree(code, (root) => root.namedChildren.some((s) => s?.type === "function_definition" && s.childForFieldName("name")?.text === "upgrade"));

/** What the module's top-level statements bind: functions, classes, imports, assigned names. */
function moduleBinds(root: PyNode): Set<string> {
  const bound = new Set<string>();
  for (const statement of root.namedChildren) {
    const inner = statement?.type === "decorated_definition" ? statement.childForFieldName("definition") : statement;
    if (!inner) continue;
    if (inner.type === "function_definition" || inner.type === "class_definition") bound.add(inner.childForFieldName("name")?.text ?? "");
    else if (inner.type === "import_statement" || inner.type === "import_from_statement") {
      for (const c of inner.namedChildren) {
        if (!c || c.type === "relative_import" || c.id === inner.childForFieldName("module_name")?.id) continue;
        const alias = c.type === "aliased_import" ? c.childForFieldName("alias") : c;
        if (alias) bound.add(alias.text.split(".")[0]);
      }
    } else if (inner.type === "expression_statement" && inner.namedChildren[0]?.type === "assignment") {
      const left = inner.namedChildren[0].childForFieldName("left");
      if (left) bindTarget(left, bound);
    }
  }
  return bound;
}

/** `name (function)` for every name a function of a new revision (or of a whole one the fix keeps) reads that nothing defines. */
export function unboundInNewRevisions(fix: string): string[] {
  const out: string[] = [];
  for (const part of newRevisionParts(fix)) {
    withPythonTree(part, (root) => {
      if (root.hasError) return;
      const module = moduleBinds(root);
      for (const def of root.descendantsOfType("function_definition")) {
        if (!def || def.parent?.id !== root.id) continue;
        // `a`, `a=1`, `a: int = 1` name it; `a: int`, `*args`, `**kw` hold it as their first identifier
        const paramName = (p: PyNode) => (p.type === "identifier" ? p.text : (p.childForFieldName("name")?.text ?? p.namedChildren.find((c) => c?.type === "identifier")?.text ?? ""));
        const params = new Set((def.childForFieldName("parameters")?.namedChildren ?? []).flatMap((p) => (p ? [paramName(p)] : [])));
        const body = def.childForFieldName("body");
        const text = body ? body.text.split("\n").map((l, i) => (i === 0 ? l : l.slice(Math.min(body.startPosition.column, l.length - l.trimStart().length)))).join("\n") : "";
        for (const name of freeNames(text) ?? []) if (!module.has(name) && !params.has(name) && !BUILTINS.has(name)) out.push(`${name} (${def.childForFieldName("name")?.text})`);
      }
    });
  }
  return out;
}
