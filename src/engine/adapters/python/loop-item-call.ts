/**
 * An Alembic call inside a loop over a literal list, as one item of the loop runs it: the loop's variables written
 * as that item's literal values (`op.alter_column(table, column, nullable=False)` in `for table, column in PAIRS:`
 * is `op.alter_column("users", "created_at", nullable=False)` for the first pair). A fix that copies the call into a
 * new revision copies this text: the loop's names do not exist there.
 */
import type { PyNode } from "./parser.js";
import type { PyValue } from "./values.js";

export interface LoopItemCall {
  /** the call with the loop's variables as the item's values; undefined when one of them is no literal */
  call?: string;
  /** the loop variables the call reads, in order of first use */
  names: string[];
  /** their values in this item as Python literals; undefined when one is no literal */
  values?: string[];
  /** the iterable of the loop that binds them, as written (`_TARGETS`, `reversed(_TARGETS)`) */
  over: string;
}

/** Python source for a value known from the program text, or undefined when it is none (a call, a name). */
export function pythonLiteral(value: PyValue | undefined): string | undefined {
  if (!value) return undefined;
  switch (value.kind) {
    case "str":
      // JSON's string escapes (\n, \", \\, \uXXXX) are Python's
      return value.unresolved || value.runTime || value.composed ? undefined : JSON.stringify(value.value);
    case "num":
      return Number.isFinite(value.value) ? String(value.value) : undefined;
    case "bool":
      return value.value ? "True" : "False";
    case "none":
      return "None";
    case "list": {
      const items = value.items.map(pythonLiteral);
      if (items.some((i) => i === undefined)) return undefined;
      if (!value.tuple) return `[${items.join(", ")}]`;
      return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
    }
    default:
      return undefined;
  }
}

/** A str value as the text of an f-string's part: undefined when it would need an escape in any quoting. */
function fStringPart(value: PyValue | undefined): string | undefined {
  if (value?.kind !== "str" || value.unresolved || value.runTime || value.composed) return undefined;
  if (/["'\\\n\r]/.test(value.value)) return undefined;
  return value.value.replace(/\{/g, "{{").replace(/\}/g, "}}");
}

/**
 * `call` with each read of a loop variable replaced: a bare `{name}` of an f-string by the value's text, any other
 * read by the value's literal. `loops` maps the loop variables in scope to their loop's iterable.
 */
export function loopItemCall(call: PyNode, loops: ReadonlyMap<string, string>, bound: (name: string) => PyValue | undefined): LoopItemCall | undefined {
  if (loops.size === 0) return undefined;
  const names: string[] = [];
  const edits: Array<{ start: number; end: number; text: string | undefined }> = [];
  const visit = (node: PyNode): void => {
    if (node.type === "interpolation") {
      const inner = node.namedChildren;
      const expr = inner[0];
      if (inner.length === 1 && expr?.type === "identifier" && loops.has(expr.text)) {
        if (!names.includes(expr.text)) names.push(expr.text);
        edits.push({ start: node.startIndex, end: node.endIndex, text: fStringPart(bound(expr.text)) });
        return;
      }
    }
    if (node.type === "identifier" && loops.has(node.text)) {
      const parent = node.parent;
      const field = (name: string) => parent?.childForFieldName(name)?.id === node.id;
      // `x.table` and `table=...` name no variable
      if (parent?.type === "attribute" && field("attribute")) return;
      if (parent?.type === "keyword_argument" && field("name")) return;
      if (!names.includes(node.text)) names.push(node.text);
      // a literal inside an f-string's braces needs other quotes than the string's before Python 3.12: not written
      const inFString = ancestorOfType(node, "interpolation", call);
      edits.push({ start: node.startIndex, end: node.endIndex, text: inFString ? undefined : pythonLiteral(bound(node.text)) });
      return;
    }
    for (const child of node.namedChildren) if (child) visit(child);
  };
  visit(call);
  if (names.length === 0) return undefined;
  const over = loops.get(names[0])!;
  const literals = names.map((n) => pythonLiteral(bound(n)));
  const values = literals.every((v) => v !== undefined) ? { values: literals as string[] } : {};
  if (edits.some((e) => e.text === undefined)) return { names, over, ...values };
  let text = call.text;
  for (const e of [...edits].sort((a, b) => b.start - a.start))
    text = text.slice(0, e.start - call.startIndex) + e.text + text.slice(e.end - call.startIndex);
  return { call: text, names, over, ...values };
}

function ancestorOfType(node: PyNode, type: string, stop: PyNode): boolean {
  for (let n = node.parent; n && n.id !== stop.id; n = n.parent) if (n.type === type) return true;
  return false;
}
