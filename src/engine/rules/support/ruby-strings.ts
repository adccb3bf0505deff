/**
 * The string literals of a piece of Ruby (`'Transaction'`, `"Account::Transaction"`), read with Prism: the values a
 * data change writes or looks for, without mistaking code for text. Interpolated strings are left out (their value
 * is not known before the code runs).
 */
import { StringNode, SymbolNode } from "@ruby/prism";
import { RubyVisitor } from "../../adapters/rails/ruby-visitor.js";
import { parseRuby } from "../../adapters/rails/prism.js";

class StringCollector extends RubyVisitor {
  readonly values: string[] = [];
  override visitStringNode(node: StringNode) {
    this.values.push(node.unescaped.value);
    super.visitStringNode(node);
  }
  override visitSymbolNode(node: SymbolNode) {
    // a symbol names a column or an option (taggable_type:), not a value
    super.visitSymbolNode(node);
  }
}

/** Every plain string literal of `code`; undefined when it does not parse. */
export function rubyStringLiterals(code: string): string[] | undefined {
  const result = parseRuby(code);
  if (result.errors.length) return undefined;
  const collector = new StringCollector();
  collector.visit(result.value);
  return collector.values;
}
