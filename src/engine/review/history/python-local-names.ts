/**
 * What a linter's autofixes change in a data function without changing what it does (galaxy_ng's ruff commits):
 * - a local variable renamed throughout the function (E741 `l` -> `link`): each local is read as the order it first
 *   appears in (`$v0`, `$v1`), each comprehension's own variables as their comprehension's depth and order (`$c1_0`),
 *   so two functions that differ only in their locals' names read alike;
 * - an assignment to a local nothing reads (F841 `distro = X.objects.create(...)` -> `X.objects.create(...)`): read
 *   as its value alone, and left out altogether when that value is `apps.get_model(...)`, which only looks a model up
 *   (so is the same lookup repeated on the next line, F811);
 * - `dict()` / `list()` / `tuple()` for `{}` / `[]` / `()`, `set(<generator>)` and `list(<generator>)` for a
 *   comprehension (flake8-comprehensions): python-units.ts reads them as the literal they build.
 * Names that something reaches by their text stay as written: parameters (a caller may pass them by keyword), imports,
 * functions and classes, names inside an f-string. A function that can see its locals by name (`locals()`, `eval`),
 * declares `global` or `nonlocal`, defines a class or matches patterns is read as written.
 */
import type { PyNode } from "../../adapters/python/parser.js";

export interface LocalNames {
  /** identifier node id -> the name it is read as */
  renamed: Map<number, string>;
  /** assignments read as their value: their local is never read */
  unreadAssignments: Set<number>;
  /** statements left out: an `apps.get_model(...)` whose local is never read, or that repeats the one before it */
  unreadLookups: Set<number>;
}

const SCOPES = new Set(["function_definition", "lambda", "class_definition"]);
const COMPREHENSIONS = new Set(["list_comprehension", "set_comprehension", "dictionary_comprehension", "generator_expression"]);
/** Calls that see a function's locals by name. */
const NAME_READERS = new Set(["locals", "vars", "eval", "exec", "dir"]);
const UNREADABLE = ["global_statement", "nonlocal_statement", "class_definition", "match_statement"];

/** The identifiers a binding target binds: `a`, `a, (b, *c)`; nothing for `a.b` or `a[0]`. */
function targetNames(target: PyNode | null | undefined, out: PyNode[] = []): PyNode[] {
  if (!target) return out;
  if (target.type === "identifier") out.push(target);
  else if (["pattern_list", "tuple_pattern", "list_pattern", "tuple", "list", "parenthesized_expression", "list_splat_pattern", "list_splat", "as_pattern_target", "expression_list"].includes(target.type))
    for (const child of target.namedChildren) targetNames(child, out);
  return out;
}

/** The nodes of `node`'s subtree, in document order, that belong to its own scope (nested functions, lambdas and comprehensions left out). */
function ownScope(node: PyNode, visit: (n: PyNode) => void): void {
  for (const child of node.namedChildren) {
    if (SCOPES.has(child.type) || COMPREHENSIONS.has(child.type)) continue;
    visit(child);
    ownScope(child, visit);
  }
}

/** Whether an identifier is a name the code reads or binds (not an attribute's or a keyword argument's name). */
function isVariable(node: PyNode): boolean {
  const parent = node.parent;
  if (!parent) return true;
  if (parent.type === "attribute" && parent.childForFieldName("attribute")?.id === node.id) return false;
  if ((parent.type === "keyword_argument" || parent.type === "default_parameter" || parent.type === "typed_default_parameter") && parent.childForFieldName("name")?.id === node.id) return false;
  return true;
}

/** The names a data function's locals are read as, and the assignments to locals nothing reads (see the module comment). */
export function localNames(def: PyNode): LocalNames {
  const out: LocalNames = { renamed: new Map(), unreadAssignments: new Set(), unreadLookups: new Set() };
  const body = def.childForFieldName("body");
  if (!body || def.descendantsOfType(UNREADABLE).length > 0) return out;
  const calls = def.descendantsOfType("call");
  if (calls.some((c) => NAME_READERS.has(c.childForFieldName("function")?.text ?? ""))) return out;
  // a walrus inside a comprehension binds in the function: read such a function as written
  if (def.descendantsOfType("named_expression").some((n) => enclosing(n, def, COMPREHENSIONS))) return out;

  // names bound in the function's own scope, and how
  const bound = new Map<string, PyNode[]>();
  const bind = (target: PyNode | null | undefined) => targetNames(target).forEach((id) => bound.set(id.text, [...(bound.get(id.text) ?? []), id]));
  ownScope(body, (n) => {
    if (n.type === "assignment" || n.type === "augmented_assignment" || n.type === "for_statement") bind(n.childForFieldName("left"));
    else if (n.type === "as_pattern_target") bind(n);
  });
  def.descendantsOfType("named_expression").forEach((n) => bind(n.childForFieldName("name")));

  // names something reaches by their text
  const fixed = new Set<string>();
  const fix = (node: PyNode | null | undefined) => node?.descendantsOfType("identifier").forEach((id) => fixed.add(id.text));
  fix(def.childForFieldName("parameters"));
  for (const inner of def.descendantsOfType(["function_definition", "lambda"])) {
    fix(inner.childForFieldName("parameters"));
    if (inner.type === "function_definition") fixed.add(inner.childForFieldName("name")?.text ?? "");
  }
  for (const statement of def.descendantsOfType(["import_statement", "import_from_statement"])) fix(statement);
  for (const interpolation of def.descendantsOfType("interpolation")) fix(interpolation);
  const locals = new Set([...bound.keys()].filter((name) => !fixed.has(name)));

  // locals only ever assigned, as a statement of their own: nothing reads them
  const variables = def.descendantsOfType("identifier").filter(isVariable);
  const uses = new Map<string, PyNode[]>();
  for (const id of variables) uses.set(id.text, [...(uses.get(id.text) ?? []), id]);
  const firstParameter = def.childForFieldName("parameters")?.namedChildren.find((c) => c.type === "identifier")?.text;
  for (const name of locals) {
    const assignments = (uses.get(name) ?? []).map((id) => id.parent);
    const unread = assignments.every((a, i) => a?.type === "assignment" && a.childForFieldName("left")?.id === uses.get(name)![i].id && !a.childForFieldName("type") && a.parent?.type === "expression_statement");
    if (!unread) continue;
    locals.delete(name);
    for (const assignment of assignments as PyNode[]) {
      if (isModelLookup(assignment.childForFieldName("right"), firstParameter)) out.unreadLookups.add(assignment.parent!.id);
      else out.unreadAssignments.add(assignment.id);
    }
  }

  // the same lookup twice in a row (F811): the second binds what the first did
  for (const block of [body, ...body.descendantsOfType("block")]) {
    const statements = block.namedChildren.filter((c) => c.type !== "comment");
    statements.forEach((statement, i) => {
      const lookup = (s: PyNode | undefined) => {
        const assignment = s?.type === "expression_statement" ? s.namedChildren[0] : undefined;
        return assignment?.type === "assignment" && assignment.childForFieldName("left")?.type === "identifier" && isModelLookup(assignment.childForFieldName("right"), firstParameter)
          ? assignment.text.replace(/\s+/g, "")
          : undefined;
      };
      if (i > 0 && lookup(statement) !== undefined && lookup(statement) === lookup(statements[i - 1])) out.unreadLookups.add(statement.id);
    });
  }

  // each occurrence, in order, as the scope that binds it names it
  let next = 0;
  const functionScope = new Map<string, string>();
  const skipped = (n: PyNode) => out.unreadLookups.has(n.id);
  const visit = (node: PyNode, scopes: ReadonlyArray<Map<string, string>>): void => {
    if (skipped(node)) return;
    if (node.type === "identifier") {
      if (!isVariable(node)) return;
      const scope = scopes.find((s) => s.has(node.text));
      if (scope) out.renamed.set(node.id, scope.get(node.text)!);
      else if (locals.has(node.text)) {
        if (!functionScope.has(node.text)) functionScope.set(node.text, `$v${next++}`);
        out.renamed.set(node.id, functionScope.get(node.text)!);
      }
      return;
    }
    if (COMPREHENSIONS.has(node.type)) {
      const clauses = node.namedChildren.filter((c) => c.type === "for_in_clause");
      const own = new Map<string, string>();
      const depth = scopes.length + 1;
      // a name something reaches by its text (an f-string, a lambda's keyword) stays as written here too
      for (const clause of clauses) for (const id of targetNames(clause.childForFieldName("left"))) if (!own.has(id.text) && !fixed.has(id.text)) own.set(id.text, `$c${depth}_${own.size}`);
      const inner = [own, ...scopes];
      for (const child of node.namedChildren) {
        // the first iterable is evaluated in the enclosing scope
        if (child.id === clauses[0]?.id) {
          for (const part of child.namedChildren) visit(part, child.childrenForFieldName("right").some((r) => r.id === part.id) ? scopes : inner);
        } else visit(child, inner);
      }
      return;
    }
    for (const child of node.namedChildren) visit(child, scopes);
  };
  visit(body, []);
  return out;
}

/** `apps.get_model("app", "Model")` on the function's first parameter, with literal arguments: a lookup that changes nothing. */
function isModelLookup(value: PyNode | null | undefined, apps: string | undefined): boolean {
  if (value?.type !== "call" || apps === undefined) return false;
  const fn = value.childForFieldName("function");
  if (fn?.type !== "attribute" || fn.childForFieldName("object")?.text !== apps || fn.childForFieldName("attribute")?.text !== "get_model") return false;
  const args = value.childForFieldName("arguments")?.namedChildren.filter((c) => c.type !== "comment") ?? [];
  return args.length > 0 && args.every((a) => a.type === "string" && !a.descendantsOfType("interpolation").length);
}

function enclosing(node: PyNode, stop: PyNode, types: ReadonlySet<string>): boolean {
  for (let at = node.parent; at && at.id !== stop.id; at = at.parent) if (types.has(at.type)) return true;
  return false;
}

/** The names bound anywhere in a module (assigned, imported, defined, a parameter): a builtin among them is not the builtin. */
export function boundAnywhere(root: PyNode): Set<string> {
  const names = new Set<string>();
  const add = (target: PyNode | null | undefined) => targetNames(target).forEach((id) => names.add(id.text));
  for (const n of root.descendantsOfType(["assignment", "augmented_assignment", "for_statement", "for_in_clause"])) add(n.childForFieldName("left"));
  for (const n of root.descendantsOfType(["as_pattern_target", "parameters", "lambda_parameters", "import_statement", "import_from_statement", "global_statement"]))
    n.descendantsOfType("identifier").forEach((id) => names.add(id.text));
  for (const n of root.descendantsOfType(["function_definition", "class_definition"])) names.add(n.childForFieldName("name")?.text ?? "");
  for (const n of root.descendantsOfType("named_expression")) add(n.childForFieldName("name"));
  return names;
}
