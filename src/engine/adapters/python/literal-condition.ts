/**
 * The value of a Python condition whose operands are all known literals (`table == "webhook"` with `table` bound to
 * one item of an unrolled loop, `kind in ("a", "b")`, `not flag`): Python's own answer, or undefined when any
 * operand is not a literal or the operator is not one read here.
 */
import { unparen } from "./nodes.js";
import type { PyNode } from "./parser.js";
import { truthy, type PyValue } from "./values.js";

/**
 * A condition's value in Python's three-valued reading where part of it is unknown: `not`, `and` and `or` combine
 * what `leaf` says of their operands (`False and x` is False whatever x is); any other node is a leaf.
 */
export function decideCondition(node: PyNode, leaf: (node: PyNode) => boolean | undefined): boolean | undefined {
  const n = unparen(node);
  if (n.type === "not_operator") {
    const inner = n.childForFieldName("argument");
    const v = inner ? decideCondition(inner, leaf) : undefined;
    return v === undefined ? undefined : !v;
  }
  if (n.type === "boolean_operator") {
    const l = n.childForFieldName("left");
    const r = n.childForFieldName("right");
    const a = l ? decideCondition(l, leaf) : undefined;
    const b = r ? decideCondition(r, leaf) : undefined;
    if (n.childForFieldName("operator")?.text === "and") return a === false || b === false ? false : a === true && b === true ? true : undefined;
    return a === true || b === true ? true : a === false && b === false ? false : undefined;
  }
  return leaf(n);
}

export function literalCondition(node: PyNode, evaluate: (node: PyNode) => PyValue): boolean | undefined {
  return decideCondition(node, (n) => literalLeaf(n, evaluate));
}

function literalLeaf(n: PyNode, evaluate: (node: PyNode) => PyValue): boolean | undefined {
  switch (n.type) {
    case "comparison_operator": {
      // `a < b < c` is `a < b and b < c`
      const operands = n.namedChildren.filter((c) => c.type !== "comment");
      const operators = n.childrenForFieldName("operators").map((o) => o.text.replace(/\s+/g, " "));
      if (operands.length !== operators.length + 1) return undefined;
      const values = operands.map((o) => plain(evaluate(o)));
      let all: boolean | undefined = true;
      for (const [i, operator] of operators.entries()) {
        const v = compare(values[i], operator, values[i + 1]);
        if (v === false) return false;
        if (v === undefined) all = undefined;
      }
      return all;
    }
    default:
      return truthy(plain(evaluate(n)));
  }
}

/** A value known whole from the program text, or undefined (a call, a name, a string with a part known only at run time). */
function plain(value: PyValue): PyValue | undefined {
  switch (value.kind) {
    case "str":
      return value.unresolved || value.runTime || value.composed ? undefined : value;
    case "num":
    case "bool":
    case "none":
      return value;
    case "list":
      return value.items.every((i) => plain(i) !== undefined) ? value : undefined;
    case "dict":
      return value.entries.every((e) => plain(e.key) !== undefined) ? value : undefined;
    default:
      return undefined;
  }
}

function compare(a: PyValue | undefined, operator: string, b: PyValue | undefined): boolean | undefined {
  if (!a || !b) return undefined;
  switch (operator) {
    case "==":
      return equal(a, b);
    case "!=": {
      const e = equal(a, b);
      return e === undefined ? undefined : !e;
    }
    case "in":
      return contains(b, a);
    case "not in": {
      const c = contains(b, a);
      return c === undefined ? undefined : !c;
    }
    case "is":
    case "is not": {
      // identity is only known for the singletons
      const singleton = (v: PyValue) => v.kind === "none" || v.kind === "bool";
      if (!singleton(a) && !singleton(b)) return undefined;
      const same = a.kind === b.kind && (a.kind !== "bool" || (b.kind === "bool" && a.value === b.value));
      return operator === "is" ? same : !same;
    }
    default:
      return undefined;
  }
}

/** Python's == between literals (True == 1, "1" != 1, [1] != (1,)); undefined for what is not read here. */
function equal(a: PyValue, b: PyValue): boolean | undefined {
  const numeric = (v: PyValue) => (v.kind === "num" ? v.value : v.kind === "bool" ? Number(v.value) : undefined);
  const x = numeric(a);
  const y = numeric(b);
  if (x !== undefined && y !== undefined) return x === y;
  if (a.kind === "str" && b.kind === "str") return a.value === b.value;
  if (a.kind === "none" || b.kind === "none") return a.kind === b.kind;
  if (a.kind === "list" && b.kind === "list") {
    if (a.tuple !== b.tuple || a.items.length !== b.items.length) return false;
    let all: boolean | undefined = true;
    for (const [i, item] of a.items.entries()) {
      const e = equal(item, b.items[i]!);
      if (e === false) return false;
      if (e === undefined) all = undefined;
    }
    return all;
  }
  if (a.kind === "dict" || b.kind === "dict") return undefined;
  // str against a number, a list against a str: different types are never equal
  return false;
}

/** Python's `needle in haystack` for a literal list, tuple, dict (its keys) or string (a substring). */
function contains(haystack: PyValue, needle: PyValue): boolean | undefined {
  if (haystack.kind === "str") return needle.kind === "str" ? haystack.value.includes(needle.value) : undefined;
  const items = haystack.kind === "list" ? haystack.items : haystack.kind === "dict" ? haystack.entries.map((e) => e.key) : undefined;
  if (!items) return undefined;
  let known = true;
  for (const item of items) {
    const e = equal(item, needle);
    if (e === true) return true;
    if (e === undefined) known = false;
  }
  return known ? false : undefined;
}
