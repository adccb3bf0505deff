/**
 * What a Python `for` loop iterates over, when the program text alone says it: a literal list or tuple (or a
 * name bound to one), through `reversed()`, `sorted()`, `list()`, `tuple()`, `enumerate()`, `zip()`, a dict literal's
 * keys / `.items()` / `.values()`. Each item comes with the bindings of the loop's target (`for t, c in PAIRS:`
 * unpacks). Anything else (a query, a function's result, a name bound at run time) is undefined: not literal.
 */
import type { PyNode } from "./parser.js";
import { unparen } from "./nodes.js";
import type { PyValue } from "./values.js";

type Evaluate = (node: PyNode) => PyValue;

/** The items of an iterable value, or undefined when they are not all known. */
export function literalItems(value: PyValue): PyValue[] | undefined {
  if (value.kind === "list") return value.items;
  if (value.kind === "dict") return value.entries.map((e) => e.key);
  if (value.kind === "str" && !value.unresolved) return undefined; // iterating a string's characters is never a migration's list of names
  // zip() of known iterables: tuples, as long as the shortest (awx's `for p, s in zip(postgres_sql, sqlite_sql)`)
  if (value.kind === "call" && value.callee === "zip" && !value.receiver && !value.splat && value.kwargs.size === 0 && value.args.length > 0) {
    const columns = value.args.map(literalItems);
    if (columns.some((c) => c === undefined)) return undefined;
    const length = Math.min(...columns.map((c) => c!.length));
    return Array.from({ length }, (_, i) => ({ kind: "list", items: columns.map((c) => c![i]!), tuple: true, loc: value.loc }) as PyValue);
  }
  // builtins over one iterable; a method's result (`.all()`, `.fetchall()`) is not literal
  if (value.kind !== "call" || value.receiver || value.splat || value.args.length !== 1) return undefined;
  const inner = literalItems(value.args[0]);
  if (!inner) return undefined;
  switch (value.callee) {
    case "reversed":
    case "list":
    case "tuple":
      if (value.kwargs.size > 0) return undefined;
      return value.callee === "reversed" ? [...inner].reverse() : inner;
    case "sorted":
      return sortedItems(inner, value);
    case "enumerate":
      return enumerated(inner, value);
    default:
      return undefined;
  }
}

/** `sorted(items)` / `sorted(items, reverse=True)` of strings or numbers (Python's order for them); a `key=` is not read. */
function sortedItems(items: PyValue[], call: Extract<PyValue, { kind: "call" }>): PyValue[] | undefined {
  if ([...call.kwargs.keys()].some((k) => k !== "reverse")) return undefined;
  const reverse = call.kwargs.get("reverse");
  if (reverse && reverse.kind !== "bool") return undefined;
  const strings = items.every((i) => i.kind === "str" && !i.unresolved);
  const numbers = items.every((i) => i.kind === "num");
  if (!strings && !numbers) return undefined;
  const key = (v: PyValue) => (v.kind === "str" ? v.value : v.kind === "num" ? v.value : 0);
  // Python compares strings by code point, as < on JavaScript strings of BMP characters does
  const out = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return reverse?.kind === "bool" && reverse.value ? out.reverse() : out;
}

function enumerated(items: PyValue[], call: Extract<PyValue, { kind: "call" }>): PyValue[] | undefined {
  const start = call.kwargs.get("start");
  if (call.kwargs.size > (start ? 1 : 0) || (start && start.kind !== "num")) return undefined;
  const first = start?.kind === "num" ? start.value : 0;
  return items.map((item, i) => ({ kind: "list", items: [{ kind: "num", value: first + i, loc: item.loc }, item], tuple: true, loc: item.loc }));
}

/**
 * `d.items()` / `d.values()` / `d.keys()` where d is a dict literal or bound to one: evaluated from the node, since a
 * method call's value keeps only its receiver when the receiver is itself a call.
 */
export function dictViewItems(node: PyNode, evaluate: Evaluate): PyValue[] | undefined {
  const n = unparen(node);
  if (n.type !== "call" || (n.childForFieldName("arguments")?.namedChildren.length ?? 0) > 0) return undefined;
  const fn = n.childForFieldName("function");
  const object = fn?.type === "attribute" ? fn.childForFieldName("object") : null;
  const method = fn?.type === "attribute" ? fn.childForFieldName("attribute")?.text : undefined;
  if (!object || !method) return undefined;
  const dict = evaluate(object);
  if (dict.kind !== "dict") return undefined;
  if (method === "keys") return dict.entries.map((e) => e.key);
  if (method === "values") return dict.entries.map((e) => e.value);
  if (method === "items") return dict.entries.map((e) => ({ kind: "list", items: [e.key, e.value], tuple: true, loc: e.key.loc }));
  return undefined;
}

/**
 * The names a loop target binds to one item: `t` to the item, `t, c` / `(t, c)` / `[t, c]` to its parts (nested
 * patterns too). Undefined when the item does not have the target's shape (a starred target, a length mismatch,
 * an attribute or subscript target).
 */
export function bindTarget(target: PyNode, item: PyValue): Map<string, PyValue> | undefined {
  const out = new Map<string, PyValue>();
  const bind = (node: PyNode, value: PyValue): boolean => {
    const t = unparen(node);
    if (t.type === "identifier") {
      out.set(t.text, value);
      return true;
    }
    if (t.type !== "pattern_list" && t.type !== "tuple_pattern" && t.type !== "list_pattern" && t.type !== "tuple" && t.type !== "list" && t.type !== "expression_list") return false;
    const parts = t.namedChildren.filter((c) => c.type !== "comment");
    if (value.kind !== "list" || value.items.length !== parts.length) return false;
    return parts.every((part, i) => bind(part, value.items[i]));
  };
  return bind(target, item) ? out : undefined;
}
