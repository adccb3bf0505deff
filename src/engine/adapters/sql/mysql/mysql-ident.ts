/**
 * MySQL identifiers in generated SQL: bare when MySQL's own grammar reads the name as an identifier (letters,
 * digits, `_`, `$`, and not a reserved word such as `order`, `key` or `rank`), in backticks otherwise. The
 * grammar decides, so the reserved-word list is MySQL's, not a copy. Without the grammar loaded, backticks.
 */
import { mysqlGrammarLoaded, parseMysqlStatement } from "./mysql-grammar.js";

const bare = new Map<string, boolean>();

function readsBare(part: string): boolean {
  if (!/^[A-Za-z_][A-Za-z0-9_$]*$/.test(part)) return false;
  if (!mysqlGrammarLoaded()) return false;
  let known = bare.get(part.toLowerCase());
  if (known === undefined) {
    known = !parseMysqlStatement(`SELECT ${part} FROM ${part}`).error;
    bare.set(part.toLowerCase(), known);
  }
  return known;
}

/** `users` -> users, `order` -> \`order\`, `db.my table` -> db.\`my table\` (each dotted part on its own). */
export function mysqlIdent(name: string): string {
  return name
    .split(".")
    .map((part) => (readsBare(part) ? part : `\`${part.replace(/`/g, "``")}\``))
    .join(".");
}
