/**
 * The gems a Ruby project's Gemfile names, read with Prism (`gem "strong_migrations"`, inside groups too).
 * Reached through the Ruby readers (loaded with the Rails adapter); lockfile.ts reads Gemfile.lock.
 */
import { CallNode, StringNode } from "@ruby/prism";
import { RubyVisitor } from "../adapters/rails/ruby-visitor.js";
import { parseRuby } from "../adapters/rails/prism.js";

class GemCalls extends RubyVisitor {
  readonly gems = new Set<string>();

  override visitCallNode(node: CallNode): void {
    const first = node.arguments_?.arguments_[0];
    if (node.name === "gem" && !node.receiver && first instanceof StringNode) this.gems.add(first.unescaped.value);
    super.visitCallNode(node);
  }
}

/** The gems a Gemfile (or gems.rb) names. */
export function gemfileGems(content: string): Set<string> {
  const visitor = new GemCalls();
  parseRuby(content).value.accept(visitor);
  return visitor.gems;
}
