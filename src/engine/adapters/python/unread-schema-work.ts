/**
 * Schema statements in SQL built from run-time values (an f-string's `START WITH {next_id}`) that PostgreSQL's
 * parser cannot read with the placeholder in place: each is still schema work, recorded as an opaque `raw` operation
 * named by its own first keyword, so it is neither lost nor taken for a data change.
 */
import type { Operation } from "../../model.js";
import { parseStatements, scannedStatements } from "../sql/pg-parser.js";
import { pgScan } from "../sql/pg-query.js";

/** The words that open a statement on the schema (ALTER TABLE, CREATE INDEX, DROP ..., COMMENT ON). */
const SCHEMA_WORDS = new Set(["ALTER", "CREATE", "DROP", "COMMENT"]);

/** The first word of `sql` as PostgreSQL's scanner reads it (comments skipped), when it opens a schema statement. */
function schemaWord(sql: string): string | undefined {
  try {
    const word = pgScan(sql).tokens.find((t) => t.tokenName !== "SQL_COMMENT" && t.tokenName !== "C_COMMENT")?.text.toUpperCase();
    return word !== undefined && SCHEMA_WORDS.has(word) ? word : undefined;
  } catch {
    return undefined; // an unterminated string or comment: nothing to read the word from
  }
}

/** A schema statement of `text` that did not parse, with its lines in `text` and its opening keyword. */
export interface UnreadSchemaStatement {
  text: string;
  line: number;
  endLine: number;
  word: string;
  /** a statement that parsed starts after it on its line: its operations come after this one's */
  beforeParsedOnLine: boolean;
}

/**
 * The statements of `text` (cut by PostgreSQL's scanner) that do not parse and open with a schema keyword. A
 * statement that parses is the adapter's; one that does not and opens otherwise (an UPDATE) is left to the parse
 * error's note.
 */
export function unreadSchemaStatements(text: string): UnreadSchemaStatement[] {
  const pieces = (scannedStatements(text) ?? []).map((piece) => ({ ...piece, parses: parseStatements(piece.text).errors.length === 0 }));
  return pieces.flatMap((piece, i) => {
    const word = piece.parses ? undefined : schemaWord(piece.text);
    if (!word) return [];
    const beforeParsedOnLine = pieces.slice(i + 1).some((p) => p.parses && p.line === piece.line);
    return [{ text: piece.text, line: piece.line, endLine: piece.endLine, word, beforeParsedOnLine }];
  });
}

/**
 * `parsed` (the operations of the statements that parsed, in order) with `unread` placed among them by line; on a
 * line shared with parsed statements, before or after them as the statement stands on it.
 */
export function withUnreadInOrder<T extends { loc: { line: number } }>(parsed: readonly T[], unread: ReadonlyArray<{ op: T; statement: UnreadSchemaStatement }>): T[] {
  const out = [...parsed];
  for (const { op, statement } of unread) {
    const at = out.findIndex((o) => (statement.beforeParsedOnLine ? o.loc.line >= op.loc.line : o.loc.line > op.loc.line));
    out.splice(at === -1 ? out.length : at, 0, op);
  }
  return out;
}

/** The operation standing for such a statement: schema work migguard could not read into. */
export const isUnreadSchemaWork = (op: Operation): boolean => op.kind === "raw" && op.opaque && SCHEMA_WORDS.has(op.statement);
