/**
 * A statement PostgreSQL's parser refuses that MySQL's grammar reads whole (`UPDATE a LEFT JOIN b ON ... SET ...`,
 * `ALTER TABLE ... MODIFY ...`) is evidence the migration runs on MySQL, not a syntax error to fix: its parse problems
 * are marked, so the syntax-error finding says so and a folder assumed to be PostgreSQL is read again as MySQL's
 * (database/decide.ts reviseFromRefusals). Only when MySQL's grammar is loaded (a project that may run on MySQL).
 */
import type { Database, ParseProblem } from "../../../model.js";
import { mysqlGrammarLoaded } from "./mysql-grammar.js";
import { parseMysql } from "./mysql-statements.js";

export function markedIfMysql(text: string, errors: ParseProblem[], dialect: Database): ParseProblem[] {
  if (errors.length === 0 || dialect !== "postgresql" || !mysqlGrammarLoaded()) return errors;
  try {
    if (parseMysql(text).errors.length > 0) return errors;
  } catch {
    return errors; // MySQL's grammar failed on it too: nothing to say
  }
  return errors.map((e) => ({ ...e, readsAsMysql: true }));
}
