/**
 * RunPython functions that are not module-level defs: a def in the Migration class body (a staticmethod or a plain
 * def, which the class body names as `fn` while it runs, and other code as `Migration.fn`), and the inner def a
 * module-level factory returns (`RunPython(make_backfill("order"))`). Their bodies are read as a module function's
 * are; a factory is followed only when it returns, by name, a def of its own body (anything else, a lambda or a def
 * it picks at run time, is not read).
 */
import { functionDefinitions, unparen } from "./nodes.js";
import type { PyNode } from "./parser.js";

/** The key a factory's returned function is filed under in DjangoFile.functions: `make_backfill()`. */
export const factoryKey = (factory: string) => `${factory}()`;

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
