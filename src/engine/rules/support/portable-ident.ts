/**
 * A name in SQL that PostgreSQL, MySQL and SQLite all read (a fix for a project that runs on several): bare wherever
 * PostgreSQL's own parser reads it bare as the same name (lower case, not a reserved word: `position`, `currency`),
 * since MySQL reads a double-quoted name as a string; double-quoted otherwise (`order`, `User`), where no spelling
 * serves every database. PostgreSQL's grammar decides, not a copied keyword list.
 */
import { parseStatements } from "../../adapters/sql/pg-parser.js";
import { ident } from "./fix.js";

const bare = new Map<string, boolean>();

function readsBare(part: string): boolean {
  if (!/^[a-z_][a-z0-9_]*$/.test(part)) return false;
  let known = bare.get(part);
  if (known === undefined) {
    try {
      known = parseStatements(`SELECT ${part} FROM ${part} AS ${part}`).errors.length === 0;
    } catch {
      return false; // the parser is not there: quoted, as PostgreSQL reads it
    }
    bare.set(part, known);
  }
  return known;
}

export const portableIdent = (name: string): string =>
  name
    .split(".")
    .map((part) => (readsBare(part) ? part : ident(part)))
    .join(".");
