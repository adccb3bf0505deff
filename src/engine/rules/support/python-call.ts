/**
 * A Python call as written in a migration (a Django field `models.CharField(max_length=20)`, an Alembic
 * `sa.Column(...)`), changed the way a fix needs it: a keyword argument set, replaced or removed. The call is
 * read with tree-sitter's Python grammar, so strings and nested calls in it are never mistaken for syntax.
 */
import { withPythonTree, type PyNode } from "../../adapters/python/parser.js";
import { evaluate, truthy, type PyValue } from "../../adapters/python/values.js";
import { Imports, lastSegment } from "../../adapters/python/imports.js";

interface Argument {
  key?: string;
  start: number;
  end: number;
}

/** Which call of the text to change: the outermost, or the first (outermost first) whose callee passes. */
export type CallPick = (callee: string) => boolean;

function findCall(node: PyNode, pick: CallPick): PyNode | undefined {
  if (node.type === "call" && pick(node.childForFieldName("function")?.text ?? "")) return node;
  for (const child of node.namedChildren) {
    const found = child && findCall(child, pick);
    if (found) return found;
  }
  return undefined;
}

/** A call's argument list: its arguments' spans and the position of its closing parenthesis. */
function readCall(text: string, pick?: CallPick): { args: Argument[]; open: number; close: number } | undefined {
  return withPythonTree(text, (root) => {
    const statement = root.namedChildren[0];
    const outer: PyNode | null | undefined = statement?.type === "expression_statement" ? statement.namedChildren[0] : undefined;
    if (!outer || outer.type !== "call" || root.hasError) return undefined;
    const call = pick ? findCall(outer, pick) : outer;
    if (!call) return undefined;
    const list = call.childForFieldName("arguments");
    if (!list || list.type !== "argument_list") return undefined;
    const args = list.namedChildren
      .filter((n): n is PyNode => n !== null && n.type !== "comment")
      .map((n) => ({ key: n.type === "keyword_argument" ? n.childForFieldName("name")?.text : undefined, start: n.startIndex, end: n.endIndex }));
    return { args, open: list.startIndex, close: list.endIndex - 1 };
  });
}

/** `call` with `key=value` (replacing the keyword when it is there); undefined when `call` is not one call. */
export function withKeyword(call: string, key: string, value: string, pick?: CallPick): string | undefined {
  const read = readCall(call.trim(), pick);
  if (!read) return undefined;
  const text = call.trim();
  const existing = read.args.find((a) => a.key === key);
  if (existing) return `${text.slice(0, existing.start)}${key}=${value}${text.slice(existing.end)}`;
  const last = read.args.at(-1);
  if (!last) return `${text.slice(0, read.close)}${key}=${value}${text.slice(read.close)}`;
  return `${text.slice(0, last.end)}, ${key}=${value}${text.slice(last.end)}`;
}

/** `call` without the keyword `key` (unchanged when it has none). */
export function withoutKeyword(call: string, key: string, pick?: CallPick): string | undefined {
  const read = readCall(call.trim(), pick);
  if (!read) return undefined;
  const text = call.trim();
  const at = read.args.findIndex((a) => a.key === key);
  if (at === -1) return text;
  const arg = read.args[at];
  // take the separator with it: the comma before (or, for the first argument, the one after)
  const from = at > 0 ? read.args[at - 1].end : arg.start;
  const to = at > 0 ? arg.end : (read.args[at + 1]?.start ?? arg.end);
  return `${text.slice(0, from)}${text.slice(to)}`;
}

/** The text of keyword argument `key` of `call`, if it has one. */
export function keywordText(call: string, key: string, pick?: CallPick): string | undefined {
  const read = readCall(call.trim(), pick);
  const arg = read?.args.find((a) => a.key === key);
  if (!arg) return undefined;
  const text = call.trim().slice(arg.start, arg.end);
  return text.slice(text.indexOf("=") + 1).trim();
}

/**
 * Keyword argument `key` of `call` as Python tests it (`if self.unique:`, Django's fields do): `null='True'` and
 * even `unique='False'` hold, 0, None and '' do not; undefined when it is not given or not a literal.
 */
export function keywordTruthy(call: string, key: string, pick?: CallPick): boolean | undefined {
  const text = keywordText(call, key, pick);
  return text === undefined ? undefined : truthy(literalOf(text));
}

/** The callee of the outermost call (`migrations.AddIndex`), or undefined when the text is not one call. */
export function calleeOf(call: string): string | undefined {
  return withPythonTree(call.trim(), (root) => {
    const statement = root.namedChildren[0];
    const outer = statement?.type === "expression_statement" ? statement.namedChildren[0] : undefined;
    return outer?.type === "call" && !root.hasError ? outer.childForFieldName("function")?.text : undefined;
  });
}

/**
 * What an expression names: `sa.JSON` for the attribute `sa.JSON`, and for a call (`postgresql.JSON(astext_type=...)`)
 * its callee; undefined for anything else (a string, a subscript) or text that is not one expression.
 */
export function namedBy(expression: string): { name: string; call: boolean } | undefined {
  return withPythonTree(expression.trim(), (root) => {
    const statement = root.namedChildren[0];
    const node = statement?.type === "expression_statement" && root.namedChildren.length === 1 ? statement.namedChildren[0] : undefined;
    if (!node || root.hasError) return undefined;
    if (node.type === "identifier" || node.type === "attribute") return { name: node.text, call: false };
    const callee = node.type === "call" ? node.childForFieldName("function") : undefined;
    return callee && (callee.type === "identifier" || callee.type === "attribute") ? { name: callee.text, call: true } : undefined;
  });
}

/** `call` with another callee and the same arguments (`migrations.AddIndex(...)` -> `AddIndexConcurrently(...)`). */
export function withCallee(call: string, callee: string): string | undefined {
  const old = calleeOf(call);
  return old === undefined ? undefined : `${callee}${call.trim().slice(old.length)}`;
}

/**
 * `call` with the first positional argument that `test` accepts replaced by `replace(its text)` (an
 * `sa.Column`'s type, keeping every other argument and keyword); undefined when no argument passes.
 */
export function withPositional(call: string, test: (arg: string) => boolean, replace: (arg: string) => string, pick?: CallPick): string | undefined {
  const read = readCall(call.trim(), pick);
  if (!read) return undefined;
  const text = call.trim();
  const arg = read.args.find((a) => a.key === undefined && test(text.slice(a.start, a.end)));
  return arg ? `${text.slice(0, arg.start)}${replace(text.slice(arg.start, arg.end))}${text.slice(arg.end)}` : undefined;
}

/**
 * `call` without the first positional argument that `test` accepts (an `sa.Column`'s `sa.ForeignKey(...)`), the
 * comma that separated it dropped with it; undefined when no argument passes.
 */
export function withoutPositional(call: string, test: (arg: string) => boolean, pick?: CallPick): string | undefined {
  const read = readCall(call.trim(), pick);
  if (!read) return undefined;
  const text = call.trim();
  const at = read.args.findIndex((a) => a.key === undefined && test(text.slice(a.start, a.end)));
  if (at === -1) return undefined;
  const [next, previous] = [read.args[at + 1], read.args[at - 1]];
  // up to the next argument (its comma and the space before it), or from the previous one's end when it is the last
  if (next) return `${text.slice(0, read.args[at].start)}${text.slice(next.start)}`;
  return previous ? `${text.slice(0, previous.end)}${text.slice(read.args[at].end)}` : `${text.slice(0, read.args[at].start)}${text.slice(read.args[at].end)}`;
}

/** The text of the `n`th positional argument of `call` (0-based), or of keyword `key` when it is passed by name. */
export function argumentText(call: string, n: number, key: string, pick?: CallPick): string | undefined {
  const read = readCall(call.trim(), pick);
  if (!read) return undefined;
  const text = call.trim();
  const named = read.args.find((a) => a.key === key);
  if (named) return keywordText(text, key, pick);
  const arg = read.args.filter((a) => a.key === undefined)[n];
  return arg && text.slice(arg.start, arg.end);
}

/**
 * `call` with `value` put as its positional argument `n` (0-based), the arguments from there on shifted by one: a
 * batch_op call given the table its batch block supplied. Undefined when `call` has fewer than `n` positional
 * arguments (one passed by keyword cannot take a positional after it).
 */
export function withPositionalAt(call: string, n: number, value: string, pick?: CallPick): string | undefined {
  const read = readCall(call.trim(), pick);
  if (!read) return undefined;
  const text = call.trim();
  const positional = read.args.filter((a) => a.key === undefined);
  if (positional.length < n) return undefined;
  const before = n === 0 ? undefined : positional[n - 1];
  // right after the argument before it (or the opening parenthesis), so line breaks and comments stay where they are
  const at = before ? before.end : read.open + 1;
  const tail = read.args.some((a) => a.start >= at) ? ", " : "";
  return before ? `${text.slice(0, at)}, ${value}${text.slice(at)}` : `${text.slice(0, at)}${value}${tail}${text.slice(at)}`;
}

/** `text` with every call of `from` (`batch_op.f`) calling `to` (`op.f`) instead: calls only, never strings or names. */
export function withCalleeRenamed(text: string, from: string, to: string): string | undefined {
  return withPythonTree(text, (root) => {
    if (root.hasError) return undefined;
    const spans = root
      .descendantsOfType("call")
      .map((c: PyNode | null) => c?.childForFieldName("function"))
      .filter((f): f is PyNode => !!f && f.text === from)
      .map((f) => [f.startIndex, f.endIndex] as const)
      .sort((a, b) => b[0] - a[0]);
    return spans.reduce((out, [s, e]) => `${out.slice(0, s)}${to}${out.slice(e)}`, text);
  });
}

/**
 * The value of a Python expression written as a literal (`"CASCADE"`, `["id"]`, `True`, `sa.text("total >= 0")`,
 * `op.f("fk_name")`), read without any binding: undefined when it is not one expression. A name or any other
 * computed part evaluates to `name` / `unknown`, which callers must treat as unknown.
 */
export function literalOf(expression: string): PyValue | undefined {
  return withPythonTree(expression.trim(), (root) => {
    const statement = root.namedChildren[0];
    const node = statement?.type === "expression_statement" && root.namedChildren.length === 1 ? statement.namedChildren[0] : undefined;
    return node && !root.hasError ? evaluate(node, { imports: new Imports() }) : undefined;
  });
}

export type LiteralRead = { ok: true; value: string | string[] | boolean | undefined } | { ok: false; what: string };

/** A literal argument's value (a string, op.f / sa.text of one, a list of strings, a bool); `ok: false` for anything computed. */
export function readLiteral(text: string | undefined, what: string): LiteralRead {
  if (text === undefined) return { ok: true, value: undefined };
  const value = literalOf(text);
  const str = (v: PyValue | undefined): string | undefined =>
    v?.kind === "str" && !v.unresolved ? v.value : v?.kind === "call" && /^(f|text|literal_column)$/.test(lastSegment(v.callee)) && v.args.length === 1 ? str(v.args[0]) : undefined;
  if (value?.kind === "none") return { ok: true, value: undefined };
  if (value?.kind === "bool") return { ok: true, value: value.value };
  const single = str(value);
  if (single !== undefined) return { ok: true, value: single };
  const items = value?.kind === "list" ? value.items.map(str) : undefined;
  if (items && items.every((i): i is string => i !== undefined)) return { ok: true, value: items };
  return { ok: false, what: `${what} (${text.trim()})` };
}
