/**
 * Dialect-only syntax in the migrations themselves: MySQL's backtick identifiers, `ENGINE=`, `AUTO_INCREMENT`
 * and `ALGORITHM=`. A file counts only when PostgreSQL's parser refuses it and MySQL's lexer finds one of these
 * tokens outside strings and comments, so a PostgreSQL column named `engine` never tips a folder over.
 */
import { parseStatements } from "../adapters/sql/pg-parser.js";
import { mysqlGrammarLoaded, mysqlTokens } from "../adapters/sql/mysql/mysql-grammar.js";
import { parseMysql } from "../adapters/sql/mysql/mysql-statements.js";

/** Cheap test on the raw text before any parsing: can the file hold MySQL-only syntax at all? */
export const mayHoldMysqlSyntax = (content: string): boolean => content.includes("`") || /engine|auto_increment|algorithm/i.test(content);

/** Statement forms only MySQL has (MODIFY, CHANGE, DROP INDEX ... ON): worth loading MySQL's grammar to look closer. */
export const mayHoldMysqlStatements = (content: string): boolean => /\b(modify|change)\s+(column\s+)?\S+\s+\w|\bdrop\s+index\s+\S+\s+on\b|\block\s*=|\bunsigned\b/i.test(content);

/**
 * Cheap test on a Python or Ruby migration's text: SQL it sends that only MySQL writes (`ALTER TABLE ... MODIFY`,
 * `UPDATE a LEFT JOIN b`, `DROP PRIMARY KEY`, `DROP INDEX x ON t`), worth loading MySQL's grammar for.
 */
export const mayHoldEmbeddedMysql = (content: string): boolean =>
  /\balter\s+table\b[^;"']*\b(?:modify|change)\s+(?:column\s+)?\S+\s+\w|\bupdate\s+\S+\s+(?:(?:left|inner|right)\s+)?join\b|\bdrop\s+primary\s+key\b|\bdrop\s+index\s+\S+\s+on\b/i.test(content);

/** Does MySQL's grammar read every statement of these files? (PostgreSQL's refused them.) */
export function mysqlReadsAll(files: ReadonlyArray<{ path: string; content: string }>): { path: string; line: number } | undefined {
  if (!mysqlGrammarLoaded() || files.length === 0) return undefined;
  let first: { path: string; line: number } | undefined;
  for (const file of files) {
    const pg = parseStatements(file.content).errors[0];
    if (parseMysql(file.content).errors.length > 0) return undefined;
    first ??= pg ? { path: file.path, line: pg.line } : undefined;
  }
  return first;
}

export interface SyntaxEvidence {
  line: number;
  what: string;
}

/** The first MySQL-only construct of a SQL file, or undefined. */
export function mysqlSyntaxIn(content: string): SyntaxEvidence | undefined {
  if (!mayHoldMysqlSyntax(content) || !mysqlGrammarLoaded()) return undefined;
  if (parseStatements(content).errors.length === 0) return undefined;
  const tokens = mysqlTokens(content).filter((t) => !t.hidden);
  for (const [i, t] of tokens.entries()) {
    const next = tokens[i + 1]?.name;
    if (t.name === "BACK_TICK_QUOTED_ID") return { line: t.line, what: `backtick identifier ${t.text}` };
    if (t.name === "AUTO_INCREMENT_SYMBOL") return { line: t.line, what: "AUTO_INCREMENT" };
    if ((t.name === "ENGINE_SYMBOL" || t.name === "ALGORITHM_SYMBOL") && next === "EQUAL_OPERATOR")
      return { line: t.line, what: `${t.text.toUpperCase()}=${tokens[i + 2]?.text ?? ""}` };
  }
  return undefined;
}
