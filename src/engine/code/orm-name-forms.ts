/**
 * Where application code names a table or column of a plain SQL migration, in the forms its ORM gives the name.
 * The snake_case name itself as a whole word everywhere (identifiers, string literals, struct tags
 * `db:"is_public"`, SQL in strings), through review's usage search. In the languages whose usual ORMs map a
 * camelCase or PascalCase identifier to the snake_case name by splitting it at its case changes, also the name's
 * letters without underscores in any case (`IsPublic`, `isPublic`, `UserID`, `IS_PUBLIC`):
 * - Go: gorm's default NamingStrategy (field `IsPublic` is is_public, `UserID` is user_id, struct `OidcDeviceCode`
 *   is table oidc_device_codes); ent and sqlboiler generate such fields from the columns;
 * - Java, Kotlin, Scala, Groovy: Spring Boot's default CamelCaseToUnderscoresNamingStrategy (`isPublic`, entity
 *   `OidcDeviceCode` is oidc_device_code), Grails' GORM; jOOQ's generated `IS_PUBLIC`;
 * - C#, F#, VB: EF Core with the snake_case naming convention (EFCore.NamingConventions), Dapper's
 *   MatchNamesWithUnderscores;
 * - PHP: Doctrine's underscore naming strategy (Symfony's recipe default);
 * - JavaScript, TypeScript: MikroORM's default UnderscoreNamingStrategy, Sequelize's `underscored`, Objection's
 *   knexSnakeCaseMappers; Dart: drift's default column names.
 * Python, Ruby, Rust and Elixir ORMs name attributes as the columns, so the snake_case word is their form. A form
 * that also matches unrelated code keeps the data-loss error: the safe side.
 */
import type { SourceFile } from "../model.js";
import { escapeRegExp } from "../regexp.js";
import { searchUsages, type Usage } from "./usage-search.js";

const CASE_MAPPED = /\.(?:go|java|kt|kts|scala|groovy|cs|fs|vb|php|[mc]?[jt]sx?|vue|svelte|dart)$/;

/** The file's language maps identifiers to snake_case names by their case. */
export const mapsCaseToSnake = (path: string) => CASE_MAPPED.test(path);

/** Usages shown per name: enough for a message, bounded for a name like `id`. */
export const MAX_ORM_USAGES = 200;

/**
 * The usages of any of `names` (snake_case table or column names) in `files`, sorted by path and line, one per
 * line. `classNames` (a dropped table's model class, `OidcDeviceCode`) count as whole words in every language.
 */
export function ormNameUsages(files: readonly SourceFile[], names: readonly string[], classNames: readonly string[] = []): Usage[] {
  const mapped = files.filter((f) => mapsCaseToSnake(f.path));
  const plain = files.filter((f) => !mapsCaseToSnake(f.path));
  const words = [...new Set([...names, ...classNames])];
  // only the files that hold one of the names in any case go through the search (lint reads thousands)
  const any = new RegExp(words.map(escapeRegExp).join("|"), "i");
  const index = searchUsages(plain.filter((f) => any.test(f.content)), words);
  const usages = words.flatMap((w) => index.usagesOf(w));
  const folded = [...new Set([...names.flatMap((n) => [n, n.replace(/_/g, "")]), ...classNames])].filter(Boolean);
  // a `$` before counts: PHP's properties are `$userId` (in JavaScript `$userId` is another name: a hit there only keeps the error)
  const caseFree = new RegExp(`(?<!\\w)(?:${folded.map(escapeRegExp).join("|")})(?![\\w$])`, "gi");
  for (const file of mapped) {
    if (usages.length >= MAX_ORM_USAGES) break;
    caseFree.lastIndex = 0;
    let line = 1;
    let counted = 0;
    let last = 0;
    for (let m = caseFree.exec(file.content); m !== null && usages.length < MAX_ORM_USAGES; m = caseFree.exec(file.content)) {
      for (let nl = file.content.indexOf("\n", counted); nl !== -1 && nl < m.index; nl = file.content.indexOf("\n", nl + 1)) {
        line++;
        counted = nl + 1;
      }
      if (line === last) continue;
      last = line;
      const end = file.content.indexOf("\n", m.index);
      const text = file.content.slice(counted, end === -1 ? undefined : end).trim();
      usages.push({ path: file.path, line, text: text.length > 160 ? `${text.slice(0, 159)}…` : text });
    }
  }
  const seen = new Set<string>();
  return usages
    .filter((u) => !seen.has(`${u.path}:${u.line}`) && seen.add(`${u.path}:${u.line}`))
    .sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
}
