/**
 * What a Django database router's `allow_migrate(self, db, app_label, model_name=None, **hints)` answers for one
 * database alias and app label, read from its tree (tree-sitter Python), never run. Only what the code decides
 * on its own is an answer: returns of literals, comparisons of `db` / `app_label` with string literals or module
 * constants, `in` a literal tuple / list / set, if / elif / else, `and` / `or` / `not`, locals bound to such values.
 * Anything else (a call, a model lookup, `model_name`, hints, a loop, a try) is unknown, and so is the answer.
 */
import type { Imports } from "../adapters/python/imports.js";
import { qualifiedName } from "../adapters/python/imports.js";
import { statementsOf, stringText, unparen } from "../adapters/python/nodes.js";
import type { PyNode } from "../adapters/python/parser.js";
import type { PyValue } from "../adapters/python/values.js";

/** Django's own name for the default alias (django.db.DEFAULT_DB_ALIAS), as the routers of its docs compare it. */
const DJANGO_CONSTANTS: ReadonlyMap<string, string> = new Map([
  ["django.db.DEFAULT_DB_ALIAS", "default"],
  ["django.db.utils.DEFAULT_DB_ALIAS", "default"],
]);

type Value = { kind: "str"; value: string } | { kind: "bool"; value: boolean } | { kind: "none" } | { kind: "strings"; values: string[] } | { kind: "unknown" };

const UNKNOWN: Value = { kind: "unknown" };
const NONE: Value = { kind: "none" };

/** What the method answers: allowed or not, no opinion (None: Django asks the next router), or not decidable. */
export type AllowMigrate = boolean | null | "unknown";

/** steps of one evaluation: a method past this is unknown (a hostile file stays cheap) */
const MAX_STEPS = 2_000;

interface Scope {
  imports: Imports;
  /** module-level names bound to values (module.ts) */
  constants: ReadonlyMap<string, PyValue>;
  /** the method's own names: its parameters and locals */
  locals: Map<string, Value>;
  steps: { left: number };
}

const truthy = (v: Value): boolean | undefined =>
  v.kind === "str" ? v.value.length > 0 : v.kind === "bool" ? v.value : v.kind === "none" ? false : v.kind === "strings" ? v.values.length > 0 : undefined;

function same(a: Value, b: Value): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "str" && b.kind === "str") return a.value === b.value;
  if (a.kind === "bool" && b.kind === "bool") return a.value === b.value;
  if (a.kind === "strings" && b.kind === "strings") return a.values.join("\0") === b.values.join("\0");
  return a.kind === "none";
}

function constantValue(value: PyValue | undefined): Value {
  if (value?.kind === "str" && !value.unresolved) return { kind: "str", value: value.value };
  if (value?.kind === "bool") return { kind: "bool", value: value.value };
  if (value?.kind === "none") return NONE;
  if (value?.kind === "list" && value.items.every((i) => i.kind === "str" && !i.unresolved)) return { kind: "strings", values: value.items.map((i) => (i as { value: string }).value) };
  return UNKNOWN;
}

function expression(node: PyNode, scope: Scope): Value {
  if (--scope.steps.left < 0) return UNKNOWN;
  const n = unparen(node);
  switch (n.type) {
    case "string": {
      const text = stringText(n);
      return text === undefined ? UNKNOWN : { kind: "str", value: text };
    }
    case "true":
    case "false":
      return { kind: "bool", value: n.type === "true" };
    case "none":
      return NONE;
    case "tuple":
    case "list":
    case "set": {
      const items = n.namedChildren.filter((c) => c.type !== "comment").map((c) => expression(c, scope));
      return items.every((i) => i.kind === "str") ? { kind: "strings", values: items.map((i) => (i as { value: string }).value) } : UNKNOWN;
    }
    case "identifier": {
      const local = scope.locals.get(n.text);
      if (local) return local;
      const bound = scope.constants.get(n.text);
      if (bound) return constantValue(bound);
      const known = DJANGO_CONSTANTS.get(scope.imports.qualify(n.text));
      return known === undefined ? UNKNOWN : { kind: "str", value: known };
    }
    case "attribute": {
      const known = DJANGO_CONSTANTS.get(qualifiedName(n, scope.imports) ?? "");
      return known === undefined ? UNKNOWN : { kind: "str", value: known };
    }
    case "not_operator": {
      const argument = n.childForFieldName("argument");
      const t = argument ? truthy(expression(argument, scope)) : undefined;
      return t === undefined ? UNKNOWN : { kind: "bool", value: !t };
    }
    case "boolean_operator": {
      const left = n.childForFieldName("left");
      const right = n.childForFieldName("right");
      const operator = n.childForFieldName("operator")?.text;
      if (!left || !right) return UNKNOWN;
      const l = expression(left, scope);
      const t = truthy(l);
      if (t === undefined) {
        // `unknown and False` is falsy whichever it is, but its value is not known: only a truth test could use it
        return UNKNOWN;
      }
      if (operator === "and") return t ? expression(right, scope) : l;
      if (operator === "or") return t ? l : expression(right, scope);
      return UNKNOWN;
    }
    case "comparison_operator":
      return comparison(n, scope);
    case "conditional_expression": {
      const [whenTrue, condition, whenFalse] = n.namedChildren.filter((c) => c.type !== "comment");
      if (!whenTrue || !condition || !whenFalse) return UNKNOWN;
      const t = truthy(expression(condition, scope));
      if (t === undefined) {
        const a = expression(whenTrue, scope);
        const b = expression(whenFalse, scope);
        return same(a, b) ? a : UNKNOWN;
      }
      return expression(t ? whenTrue : whenFalse, scope);
    }
    default:
      return UNKNOWN;
  }
}

/** `a == b`, `a != b`, `a in (...)`, `a not in (...)`, `a is None`, `a is not None`: one operator, two operands. */
function comparison(n: PyNode, scope: Scope): Value {
  const operands = n.namedChildren.filter((c) => c.type !== "comment");
  const operators = n.children.filter((c) => !c.isNamed).map((c) => c.text.replace(/\s+/g, " "));
  if (operands.length !== 2 || operators.length !== 1) return UNKNOWN;
  const l = expression(operands[0], scope);
  const r = expression(operands[1], scope);
  const op = operators[0];
  if (l.kind === "unknown" || r.kind === "unknown") return UNKNOWN;
  const bool = (value: boolean): Value => ({ kind: "bool", value });
  switch (op) {
    case "==":
      return bool(same(l, r));
    case "!=":
      return bool(!same(l, r));
    case "is":
    case "is not":
      // identity is only decidable against None
      if (l.kind !== "none" && r.kind !== "none") return UNKNOWN;
      return bool((l.kind === r.kind) === (op === "is"));
    case "in":
    case "not in": {
      if (l.kind !== "str") return UNKNOWN;
      const within = r.kind === "strings" ? r.values.includes(l.value) : r.kind === "str" ? r.value.includes(l.value) : undefined;
      return within === undefined ? UNKNOWN : bool(within === (op === "in"));
    }
    default:
      return UNKNOWN;
  }
}

/** The value `statements` return, run from the first; falling off the end returns None. */
function run(statements: readonly PyNode[], scope: Scope): Value {
  for (const [i, statement] of statements.entries()) {
    if (--scope.steps.left < 0) return UNKNOWN;
    const rest = statements.slice(i + 1);
    switch (statement.type) {
      case "comment":
      case "pass_statement":
        continue;
      case "return_statement": {
        const value = statement.namedChildren.find((c) => c.type !== "comment");
        return value ? expression(value, scope) : NONE;
      }
      case "expression_statement": {
        const inner = statement.namedChildren[0];
        if (inner?.type === "string" && statement.namedChildren.length === 1) continue; // a docstring
        const left = inner?.type === "assignment" ? inner.childForFieldName("left") : null;
        const right = inner?.type === "assignment" ? inner.childForFieldName("right") : null;
        if (left?.type !== "identifier" || !right || inner?.childForFieldName("type")) return UNKNOWN;
        scope.locals.set(left.text, expression(right, scope));
        continue;
      }
      case "if_statement":
        return branch(statement, rest, scope);
      default:
        return UNKNOWN; // a call, a loop, a try: what it does is not read
    }
  }
  return NONE;
}

/** An if / elif / else: the branch the condition picks, then what follows; both when it is unknown, if they agree. */
function branch(statement: PyNode, rest: readonly PyNode[], scope: Scope): Value {
  const arms: Array<{ condition?: PyNode; body: PyNode | null }> = [{ condition: statement.childForFieldName("condition") ?? undefined, body: statement.childForFieldName("consequence") }];
  for (const clause of statement.childrenForFieldName("alternative")) {
    if (clause.type === "elif_clause") arms.push({ condition: clause.childForFieldName("condition") ?? undefined, body: clause.childForFieldName("consequence") });
    else if (clause.type === "else_clause") arms.push({ body: clause.childForFieldName("body") });
  }
  if (arms[arms.length - 1].condition) arms.push({ body: null }); // no else: on to what follows
  const outcomes: Value[] = [];
  for (const arm of arms) {
    const t = arm.condition ? truthy(expression(arm.condition, scope)) : true;
    if (t === false) continue;
    // each path runs with its own locals
    const result = run([...statementsOf(arm.body), ...rest], { ...scope, locals: new Map(scope.locals) });
    outcomes.push(result);
    if (t === true) break;
  }
  const [first, ...others] = outcomes;
  return first && others.every((o) => same(o, first)) ? first : UNKNOWN;
}

/**
 * `allow_migrate` of a router class for `db` and `app_label`: its answer, as Django takes it (a value that is not
 * None counts by its truth). The method's parameters are read by position (self, db, app_label, ...); any other
 * parameter (model_name, hints) is unknown.
 */
export function allowMigrate(method: PyNode, db: string, appLabel: string, module: { imports: Imports; bindings: ReadonlyMap<string, PyValue> }): AllowMigrate {
  const parameters = (method.childForFieldName("parameters")?.namedChildren ?? []).filter((p) => p.type !== "comment");
  const name = (p: PyNode | undefined) => (p?.type === "identifier" ? p.text : p?.type === "typed_parameter" ? p.namedChildren.find((c) => c.type === "identifier")?.text : undefined);
  const [, dbName, labelName] = parameters.map(name);
  if (!dbName || !labelName) return "unknown";
  const locals = new Map<string, Value>();
  // the other parameters shadow module names: they are the call's, not known here
  for (const p of parameters) {
    const own = name(p) ?? (p.type === "default_parameter" || p.type === "typed_default_parameter" ? p.childForFieldName("name")?.text : p.namedChildren.find((c) => c.type === "identifier")?.text);
    if (own) locals.set(own, UNKNOWN);
  }
  locals.set(dbName, { kind: "str", value: db });
  locals.set(labelName, { kind: "str", value: appLabel });
  const result = run(statementsOf(method.childForFieldName("body")), { imports: module.imports, constants: module.bindings, locals, steps: { left: MAX_STEPS } });
  if (result.kind === "unknown") return "unknown";
  if (result.kind === "none") return null;
  return truthy(result) ?? "unknown";
}
