/**
 * Where a Ruby file's comments are, by Prism (`#` lines, `=begin` blocks), as the text's (UTF-16) offsets: for the
 * usage search's comment ranges (code-comments.ts), reached through ruby-readers.ts so a lint without Ruby never
 * loads Prism.
 */
import { parseRuby } from "../adapters/rails/prism.js";
import { SourceLines } from "../source-lines.js";

/** The comments' ranges; undefined when Prism cannot read the file (too deep): every match is kept there. */
export function rubyCommentRanges(content: string): Array<readonly [number, number]> | undefined {
  let comments;
  try {
    comments = parseRuby(content).comments;
  } catch {
    return undefined;
  }
  const lines = new SourceLines(content);
  const ascii = lines.byteLength === content.length;
  // Prism's byte offsets as string offsets: the text of the bytes before it, measured in UTF-16
  const at = (byte: number) => (ascii ? byte : lines.sliceBytes(0, byte).length);
  return comments.map((c) => [at(c.location.startOffset), at(c.location.startOffset + c.location.length)] as const);
}
