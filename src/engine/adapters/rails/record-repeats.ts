/**
 * A loop's write that changes the data again when the loop runs again: a record's attribute set by arithmetic on
 * its own value (`invoice.total_minutes = invoice.total_minutes * 60`, `invoice.total_minutes *= 60`,
 * `invoice.update!(total_minutes: invoice.total_minutes * 60)`, `increment!(:count)`), flexile's hours to minutes.
 * Run after code that already writes minutes, it multiplies those rows again. Read from Prism's tree.
 */
import { AssocNode, BlockNode, CallNode, CallOperatorWriteNode, HashNode, KeywordHashNode, ParenthesesNode, StatementsNode, StringNode, SymbolNode, type Node } from "@ruby/prism";
import { rubyChildren } from "./ruby-children.js";
import { localName } from "./call-args.js";
import type { RubySource } from "./ruby-source.js";

const ARITHMETIC = new Set(["+", "-", "*", "/"]);
const INCREMENTS = new Set(["increment", "increment!", "decrement", "decrement!"]);
const HASH_UPDATES = new Set(["update", "update!", "update_columns", "update_attributes", "update_attributes!", "assign_attributes"]);
const ONE_COLUMN_UPDATES = new Set(["update_column", "update_attribute"]);

const literalName = (node: Node | null | undefined): string | undefined =>
  node instanceof SymbolNode ? node.unescaped.value : node instanceof StringNode ? node.unescaped.value : undefined;

/** `record.attribute` read with no arguments. */
const readsAttribute = (node: Node | null | undefined, record: string, attribute: string): boolean =>
  node instanceof CallNode && node.name === attribute && !node.arguments_ && localName(node.receiver) === record;

/** The value is arithmetic with `record.attribute` among its operands (at any depth of arithmetic and parentheses). */
function growsFrom(node: Node | null | undefined, record: string, attribute: string): boolean {
  if (node instanceof ParenthesesNode) return growsFrom(node.body, record, attribute);
  if (node instanceof StatementsNode) return node.body.length === 1 && growsFrom(node.body[0], record, attribute);
  if (!(node instanceof CallNode) || !ARITHMETIC.has(node.name)) return false;
  const operands = [node.receiver, ...(node.arguments_?.arguments_ ?? [])];
  return operands.some((o) => readsAttribute(o, record, attribute) || growsFrom(o, record, attribute));
}

/** The write's source when it sets an attribute of `record` from its own value, else undefined. */
function repeatedWrite(node: Node, record: string, src: RubySource): string | undefined {
  if (node instanceof CallOperatorWriteNode && localName(node.receiver) === record && ARITHMETIC.has(node.binaryOperator)) return src.textOf(node);
  if (!(node instanceof CallNode) || localName(node.receiver) !== record) return undefined;
  const args = node.arguments_?.arguments_ ?? [];
  // record.attr = <arithmetic on record.attr>
  if (node.name.endsWith("=") && !["==", "!=", "<=", ">=", "==="].includes(node.name) && args.length === 1 && growsFrom(args[0], record, node.name.slice(0, -1))) return src.textOf(node);
  if (INCREMENTS.has(node.name) && literalName(args[0])) return src.textOf(node);
  if (ONE_COLUMN_UPDATES.has(node.name) && literalName(args[0]) && growsFrom(args[1], record, literalName(args[0])!)) return src.textOf(node);
  const hash = HASH_UPDATES.has(node.name) && args.length === 1 ? args[0] : undefined;
  if (hash instanceof KeywordHashNode || hash instanceof HashNode)
    for (const element of hash.elements) {
      const name = element instanceof AssocNode ? literalName(element.key) : undefined;
      if (name && element instanceof AssocNode && growsFrom(element.value, record, name)) return src.textOf(node);
    }
  return undefined;
}

/** The first write of the loop's block that changes its record's data again on a second run, as written; or undefined. */
export function recordRepeats(block: BlockNode, record: string | undefined, src: RubySource): string | undefined {
  if (record === undefined) return undefined;
  let found: string | undefined;
  const visit = (node: Node | null) => {
    if (!node || found) return;
    found = repeatedWrite(node, record, src);
    if (!found) for (const child of rubyChildren(node)) visit(child);
  };
  visit(block.body);
  return found?.split("\n")[0].trim();
}
