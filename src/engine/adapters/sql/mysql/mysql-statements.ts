/**
 * MySQL text -> statements, as the mysql client and the migration runners send them: `;` ends a statement
 * outside strings, comments and the BEGIN ... END body of a stored program; `DELIMITER //` (a client command,
 * never sent to the server) changes the terminator. Every statement is then parsed alone with MySQL's grammar,
 * so one bad statement does not hide the others. Offsets are string indices; lines are 1-based.
 */
import type { ParseProblem } from "../../../model.js";
import { mysqlTokens, parseMysqlStatement, type MysqlParse, type MysqlToken } from "./mysql-grammar.js";

export interface MysqlStatement {
  text: string;
  start: number;
  end: number;
  line: number;
  endLine: number;
  /** its first word, upper-cased */
  word: string;
  parse: MysqlParse;
}

export interface MysqlParseResult {
  statements: MysqlStatement[];
  errors: ParseProblem[];
}

const STORED_PROGRAM = new Set(["PROCEDURE_SYMBOL", "FUNCTION_SYMBOL", "TRIGGER_SYMBOL", "EVENT_SYMBOL"]);
const QUOTED = new Set(["SINGLE_QUOTED_TEXT", "DOUBLE_QUOTED_TEXT", "BACK_TICK_QUOTED_ID", "NCHAR_TEXT", "HEX_NUMBER", "BIN_NUMBER"]);
const BLOCK_ENDS = new Set(["IF_SYMBOL", "LOOP_SYMBOL", "WHILE_SYMBOL", "REPEAT_SYMBOL", "CASE_SYMBOL"]);

const lineAt = (text: string, index: number, from = { index: 0, line: 1 }) => {
  let line = from.line;
  for (let i = from.index; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
};

/** Byte ranges (string indices) of the statements, delimiters and DELIMITER lines left out, each with its first word (upper-cased). */
export function splitMysql(text: string, version?: string): Array<{ start: number; end: number; word: string }> {
  const tokens = mysqlTokens(text, version);
  const out: Array<{ start: number; end: number; word: string }> = [];
  let delimiter = ";";
  let current: MysqlToken[] = [];
  let depth = 0;
  const close = () => {
    if (current.length) out.push({ start: current[0].start, end: current[current.length - 1].stop, word: current[0].text.toUpperCase() });
    current = [];
    depth = 0;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.hidden) continue;
    // DELIMITER xx: the rest of the line is the new terminator
    if (current.length === 0 && t.text.toUpperCase() === "DELIMITER") {
      const eol = text.indexOf("\n", t.stop);
      delimiter = text.slice(t.stop, eol === -1 ? text.length : eol).trim() || ";";
      while (i + 1 < tokens.length && tokens[i + 1].start < (eol === -1 ? text.length : eol)) i++;
      continue;
    }
    const at = delimiter === ";" || QUOTED.has(t.name) ? -1 : t.text.indexOf(delimiter);
    if (at !== -1) {
      // the terminator may be lexed as several tokens (`//`) or inside one (`END$$`: `$` is an identifier character)
      if (at > 0) current.push({ ...t, text: t.text.slice(0, at), stop: t.start + at });
      const stop = t.start + at + delimiter.length;
      while (i + 1 < tokens.length && tokens[i + 1].start < stop) i++;
      close();
      continue;
    }
    if (delimiter === ";" && t.name === "SEMICOLON_SYMBOL" && depth === 0) {
      close();
      continue;
    }
    current.push(t);
    if (delimiter === ";" && current.some((c) => STORED_PROGRAM.has(c.name))) {
      const next = tokens.slice(i + 1).find((n) => !n.hidden);
      if (t.name === "BEGIN_SYMBOL" && next?.name !== "WORK_SYMBOL" && next?.name !== "SEMICOLON_SYMBOL") depth++;
      if (t.name === "END_SYMBOL" && depth > 0 && !BLOCK_ENDS.has(next?.name ?? "")) depth--;
    }
  }
  close();
  return out;
}

export function parseMysql(text: string, version?: string): MysqlParseResult {
  const statements: MysqlStatement[] = [];
  const errors: ParseProblem[] = [];
  let cursor = { index: 0, line: 1 };
  for (const range of splitMysql(text, version)) {
    const line = lineAt(text, range.start, cursor);
    cursor = { index: range.start, line };
    const body = text.slice(range.start, range.end);
    const endLine = lineAt(body, body.length, { index: 0, line });
    const parse = parseMysqlStatement(body, version);
    if (parse.error) errors.push({ line: line + parse.error.line - 1, message: parse.error.message });
    statements.push({ text: body, start: range.start, end: range.end, line, endLine, word: range.word, parse });
  }
  return { statements, errors };
}
