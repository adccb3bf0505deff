/**
 * Prism's Visitor, walking every child: @ruby/prism's own `visitChildNodes` goes through `compactChildNodes()`,
 * which loses a `case`'s `when`s, a `rescue`'s exceptions and a method's parameters (ruby-children.ts).
 */
import { Visitor, type Node } from "@ruby/prism";
import { rubyChildren } from "./ruby-children.js";

export class RubyVisitor extends Visitor {
  override visitChildNodes(node: Node): void {
    for (const child of rubyChildren(node)) child.accept(this);
  }
}
