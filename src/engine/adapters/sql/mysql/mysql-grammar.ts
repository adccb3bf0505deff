/**
 * MySQL's own grammar (MySQL Workbench's ANTLR grammar, packaged as ts-mysql-parser): chosen by measuring
 * parse rate and DDL-form recovery on real MySQL migrations (scripts/measure-mysql-parsers.ts, README).
 * Loaded only when a repository turns out to run MySQL or MariaDB: the module costs about a second to import.
 * Offsets are UTF-16 code units (JS string indices), lines 1-based.
 */
import type { ParserRuleContext, Token } from "antlr4ts";

type TsMysql = typeof import("ts-mysql-parser");
type Antlr = typeof import("antlr4ts");

type MysqlParserClass = TsMysql["default"];
let grammar: { mysql: TsMysql; antlr: Antlr; Parser: MysqlParserClass } | undefined;
let loading: Promise<void> | undefined;

/** Import the grammar once per process (lazily: PostgreSQL-only runs never pay for it). */
export function loadMysqlGrammar(): Promise<void> {
  // one import after the other: concurrent dynamic imports of a shared module (antlr4ts) race under Jest's ESM loader
  loading ??= import("ts-mysql-parser").then(async (m) => [m, await import("antlr4ts")] as const).then(([m, a]) => {
    // CommonJS modules: depending on the loader their exports arrive whole or as `default`
    const pick = <T>(module: unknown, member: string): T => (member in (module as object) ? module : (module as { default: unknown }).default) as T;
    const mysql = pick<TsMysql>(m, "MySQLLexer");
    const antlr = pick<Antlr>(a, "ANTLRInputStream");
    // the parser class is the CommonJS module's `default` export, one or two `default`s deep depending on the loader
    let Parser: unknown = mysql.default;
    while (typeof Parser !== "function" && Parser && typeof Parser === "object" && "default" in Parser) Parser = (Parser as { default: unknown }).default;
    if (typeof Parser !== "function") throw new Error("ts-mysql-parser has no parser class");
    grammar = { mysql, antlr, Parser: Parser as MysqlParserClass };
  });
  return loading;
}

export const mysqlGrammarLoaded = (): boolean => grammar !== undefined;

function loaded(): { mysql: TsMysql; antlr: Antlr; Parser: MysqlParserClass } {
  if (!grammar) throw new Error("the MySQL grammar is not loaded: call loadMysqlGrammar() first");
  return grammar;
}

/**
 * The character sets MySQL 8.0 and MariaDB know (SHOW CHARACTER SET), as the lexer sees an introducer:
 * `_utf8mb4'{}'` is a string in that charset. ts-mysql-parser knows none unless told, so it read hydra's
 * `JSON DEFAULT (_utf8mb4'[]')` as an identifier followed by a string: a syntax error that is not one.
 */
const CHARSETS = [
  "armscii8", "ascii", "big5", "binary", "cp1250", "cp1251", "cp1256", "cp1257", "cp850", "cp852", "cp866", "cp932", "dec8", "eucjpms", "euckr",
  "gb18030", "gb2312", "gbk", "geostd8", "greek", "hebrew", "hp8", "keybcs2", "koi8r", "koi8u", "latin1", "latin2", "latin5", "latin7", "macce",
  "macroman", "sjis", "swe7", "tis620", "ucs2", "ujis", "utf16", "utf16le", "utf32", "utf8", "utf8mb3", "utf8mb4",
].map((name) => `_${name}`);

/** MySQL 8.0's grammar unless a version is given ("5.7", "8.0.29"); MariaDB is read as MySQL 8.0. */
export function serverVersionNumber(version: string | undefined): number {
  const [major = 8, minor = 0, patch = 30] = (version ?? "8.0.30").split(".").map(Number);
  if (major >= 10) return 80030; // MariaDB 10.x / 11.x: its syntax is closest to MySQL 8.0's
  return major * 10000 + minor * 100 + (Number.isFinite(patch) ? patch : 0);
}

/**
 * The version as ts-mysql-parser reads it: always major.minor.patch. Given "5.7" or "8.0" (database_version as people
 * write it) it read no version at all and refused even `CREATE TABLE t (id int)`; the patch defaults as above.
 */
function parserVersion(version: string | undefined): string {
  const number = serverVersionNumber(version);
  return `${Math.floor(number / 10000)}.${Math.floor(number / 100) % 100}.${number % 100}`;
}

export interface MysqlToken {
  type: number;
  /** symbolic name: CREATE_SYMBOL, BACK_TICK_QUOTED_ID, SEMICOLON_SYMBOL, ... */
  name: string;
  text: string;
  start: number;
  /** exclusive */
  stop: number;
  line: number;
  /** on the hidden channel (whitespace, comments) */
  hidden: boolean;
}

/** Every token of the text, comments and whitespace included (hidden). */
export function mysqlTokens(text: string, version?: string): MysqlToken[] {
  const { mysql, antlr } = loaded();
  const lexer = new mysql.MySQLLexer(new antlr.ANTLRInputStream(text));
  lexer.serverVersion = serverVersionNumber(version);
  lexer.charsets = CHARSETS;
  lexer.removeErrorListeners();
  return lexer.getAllTokens().map((t: Token) => ({
    type: t.type,
    name: lexer.vocabulary.getSymbolicName(t.type) ?? "",
    text: t.text ?? "",
    start: t.startIndex,
    stop: t.stopIndex + 1,
    line: t.line,
    hidden: t.channel !== 0,
  }));
}

export interface MysqlParse {
  /** the parse tree; undefined when the statement does not parse */
  tree?: ParserRuleContext;
  error?: { message: string; line: number };
  ruleNames: readonly string[];
  /** the text the tree was parsed from, when not the statement's own (dropConstraintsAsForeignKeys) */
  source?: string;
}

/**
 * MySQL 8.0.19 added `DROP CHECK name` and `DROP CONSTRAINT name` to ALTER TABLE (MariaDB had DROP CONSTRAINT
 * since 10.2); the grammar ts-mysql-parser bundles predates them, so ory/hydra's valid
 * `ALTER TABLE hydra_oauth2_flow DROP CONSTRAINT hydra_oauth2_flow_chk` read as a syntax error. The statement is read
 * again with each spelled DROP FOREIGN KEY, which the grammar has and which mysql-operations reads as the same
 * drop_constraint; line breaks stay where they were.
 */
const DROP_CONSTRAINT = /\bDROP(\s+)(?:CONSTRAINT|CHECK)\b/gi;
const dropsConstraint = (text: string): boolean => new RegExp(DROP_CONSTRAINT.source, "i").test(text);
const asForeignKeyDrops = (text: string): string => text.replace(DROP_CONSTRAINT, "DROP$1FOREIGN KEY");

/** Parse one statement (no trailing delimiter needed). */
export function parseMysqlStatement(text: string, version?: string): MysqlParse {
  const parsed = parseOnce(text, version);
  if (!parsed.error || !dropsConstraint(text) || serverVersionNumber(version) < 80019) return parsed;
  const source = asForeignKeyDrops(text);
  const again = parseOnce(source, version);
  return again.error ? parsed : { ...again, source };
}

function parseOnce(text: string, version?: string): MysqlParse {
  const { Parser } = loaded();
  const parser = new Parser({ version: parserVersion(version), charsets: CHARSETS });
  const result = parser.parse(text);
  const ruleNames = result.parser.ruleNames;
  const error = result.lexerError ?? result.parserError;
  if (error) {
    const data = (error as { data?: { line?: number; position?: { line?: number } } }).data;
    const at = data?.line ?? data?.position?.line;
    return { error: { message: error.message, line: typeof at === "number" && at > 0 ? at : 1 }, ruleNames };
  }
  // the grammar's listener stays quiet when the statement stops short (an editor's leniency): ANTLR still counts it
  if (result.parser.numberOfSyntaxErrors > 0) {
    const lines = text.split("\n").length;
    return { error: { message: "the statement ends before it is complete", line: lines }, ruleNames };
  }
  return { tree: result.tree as ParserRuleContext, ruleNames };
}
