/**
 * Ruby literals as values: what a migration call's arguments say without running Ruby.
 * Symbols and strings stay apart (`:string` is a Rails type, `"uuid USING ..."` is SQL); anything Ruby would
 * compute at run time is `code`. Local variables bound to literals (block parameters over a literal array,
 * `table = :users`) resolve through the environment.
 */
import { rubyIntegerOf } from "./ruby-integer.js";
import {
  ArrayNode,
  AssocNode,
  CallNode,
  ConstantReadNode,
  EmbeddedStatementsNode,
  FalseNode,
  FloatNode,
  HashNode,
  IntegerNode,
  InterpolatedStringNode,
  InterpolatedSymbolNode,
  KeywordHashNode,
  LambdaNode,
  LocalVariableReadNode,
  NilNode,
  ParenthesesNode,
  RationalNode,
  StatementsNode,
  StringNode,
  SymbolNode,
  TrueNode,
  type Node,
} from "@ruby/prism";
import type { RubySource } from "./ruby-source.js";

export type RubyValue =
  | { kind: "sym"; value: string }
  | { kind: "str"; value: string; node?: Node }
  | { kind: "int"; value: number; text: string }
  | { kind: "float"; value: number; text: string }
  | { kind: "bool"; value: boolean }
  | { kind: "nil" }
  | { kind: "array"; items: RubyValue[]; text?: string }
  | { kind: "hash"; entries: Map<string, RubyValue>; text?: string }
  /** `-> { "now()" }`: the SQL the lambda returns, when it is a literal */
  | { kind: "lambda"; sql?: string; text: string }
  /** computed by Ruby at run time (a constant, a method call, an interpolated string) */
  | { kind: "code"; text: string; node: Node };

export type Env = ReadonlyMap<string, RubyValue>;
export const EMPTY_ENV: Env = new Map();

/** Methods on a string that do not change what SQL it holds. */
const STRING_PASSTHROUGH = new Set(["freeze", "squish", "strip", "strip_heredoc", "dup", "to_s", "chomp", "dedent", "html_safe", "lstrip", "rstrip"]);

export function evaluate(node: Node | null | undefined, env: Env, src: RubySource): RubyValue {
  if (!node) return { kind: "nil" };
  if (node instanceof SymbolNode) return { kind: "sym", value: node.unescaped.value };
  if (node instanceof StringNode) return { kind: "str", value: node.unescaped.value, node };
  if (node instanceof IntegerNode) {
    const text = src.textOf(node);
    return { kind: "int", value: Number(rubyIntegerOf(text) ?? node.value), text };
  }
  if (node instanceof FloatNode) return { kind: "float", value: node.value, text: src.textOf(node) };
  if (node instanceof RationalNode) return { kind: "code", text: src.textOf(node), node };
  if (node instanceof TrueNode) return { kind: "bool", value: true };
  if (node instanceof FalseNode) return { kind: "bool", value: false };
  if (node instanceof NilNode) return { kind: "nil" };
  if (node instanceof ArrayNode) return { kind: "array", items: node.elements.map((e) => evaluate(e, env, src)), text: src.textOf(node) };
  if (node instanceof HashNode || node instanceof KeywordHashNode) return { kind: "hash", entries: hashEntries(node.elements, env, src), text: src.textOf(node) };
  if (node instanceof LambdaNode) return { kind: "lambda", sql: lambdaSql(node, env, src), text: src.textOf(node) };
  if (node instanceof LocalVariableReadNode) return env.get(node.name) ?? { kind: "code", text: node.name, node };
  // constants of the migration class are in the environment under their own name
  if (node instanceof ConstantReadNode && env.has(node.name)) return env.get(node.name)!;
  if (node instanceof ParenthesesNode) {
    const body = node.body instanceof StatementsNode && node.body.body.length === 1 ? node.body.body[0] : undefined;
    return body ? evaluate(body, env, src) : { kind: "code", text: src.textOf(node), node };
  }
  if (node instanceof InterpolatedStringNode || node instanceof InterpolatedSymbolNode) {
    const joined = joinParts(node.parts, env, src);
    if (joined !== undefined) return node instanceof InterpolatedSymbolNode ? { kind: "sym", value: joined } : { kind: "str", value: joined, node };
    return { kind: "code", text: src.textOf(node), node };
  }
  if (node instanceof CallNode && node.receiver && STRING_PASSTHROUGH.has(node.name) && !node.arguments_) {
    const inner = evaluate(node.receiver, env, src);
    if ((node.name === "freeze" || node.name === "dup") && inner.kind !== "code") return inner;
    if (inner.kind === "str") return node.name === "squish" ? { ...inner, value: inner.value.replace(/\s+/g, " ").trim() } : inner;
    if (inner.kind === "sym" && node.name === "to_s") return { kind: "str", value: inner.value };
  }
  // `%w[a b].join(", ")`, `TABLES.join(", ")` over a literal array of known names: the string Ruby makes
  if (node instanceof CallNode && node.receiver && node.name === "join" && (node.arguments_?.arguments_.length ?? 0) <= 1 && !node.block) {
    const items = evaluate(node.receiver, env, src);
    const separator = node.arguments_ ? evaluate(node.arguments_.arguments_[0], env, src) : { kind: "str" as const, value: "" };
    const texts = items.kind === "array" ? items.items.map((i) => (i.kind === "str" || i.kind === "sym" ? i.value : undefined)) : undefined;
    if (separator.kind === "str" && texts && texts.every((t) => t !== undefined)) return { kind: "str", value: texts.join(separator.value) };
  }
  if (node instanceof CallNode && node.receiver && node.name === "to_sym" && !node.arguments_) {
    const inner = evaluate(node.receiver, env, src);
    if (inner.kind === "str") return { kind: "sym", value: inner.value };
  }
  return { kind: "code", text: src.textOf(node), node };
}

function hashEntries(elements: Node[], env: Env, src: RubySource): Map<string, RubyValue> {
  const entries = new Map<string, RubyValue>();
  for (const element of elements) {
    if (!(element instanceof AssocNode)) continue; // **splat: unknown keys
    const key = evaluate(element.key, env, src);
    if (key.kind === "sym" || key.kind === "str") entries.set(key.value, evaluate(element.value, env, src));
  }
  return entries;
}

/** An interpolated string whose every part is known (`"#{table}_id"` with `table` bound). */
function joinParts(parts: Node[], env: Env, src: RubySource): string | undefined {
  let out = "";
  for (const part of parts) {
    if (part instanceof StringNode) out += part.unescaped.value;
    else if (part instanceof EmbeddedStatementsNode && part.statements?.body.length === 1) {
      const value = evaluate(part.statements.body[0], env, src);
      const text = nameOf(value) ?? (value.kind === "int" || value.kind === "float" ? value.text : undefined);
      if (text === undefined) return undefined;
      out += text;
    } else return undefined;
  }
  return out;
}

function lambdaSql(node: LambdaNode, env: Env, src: RubySource): string | undefined {
  const body = node.body instanceof StatementsNode && node.body.body.length === 1 ? node.body.body[0] : undefined;
  const value = body ? evaluate(body, env, src) : undefined;
  return value?.kind === "str" ? value.value : undefined;
}

/** a symbol's or string's text */
export const nameOf = (value: RubyValue | undefined): string | undefined =>
  value && (value.kind === "sym" || value.kind === "str") ? value.value : undefined;

/** `:a`, `"a"`, `[:a, :b]`, `%w[a b]` -> names; undefined when any part is unknown */
export function namesOf(value: RubyValue | undefined): string[] | undefined {
  if (!value) return undefined;
  if (value.kind === "array") {
    const names = value.items.map(nameOf);
    return names.every((n): n is string => n !== undefined) ? names : undefined;
  }
  const name = nameOf(value);
  return name === undefined ? undefined : [name];
}

/** Ruby truthiness of a known value; undefined when Ruby decides at run time. */
export function truthy(value: RubyValue | undefined): boolean | undefined {
  if (!value) return undefined;
  if (value.kind === "nil") return false;
  if (value.kind === "bool") return value.value;
  if (value.kind === "code") return undefined;
  return true;
}

export const isHash = (value: RubyValue | undefined): value is Extract<RubyValue, { kind: "hash" }> => value?.kind === "hash";

/** Keyword options of a call (`null: false, default: 0`), read like Ruby's `options[:key]`. */
export class Options {
  constructor(readonly entries: ReadonlyMap<string, RubyValue> = new Map()) {}

  static from(value: RubyValue | undefined): Options {
    return new Options(value?.kind === "hash" ? value.entries : new Map());
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get(key: string): RubyValue | undefined {
    return this.entries.get(key);
  }

  name(key: string): string | undefined {
    return nameOf(this.entries.get(key));
  }

  /** true/false when given literally; undefined when absent or computed */
  flag(key: string): boolean | undefined {
    return this.entries.has(key) ? truthy(this.entries.get(key)) : undefined;
  }

  int(key: string): number | undefined {
    const v = this.entries.get(key);
    return v?.kind === "int" ? v.value : undefined;
  }

  /** a nested hash option (`index: { unique: true }`) */
  nested(key: string): Options | undefined {
    const v = this.entries.get(key);
    return v?.kind === "hash" ? new Options(v.entries) : undefined;
  }

  get size(): number {
    return this.entries.size;
  }

  without(...keys: string[]): Options {
    const copy = new Map(this.entries);
    for (const k of keys) copy.delete(k);
    return new Options(copy);
  }
}

/** Render a value as Ruby source (for fixes that repeat the migration's own arguments). */
export function rubyLiteral(value: RubyValue): string {
  switch (value.kind) {
    case "sym":
      return /^[a-z_][a-zA-Z0-9_]*[?!]?$/.test(value.value) ? `:${value.value}` : `:"${value.value}"`;
    case "str":
      return JSON.stringify(value.value);
    case "int":
    case "float":
      return value.text;
    case "bool":
      return String(value.value);
    case "nil":
      return "nil";
    case "array":
      return `[${value.items.map(rubyLiteral).join(", ")}]`;
    case "hash":
      return `{ ${[...value.entries].map(([k, v]) => `${k}: ${rubyLiteral(v)}`).join(", ")} }`;
    case "lambda":
    case "code":
      return value.text;
  }
}
