/**
 * Safe alternatives are shown in the migration's own language, with the migration's own names,
 * the way strong_migrations prints the code to write instead.
 */
import type { Framework } from "../../model.js";
import { QuoteUtils } from "@pgsql/quotes";
import { embedSql } from "./embed-sql.js";
import { singularize } from "../../adapters/rails/inflections.js";
import { postgresDefaultName } from "./pg-names.js";

/**
 * A framework's variant is a function that builds it, never a value: only the migration's own framework's is
 * built. Built eagerly, a variant that reads a call with the Python grammar failed every SQL-only lint, where
 * that grammar is never loaded (the fresh-clone CI caught it); a function cannot do that.
 */
type Variant = () => string;

export interface FixVariants {
  sql: string;
  rails?: Variant;
  django?: Variant;
  alembic?: Variant;
}

/** Pick the variant for the framework; without one, the SQL variant run through the framework's own `execute`. */
export function fixFor(framework: Framework, variants: FixVariants): string {
  if (framework === "sql") return dedent(variants.sql);
  const own = variants[framework];
  if (own === undefined) return embedSql(framework, dedent(variants.sql));
  return dedent(own());
}

/** Strip the common indentation of a template literal block. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, "").trimEnd().split("\n");
  let indent = Infinity;
  for (const line of lines) {
    if (line.trim() === "") continue;
    let spaces = 0;
    while (line.charCodeAt(spaces) === 32) spaces++;
    if (spaces < indent) indent = spaces;
  }
  if (indent === 0 || indent === Infinity) return lines.join("\n");
  return lines.map((l) => l.slice(indent)).join("\n");
}

/**
 * Quote a SQL identifier only when PostgreSQL needs it (keeps `public.users` readable), as its quote_ident does:
 * upper case, odd characters and reserved words (`"order"`, `"user"`) get quotes.
 */
export function ident(name: string): string {
  let quoted = identifiers.get(name);
  if (quoted === undefined) {
    quoted = name
      .split(".")
      .map((part) => QuoteUtils.quoteIdentifier(part))
      .join(".");
    if (identifiers.size > 50_000) identifiers.clear(); // bounded: names repeat within a lint, not forever
    identifiers.set(name, quoted);
  }
  return quoted;
}

/** `ident`'s answers: the fixes quote the same table and column names again and again (9 ms of the 800-file bench). */
const identifiers = new Map<string, string>();

/** A Ruby symbol for a table or column name. */
/** `text` as a PostgreSQL string literal (standard_conforming_strings: only quotes are doubled). */
export const sqlString = (text: string): string => `'${text.replace(/'/g, "''")}'`;

export const sym = (name: string): string => (/^[a-z_][a-zA-Z0-9_]*$/.test(name) ? `:${name}` : `:"${name}"`);

/** A Rails model class name from a table name by Active Record's inflections (users -> User, tag_aliases -> TagAlias). */
export function modelName(table: string): string {
  const base = table.split(".").pop() ?? table;
  const singular = singularize(base);
  return singular
    .split("_")
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");
}

/** A name for a helper object (index, constraint) derived from a table and columns, as PostgreSQL would. */
export function derivedName(table: string, columns: string[], suffix: string): string {
  return postgresDefaultName(table, columns, suffix);
}

/** The line comment marker of the framework's language: `--` in SQL, `#` in Ruby and Python. */
export const commentMarker = (framework: string): "--" | "#" => (framework === "sql" ? "--" : "#");
