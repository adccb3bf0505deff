/**
 * The string literal a word found in Ruby sits in, read from Prism's path to it (innermost node first): the whole
 * literal, an interpolated string's parts together, and its text without quotes, so that SQL and prose are told
 * apart by what the string says (usage-reference.ts, ruby-table-name-use.ts).
 */
import { InterpolatedStringNode, StringNode, XStringNode, type Node } from "@ruby/prism";

export type RubyString = StringNode | InterpolatedStringNode | XStringNode;

const isString = (n: Node | undefined): n is RubyString => n instanceof StringNode || n instanceof InterpolatedStringNode || n instanceof XStringNode;

/** A string's text, its interpolations as `#{}`. */
export function rubyStringText(node: RubyString): string {
  if (node instanceof InterpolatedStringNode) return node.parts.map((p) => (p instanceof StringNode ? p.unescaped.value : "#{}")).join("");
  return node.unescaped.value;
}

/** The index in `path` of the whole string literal around path[0], or -1 when the word is not in a string. */
export function stringIndexIn(path: readonly Node[]): number {
  let at = path.findIndex(isString);
  if (at === -1) return -1;
  while (path[at + 1] instanceof InterpolatedStringNode) at++;
  return at;
}
