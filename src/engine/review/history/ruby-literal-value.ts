/**
 * A Ruby value written out whole: strings without interpolation, symbols, numbers, true/false/nil, and arrays and
 * hashes of those (`%w[PG::ForeignKeyViolation Mysql2::Error]`), frozen or not. A constant holding one runs no code
 * and reaches no database when it is defined: only what reads it can.
 */
import { ArrayNode, AssocNode, CallNode, FalseNode, FloatNode, HashNode, IntegerNode, NilNode, StringNode, SymbolNode, TrueNode, type Node } from "@ruby/prism";

const SCALARS = [StringNode, SymbolNode, IntegerNode, FloatNode, TrueNode, FalseNode, NilNode];

export function isLiteralValue(node: Node | null): boolean {
  if (node === null) return false;
  if (SCALARS.some((kind) => node instanceof kind)) return true;
  if (node instanceof ArrayNode) return node.elements.every(isLiteralValue);
  if (node instanceof HashNode) return node.elements.every((e) => e instanceof AssocNode && isLiteralValue(e.key) && isLiteralValue(e.value));
  // `%w[...].freeze`
  return node instanceof CallNode && node.name === "freeze" && !node.arguments_ && !node.block && isLiteralValue(node.receiver);
}
