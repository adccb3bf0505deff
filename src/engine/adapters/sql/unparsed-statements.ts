/**
 * The statements of a text its parser cut out but could not read (SQL built from run-time values: an f-string's
 * `START WITH {next_id}`), kept from the parse that found them so a reader of that work does not cut and parse
 * the text again.
 */

/** A statement that did not parse, with its lines in the text and the word it opens with. */
export interface UnparsedStatement {
  text: string;
  line: number;
  endLine: number;
  /** its first word (comments skipped), upper-cased; undefined when the scanner could not read the statement (an unterminated string) */
  word?: string;
  /** a statement that parsed starts after it on its line: its operations come after this one's */
  beforeParsedOnLine: boolean;
}

/** A statement as its parser cut it, parsed or not. */
export interface CutStatement {
  text: string;
  line: number;
  endLine: number;
  word?: string;
  parses: boolean;
}

/** The statements of `cut` (in order) that did not parse, each knowing whether one that did follows it on its line. */
export function unparsedStatements(cut: readonly CutStatement[]): UnparsedStatement[] {
  return cut.flatMap((piece, i) => {
    if (piece.parses) return [];
    const beforeParsedOnLine = cut.slice(i + 1).some((p) => p.parses && p.line === piece.line);
    return [{ text: piece.text, line: piece.line, endLine: piece.endLine, ...(piece.word !== undefined ? { word: piece.word } : {}), beforeParsedOnLine }];
  });
}
