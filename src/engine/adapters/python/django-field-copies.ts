/**
 * The field values a RunPython function copies from the rows of one model into rows of another, in the loop form
 * django-parler's migration recipe uses: `for field in FIELDS: setattr(dest, field, getattr(src, field))`, written
 * in the function or in a module helper it calls (`assign(translation, obj, model_fields)`), where FIELDS is a
 * literal list of names or every field of a model (`[f.name for f in Translation._meta.get_fields()]`), less the
 * names an `if field in [...]: continue` skips. `src` and `dest` must be rows of known models (a loop over a
 * model's queryset, a model built by its class, a row a helper returns from a model's queryset) and `dest` must be
 * saved: a copy whose model, field list or write is not known from the text is no copy here.
 */
import { functionDefinitions, parameterNames, unparen } from "./nodes.js";
import type { PyNode } from "./parser.js";
import { evaluate, type EvalContext } from "./values.js";

export interface ModelRef {
  app: string;
  model: string;
}

/** Names written out, or every field of a model (its historical state says which), less those skipped. */
export type CopiedFields = { names: string[] } | { fieldsOf: ModelRef; except: string[] };

export interface FieldCopy {
  from: ModelRef;
  to: ModelRef;
  fields: CopiedFields;
  /** the source rows are every row of the model (a loop over `Model.objects.all()`), not some of them */
  everyRow: boolean;
  line: number;
}

/** A row of a model: one object per place that makes it, so a helper's `save()` marks the caller's row. */
interface Row {
  kind: "row";
  ref: ModelRef;
  everyRow: boolean;
  saved: boolean;
}

type Value = { kind: "model"; ref: ModelRef } | { kind: "rows"; ref: ModelRef; everyRow: boolean } | Row | { kind: "fields"; fields: CopiedFields };

/** Queryset methods that keep every row, and those that keep a queryset of some rows. */
const EVERY_ROW = new Set(["all", "iterator", "using", "order_by", "select_related", "prefetch_related", "only", "defer"]);
const SOME_ROWS = new Set(["filter", "exclude", "distinct"]);
/** Queryset methods that return one row. */
const ONE_ROW = new Set(["get", "first", "last", "earliest", "latest"]);
/** `_meta` members that list a model's fields. */
const META_FIELDS = new Set(["get_fields", "fields", "concrete_fields", "local_fields", "local_concrete_fields"]);

/** How deep helper calls are followed (a helper calling a helper). */
const MAX_DEPTH = 3;

interface Scope {
  env: Map<string, Value>;
  /** the function's parameters and the names it assigns: never a module constant of the same name */
  locals: Set<string>;
  /** module functions a name may call */
  helpers: ReadonlyMap<string, PyNode>;
  /** the model `apps.get_model(...)` names, when its arguments are known */
  getModel: (call: PyNode) => ModelRef | undefined;
  evalCtx: EvalContext;
  depth: number;
}

/** Nodes of a function's own body (not of the defs and lambdas in it). */
function ownNodes(body: PyNode, types: readonly string[]): PyNode[] {
  return body.descendantsOfType([...types]).filter((n): n is PyNode => n !== null && ownerDepth(n, body) === 0);
}

/** How many function definitions or lambdas lie between a node and `body`. */
function ownerDepth(node: PyNode, body: PyNode): number {
  let depth = 0;
  for (let n = node.parent; n && n.id !== body.id; n = n.parent) if (n.type === "function_definition" || n.type === "lambda") depth++;
  return depth;
}

const sameModel = (a: ModelRef, b: ModelRef) => a.app.toLowerCase() === b.app.toLowerCase() && a.model.toLowerCase() === b.model.toLowerCase();

/** Literal strings of a list or tuple (a name bound to one included), or undefined. */
function literalNames(node: PyNode, scope: Scope): string[] | undefined {
  const value = evaluate(node, scope.evalCtx);
  if (value.kind !== "list") return undefined;
  const names = value.items.map((i) => (i.kind === "str" && !i.unresolved && !i.runTime ? i.value : undefined));
  return names.every((n) => n !== undefined) ? (names as string[]) : undefined;
}

/** `[f.name for f in Model._meta.get_fields()]` (no condition): every field of Model. */
function everyFieldOf(node: PyNode, scope: Scope): ModelRef | undefined {
  if (node.type !== "list_comprehension") return undefined;
  const clauses = node.namedChildren.slice(1);
  const loop = clauses[0];
  if (clauses.length !== 1 || loop?.type !== "for_in_clause") return undefined;
  const variable = loop.childForFieldName("left");
  const body = node.childForFieldName("body");
  if (variable?.type !== "identifier" || body?.type !== "attribute" || body.childForFieldName("object")?.text !== variable.text || body.childForFieldName("attribute")?.text !== "name") return undefined;
  let source = loop.childForFieldName("right");
  if (source?.type === "call" && (source.childForFieldName("arguments")?.namedChildren.length ?? 0) === 0) source = source.childForFieldName("function");
  if (source?.type !== "attribute" || !META_FIELDS.has(source.childForFieldName("attribute")?.text ?? "")) return undefined;
  const meta = source.childForFieldName("object");
  if (meta?.type !== "attribute" || meta.childForFieldName("attribute")?.text !== "_meta") return undefined;
  const model = valueOf(meta.childForFieldName("object")!, scope);
  return model?.kind === "model" ? model.ref : undefined;
}

/** What an expression is, of the values this reader follows. */
function valueOf(expression: PyNode, scope: Scope): Value | undefined {
  const node = unparen(expression);
  if (node.type === "identifier") return scope.env.get(node.text) ?? (scope.locals.has(node.text) ? undefined : namesValue(node, scope));
  if (node.type === "list" || node.type === "tuple") return namesValue(node, scope);
  if (node.type === "list_comprehension") {
    const model = everyFieldOf(node, scope);
    return model ? { kind: "fields", fields: { fieldsOf: model, except: [] } } : undefined;
  }
  if (node.type === "attribute") {
    // Model.objects: every row of the model
    const object = valueOf(node.childForFieldName("object")!, scope);
    return object?.kind === "model" && node.childForFieldName("attribute")?.text === "objects" ? { kind: "rows", ref: object.ref, everyRow: true } : undefined;
  }
  if (node.type !== "call") return undefined;
  const fn = node.childForFieldName("function")!;
  if (fn.type === "attribute" && fn.childForFieldName("attribute")?.text === "get_model") {
    const ref = scope.getModel(node);
    return ref ? { kind: "model", ref } : undefined;
  }
  if (fn.type === "attribute") {
    const receiver = valueOf(fn.childForFieldName("object")!, scope);
    const method = fn.childForFieldName("attribute")?.text ?? "";
    if (receiver?.kind !== "rows") return undefined;
    if (EVERY_ROW.has(method)) return receiver;
    if (SOME_ROWS.has(method)) return { ...receiver, everyRow: false };
    return ONE_ROW.has(method) ? { kind: "row", ref: receiver.ref, everyRow: false, saved: false } : undefined;
  }
  if (fn.type !== "identifier") return undefined;
  // a model built by its class: a new row, written when saved
  const called = scope.env.get(fn.text);
  if (called?.kind === "model") return { kind: "row", ref: called.ref, everyRow: false, saved: false };
  return called ? undefined : helperResult(fn.text, node, scope);
}

/** A literal list of names (or a name bound to one). */
function namesValue(node: PyNode, scope: Scope): Value | undefined {
  const names = literalNames(node, scope);
  return names ? { kind: "fields", fields: { names } } : undefined;
}

/** The row a module helper returns for these arguments: every return of its own gives a row of one model. */
function helperResult(name: string, call: PyNode, scope: Scope): Value | undefined {
  const inner = helperScope(name, call, scope);
  if (!inner) return undefined;
  const returns = ownNodes(inner.body, ["return_statement"]).map((r) => (r.namedChildren[0] ? valueOf(r.namedChildren[0], inner.scope) : undefined));
  const first = returns[0];
  if (first?.kind !== "row" || returns.some((r) => r?.kind !== "row" || !sameModel(r.ref, first.ref))) return undefined;
  return { kind: "row", ref: first.ref, everyRow: false, saved: false };
}

/** A module helper's body and scope, its parameters bound to what the call passes (positional arguments only). */
function helperScope(name: string, call: PyNode, scope: Scope): { body: PyNode; scope: Scope } | undefined {
  const def = scope.helpers.get(name);
  const body = def?.childForFieldName("body");
  if (!def || !body || scope.depth >= MAX_DEPTH) return undefined;
  const args = call.childForFieldName("arguments")?.namedChildren ?? [];
  if (args.some((a) => a.type === "keyword_argument" || a.type === "list_splat" || a.type === "dictionary_splat")) return undefined;
  const env = new Map<string, Value>();
  const params = parameterNames(def);
  params.forEach((param, i) => {
    const value = args[i] ? valueOf(args[i], scope) : undefined;
    if (value) env.set(param, value);
  });
  const inner: Scope = { ...scope, env, locals: new Set(params), depth: scope.depth + 1 };
  bindLocals(body, inner);
  return { body, scope: inner };
}

/** The function's own names bound once (`x = ...`, `for x in ...`), in source order; a name bound twice is not followed. */
function bindLocals(body: PyNode, scope: Scope): void {
  const sites = ownNodes(body, ["assignment", "for_statement"]).sort((a, b) => a.startIndex - b.startIndex);
  const count = new Map<string, number>();
  for (const site of sites) {
    const left = site.childForFieldName("left");
    if (left?.type === "identifier") count.set(left.text, (count.get(left.text) ?? 0) + 1);
  }
  for (const name of count.keys()) {
    scope.env.delete(name);
    scope.locals.add(name);
  }
  for (const site of sites) {
    const left = site.childForFieldName("left");
    const right = site.childForFieldName("right");
    if (left?.type !== "identifier" || !right || count.get(left.text) !== 1) continue;
    const value = valueOf(right, scope);
    if (!value) continue;
    if (site.type === "assignment") scope.env.set(left.text, value);
    // iterating a queryset: each of its rows (all of them, unless the loop leaves some early); iterating names: the
    // loop's own copy site reads them
    else if (value.kind === "rows") scope.env.set(left.text, { kind: "row", ref: value.ref, everyRow: value.everyRow && !leavesEarly(site), saved: false });
  }
}

/** A loop whose body may skip some of its items: a `continue`, `break` or `return` of its own. */
function leavesEarly(loop: PyNode): boolean {
  const body = loop.childForFieldName("body");
  if (!body) return true;
  return ownNodes(body, ["continue_statement", "break_statement", "return_statement"]).some((exit) => {
    if (exit.type === "return_statement") return true;
    for (let n = exit.parent; n && n.id !== body.id; n = n.parent) if (n.type === "for_statement" || n.type === "while_statement") return false;
    return true;
  });
}

/** A statement that runs only on a condition, in the function's body (an `if` or a `while` around it; a `try` runs it). */
function conditional(node: PyNode, body: PyNode): boolean {
  for (let n = node.parent; n && n.id !== body.id; n = n.parent) if (n.type === "if_statement" || n.type === "while_statement" || n.type === "match_statement") return true;
  return false;
}

/** `row.save()` anywhere in the function's own body: that row is written. */
function markSaves(body: PyNode, scope: Scope): void {
  for (const call of ownNodes(body, ["call"])) {
    const fn = call.childForFieldName("function");
    if (fn?.type !== "attribute" || fn.childForFieldName("attribute")?.text !== "save") continue;
    const row = valueOf(fn.childForFieldName("object")!, scope);
    if (row?.kind === "row") row.saved = true;
  }
}

/** `if field in [...]: continue` (or `==`): the names it skips, or undefined when the statement is anything else. */
function skippedNames(statement: PyNode, variable: string, scope: Scope): string[] | undefined {
  if (statement.type !== "if_statement" || statement.childForFieldName("alternative")) return undefined;
  const consequence = statement.childForFieldName("consequence");
  if (consequence?.namedChildren.length !== 1 || consequence.namedChildren[0]!.type !== "continue_statement") return undefined;
  const condition = unparen(statement.childForFieldName("condition")!);
  if (condition.type !== "comparison_operator" || condition.namedChildren.length !== 2) return undefined;
  const operator = condition.children.find((c) => !c.isNamed)?.text;
  const [left, right] = condition.namedChildren as [PyNode, PyNode];
  if (left.type !== "identifier" || left.text !== variable) return undefined;
  if (operator === "in") return literalNames(right, scope);
  const one = operator === "==" ? evaluate(right, scope.evalCtx) : undefined;
  return one?.kind === "str" && !one.unresolved ? [one.value] : undefined;
}

/** `getattr(src, field)` / `setattr(dest, field, value)`: the call's arguments when it is one with `field` second. */
function builtinCall(node: PyNode, name: string, variable: string, arity: number): PyNode[] | undefined {
  const call = unparen(node);
  if (call.type !== "call" || call.childForFieldName("function")?.text !== name) return undefined;
  const args = call.childForFieldName("arguments")?.namedChildren ?? [];
  return args.length === arity && args[1]!.type === "identifier" && args[1]!.text === variable ? args : undefined;
}

/** The loops of the body that copy each named field from one row to another, and the helpers it calls that do. */
function copiesIn(body: PyNode, scope: Scope, out: Array<FieldCopy & { dest: Row }>): void {
  for (const loop of ownNodes(body, ["for_statement"])) {
    const variable = loop.childForFieldName("left");
    const fields = valueOf(loop.childForFieldName("right")!, scope);
    const statements = loop.childForFieldName("body")?.namedChildren.filter((s) => s.type !== "comment") ?? [];
    if (variable?.type !== "identifier" || fields?.kind !== "fields" || statements.length === 0 || loop.childForFieldName("alternative") || conditional(loop, body)) continue;
    const skipped = statements.slice(0, -1).map((s) => skippedNames(s, variable.text, scope));
    if (skipped.some((s) => s === undefined)) continue;
    const last = statements.at(-1)!;
    const set = last.type === "expression_statement" ? builtinCall(last.namedChildren[0]!, "setattr", variable.text, 3) : undefined;
    const get = set ? builtinCall(set[2]!, "getattr", variable.text, 2) : undefined;
    if (!set || !get) continue;
    const dest = valueOf(set[0]!, scope);
    const src = valueOf(get[0]!, scope);
    if (dest?.kind !== "row" || src?.kind !== "row" || sameModel(dest.ref, src.ref)) continue;
    const except = skipped.flat() as string[];
    const copied: CopiedFields = "names" in fields.fields ? { names: fields.fields.names.filter((n) => !except.includes(n)) } : { ...fields.fields, except: [...fields.fields.except, ...except] };
    out.push({ from: src.ref, to: dest.ref, fields: copied, everyRow: src.everyRow, line: loop.startPosition.row + 1, dest });
  }
  // a helper called as a statement (`assign(translation, obj, model_fields)`): its loops, with the call's values
  for (const statement of ownNodes(body, ["expression_statement"])) {
    const call = unparen(statement.namedChildren[0]!);
    const fn = call.type === "call" ? call.childForFieldName("function") : undefined;
    if (fn?.type !== "identifier" || scope.env.has(fn.text) || conditional(statement, body)) continue;
    const inner = helperScope(fn.text, call, scope);
    if (!inner) continue;
    markSaves(inner.body, inner.scope);
    const found: Array<FieldCopy & { dest: Row }> = [];
    copiesIn(inner.body, inner.scope, found);
    out.push(...found.map((c) => ({ ...c, line: statement.startPosition.row + 1 })));
  }
}

/**
 * The copies of a RunPython function (`def`), each into rows it saves. `getModel` resolves `apps.get_model(...)`
 * (with the function's bindings), `helpers` are the module's functions it may call.
 */
export function fieldCopies(def: PyNode, helpers: ReadonlyMap<string, PyNode>, getModel: (call: PyNode) => ModelRef | undefined, evalCtx: EvalContext): FieldCopy[] {
  const body = def.childForFieldName("body");
  if (!body) return [];
  // the function's own defs shadow the module's
  const scope: Scope = { env: new Map(), locals: new Set(parameterNames(def)), helpers: new Map([...helpers, ...functionDefinitions(body)]), getModel, evalCtx, depth: 0 };
  bindLocals(body, scope);
  markSaves(body, scope);
  const found: Array<FieldCopy & { dest: Row }> = [];
  copiesIn(body, scope, found);
  return found.filter((c) => c.dest.saved).map(({ dest: _dest, ...copy }) => copy);
}
