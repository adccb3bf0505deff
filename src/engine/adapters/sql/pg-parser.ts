/**
 * PostgreSQL's own parser (libpg-query 18, WASM): statements with exact lines, comments from the
 * scanner, and recovery so one bad statement does not hide the rest of the file.
 * libpg-query offsets are UTF-8 bytes; SourceLines maps them to lines.
 */
import { loadModule, parseSync, scanSync } from "libpg-query";
import type { ParseProblem } from "../../model.js";
import { SourceLines } from "../../source-lines.js";
import { fillPlaceholders } from "./placeholders.js";

let loading: Promise<void> | undefined;
/** Load the WASM parser once per process. */
export const loadPgParser = (): Promise<void> => (loading ??= loadModule());

/** A node of libpg-query's JSON AST: `{ IndexStmt: {...} }` wrappers around plain objects. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PgNode = Record<string, any>;

export interface ParsedStatement {
  /** the wrapper, e.g. `{ AlterTableStmt: {...} }` */
  stmt: PgNode;
  startByte: number;
  endByte: number;
  line: number;
  endLine: number;
  text: string;
}

export interface SqlComment {
  text: string;
  line: number;
  endLine: number;
  startByte: number;
  endByte: number;
}

export interface SqlParseResult {
  statements: ParsedStatement[];
  errors: ParseProblem[];
  lines: SourceLines;
}

interface RawStmt {
  stmt?: PgNode;
  stmt_location?: number;
  stmt_len?: number;
}

const isBlank = (byte: number) => byte === 32 || byte === 9 || byte === 10 || byte === 13 || byte === 12;

function toStatements(raw: RawStmt[], lines: SourceLines, baseByte: number, limitByte: number): ParsedStatement[] {
  const out: ParsedStatement[] = [];
  for (const r of raw) {
    if (!r.stmt) continue;
    const start = baseByte + (r.stmt_location ?? 0);
    let end = r.stmt_len ? start + r.stmt_len : limitByte;
    // trailing whitespace is not part of the statement (it would push endLine past it)
    while (end > start && isBlank(lines.byteAt(end - 1))) end--;
    out.push({
      stmt: r.stmt,
      startByte: start,
      endByte: end,
      line: lines.lineOfByte(start),
      endLine: lines.lineOfByte(Math.max(start, end - 1)),
      text: lines.sliceBytes(start, end),
    });
  }
  return out;
}

function errorMessage(error: unknown): { message: string; cursor?: number } {
  if (error && typeof error === "object" && "sqlDetails" in error) {
    const details = (error as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
    return { message: details?.message ?? String(error), cursor: details?.cursorPosition };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

/** Split at top-level `;` tokens, using the scanner so strings, dollar quotes and comments are respected. */
function statementChunks(text: string): Array<{ start: number; end: number }> | undefined {
  let tokens;
  try {
    tokens = scanSync(text).tokens;
  } catch {
    return undefined;
  }
  const chunks: Array<{ start: number; end: number }> = [];
  let depth = 0;
  let start = 0;
  for (const token of tokens) {
    if (token.text === "(") depth++;
    else if (token.text === ")") depth = Math.max(0, depth - 1);
    else if (token.text === ";" && depth === 0) {
      chunks.push({ start, end: token.end });
      start = token.end;
    }
  }
  chunks.push({ start, end: Buffer.byteLength(text) });
  return chunks;
}

/**
 * Parse SQL text into statements; a syntax error is reported on its line and the other statements still parse.
 * Text that a tool templates before PostgreSQL sees it (Go templates, Flyway placeholders, bind parameters) is
 * parsed with its placeholders filled in (see placeholders.ts); statement texts and lines stay the file's own.
 */
export function parseStatements(text: string, lines = new SourceLines(text)): SqlParseResult {
  if (text.trim() === "") return { statements: [], errors: [], lines }; // Django's RunSQL(""), an empty file: nothing runs
  const first = parseWhole(text, lines);
  if (first.errors.length === 0) return first;
  const filled = fillPlaceholders(text);
  if (filled === undefined) return first;
  const second = parseWhole(filled, lines);
  return second.errors.length < first.errors.length || second.statements.length > first.statements.length ? second : first;
}

/** `parseText` is what PostgreSQL parses; `lines` (same UTF-8 length) gives the lines and the statements' text. */
function parseWhole(parseText: string, lines: SourceLines): SqlParseResult {
  try {
    const result = parseSync(parseText) as { stmts?: RawStmt[] };
    return { statements: toStatements(result.stmts ?? [], lines, 0, lines.byteLength), errors: [], lines };
  } catch (error) {
    const whole = errorMessage(error);
    const chunks = statementChunks(parseText);
    if (!chunks) {
      const line = whole.cursor !== undefined ? new SourceLines(parseText).lineOfCodePoint(whole.cursor) : 1;
      return { statements: [], errors: [{ line, message: whole.message }], lines };
    }
    const parseBytes = Buffer.from(parseText, "utf8");
    const statements: ParsedStatement[] = [];
    const errors: ParseProblem[] = [];
    for (const chunk of chunks) {
      const chunkText = parseBytes.subarray(chunk.start, chunk.end).toString("utf8");
      if (chunkText.trim() === "") continue;
      try {
        const result = parseSync(chunkText) as { stmts?: RawStmt[] };
        statements.push(...toStatements(result.stmts ?? [], lines, chunk.start, chunk.end));
      } catch (chunkError) {
        const { message, cursor } = errorMessage(chunkError);
        const chunkLines = new SourceLines(chunkText);
        const firstLine = lines.lineOfByte(chunk.start);
        const offsetLine = cursor !== undefined ? chunkLines.lineOfCodePoint(cursor) : 1;
        errors.push({ line: firstLine + offsetLine - 1, message });
      }
    }
    if (errors.length === 0) errors.push({ line: 1, message: whole.message });
    return { statements, errors, lines };
  }
}

/** Comments of the text, from PostgreSQL's scanner (dbmate/goose/Liquibase markers and waivers live there). */
export function scanComments(text: string, lines = new SourceLines(text)): SqlComment[] {
  let tokens;
  try {
    tokens = scanSync(text).tokens;
  } catch {
    return [];
  }
  return tokens
    .filter((t) => t.tokenName === "SQL_COMMENT" || t.tokenName === "C_COMMENT")
    .map((t) => ({
      text: t.text,
      startByte: t.start,
      endByte: t.end,
      line: lines.lineOfByte(t.start),
      endLine: lines.lineOfByte(Math.max(t.start, t.end - 1)),
    }));
}
