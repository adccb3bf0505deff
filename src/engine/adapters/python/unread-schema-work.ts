/**
 * Schema statements in SQL built from run-time values (an f-string's `START WITH {next_id}`) that PostgreSQL's
 * parser cannot read with the placeholder in place: each is still schema work, recorded as an opaque `raw` operation
 * named by its own first keyword, so it is neither lost nor taken for a data change.
 */
import type { Operation } from "../../model.js";
import type { UnparsedStatement } from "../sql/unparsed-statements.js";

/** The words that open a statement on the schema (ALTER TABLE, CREATE INDEX, DROP ..., COMMENT ON). */
const SCHEMA_WORDS = new Set(["ALTER", "CREATE", "DROP", "COMMENT"]);

/** A schema statement that did not parse, with its lines in the text and its opening keyword. */
export type UnreadSchemaStatement = UnparsedStatement & { word: string };

/**
 * The statements the parser cut out of the text and could not parse (a statement that parses is the adapter's)
 * that open with a schema keyword; one that opens otherwise (an UPDATE) is left to the parse error's note.
 */
export function unreadSchemaStatements(unparsed: readonly UnparsedStatement[]): UnreadSchemaStatement[] {
  return unparsed.filter((s): s is UnreadSchemaStatement => s.word !== undefined && SCHEMA_WORDS.has(s.word));
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
