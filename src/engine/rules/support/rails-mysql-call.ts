/**
 * A Rails call as written in a migration, kept for a MySQL fix without the options only PostgreSQL has:
 * `algorithm: :concurrently` (mysql2 raises: its index algorithms are default, copy, inplace, instant) and
 * `validate: false` (ignored there: MySQL has no unvalidated constraints), wherever they sit
 * (`index: { algorithm: :concurrently }`, `foreign_key: { validate: false }`). Read with Prism, so strings and
 * nested hashes are never mistaken for syntax.
 */
import { AssocNode, CallNode, FalseNode, HashNode, KeywordHashNode, SymbolNode, type Node } from "@ruby/prism";
import { RubyVisitor } from "../../adapters/rails/ruby-visitor.js";
import { rubyChildren } from "../../adapters/rails/ruby-children.js";
import { parseRuby } from "../../adapters/rails/prism.js";

const keyOf = (node: AssocNode) => (node.key instanceof SymbolNode ? node.key.unescaped.value : undefined);

const postgresOnly = (pair: AssocNode) => {
  const key = keyOf(pair);
  if (key === "algorithm") return pair.value instanceof SymbolNode && pair.value.unescaped.value === "concurrently";
  return key === "validate" && pair.value instanceof FalseNode;
};

interface Edit {
  start: number;
  end: number;
  text: string;
}

const end = (node: Node) => node.location.startOffset + node.location.length;

/** Byte edits that take the PostgreSQL-only pairs out of every hash of the call. */
class PairRemover extends RubyVisitor {
  edits: Edit[] = [];
  constructor(private readonly drop: (pair: AssocNode) => boolean = postgresOnly) {
    super();
  }
  /** removes the dropped pairs of a hash that keeps others, each with its separator */
  private pairs(elements: readonly Node[]) {
    elements.forEach((pair, at) => {
      if (!(pair instanceof AssocNode) || !this.drop(pair)) return;
      // the comma before the pair, or for the first pair the one after it
      const start = at > 0 ? end(elements[at - 1]) : pair.location.startOffset;
      const stop = at > 0 ? end(pair) : (elements[at + 1]?.location.startOffset ?? end(pair));
      this.edits.push({ start, end: stop, text: "" });
    });
  }
  private allDropped = (elements: readonly Node[]) => elements.length > 0 && elements.every((e) => e instanceof AssocNode && this.drop(e));
  override visitCallNode(node: CallNode) {
    const args = node.arguments_?.arguments_ ?? [];
    const last = args.at(-1);
    // trailing options that are all PostgreSQL's go with the comma that introduced them
    if ((last instanceof KeywordHashNode || last instanceof HashNode) && this.allDropped(last.elements)) {
      this.edits.push({ start: args.length > 1 ? end(args[args.length - 2]) : last.location.startOffset, end: end(last), text: "" });
      for (const child of rubyChildren(node)) if (child !== node.arguments_) this.visit(child);
      for (const arg of args.slice(0, -1)) this.visit(arg);
      return;
    }
    if (last instanceof KeywordHashNode) this.pairs(last.elements);
    super.visitCallNode(node);
  }
  override visitHashNode(node: HashNode) {
    // a braced option hash left empty means "on, with the defaults": `index: true`
    if (this.allDropped(node.elements)) {
      this.edits.push({ start: node.location.startOffset, end: end(node), text: "true" });
      return;
    }
    this.pairs(node.elements);
    super.visitHashNode(node);
  }
}

/** `call` without PostgreSQL's own options; unchanged when it has none or does not parse. */
export function withoutPostgresOptions(call: string): string {
  return withoutPairs(call, postgresOnly);
}

/** `call` without the option `key` (`primary_key: true`), wherever it sits; unchanged when it has none or does not parse. */
export function withoutOption(call: string, key: string): string {
  return withoutPairs(call, (pair) => keyOf(pair) === key);
}

function withoutPairs(call: string, drop: (pair: AssocNode) => boolean): string {
  const result = parseRuby(call);
  if (result.errors.length) return call;
  const remover = new PairRemover(drop);
  remover.visit(result.value);
  if (!remover.edits.length) return call;
  // Prism's offsets are UTF-8 bytes: edit the bytes, last first
  let bytes = Buffer.from(call);
  for (const e of remover.edits.sort((a, b) => b.start - a.start)) bytes = Buffer.concat([bytes.subarray(0, e.start), Buffer.from(e.text), bytes.subarray(e.end)]);
  return bytes.toString();
}

/**
 * `add_column :t, :name, :type, options` as the line a create_table block writes for it (`t.column :name, :type,
 * options`), its arguments as written; undefined for any other call or one that does not parse.
 */
export function asBlockColumn(call: string): string | undefined {
  const result = parseRuby(call);
  if (result.errors.length) return undefined;
  const statement = result.value.statements.body;
  const node = statement.length === 1 ? statement[0] : undefined;
  if (!(node instanceof CallNode) || node.receiver || node.name !== "add_column" || node.block) return undefined;
  const args = node.arguments_?.arguments_ ?? [];
  if (args.length < 3) return undefined;
  const bytes = Buffer.from(call);
  return `t.column ${bytes.subarray(args[1].location.startOffset, end(args[args.length - 1])).toString()}`;
}

/**
 * `call` with the option `key: value` (`algorithm: :concurrently`), replacing the key's own pair when it has one and
 * keeping every other option as written (`where:`, `using:`, `opclass:`), with or without parentheses or braces;
 * undefined when the call does not parse as one call.
 */
export function withOption(call: string, key: string, value: string): string | undefined {
  const trimmed = withoutOption(call, key);
  const result = parseRuby(trimmed);
  if (result.errors.length) return undefined;
  const statement = result.value.statements.body;
  const node = statement.length === 1 ? statement[0] : undefined;
  if (!(node instanceof CallNode) || node.block) return undefined;
  const last = node.arguments_?.arguments_.at(-1);
  if (!last) return undefined;
  const bytes = Buffer.from(trimmed);
  // a braced option hash gets the pair inside its braces: a hash then keywords would be two arguments
  let at = end(last);
  let pair = `, ${key}: ${value}`;
  if (last instanceof HashNode) {
    at = last.closingLoc.startOffset;
    while (at > 0 && bytes[at - 1] === 0x20) at--;
    if (last.elements.length === 0) pair = ` ${key}: ${value}`;
  }
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(pair), bytes.subarray(at)]).toString();
}

/** The byte range of positional argument `index` (0-based) of a one-call statement; undefined when it has none or does not parse. */
function positionalArgument(call: string, index: number): { start: number; end: number } | undefined {
  const result = parseRuby(call);
  if (result.errors.length) return undefined;
  const statement = result.value.statements.body;
  const node = statement.length === 1 ? statement[0] : undefined;
  if (!(node instanceof CallNode)) return undefined;
  const arg = (node.arguments_?.arguments_ ?? []).filter((a) => !(a instanceof KeywordHashNode))[index];
  return arg ? { start: arg.location.startOffset, end: end(arg) } : undefined;
}

/** The source of positional argument `index` (0-based) of a one-call statement; undefined when it has none or does not parse. */
export function argumentText(call: string, index: number): string | undefined {
  const arg = positionalArgument(call, index);
  return arg ? Buffer.from(call).subarray(arg.start, arg.end).toString() : undefined;
}

/**
 * `call` with positional argument `index` (0-based) written as `text`, every other argument as written (a follow-up
 * migration's `add_index` under the table's name at the head of the history); undefined when it has none or does not parse.
 */
export function withArgument(call: string, index: number, text: string): string | undefined {
  const arg = positionalArgument(call, index);
  if (!arg) return undefined;
  const bytes = Buffer.from(call);
  return Buffer.concat([bytes.subarray(0, arg.start), Buffer.from(text), bytes.subarray(arg.end)]).toString();
}
