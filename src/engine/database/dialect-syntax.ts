/**
 * Dialect-only syntax in the migrations themselves: MySQL's backtick identifiers, `ENGINE=`, `AUTO_INCREMENT`
 * and `ALGORITHM=`. A file counts only when PostgreSQL's parser refuses it and MySQL's lexer finds one of these
 * tokens outside strings and comments, so a PostgreSQL column named `engine` never tips a folder over.
 */
import { parseStatements } from "../adapters/sql/pg-parser.js";
import { mysqlGrammarLoaded, mysqlTokens } from "../adapters/sql/mysql/mysql-grammar.js";

/** Cheap test on the raw text before any parsing: can the file hold MySQL-only syntax at all? */
export const mayHoldMysqlSyntax = (content: string): boolean => content.includes("`") || /engine|auto_increment|algorithm/i.test(content);

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
