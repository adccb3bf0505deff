/**
 * reStructuredText's block structure as its lines define it, for the readers of documentation (doc-steps.ts,
 * doc-prose.ts): npm has no kept reStructuredText parser. A section title is a line over a punctuation underline (an
 * overline of the same character optional), its level the order in which the document first uses that style; an
 * indented block runs while its lines stay indented past the line that opens it.
 */

/** an rst section underline (or overline): one punctuation character repeated */
export const ADORNMENT = /^([=\-`:'"~^_*+#<>.])\1{2,}\s*$/;
/** an rst enumerated list item: `1.`, `#.`, `a)`, `(2)` then text */
export const ENUMERATED = /^(\s*)(?:\d+[.)]|#[.)]|[a-zA-Z][.)]|\(\d+\)|\(#\))\s+(\S.*)$/;
/** a directive that holds code, with its language */
export const CODE_DIRECTIVE = /^\s*\.\.\s+(?:code-block|code|sourcecode|prompt)::\s*([\w-]*)/;
/** any other directive (`.. note::`) */
export const DIRECTIVE = /^\s*\.\.\s+[\w-]+::/;

export const indentOf = (line: string): number => line.length - line.trimStart().length;
export const isBlank = (line: string): boolean => line.trim() === "";

/** The indented block after line `from` (blank lines inside it kept), deeper than `indent`: its last line's index. */
export function blockEnd(lines: readonly string[], from: number, indent: number): number {
  let end = from;
  for (let i = from + 1; i < lines.length; i++) {
    if (isBlank(lines[i]!)) continue;
    if (indentOf(lines[i]!) <= indent) break;
    end = i;
  }
  return end;
}

/**
 * The title at line `i` (0-based) with its level, when line `i` is one; `styles` holds the heading styles met so far,
 * in order, and learns a new one.
 */
export function titleAt(lines: readonly string[], i: number, styles: string[]): { title: string; level: number } | undefined {
  const line = lines[i]!;
  const under = lines[i + 1];
  if (isBlank(line) || indentOf(line) !== 0 || ADORNMENT.test(line) || under === undefined || !ADORNMENT.test(under)) return undefined;
  const over = i > 0 && ADORNMENT.test(lines[i - 1]!) && lines[i - 1]!.trim()[0] === under.trim()[0];
  const style = `${over ? "over" : ""}${under.trim()[0]}`;
  if (!styles.includes(style)) styles.push(style);
  return { title: line.trim(), level: styles.indexOf(style) };
}
