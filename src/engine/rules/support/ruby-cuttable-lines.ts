/**
 * Lines of a Ruby file a fix can cut out and leave the rest as written: a whole statement (`add_index ...`, an
 * `execute` of one SQL statement) that shares its lines with no other, or lines wholly inside one string literal's
 * text (a heredoc's body, the lines of a multi-line "..." between its quotes) with no `#{...}` on them, which
 * changes that string only: one SQL statement taken out of an `execute <<-SQL` holding several. Read with Prism:
 * its own module, reached through the Ruby readers (a lint without Rails never loads it).
 */
import { InterpolatedStringNode, StatementsNode, StringNode, XStringNode, InterpolatedXStringNode, type Node } from "@ruby/prism";
import { rubyChildren } from "../../adapters/rails/ruby-children.js";
import { parseRuby } from "../../adapters/rails/prism.js";
import type { SourceRange } from "../../model.js";
import { SourceLines } from "../../source-lines.js";
import { rubyNodeLines } from "./moved-ruby-code.js";

type Loc = { startOffset: number; length: number } | null | undefined;

/** One parse per source: a fix asks about several ranges of the same migration. */
let parsed: { source: string; result: ReturnType<typeof parseRuby>; lines: SourceLines } | undefined;
function parsedOf(source: string) {
  if (parsed?.source !== source) parsed = { source, result: parseRuby(source), lines: new SourceLines(source) };
  return parsed;
}

export function rubyStringInterior(source: string, range: SourceRange): boolean {
  const { result, lines } = parsedOf(source);
  if (result.errors.length) return false;
  const lineOf = (offset: number) => lines.lineOfByte(offset);
  const inside = (node: Node): boolean => {
    if (node instanceof StringNode || node instanceof InterpolatedStringNode || node instanceof XStringNode || node instanceof InterpolatedXStringNode) {
      const { openingLoc: opening, closingLoc: closing } = node as unknown as { openingLoc: Loc; closingLoc: Loc };
      if (opening && closing) {
        const afterOpening = lineOf(opening.startOffset + Math.max(opening.length - 1, 0)) < range.line;
        const beforeClosing = lineOf(closing.startOffset) > range.endLine;
        // an interpolation on the lines would be cut with them: only literal text may go
        const interpolated =
          node instanceof InterpolatedStringNode || node instanceof InterpolatedXStringNode
            ? node.parts.some((p) => !(p instanceof StringNode) && lineOf(p.location.startOffset) <= range.endLine && lineOf(p.location.startOffset + p.location.length) >= range.line)
            : false;
        if (afterOpening && beforeClosing && !interpolated) return true;
      }
    }
    return rubyChildren(node).some(inside);
  };
  return inside(result.value);
}

/** Whether `range` is exactly one statement of a body (its heredocs included), sharing no line with the statements beside it. */
export function rubyWholeStatement(source: string, range: SourceRange): boolean {
  const { result, lines } = parsedOf(source);
  if (result.errors.length) return false;
  const found = (node: Node): boolean => {
    if (node instanceof StatementsNode) {
      const ranges = node.body.map((s) => rubyNodeLines(lines, s));
      const at = ranges.findIndex((r) => r.line === range.line && r.endLine === range.endLine);
      if (at >= 0 && ranges.every((r, i) => i === at || r.endLine < range.line || r.line > range.endLine)) return true;
    }
    return rubyChildren(node).some(found);
  };
  return found(result.value);
}
