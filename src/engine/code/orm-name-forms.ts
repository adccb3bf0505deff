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
 * - Vue, Svelte, Dart (drift's default column names): the same letters in any case.
 * JavaScript and TypeScript are read with Babel (script-syntax.ts), and a column counts only as a record's field
 * or in SQL: a property name (`.isPublic`, `{ is_public: true }`, `{ prepare }`) in the name's camelCase or
 * snake_case (MikroORM's UnderscoreNamingStrategy, Sequelize's `underscored`, Objection's knexSnakeCaseMappers,
 * Prisma's field names), or a string that is the name alone (`select: ["is_public"]`) or SQL on the table
 * (`SELECT "prepare" FROM "JobVersion"`); not a comment, JSX prose, a word in a string of prose, a local name or a
 * PascalCase type (`type EventRule` is no `eventRule` column). A dropped table's model class counts anywhere, except
 * in Java read with its grammar (java-table-uses.ts): there a table counts only in SQL on it, on a class mapped to it and
 * that class's references, or in JPQL on its entity, never on a local, field or method of its name.
 * Python, Ruby, Rust and Elixir ORMs name attributes as the columns, so the snake_case word is their form; Rust read
 * with its grammar counts a column only in SQL on the table, as a string of its own or as a struct field (rust-column-uses.ts).
 * With the table given (`NameContext`), a common word also needs the table next to it (table-context.ts).
 */
import type { SourceFile } from "../model.js";
import { escapeRegExp } from "../regexp.js";
import { searchUsages, type Usage } from "./usage-search.js";
import { isScriptPath, scriptSyntaxReader } from "./script-syntax-loader.js";
import type { ScriptPlace, ScriptSyntax } from "./script-syntax.js";
import { columnOfTableAt, isCommonName, isEveryTablesName, tableNamesPattern, sqlOnTable } from "./table-context.js";
import { goColumnUsages, isGoPath } from "./go-column-uses.js";
import { goParserLoaded } from "./go-syntax.js";
import { goTableUsages } from "./go-table-uses.js";
import { isJavaPath, javaColumnParserLoaded } from "./java-syntax.js";
import { javaColumnUsages } from "./java-column-uses.js";
import { javaTableUsages } from "./java-table-uses.js";
import { commentsOf } from "./code-comments.js";
import { mayImportDatabaseClient } from "./script-database-clients.js";
import { isRustPath, rustParserLoaded } from "./rust-syntax.js";
import { rustColumnUsages } from "./rust-column-uses.js";
import { rustTableUsages } from "./rust-table-uses.js";

/** SQL the application runs from files (Spring's resources/db/*.sql, sqlc's queries) */
const SQL_FILE = /\.sql$/i;

const CASE_MAPPED = /\.(?:go|java|kt|kts|scala|groovy|cs|fs|vb|php|vue|svelte|dart)$/;
/** Markup templates (Django/Jinja, ERB, Angular or Go html/template, Twig, Razor, JSP, EEx): their variables are whatever the view passed. */
const TEMPLATE = /\.(?:html?|jinja2?|j2|erb|haml|slim|gohtml|tmpl|twig|cshtml|razor|jsp|[hl]?eex)$/;
export const isTemplatePath = (path: string): boolean => TEMPLATE.test(path);
const GRAPHQL = /\.(?:graphql|gql)$/;
const JVM = /\.(?:java|kt|kts|scala|groovy)$/;
/** A bean's accessors of a column (`getUserId`, `setUserId`, `isPublic` for is_public or public): none, or these. */
const ACCESSOR_PREFIXES = ["", "get", "set", "is"];

/** The Java files of a file list, the same array for the same list (java-table-uses.ts reads a project's entities once per array). */
const javaFileLists = new WeakMap<readonly SourceFile[], readonly SourceFile[]>();
function javaFilesOf(files: readonly SourceFile[]): readonly SourceFile[] {
  let java = javaFileLists.get(files);
  if (!java) javaFileLists.set(files, (java = files.filter((f) => isJavaPath(f.path))));
  return java;
}

/** The file's language maps identifiers to snake_case names by their case. */
export const mapsCaseToSnake = (path: string) => CASE_MAPPED.test(path) || isScriptPath(path);

/** Usages shown per name: enough for a message, bounded for a name like `id`. */
export const MAX_ORM_USAGES = 200;

/** The table a drop touches, for the words that need it beside them. */
export interface NameContext {
  /** as written, without quotes (`JobVersion`, `app_config_variables`) */
  table: string;
  /** what code calls the table besides its name: model classes, Prisma's model and its client delegate (`jobVersion`) */
  tableNames: readonly string[];
  /**
   * The ORM's client is generated from a schema that no longer has it (Prisma): no field, type or delegate of it is
   * left, so only SQL text on the table reaches it, or a query builder's string of a specific column name alone in a
   * file that names the table in a string of its own (Kysely's `selectFrom("TaskRun").select("lockedById")`).
   */
  sqlOnly?: boolean;
  /** PostgreSQL with a name that has capitals (Prisma's "JobVersion"): SQL can name it only quoted */
  quoted?: boolean;
}

/** SQL on the context's table. */
const onTable = (text: string, context: NameContext) => sqlOnTable(text, context.table, context.quoted);

const camel = (name: string) => name.replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();

/** A JavaScript/TypeScript column's forms: as written, camelCase, snake_case (never PascalCase: that is a type). */
const scriptForms = (name: string) => [...new Set([name, camel(name), /[A-Z]/.test(name[0] ?? "") ? name : snake(name)])];

/** The line of each offset asked for in increasing order, counting newlines once per file. */
function lineCounter(content: string): (offset: number) => { line: number; text: string } {
  let line = 1;
  let counted = 0;
  return (offset) => {
    for (let nl = content.indexOf("\n", counted); nl !== -1 && nl < offset; nl = content.indexOf("\n", nl + 1)) {
      line++;
      counted = nl + 1;
    }
    const end = content.indexOf("\n", offset);
    const text = content.slice(counted, end === -1 ? undefined : end).trim();
    return { line, text: text.length > 160 ? `${text.slice(0, 159)}…` : text };
  };
}

/**
 * Whether a string holding a form reads it: SQL on the table, or the name alone (a field list, a key; for a table's
 * name only a specific one: `"Template"` alone is a label as often as a table).
 */
const stringReads = (text: string, form: string, column: boolean, context: NameContext | undefined) =>
  (text.trim() === form && (column || !isCommonName(form))) || (context !== undefined ? onTable(text, context) : /\b(?:SELECT|UPDATE|INSERT|DELETE|WHERE|RETURNING)\b/i.test(text));

/**
 * Each file's words, lower-cased, once per analysis: every drop of a lint asks which files hold its forms. A superset
 * of what the matchers below find: runs of word characters, and their parts around `$` (PHP's `$userId`) and `__`
 * (Django's `error__isnull`).
 */
const fileWords = new WeakMap<SourceFile, Set<string>>();
function wordsOf(file: SourceFile): Set<string> {
  let words = fileWords.get(file);
  if (!words) {
    words = new Set();
    for (const run of file.content.toLowerCase().match(/[\w$]+/g) ?? []) {
      words.add(run);
      if (run.includes("$") || run.includes("__")) for (const part of run.split(/\$|__/)) words.add(part);
    }
    fileWords.set(file, words);
  }
  return words;
}

/** Babel's reading of each file, once per analysis: every drop of a lint asks about the same files. */
const syntaxes = new WeakMap<SourceFile, ScriptSyntax | null>();
function syntaxOf(file: SourceFile, read: (file: SourceFile) => ScriptSyntax | undefined): ScriptSyntax | undefined {
  let syntax = syntaxes.get(file);
  if (syntax === undefined) syntaxes.set(file, (syntax = read(file) ?? null));
  return syntax ?? undefined;
}

/** Source of a server in a language other than JavaScript/TypeScript: the database's reader when the scripts import no client. */
const OTHER_SERVER_SOURCE = /\.(?:java|kt|scala|groovy|go|py|rb|cs|fs|php|rs|ex|exs|clj)$/;

/**
 * The project's server is in another language (Java, Go, Python...) and no JavaScript/TypeScript file among `files`
 * imports a database client (script-database-clients.ts): its scripts read that server's API, not the database. False
 * for a project of scripts alone (they are what reads it, through whatever they import), when Babel is not loaded, or
 * when a file that may import a client cannot be read.
 */
const noScriptReadsDatabase = new WeakMap<readonly SourceFile[], boolean>();
export function scriptsReadNoDatabase(files: readonly SourceFile[]): boolean {
  const reader = scriptSyntaxReader();
  if (!reader) return false;
  let none = noScriptReadsDatabase.get(files);
  if (none === undefined) {
    none =
      files.some((f) => OTHER_SERVER_SOURCE.test(f.path)) &&
      !files.some((f) => isScriptPath(f.path) && mayImportDatabaseClient(f.content) && (syntaxOf(f, reader.scriptSyntax)?.databaseClient ?? true));
    noScriptReadsDatabase.set(files, none);
  }
  return none;
}

/** A word's usages in JavaScript/TypeScript files, each judged by what Babel says it is (a line's text when Babel is not loaded). */
function scriptUsages(files: readonly SourceFile[], names: readonly string[], classNames: readonly string[], context: NameContext | undefined, column: boolean, apiOnly: boolean): Usage[] {
  const formOf = new Map<string, "name" | "class">();
  for (const name of names) for (const form of scriptForms(name)) formOf.set(form, "name");
  for (const name of classNames) formOf.set(name, "class");
  const matcher = new RegExp(`(?<![\\w$])(?:${[...formOf.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join("|")})(?![\\w$])`, "g");
  const out: Usage[] = [];
  const reader = scriptSyntaxReader();
  for (const file of files) {
    if (out.length >= MAX_ORM_USAGES) break;
    matcher.lastIndex = 0;
    if (!matcher.test(file.content)) continue;
    matcher.lastIndex = 0;
    const syntax = reader && syntaxOf(file, reader.scriptSyntax);
    const lineAt = lineCounter(file.content);
    for (let m = matcher.exec(file.content); m !== null; m = matcher.exec(file.content)) {
      const form = m[0];
      const place: ScriptPlace = syntax ? syntax.placeOf(m.index, m.index + form.length) : fallbackPlace(file.content, m.index);
      const kind = formOf.get(form);
      // a GraphQL client's fields are the API's (bitmagnet's web UI `releaseYear`), and so are all of a project's whose
      // scripts import no database client (alf.io's Angular admin `usageCount`): only SQL on the table in it would read it
      const apiClient = context !== undefined && ((column && syntax?.graphqlClient === true) || apiOnly);
      const counts = apiClient
        ? place.kind === "string" && onTable(place.text, context)
        : context?.sqlOnly
        ? place.kind === "string" && (onTable(place.text, context) || (column && !isCommonName(form) && place.text.trim() === form && namesTableInString(file.content, context.table)))
        : context !== undefined && !column
        ? place.kind === "string" && tableInScriptString(place, form, context)
        : place.kind === "property" || (place.kind === "string" && stringReads(place.text, form, column, context)) || (kind === "class" && place.kind === "other");
      if (counts) out.push({ path: file.path, ...lineAt(m.index) });
    }
  }
  return out;
}

/**
 * A dropped table in JavaScript or TypeScript: SQL on it in a string or template, or its name as a call's first argument
 * (a query builder's `.from('prefixes')`, `knex('prefixes')`). An identifier or a property of the name is no use of the
 * table: supabase/storage's S3 `prefixes` parameters and `Prefix` types are not its storage.prefixes.
 */
const tableInScriptString = (place: Extract<ScriptPlace, { kind: "string" }>, form: string, context: NameContext): boolean =>
  onTable(place.text, context) || (place.callArgument === true && place.text.trim() === form);

/** Without Babel: a word after `//` on its line is a comment, anything else may be a field. */
function fallbackPlace(content: string, offset: number): ScriptPlace {
  const start = content.lastIndexOf("\n", offset - 1) + 1;
  return content.slice(start, offset).includes("//") ? { kind: "comment" } : { kind: "property" };
}

/** The table's name as a string of its own (`"TaskRun"`, `'TaskRun'`): a query builder's table. */
const namesTableInString = (content: string, table: string) => ['"', "'", "`"].some((q) => content.includes(`${q}${table}${q}`));

/** The file names the table, its model or delegate (case-sensitively in JavaScript/TypeScript, where the case is the ORM's). */
function tiedTo(context: NameContext): (file: SourceFile) => boolean {
  const [exact, anyCase] = [tableNamesPattern([context.table, ...context.tableNames], false), tableNamesPattern([context.table, ...context.tableNames], true)];
  return (file) => (isScriptPath(file.path) ? exact : anyCase).test(file.content);
}

/**
 * The usages of any of `names` (table or column names) in `files`, sorted by path and line, one per line.
 * `classNames` (a dropped table's model class, `OidcDeviceCode`) count as whole words in every language. With
 * `context`, a common column name (`prepare`, `status`, `organizationId`) counts only in a file that also names the
 * table (or its model or delegate) or in SQL on the table. `scriptsReadApiOnly` (scriptsReadNoDatabase of the whole
 * application): JavaScript/TypeScript counts only by SQL on the table in a string.
 */
export function ormNameUsages(allFiles: readonly SourceFile[], names: readonly string[], classNames: readonly string[] = [], context?: NameContext, scriptsReadApiOnly = false): Usage[] {
  // only the files that hold a form of a name in any case are read further (lint reads thousands, once per drop)
  const forms = [
    ...new Set([...names.flatMap((n) => ACCESSOR_PREFIXES.map((p) => p + n.replace(/_/g, ""))), ...[...names, ...classNames].flatMap((n) => [n, n.replace(/_/g, ""), snake(n)])].map((f) => f.toLowerCase())),
  ].filter(Boolean);
  const candidates = allFiles.filter((f) => {
    const words = wordsOf(f);
    return forms.some((form) => words.has(form));
  });
  // a common word is another table's or library's unless the file names the table too (SQL on the table names it)
  const tied = context !== undefined && (context.sqlOnly || names.every(isCommonName)) ? candidates.filter(tiedTo(context)) : candidates;
  // with only SQL left to reach it, a file without SQL on the table (or the table's name as a string) has no use to parse for
  const files = context?.sqlOnly ? tied.filter((f) => onTable(f.content, context) || namesTableInString(f.content, context.table)) : tied;
  // no generated class is left to name when the client's schema dropped the model
  if (context?.sqlOnly) classNames = [];
  const column = classNames.length === 0 && names.every((n) => n !== context?.table);
  const scripts = files.filter((f) => isScriptPath(f.path));
  // Go read with its grammar (go-column-uses.ts): a column counts on a struct that maps the table or in SQL on it,
  // whatever the word's commonness (the struct or the SQL is the tie); without the table, or the grammar, as text
  const goRead = context !== undefined && !context.sqlOnly && column && goParserLoaded();
  const goUsages = goRead ? goColumnUsages(allFiles.filter((f) => isGoPath(f.path)), candidates.filter((f) => isGoPath(f.path)), context.table, names, context.quoted) : [];
  // Java read with its grammar (java-column-uses.ts): a JPA entity of the table, its accessors on a variable of its type, SQL or JPQL on it
  const javaRead = context !== undefined && !context.sqlOnly && column && javaColumnParserLoaded();
  const javaUsages = javaRead ? javaColumnUsages(javaFilesOf(allFiles), candidates.filter((f) => isJavaPath(f.path)), context.table, names, context.quoted) : [];
  // a dropped table in Java (java-table-uses.ts): SQL on it, a class mapped to it and its references, JPQL on that
  // entity; never a local, field or method of its name. A file the grammar could not read is searched as text.
  const javaTable = context !== undefined && !context.sqlOnly && !column && javaColumnParserLoaded()
    ? javaTableUsages(javaFilesOf(allFiles), context.table, [...context.tableNames, ...classNames], context.quoted)
    : undefined;
  if (javaTable) javaUsages.push(...javaTable.usages);
  const javaUnread = new Set(javaTable?.unread);
  // a dropped table in Go (go-table-uses.ts): SQL on it, its name alone as a call's argument or a constant's value, a
  // struct that maps it; never an identifier or another string's word (frontier's `"action:core"`, `metadataKey`)
  const goTable = context !== undefined && !context.sqlOnly && !column && goParserLoaded()
    ? goTableUsages(allFiles.filter((f) => isGoPath(f.path)), candidates.filter((f) => isGoPath(f.path)), context.table, context.quoted)
    : undefined;
  if (goTable) goUsages.push(...goTable.usages);
  const goUnread = new Set(goTable?.unread);
  // Rust read with its grammar (rust-column-uses.ts): a column counts in SQL on the table, as a string of its own, or
  // as a struct field of its name; never a comment, a prose string, a local or a function (docs.rs' `let mut files`)
  const rustRead = context !== undefined && !context.sqlOnly && column && rustParserLoaded();
  // a dropped table in Rust (rust-table-uses.ts): SQL on it, its name alone as a string, diesel's schema or a mapped
  // struct; never an identifier or a word of prose (atuin's AI stream `events`)
  const rustTableRead = context !== undefined && !context.sqlOnly && !column && rustParserLoaded();
  const rust = rustRead
    ? rustColumnUsages(files.filter((f) => isRustPath(f.path)), context.table, names, context.quoted)
    : rustTableRead
      ? rustTableUsages(candidates.filter((f) => isRustPath(f.path)), context.table, context.quoted)
      : undefined;
  const rustUnread = new Set(rust?.unread);
  const mapped = files.filter((f) => CASE_MAPPED.test(f.path) && !((goRead || goTable) && isGoPath(f.path) && !goUnread.has(f)) && !((javaRead || javaTable) && isJavaPath(f.path) && !javaUnread.has(f)));
  // a GraphQL schema or operation names the API's fields (`TorrentContent { title }`), which resolvers map: the code
  // that reads a table is the resolver's, judged where it is; with the table known, GraphQL is no evidence of its column
  const plain = files.filter((f) => !mapsCaseToSnake(f.path) && !(context !== undefined && column && GRAPHQL.test(f.path)) && !(rust && isRustPath(f.path) && !rustUnread.has(f)));
  const words = [...new Set([...names, ...classNames])];
  const index = searchUsages(plain, words);
  // a column every table has (`id`) in an SQL file of the application: only on a line tied to the table, not a joined
  // table's (`sn.id` in a query that also joins it, table-context.ts)
  const everyTables = context !== undefined && column && names.every(isEveryTablesName);
  const tiedLine = (u: Usage) => !everyTables || !SQL_FILE.test(u.path) || columnOfTableAt(u.text, context.table, names, context.quoted) !== -1;
  const usages: Usage[] = [...words.flatMap((w) => index.usagesOf(w)).filter(tiedLine), ...goUsages, ...javaUsages, ...(rust?.usages ?? [])];
  usages.push(...scriptUsages(scripts, names, classNames, context, column, scriptsReadApiOnly));
  const folded = [...new Set(names.flatMap((n) => [n, n.replace(/_/g, "")]))].filter(Boolean).map(escapeRegExp).join("|");
  const classes = classNames.map(escapeRegExp);
  // a `$` before counts: PHP's properties are `$userId`
  const caseFreeForms = new RegExp(`(?<!\\w)(?:${[folded, ...classes].filter(Boolean).join("|")})(?![\\w$])`, "gi");
  // the JVM's beans read a column through its accessors: `getUserId()`, `isPublic()` (Lombok, Kotlin's Java interop)
  const accessors = new RegExp(`(?<!\\w)(?:(?:${ACCESSOR_PREFIXES.filter(Boolean).join("|")})?(?:${folded})${classes.length ? `|${classes.join("|")}` : ""})(?![\\w$])`, "gi");
  for (const file of mapped) {
    if (usages.length >= MAX_ORM_USAGES) break;
    const caseFree = JVM.test(file.path) && folded ? accessors : caseFreeForms;
    caseFree.lastIndex = 0;
    const lineAt = lineCounter(file.content);
    // Javadoc and comments name a table in prose (DSpace's OrderFormat.java `ItemsByAuthor.sort_author`): not code that runs
    const inComment = commentsOf(file);
    let last = 0;
    for (let m = caseFree.exec(file.content); m !== null && usages.length < MAX_ORM_USAGES; m = caseFree.exec(file.content)) {
      if (inComment?.(m.index)) continue;
      const usage = lineAt(m.index);
      if (usage.line === last) continue;
      last = usage.line;
      usages.push({ path: file.path, ...usage });
    }
  }
  const seen = new Set<string>();
  // outside JavaScript/TypeScript a line is read as text: with only SQL left to reach the table, the line must be SQL on it
  return (context?.sqlOnly ? usages.filter((u) => isScriptPath(u.path) || onTable(u.text, context)) : usages)
    .filter((u) => !seen.has(`${u.path}:${u.line}`) && seen.add(`${u.path}:${u.line}`))
    .sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line)
    .slice(0, MAX_ORM_USAGES);
}
