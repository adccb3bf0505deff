/**
 * PostgreSQL's own parser (libpg-query 18, WASM): statements with exact lines, comments from the
 * scanner, and recovery so one bad statement does not hide the rest of the file: not a syntax error, not an
 * unterminated string or comment (the statements before it still count), not a statement nested too deeply.
 * libpg-query offsets are UTF-8 bytes; SourceLines maps them to lines.
 */
import { TooComplexError } from "../../limits.js";
import type { Deparser } from "pgsql-deparser";
import type { ParseProblem } from "../../model.js";
import { SourceLines } from "../../source-lines.js";
import { loadPgQuery, parserMisses, PgSqlError, pgParse, pgScan, type ScanResult, type ScanToken } from "./pg-query.js";
import { fillPlaceholders } from "./placeholders.js";
import { unparsedStatements, type CutStatement, type UnparsedStatement } from "./unparsed-statements.js";

// The deparser (expressions back to SQL text) is imported with the parser, while its WASM compiles: modules
// that only name SQL helpers (the rule catalogue, `migguard rules`) load neither.
let pgDeparser: typeof Deparser | undefined;
let loadingDeparser: Promise<void> | undefined;

/** Load the WASM parser (and the deparser) once per process. */
export const loadPgParser = (): Promise<void> =>
  Promise.all([
    loadPgQuery(),
    (loadingDeparser ??= import("pgsql-deparser").then((module) => {
      pgDeparser = module.Deparser;
    })),
  ]).then(() => undefined);

/** pgsql-deparser's Deparser, once loadPgParser() has run. */
export function deparser(): typeof Deparser {
  if (!pgDeparser) throw new Error("the PostgreSQL deparser is not loaded: call loadPgParser() (or loadAdapters()) first");
  return pgDeparser;
}

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
  /** statements nested deeper than migguard follows: not checked (see limits.ts) */
  tooComplex: ParseProblem[];
  lines: SourceLines;
  /** when the text did not parse whole and was cut into statements: those that did not parse, in order */
  unparsed?: UnparsedStatement[];
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

const NEAR = / at or near "([\s\S]*)"$/;

/**
 * PostgreSQL's message without the rest of the file: an unterminated string is quoted "at or near" up to the
 * end of the text, so the quote keeps its first line, cut to 40 characters.
 */
export function shortMessage(message: string): string {
  const near = NEAR.exec(message);
  if (!near) return message;
  const first = near[1].split("\n")[0];
  const cut = first.length > 40 || near[1].includes("\n") ? `${first.slice(0, 40)}...` : first;
  return `${message.slice(0, near.index)} at or near "${cut}"`;
}

function errorMessage(error: unknown): { message: string; cursor?: number } {
  if (error instanceof PgSqlError) return { message: shortMessage(error.sqlDetails.message), cursor: error.sqlDetails.cursorPosition };
  return { message: error instanceof Error ? error.message : String(error) };
}

/** Byte offset of a code-point index (PostgreSQL's error cursor) in `text`. */
function byteOfCodePoint(text: string, codePoint: number): number {
  let index = 0;
  for (let seen = 0; seen < codePoint && index < text.length; seen++) index += text.codePointAt(index)! > 0xffff ? 2 : 1;
  return Buffer.byteLength(text.slice(0, index));
}

/**
 * The scanner's tokens. PostgreSQL's scanner stops at an unterminated string, identifier or comment and says
 * only that; the parser says where it starts, so the text before it is scanned and `end` marks where it stopped.
 */
function scanTokens(text: string): { tokens: ScanResult["tokens"]; end?: number } | undefined {
  try {
    return { tokens: pgScan(text).tokens };
  } catch (error) {
    if (!(error instanceof PgSqlError)) throw error;
  }
  let cursor: number | undefined;
  try {
    pgParse(text);
  } catch (error) {
    if (error instanceof PgSqlError) cursor = error.sqlDetails.cursorPosition;
  }
  if (cursor === undefined) return undefined;
  const end = byteOfCodePoint(text, cursor);
  if (end === 0) return { tokens: [], end };
  try {
    return { tokens: pgScan(Buffer.from(text).subarray(0, end).toString("utf8")).tokens, end };
  } catch (error) {
    if (!(error instanceof PgSqlError)) throw error;
    return undefined;
  }
}

/**
 * Split at top-level `;` tokens, using the scanner so strings, dollar quotes and comments are respected. Past
 * an unterminated string or comment, the rest of the text is one last chunk (which reports the error). Each chunk
 * has its first word (comments skipped, upper-cased), but not that last one: the scanner could not read it.
 */
function statementChunks(text: string): Array<{ start: number; end: number; word?: string }> | undefined {
  const scanned = scanTokens(text);
  if (!scanned) return undefined;
  const chunks: Array<{ start: number; end: number; word?: string }> = [];
  let depth = 0;
  let start = 0;
  let word: string | undefined;
  for (const token of scanned.tokens) {
    if (word === undefined && !isComment(token)) word = token.text.toUpperCase();
    if (token.text === "(") depth++;
    else if (token.text === ")") depth = Math.max(0, depth - 1);
    else if (token.text === ";" && depth === 0) {
      chunks.push({ start, end: token.end, ...(word !== undefined ? { word } : {}) });
      start = token.end;
      word = undefined;
    }
  }
  chunks.push({ start, end: Buffer.byteLength(text), ...(word !== undefined && scanned.end === undefined ? { word } : {}) });
  return chunks;
}

/**
 * Parse SQL text into statements; a syntax error is reported on its line, a statement nested too deeply is
 * reported as too complex, and the other statements still parse.
 * Text that a tool templates before PostgreSQL sees it (Go templates, Flyway placeholders, bind parameters) is
 * parsed with its placeholders filled in (see placeholders.ts); statement texts and lines stay the file's own.
 */
export function parseStatements(text: string, lines?: SourceLines): SqlParseResult {
  const early = parsedAhead.get(text);
  if (early) {
    parsedAhead.delete(text);
    return early;
  }
  return parseAnew(text, lines ?? new SourceLines(text));
}

/**
 * Files parsed ahead of their analysis (analyze parses a file that may be MySQL's to see whether PostgreSQL
 * refuses it), each handed once to the next parse of the same text: the adapter's, which then does not parse it
 * again. The result is a pure function of the text, and a taker gets it alone (it may change the trees).
 */
const parsedAhead = new Map<string, SqlParseResult>();

/** Parse `text` now and keep the result for the next `parseStatements` of the same text. */
export function parseAhead(text: string): SqlParseResult {
  const misses = parserMisses();
  const result = parseAnew(text, new SourceLines(text));
  // a parse that found the parser broken is not the file's: the analysis parses it again (pg-query.ts)
  if (parserMisses() === misses) parsedAhead.set(text, result);
  return result;
}

/** Drop the parses ahead no one took (a file the adapter read otherwise: a BOM blanked, sections). */
export function forgetParsesAhead(): void {
  parsedAhead.clear();
}

/**
 * The tree of each CREATE INDEX, CREATE TABLE and ALTER TABLE of the files an analysis parsed, by the statement's
 * text: the fix of every index built without CONCURRENTLY rebuilds the statement from its tree (sql-text.ts), and
 * the schema history reads the constraints of every CREATE TABLE and ALTER TABLE (constraint-history.ts); parsing
 * a text again costs about what the file's parse did (libpg-query's cost per call). Only those: keeping every
 * statement's tree alive for the whole analysis cost more in garbage collection than the other fixes' parses. Kept only while an
 * analysis runs (`rememberStatementTrees`), and only for files PostgreSQL read whole as written (no placeholder
 * filled in, no recovery), where a statement's text parses alone to the same tree. Positions in it (`location`)
 * count from `base`: where the text starts in what was parsed.
 */
const statementTrees = new Map<string, { stmt: PgNode; base: number }>();
let analysesRemembering = 0;

/** The statements whose trees are kept (see `statementTrees`). */
const REMEMBERED = new Set(["IndexStmt", "CreateStmt", "AlterTableStmt"]);
/** The node type of a statement wrapper (`{ CreateStmt: {...} }`): its one key. */
const unwrappedType = (stmt: PgNode): string | undefined => {
  for (const key in stmt) return key;
  return undefined;
};

/**
 * Where each text an analysis parsed whole as written may be cut for the scanner: the UTF-8 byte offsets at which
 * its statements start and at which the `;` after each stands (libpg-query's stmt_location and stmt_len). Each is
 * where a token starts, so the scanner is in its first state there and a piece scanned alone gives the tokens the
 * whole text's scan gives in it. Comments are then scanned only in the pieces that hold `--` or `/*`: libpg-query's
 * scan costs about ten times its parse per character (38 scans, 93 K characters, were 15 ms of the 800-file bench).
 * Kept while an analysis runs, as `statementTrees`.
 */
const statementCuts = new Map<string, number[] | null>();

/** Keep statement trees until the returned function is called (by every analysis that asked). */
export function rememberStatementTrees(): () => void {
  analysesRemembering++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--analysesRemembering === 0) {
      statementTrees.clear();
      statementCuts.clear();
      // the parses ahead scanComments asked for (an analysis without `analyze`'s own clean-up, too)
      forgetParsesAhead();
    }
  };
}

/** The tree of a statement whose text an analysis parsed (see `statementTrees`), not to be changed. */
export function rememberedStatement(text: string): { stmt: PgNode; base: number } | undefined {
  return statementTrees.get(text);
}

function parseAnew(text: string, lines: SourceLines): SqlParseResult {
  if (text.trim() === "") return { statements: [], errors: [], tooComplex: [], lines }; // Django's RunSQL(""), an empty file: nothing runs
  const first = parseWhole(text, lines);
  if (first.errors.length === 0) return first;
  const filled = fillPlaceholders(text);
  if (filled === undefined) return first;
  const second = parseWhole(filled, lines);
  return second.errors.length < first.errors.length || second.statements.length > first.statements.length ? second : first;
}

const tooComplexProblem = (error: TooComplexError, line: number): ParseProblem => ({ line, message: error.message });

/** Byte offset of the first character that is not white space. */
const firstCodeByte = (text: string): number => Buffer.byteLength(text.slice(0, text.length - text.trimStart().length));

/** `parseText` is what PostgreSQL parses; `lines` (same UTF-8 length) gives the lines and the statements' text. */
function parseWhole(parseText: string, lines: SourceLines): SqlParseResult {
  let whole: { message: string; cursor?: number };
  let wholeTooComplex: TooComplexError | undefined;
  try {
    const result = pgParse(parseText) as { stmts?: RawStmt[] };
    const statements = toStatements(result.stmts ?? [], lines, 0, lines.byteLength);
    if (analysesRemembering > 0 && parseText === lines.text) {
      for (const s of statements) if (REMEMBERED.has(unwrappedType(s.stmt) ?? "")) statementTrees.set(s.text, { stmt: s.stmt, base: s.startByte });
      statementCuts.set(parseText, cutsOf(result.stmts ?? []));
    }
    return { statements, errors: [], tooComplex: [], lines };
  } catch (error) {
    if (!(error instanceof PgSqlError || error instanceof TooComplexError)) throw error;
    whole = errorMessage(error);
    if (error instanceof TooComplexError) wholeTooComplex = error;
  }
  const chunks = statementChunks(parseText);
  const parseBytes = Buffer.from(parseText, "utf8");
  const chunkText = (chunk: { start: number; end: number }) => parseBytes.subarray(chunk.start, chunk.end).toString("utf8");
  if (wholeTooComplex && chunks?.filter((c) => chunkText(c).trim() !== "").length === 1) {
    // one statement: parsing it again would only run out of stack again
    return { statements: [], errors: [], tooComplex: [tooComplexProblem(wholeTooComplex, lines.lineOfByte(firstCodeByte(parseText)))], lines };
  }
  if (!chunks) {
    const line = whole.cursor !== undefined ? new SourceLines(parseText).lineOfCodePoint(whole.cursor) : 1;
    return { statements: [], errors: [{ line, message: whole.message }], tooComplex: [], lines };
  }
  const statements: ParsedStatement[] = [];
  const errors: ParseProblem[] = [];
  const tooComplex: ParseProblem[] = [];
  const cut: CutStatement[] = [];
  for (const chunk of chunks) {
    const text = chunkText(chunk);
    if (text.trim() === "") continue;
    let parses = true; // a statement too complex to check parses all the same
    try {
      const result = pgParse(text) as { stmts?: RawStmt[] };
      for (const statement of toStatements(result.stmts ?? [], lines, chunk.start, chunk.end)) statements.push(statement);
    } catch (chunkError) {
      if (chunkError instanceof TooComplexError) tooComplex.push(tooComplexProblem(chunkError, lines.lineOfByte(chunk.start + firstCodeByte(text))));
      else {
        if (!(chunkError instanceof PgSqlError)) throw chunkError;
        parses = false;
        const { message, cursor } = errorMessage(chunkError);
        const chunkLines = new SourceLines(text);
        const offsetLine = cursor !== undefined ? chunkLines.lineOfCodePoint(cursor) : 1;
        errors.push({ line: lines.lineOfByte(chunk.start) + offsetLine - 1, message });
      }
    }
    cut.push({ ...writtenChunk(lines, chunk), parses });
  }
  if (errors.length === 0 && tooComplex.length === 0) errors.push({ line: 1, message: whole.message });
  return { statements, errors, tooComplex, lines, unparsed: unparsedStatements(cut) };
}

/** A chunk as the file writes it (placeholders not filled in): its text trimmed, the lines of that text, its first word. */
function writtenChunk(lines: SourceLines, chunk: { start: number; end: number; word?: string }): Omit<CutStatement, "parses"> {
  const piece = lines.sliceBytes(chunk.start, chunk.end);
  const start = chunk.start + firstCodeByte(piece);
  const end = chunk.start + Buffer.byteLength(piece.trimEnd());
  return { text: piece.trim(), line: lines.lineOfByte(start), endLine: lines.lineOfByte(Math.max(start, end - 1)), ...(chunk.word !== undefined ? { word: chunk.word } : {}) };
}

/** The places a whole parse of a text lets the scanner cut it (see `statementCuts`), in order. */
function cutsOf(stmts: readonly RawStmt[]): number[] {
  const cuts: number[] = [];
  for (const r of stmts) {
    const start = r.stmt_location ?? 0;
    cuts.push(start);
    if (r.stmt_len) cuts.push(start + r.stmt_len);
  }
  return cuts;
}

/**
 * The cuts of `text`: known from its parse, or, while an analysis runs, from a parse done now and kept for the
 * adapter's (the layouts look for their markers before the adapter parses the file: parseAhead); none when the
 * text does not parse whole as written.
 */
function cutsFor(text: string): readonly number[] | undefined {
  if (analysesRemembering === 0) return undefined;
  if (!statementCuts.has(text)) {
    parseAhead(text);
    if (!statementCuts.has(text)) statementCuts.set(text, null); // asked once: it does not parse whole as written
  }
  return statementCuts.get(text) ?? undefined;
}

const isComment = (t: ScanToken): boolean => t.tokenName === "SQL_COMMENT" || t.tokenName === "C_COMMENT";

/** The comment tokens of `text`, scanning only its pieces between `cuts` that hold `--` or `/*`; undefined when a piece does not scan. */
function commentsInPieces(text: string, cuts: readonly number[]): ScanToken[] | undefined {
  const bytes = Buffer.from(text, "utf8");
  const bounds = [0, ...cuts, bytes.length];
  const out: ScanToken[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [start, end] = [bounds[i], bounds[i + 1]];
    if (end <= start) continue;
    const piece = bytes.subarray(start, end);
    if (piece.indexOf("--") < 0 && piece.indexOf("/*") < 0) continue;
    let tokens: ScanToken[];
    try {
      tokens = pgScan(piece.toString("utf8")).tokens;
    } catch (error) {
      if (error instanceof PgSqlError) return undefined; // the whole text's scan says what the scanner makes of it
      throw error;
    }
    for (const t of tokens) if (isComment(t)) out.push({ ...t, start: t.start + start, end: t.end + start });
  }
  return out;
}

/** Comments of the text, from PostgreSQL's scanner (dbmate/goose/Liquibase markers and waivers live there). */
export function scanComments(text: string, lines?: SourceLines): SqlComment[] {
  // every comment starts with `--` or `/*`: a text with neither has none, and skips the scan (a token list in JSON,
  // about 20 times the text: 30 of the bench's 68 scans were down sections without a comment)
  if (!text.includes("--") && !text.includes("/*")) return [];
  // a file's comments are asked for more than once (a dbmate or goose file's markers, then its waivers and size notes)
  const known = recentComments.get(text);
  if (known) return [...known];
  const comments = scanCommentsNow(text, lines ?? new SourceLines(text));
  if (recentComments.size >= 16) recentComments.clear();
  recentComments.set(text, comments);
  return [...comments];
}

/** The comments of the texts scanned last (a copy of the list is given out; the comments themselves are not changed by their readers). */
const recentComments = new Map<string, readonly SqlComment[]>();

function scanCommentsNow(text: string, lines: SourceLines): SqlComment[] {
  const cuts = cutsFor(text);
  const tokens = (cuts && commentsInPieces(text, cuts)) ?? (scanTokens(text)?.tokens ?? []).filter(isComment);
  return tokens
    .map((t) => ({
      text: t.text,
      startByte: t.start,
      endByte: t.end,
      line: lines.lineOfByte(t.start),
      endLine: lines.lineOfByte(Math.max(t.start, t.end - 1)),
    }));
}
