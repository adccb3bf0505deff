/**
 * The operations a Django migration's `operations` holds, with the lists it names followed to where they are bound:
 * a class attribute (`state_operations = [...]` beside `operations = [SeparateDatabaseAndState(state_operations=
 * state_operations)]`, ralph's networks and virtual 0001) or a module-level name (`operations = [...] + other`).
 * An operation reached only through a SeparateDatabaseAndState's `state_operations` changes Django's state and
 * sends nothing to the database (Django applies only its state_forwards), so it is marked `stateOnly`.
 * Read with tree-sitter; a name bound more than once, or by anything but a plain `name = value`, is not followed.
 */
import { unparen } from "../../adapters/python/nodes.js";
import type { PyNode } from "../../adapters/python/parser.js";

export interface ListedOperation {
  node: PyNode;
  /** reached only through `state_operations`: no statement reaches the database */
  stateOnly: boolean;
}

export interface OperationLists {
  operations: ListedOperation[];
  /** the statements (class members and module statements) whose values are listed in `operations` */
  consumed: Set<number>;
}

interface Binding {
  statement: PyNode;
  value: PyNode;
}

/** SeparateDatabaseAndState(database_operations=None, state_operations=None): keyword, position, whether state-only. */
const SEPARATE_LISTS = [
  { keyword: "database_operations", position: 0, state: false },
  { keyword: "state_operations", position: 1, state: true },
] as const;

/** A call of Django's SeparateDatabaseAndState (`migrations.SeparateDatabaseAndState(...)`). */
export const isSeparateDatabaseAndState = (call: PyNode) => /(?:^|\.)SeparateDatabaseAndState$/.test(call.childForFieldName("function")?.text ?? "");

/** The `name = value` statements among `statements`, each name bound once (a name bound twice is left out). */
function plainBindings(statements: readonly PyNode[]): Map<string, Binding> {
  const out = new Map<string, Binding>();
  const twice = new Set<string>();
  for (const statement of statements) {
    const assignment = statement.type === "expression_statement" ? statement.namedChildren[0] : undefined;
    if (assignment?.type !== "assignment" && assignment?.type !== "augmented_assignment") continue;
    const left = assignment.childForFieldName("left");
    const value = assignment.childForFieldName("right");
    if (left?.type !== "identifier") continue;
    if (out.has(left.text) || assignment.type === "augmented_assignment" || !value) twice.add(left.text);
    else out.set(left.text, { statement, value });
  }
  for (const name of twice) out.delete(name);
  return out;
}

/** The value of a SeparateDatabaseAndState argument (by keyword or position). */
function separateArgument(call: PyNode, keyword: string, position: number): PyNode | undefined {
  const args = call.childForFieldName("arguments")?.namedChildren.filter((c) => c.type !== "comment") ?? [];
  const named = args.find((a) => a.type === "keyword_argument" && a.childForFieldName("name")?.text === keyword);
  if (named) return named.childForFieldName("value") ?? undefined;
  const positional = args.filter((a) => a.type !== "keyword_argument");
  return args.indexOf(positional[position]) === position ? positional[position] : undefined;
}

/**
 * The names an operation's SeparateDatabaseAndState calls (itself or nested) give as their lists, each with whether
 * it is the state's list: `state_operations=state_operations` gives [state_operations, true].
 */
function separateLists(item: PyNode): Array<[PyNode, boolean]> {
  const out: Array<[PyNode, boolean]> = [];
  for (const call of [item, ...item.descendantsOfType("call")]) {
    if (call.type !== "call" || !isSeparateDatabaseAndState(call)) continue;
    for (const list of SEPARATE_LISTS) {
      const argument = separateArgument(call, list.keyword, list.position);
      if (argument && unparen(argument).type === "identifier") out.push([unparen(argument), list.state]);
    }
  }
  return out;
}

/**
 * The operations of `Migration.operations`, with named lists followed; undefined when the class binds no
 * `operations`, or its value is not made of lists and names bound to them (a helper's call: read as code).
 */
export function operationLists(classBody: PyNode, module: PyNode): OperationLists | undefined {
  const members = plainBindings(classBody.namedChildren);
  const globals = plainBindings(module.namedChildren);
  const resolve = (name: string) => members.get(name) ?? globals.get(name);
  const top = members.get("operations");
  if (!top) return undefined;

  // first which named lists some database path reaches: a list named both ways runs its operations
  const database = new Set<string>();
  const visited = new Set<string>();
  const parts = (value: PyNode): PyNode[] | undefined => {
    const n = unparen(value);
    if (n.type === "list" || n.type === "tuple") return n.namedChildren.filter((c) => c.type !== "comment");
    if (n.type === "identifier") {
      const bound = resolve(n.text);
      return bound ? [n] : undefined;
    }
    if (n.type === "binary_operator" && n.childForFieldName("operator")?.text === "+") {
      const left = n.childForFieldName("left");
      const right = n.childForFieldName("right");
      const l = left && parts(left);
      const r = right && parts(right);
      return l && r ? [...l, ...r] : undefined;
    }
    return undefined;
  };
  const reachItem = (item: PyNode, state: boolean) => {
    if (item.type === "identifier" && resolve(item.text)) {
      const key = `${item.text}\u0000${state}`;
      if (visited.has(key)) return;
      visited.add(key);
      if (!state) database.add(item.text);
      const value = resolve(item.text)!.value;
      if (parts(value)) reach(value, state);
      else reachItem(value, state);
      return;
    }
    for (const [argument, listState] of separateLists(item)) reachItem(argument, state || listState);
  };
  const reach = (value: PyNode, state: boolean) => {
    for (const item of parts(value) ?? []) reachItem(item, state);
  };
  if (!parts(top.value)) return undefined;
  reach(top.value, false);

  // then each list's operations once, where it is first named; a name bound to one operation is that operation
  const operations: ListedOperation[] = [];
  const consumed = new Set<number>([top.statement.id]);
  const emitted = new Set<string>(["operations"]);
  const emitNamed = (name: string) => {
    const bound = resolve(name);
    if (!bound || emitted.has(name)) return;
    emitted.add(name);
    consumed.add(bound.statement.id);
    const state = !database.has(name);
    if (parts(bound.value)) emit(bound.value, state);
    else {
      operations.push({ node: bound.value, stateOnly: state });
      for (const [argument] of separateLists(bound.value)) emitNamed(argument.text);
    }
  };
  const emit = (value: PyNode, state: boolean) => {
    for (const item of parts(value) ?? []) {
      if (item.type === "identifier" && resolve(item.text)) {
        emitNamed(item.text);
        continue;
      }
      operations.push({ node: item, stateOnly: state });
      for (const [argument] of separateLists(item)) emitNamed(argument.text);
    }
  };
  emit(top.value, false);
  return { operations, consumed };
}
