/**
 * A Prism node's child nodes. @ruby/prism's own `compactChildNodes()` loses the list children of some nodes
 * (its generated code calls `compact.concat(...)` and drops the result): a method's parameters, a `case`'s
 * `when`s, a `rescue`'s exceptions. `childNodes()` has them all, with nulls for absent ones.
 */
import type { Node } from "@ruby/prism";

export const rubyChildren = (node: Node): Node[] => node.childNodes().filter((child): child is Node => child !== null && child !== undefined);
