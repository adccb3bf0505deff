/**
 * The PostgreSQL adapter: a SQL migration (any layout) -> the shared model.
 * Layout modules split the file(s) into up/down segments; this module parses them with PostgreSQL's
 * grammar, decides per statement whether it runs inside a transaction, and reads waivers.
 * `parseEmbeddedSql` serves the Rails/Django/Alembic adapters for `execute` / RunSQL / op.execute.
 */
import type { DetectedFile } from "../../detect.js";
import { completeOperation } from "../../complete.js";
import { TooComplexError } from "../../limits.js";
import type { Database, Down, Layout, Migration, Operation, OperationInput, ParseProblem, ValuesGuard, Waiver } from "../../model.js";
import { SourceLines } from "../../source-lines.js";
import { mayHaveWaivers, parseWaiver } from "../../waivers/waivers.js";
import { atlasFileWaivers } from "../../waivers/peer-waivers.js";
import { deliberateReason, oneWayMark } from "../deliberate-down.js";
import { maySaySize, sizeNotes } from "../size-notes.js";
import { SQL_LAYOUTS, type SqlSegment, type TransactionMode } from "./layouts/index.js";
import { doBlockStatements, doBlockValuesGuards } from "./do-block.js";
import { statementOperations, unwrap } from "./pg-operations.js";
import { parseStatements, scanComments, type ParsedStatement, type PgNode, type SqlParseResult } from "./pg-parser.js";
import { mysqlTokens } from "./mysql/mysql-grammar.js";
import { mysqlStatementOperations } from "./mysql/mysql-operations.js";
import { parseMysql } from "./mysql/mysql-statements.js";
import { markedIfMysql } from "./mysql/reads-as-mysql.js";
import { unparsedStatements, type UnparsedStatement } from "./unparsed-statements.js";

export { loadPgParser } from "./pg-parser.js";

/**
 * The SQL dialect of the migration being read. analyze sets it around each adapter's parse (the folder's
 * database), so SQL files, Rails `execute` and Django `RunSQL` are read with the grammar of the database they
 * run on without every adapter function passing it along. Parsing is synchronous: the scope cannot leak.
 */
let dialect: { database: Database; version?: string } = { database: "postgresql" };

export function withSqlDialect<T>(database: Database | undefined, version: string | undefined, read: () => T): T {
  const previous = dialect;
  dialect = { database: database ?? "postgresql", version };
  try {
    return read();
  } finally {
    dialect = previous;
  }
}

/** The database whose SQL is being read (PostgreSQL outside an analysis). */
export const currentSqlDialect = (): Database => dialect.database;

const readsMysql = () => dialect.database === "mysql" || dialect.database === "mariadb";

/** MySQL: statements with MySQL's grammar; DDL commits implicitly, so nothing runs in a transaction a later failure could undo. */
function mysqlSegmentOperations(segment: SqlSegment, extra: Partial<OperationInput>): SqlOperations {
  const parsed = parseMysql(segment.text, dialect.version);
  const ops: Operation[] = [];
  const hasExtra = Object.keys(extra).length > 0;
  let inTransaction = false;
  for (const statement of parsed.statements) {
    for (const op of mysqlStatementOperations(statement, inTransaction)) {
      const complete = completeOperation(hasExtra ? Object.assign(op, extra) : op);
      ops.push(complete);
      if (complete.kind === "transaction_control") inTransaction = complete.action === "begin";
    }
  }
  const unparsed = !parsed.errors.length ? [] : unparsedStatements(parsed.statements.map((s) => ({ text: s.text.trim(), line: s.line, endLine: s.endLine, word: s.word, parses: !s.parse.error })));
  return { ops, errors: parsed.errors, tooComplex: [], transactional: false, statementCount: parsed.statements.length, unparsed };
}

/** Statements PostgreSQL refuses inside a transaction block (Flyway runs such a migration without one). */
export function mustRunOutsideTransaction(stmt: PgNode): boolean {
  const unwrapped = unwrap(stmt);
  if (!unwrapped) return false;
  const [type, s] = unwrapped;
  switch (type) {
    case "IndexStmt":
    case "DropStmt":
      return Boolean(s.concurrent);
    case "ReindexStmt":
      return (s.params ?? []).some((p: PgNode) => String(p?.DefElem?.defname).toLowerCase() === "concurrently");
    case "VacuumStmt":
      return Boolean(s.is_vacuumcmd);
    case "AlterSystemStmt":
    case "CreatedbStmt":
    case "DropdbStmt":
    case "CreateTableSpaceStmt":
    case "DropTableSpaceStmt":
      return true;
    default:
      return false;
  }
}

function runsInTransaction(mode: TransactionMode, statements: ParsedStatement[]): boolean {
  switch (mode) {
    case "wrapped":
      return true;
    case "implicit":
      return statements.length > 1;
    case "flyway":
      return !statements.every((s) => mustRunOutsideTransaction(s.stmt));
    case "none":
      return false;
  }
}

export interface SqlOperations {
  ops: Operation[];
  errors: ParseProblem[];
  /** statements nested too deeply to check */
  tooComplex: ParseProblem[];
  /** the runner wraps these statements in a transaction */
  transactional: boolean;
  statementCount: number;
  /** the statements that did not parse, as the parser cut them (none when the text parsed whole) */
  unparsed: readonly UnparsedStatement[];
}

/**
 * Statements of each segment. Segments cut from one file (dbmate/goose sections, Liquibase changesets) are
 * parsed once as a whole when that gives the same statements; otherwise (a syntax error, a statement running
 * across a marker) each segment is parsed alone, as the runner sends it.
 */
function parseSegments(segments: readonly SqlSegment[], content: string): SqlParseResult[] {
  if (segments.length > 1 && segments.every((s) => s.range)) {
    const whole = parseStatements(content);
    if (whole.errors.length === 0) {
      const parts = segments.map((s) => whole.statements.filter((st) => st.startByte >= s.range![0] && st.startByte < s.range![1]));
      if (!parts.some((part, i) => part.some((st) => st.endByte > segments[i].range![1])))
        return parts.map((statements) => ({ statements, errors: [], tooComplex: [], lines: whole.lines }));
    }
  }
  return segments.map((s) => parseStatements(s.text));
}

/** Parse one segment and follow explicit BEGIN/COMMIT to know which statements run in a transaction. */
export function segmentOperations(segment: SqlSegment, extra: Partial<OperationInput> = {}, parsed?: SqlParseResult): SqlOperations {
  if (readsMysql()) return mysqlSegmentOperations(segment, extra);
  parsed ??= parseStatements(segment.text);
  const wrapped = runsInTransaction(segment.transaction, parsed.statements);
  let inTransaction = wrapped;
  const ops: Operation[] = [];
  const hasExtra = Object.keys(extra).length > 0;
  // a DO block that raised when data existed: the statements after it run where there is none
  const guards: ValuesGuard[] = [];
  for (const statement of parsed.statements) {
    const produced = statementOperations(statement, inTransaction);
    if (guards.length) for (const op of produced) op.valuesGuards = [...guards];
    // a DO block stays one operation (rules read the DO itself) and adds the statements it runs, in its transaction
    // (a COMMIT inside it is the block's own business, not the file's transaction state)
    if (statement.stmt.DoStmt) {
      const block = doBlockStatements(statement);
      if (block.commits) for (const op of produced) if (op.kind === "raw") op.commits = true;
      for (const inner of block.statements) produced.push(...statementOperations(inner, true).filter((op) => op.kind !== "transaction_control"));
      guards.push(...doBlockValuesGuards(statement));
    }
    for (const op of produced) ops.push(completeOperation(hasExtra ? Object.assign(op, extra) : op));
    for (const op of produced) {
      if (op.kind !== "transaction_control") continue;
      // BEGIN turns PostgreSQL's implicit block of a multi-statement query into an explicit one: not nested
      if (op.action === "begin" && segment.transaction === "implicit") op.inTransaction = false;
      if (op.action === "begin") inTransaction = true;
      else if (op.action === "commit" || op.action === "rollback" || op.action === "commit_prepared" || op.action === "prepare")
        inTransaction = segment.transaction === "implicit" && wrapped;
    }
  }
  return { ops, errors: markedIfMysql(segment.text, parsed.errors, dialect.database), tooComplex: parsed.tooComplex, transactional: wrapped, statementCount: parsed.statements.length, unparsed: parsed.unparsed ?? [] };
}

/** SQL inside another language has no statement of its own to report on: a part too complex fails the host file. */
export function refuseTooComplex(problems: readonly ParseProblem[], shift = 0): void {
  if (problems.length > 0) throw new TooComplexError(`in embedded SQL: ${problems[0].message}`, problems[0].line + shift);
}

/**
 * SQL embedded in another language (Rails `execute`, Django `RunSQL`, Alembic `op.execute`):
 * `line` is the host-file line where the SQL text starts. `oneQuery`: outside a transaction the driver
 * sends the string whole, and PostgreSQL runs two or more statements in it as one implicit transaction.
 */
export function parseEmbeddedSql(
  sql: string,
  options: { line: number; inTransaction: boolean; oneQuery?: boolean },
): { ops: Operation[]; errors: ParseProblem[] } {
  const transaction = options.inTransaction ? "wrapped" : options.oneQuery ? "implicit" : "none";
  const result = segmentOperations({ text: sql, transaction }, { embeddedSql: true });
  const shift = options.line - 1;
  refuseTooComplex(result.tooComplex, shift);
  return {
    ops: result.ops.map((op) => ({ ...op, loc: { line: op.loc.line + shift, endLine: op.loc.endLine + shift } })),
    errors: result.errors.map((e) => ({ ...e, line: e.line + shift, endLine: e.endLine !== undefined ? e.endLine + shift : undefined })),
  };
}

export function readWaivers(content: string): Waiver[] {
  if (!mayHaveWaivers(content)) return [];
  const lines = new SourceLines(content);
  const waivers = scanComments(content, lines)
    .map((c) => parseWaiver(c.text, c.line))
    .filter((w): w is Waiver => w !== undefined);
  return waivers.some((w) => w.peer) ? atlasFileWaivers(waivers, content.split(/\r?\n/)) : waivers;
}

/** Waivers in MySQL comments (`--`, `#` and block comments), found by MySQL's lexer. */
export function readMysqlWaivers(content: string): Waiver[] {
  if (!mayHaveWaivers(content)) return [];
  const waivers = mysqlTokens(content)
    .filter((t) => t.hidden && t.name !== "WHITESPACE")
    .map((t) => parseWaiver(t.text, t.line))
    .filter((w): w is Waiver => w !== undefined);
  return waivers.some((w) => w.peer) ? atlasFileWaivers(waivers, content.split(/\r?\n/)) : waivers;
}

const meaningful = (ops: Operation[]) =>
  ops.some((op) => op.kind !== "transaction_control" && !(op.kind === "set_setting" && op.scope !== "reset"));

export interface SqlUnit {
  file: DetectedFile;
  content: string;
  downFile?: { path: string; content: string };
  database?: Database;
  databaseVersion?: string;
  /** pop/popx runs it (MigrationUnit.pop) */
  pop?: boolean;
  /** diesel: run_in_transaction = false (MigrationUnit.noRunnerTransaction) */
  noRunnerTransaction?: boolean;
  /** plain SQL run by the postgres-migrations npm package (MigrationUnit.postgresMigrations) */
  postgresMigrations?: boolean;
  /** run by sqlx's migrator (MigrationUnit.sqlx) */
  sqlx?: boolean;
  /** Drizzle: the journal's `when` (MigrationUnit.generatedOn) */
  generatedOn?: string;
}

const BOM = "\uFEFF";

/**
 * A UTF-8 byte-order mark at the start of a file. Flyway (BomFilter) and Liquibase (BomAwareInputStream) drop
 * it; golang-migrate, dbmate, goose, sqitch (psql) and Prisma send it, and PostgreSQL rejects the first statement
 * (dbmate and goose do not even find their markers). Either way the file is read without it (three spaces: the
 * same UTF-8 length, so offsets and lines stay the file's own), and where the runner keeps it, that is an error.
 */
function withoutBom(layout: Layout, path: string, content: string, errors: ParseProblem[], own: string): string {
  if (!content.startsWith(BOM)) return content;
  const runner = KEEPS_BOM[layout];
  if (runner)
    errors.push({
      line: 1,
      message: `the file starts with a UTF-8 byte-order mark, which ${runner} sends to PostgreSQL with the first statement (a syntax error there); save the file as UTF-8 without a BOM`,
      ...(path !== own ? { path } : {}),
    });
  return `   ${content.slice(1)}`;
}

/** The text the layout's runner sends to PostgreSQL: a leading BOM blanked unless the runner keeps it. */
export const runnerText = (layout: Layout, content: string): string => (content.startsWith(BOM) && !KEEPS_BOM[layout] ? `   ${content.slice(1)}` : content);

const KEEPS_BOM: Partial<Record<Layout, string>> = {
  "golang-migrate": "golang-migrate",
  rivermigrate: "rivermigrate",
  dbmate: "dbmate",
  goose: "goose",
  "sql-migrate": "sql-migrate",
  tern: "tern",
  sqitch: "sqitch (through psql)",
  prisma: "Prisma Migrate",
};

/** Complete model output (defaults filled), so analyze can skip re-validating it. */
export function sqlMigration(input: SqlUnit): Migration {
  const syntaxErrors: ParseProblem[] = [];
  const own = input.file.path;
  const unit: SqlUnit = {
    ...input,
    content: withoutBom(input.file.layout, own, input.content, syntaxErrors, own),
    downFile: input.downFile && { ...input.downFile, content: withoutBom(input.file.layout, input.downFile.path, input.downFile.content, syntaxErrors, own) },
  };
  const split = SQL_LAYOUTS[unit.file.layout] ?? SQL_LAYOUTS["plain-sql"]!;
  const sections = split({ path: unit.file.path, content: unit.content, downFile: unit.downFile, pop: unit.pop, noRunnerTransaction: unit.noRunnerTransaction, postgresMigrations: unit.postgresMigrations, sqlx: unit.sqlx });
  const up: Operation[] = [];
  const tooComplex: ParseProblem[] = [];
  let transactional = false;
  const sameFileDown = sections.down.kind === "sql" && sections.down.path === unit.file.path ? sections.down.segments : [];
  const mysql = unit.database === "mysql" || unit.database === "mariadb";
  const parsed: Array<SqlParseResult | undefined> = mysql ? [] : parseSegments([...sections.up, ...sameFileDown], sections.source ?? unit.content);
  sections.up.forEach((segment, i) => {
    const result = segmentOperations(segment, {}, parsed[i]);
    // one by one: a file of 140,000 statements is too many arguments for push(...ops)
    for (const op of result.ops) up.push(op);
    for (const e of result.errors) syntaxErrors.push(e);
    for (const e of result.tooComplex) tooComplex.push(e);
    transactional ||= result.transactional;
  });

  let down: Down;
  if (sections.down.kind === "sql") {
    const downPath = sections.down.path;
    const ops: Operation[] = [];
    for (const [i, segment] of sections.down.segments.entries()) {
      const result = segmentOperations(segment, {}, sameFileDown.length ? parsed[sections.up.length + i] : undefined);
      const inDownFile = (e: ParseProblem) => (downPath !== unit.file.path ? { ...e, path: downPath } : e);
      for (const op of result.ops) ops.push(op);
      for (const e of result.errors) syntaxErrors.push(inDownFile(e));
      for (const e of result.tooComplex) tooComplex.push(inDownFile(e));
    }
    const external = downPath !== unit.file.path ? downPath : undefined;
    if (!meaningful(ops) && [...syntaxErrors, ...tooComplex].every((e) => e.path !== downPath)) {
      const comments = sections.down.segments.flatMap((segment) => scanComments(segment.text));
      const oneWay = oneWayMark(comments);
      down = { status: "empty", path: external, why: deliberateReason(comments), ...(oneWay ? { oneWay } : {}) };
    } else down = { status: "present", ops, path: external, derived: false };
  } else if (sections.down.kind === "missing") down = { status: "missing", reason: sections.down.reason, line: sections.down.line };
  else down = { status: "unsupported", reason: sections.down.reason };

  return {
    path: unit.file.path,
    framework: "sql",
    layout: unit.file.layout,
    database: unit.database ?? "postgresql",
    databaseVersion: unit.databaseVersion,
    version: unit.file.version,
    name: unit.file.name,
    ...(unit.pop ? { pop: true } : {}),
    ...(unit.noRunnerTransaction ? { noRunnerTransaction: true } : {}),
    ...(unit.postgresMigrations ? { postgresMigrations: true } : {}),
    ...(unit.sqlx ? { sqlx: true } : {}),
    ...(unit.generatedOn ? { generatedOn: unit.generatedOn } : {}),
    transactional,
    up,
    down,
    squashes: 0,
    waivers: mysql ? readMysqlWaivers(unit.content) : readWaivers(unit.content),
    // PostgreSQL's scanner finds the comments; MySQL's lexer is not asked (the size notes are about PostgreSQL's locks)
    sizeNotes: !mysql && maySaySize(unit.content) ? sizeNotes(scanComments(unit.content)) : [],
    syntaxErrors,
    tooComplex,
    hidden: [],
    notes: sections.notes,
  };
}
