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

/** The string a module-level `name = "..."` assigns, per name (`revision`, `down_revision`, `NEW_REVISION_ID`). */
function moduleStrings(code: string): Map<string, string> {
  const found = new Map<string, string>();
  withPythonTree(code, (root) => {
    for (const statement of root.namedChildren) {
      const assignment = statement?.type === "expression_statement" ? statement.namedChildren[0] : undefined;
      if (assignment?.type !== "assignment") continue;
      const left = assignment.childForFieldName("left");
      const right = assignment.childForFieldName("right");
      const content = right?.type === "string" ? right.namedChildren.find((c) => c?.type === "string_content")?.text : undefined;
      if (left?.type === "identifier" && content !== undefined) found.set(left.text, content);
    }
  });
  return found;
}

/**
 * The down_revisions of a fix's new Alembic revisions that name no revision: neither one of `existing` (the
 * revision files the fix is shown beside, or one they follow) nor a new one the fix writes before it. A fix is read, and applied, alone:
 * a revision that follows another fix's new one fails (`KeyError` / "Revision X referenced from Y is not present").
 */
export function missingDownRevisions(fix: string, existing: readonly string[]): string[] {
  const known = new Set<string>();
  for (const code of existing) {
    const strings = moduleStrings(code);
    const id = strings.get("revision") ?? strings.get("NEW_REVISION_ID");
    if (id !== undefined) known.add(id);
    // what it follows is in the repository too (a case holds only the files it needs)
    const down = strings.get("down_revision");
    if (down !== undefined) known.add(down);
  }
  const missing: string[] = [];
  for (const part of newRevisionParts(fix)) {
    const strings = moduleStrings(part);
    const down = strings.get("down_revision");
    if (down !== undefined && !known.has(down)) missing.push(down);
    const id = strings.get("revision") ?? strings.get("NEW_REVISION_ID");
    if (id !== undefined) known.add(id);
  }
  return missing;
}
