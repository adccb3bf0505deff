/**
 * The names a Ruby file writes as symbols and plain strings (`:active_admin_comments`, `'users'`): what a
 * migration's schema calls name, so that a model whose table Rails may derive two ways is matched to the one
 * the migration works on.
 */
import { StringNode, SymbolNode, type Node } from "@ruby/prism";
import { rubyChildren } from "./ruby-children.js";

export function literalNames(root: Node): Set<string> {
  const names = new Set<string>();
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node instanceof SymbolNode || node instanceof StringNode) names.add(node.unescaped.value);
    for (const child of rubyChildren(node)) stack.push(child);
  }
  return names;
}
