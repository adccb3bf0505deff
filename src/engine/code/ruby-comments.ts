/**
 * Where a Ruby file's comments are, by Prism (`#` lines, `=begin` blocks), as the text's (UTF-16) offsets: for the
 * usage search's comment ranges (code-comments.ts), reached through ruby-readers.ts so a lint without Ruby never
 * loads Prism.
 */
import { parseRuby } from "../adapters/rails/prism.js";

/** The comments' ranges; undefined when Prism cannot read the file (too deep): every match is kept there. */
export function rubyCommentRanges(content: string): Array<readonly [number, number]> | undefined {
  let comments;
  try {
    comments = parseRuby(content).comments;
  } catch {
    return undefined;
  }
  const bytes = Buffer.from(content);
  const ascii = bytes.length === content.length;
  const at = (byte: number) => (ascii ? byte : bytes.subarray(0, byte).toString().length);
  return comments.map((c) => [at(c.location.startOffset), at(c.location.startOffset + c.location.length)] as const);
}
