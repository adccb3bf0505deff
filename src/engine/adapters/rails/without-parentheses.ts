/**
 * `(expr)` read as `expr`: Ruby wraps a condition or an operand in parentheses freely (`raise if (Feed.any?)`), and
 * the readers of guards and predicates judge the expression inside. Parentheses holding several statements are not
 * one expression: null.
 */
import { ParenthesesNode, StatementsNode, type Node } from "@ruby/prism";

export function withoutParentheses(node: Node | null): Node | null {
  let n = node;
  while (n instanceof ParenthesesNode) n = n.body instanceof StatementsNode && n.body.body.length === 1 ? n.body.body[0] : null;
  return n;
}
