/**
 * RunPython functions that are not module-level defs: a def in the Migration class body (a staticmethod or a plain
 * def, which the class body names as `fn` while it runs, and other code as `Migration.fn`), and the inner def a
 * module-level factory returns (`RunPython(make_backfill("order"))`). Their bodies are read as a module function's
 * are; a factory is followed only when it returns, by name, a def of its own body (anything else, a lambda or a def
 * it picks at run time, is not read). A factory called with literal arguments (django-parler's recipe:
 * `RunPython(forwards_func_factory("Label"))`) has its inner def read once per call, its parameters bound to them,
 * so `apps.get_model("app", modelname)` names the model that call copies.
 */
import { functionDefinitions, parameterNames, unparen } from "./nodes.js";
import type { PyNode } from "./parser.js";
import type { Bindings, PyCall, PyValue } from "./values.js";

/** The key a factory's returned function is filed under in DjangoFile.functions: `make_backfill()`. */
export const factoryKey = (factory: string) => `${factory}()`;

/** A value written out in the source: a string known whole, a number, a bool, None, or a list or tuple of them. */
function literal(value: PyValue): boolean {
  if (value.kind === "str") return !value.unresolved && !value.runTime;
  if (value.kind === "list") return value.items.every(literal);
  return value.kind === "num" || value.kind === "bool" || value.kind === "none";
}

/** A literal's key text (`"Label"`, `[1, "a"]`). */
const literalText = (value: PyValue): string =>
  value.kind === "list" ? `[${value.items.map(literalText).join(", ")}]` : value.kind === "str" ? JSON.stringify(value.value) : value.kind === "none" ? "None" : String(value.kind === "num" || value.kind === "bool" ? value.value : "");

/**
 * The key one call of a factory with literal arguments is filed under (`make_backfill("order")`), or undefined
 * when an argument is not a literal (its value is known only as the migration runs) or is unpacked (`*args`).
 */
export function factoryCallKey(call: PyCall): string | undefined {
  if (call.splat || !call.args.every(literal) || ![...call.kwargs.values()].every(literal)) return undefined;
  const kwargs = [...call.kwargs].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${literalText(v)}`);
  return `${call.callee}(${[...call.args.map(literalText), ...kwargs].join(", ")})`;
}

/**
 * The factory's parameters bound to the call's literal arguments (by position, then by keyword), over the module's
 * bindings, for reading `inner`: a name the inner def or the factory assigns again is left unbound.
 */
export function factoryBindings(factory: PyNode, inner: PyNode, call: PyCall, moduleBindings: Bindings): Bindings {
  const params = parameterNames(factory);
  const bound = new Map(moduleBindings);
  // a parameter the call leaves to its default, or a *args / **kwargs one, is not a module name either
  for (const p of params) bound.delete(p);
  call.args.forEach((arg, i) => {
    if (i < params.length) bound.set(params[i]!, arg);
  });
  for (const [name, arg] of call.kwargs) if (params.includes(name)) bound.set(name, arg);
  for (const name of [...assignedNames(factory), ...parameterNames(inner)]) bound.delete(name);
  return bound;
}

/** The names a function's body assigns (`x = ...`, `x += ...`, `for x in ...`, `with ... as x`), its inner defs' included. */
function assignedNames(def: PyNode): string[] {
  const names: string[] = [];
  for (const node of def.childForFieldName("body")?.descendantsOfType(["assignment", "augmented_assignment", "for_statement", "for_in_clause", "as_pattern"]) ?? []) {
    const target = node.type === "as_pattern" ? node.namedChildren.at(-1) : node.childForFieldName("left");
    for (const id of target ? [target, ...target.descendantsOfType("identifier")] : []) if (id.type === "identifier") names.push(id.text);
  }
  return names;
}

/** The inner def a factory returns (`def make(...): def inner(apps, schema_editor): ...; return inner`), if it is one. */
export function factoryReturnedFunction(factory: PyNode): PyNode | undefined {
  const body = factory.childForFieldName("body");
  if (!body) return undefined;
  const inner = functionDefinitions(body);
  if (inner.size === 0) return undefined;
  // one return of the factory's own (an inner def's returns are its own), the last statement of its block: a
  // conditional choice of functions is not followed
  const returns = body.descendantsOfType("return_statement").filter((r) => r !== null && ownerOf(r) === factory.id);
  if (returns.length !== 1 || body.namedChildren.at(-1)?.id !== returns[0]!.id) return undefined;
  const value = returns[0]!.namedChildren[0];
  const returned = value ? unparen(value) : undefined;
  return returned?.type === "identifier" ? inner.get(returned.text) : undefined;
}

/** The id of the function definition a node is in. */
function ownerOf(node: PyNode): number | undefined {
  for (let n = node.parent; n; n = n.parent) if (n.type === "function_definition") return n.id;
  return undefined;
}
