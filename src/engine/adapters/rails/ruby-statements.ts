/** The statements a Prism body holds: a StatementsNode's list, a lone node as one, none for an empty body. */
import { StatementsNode, type Node } from "@ruby/prism";

export const rubyStatements = (node: Node | null): Node[] => (node instanceof StatementsNode ? node.body : node ? [node] : []);
