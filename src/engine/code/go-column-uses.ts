/**
 * Where Go code reaches one table's column (go-syntax.ts reads the files): a field of a struct that maps the table
 * (its `TableName()` returns it, or, when no struct says so, gorm's default naming of a model struct or sqlc's
 * model: `TorrentContent` for torrent_contents), by its tag's column or gorm's snake_case of its name; a field whose
 * tag names a specific column (`db:"is_public"`) on a struct that maps no other table (rows of a raw query) in a file
 * that queries the table (SQL on it, its name or constant as a query builder's argument); or SQL
 * text on the table that names the column. A field of the same name elsewhere (another table's model, a GraphQL
 * type, `result.bfpe` of an in-memory struct) is not this column: bitmagnet's torrent_contents.title, whose model
 * has no Title while content's and GraphQL's have.
 */
import type { SourceFile } from "../model.js";
import { usageAt, type Usage } from "./usage-search.js";
import { goFacts, type GoFacts, type GoStruct } from "./go-syntax.js";
import { columnOfTableAt, isCommonName, isEveryTablesName, sqlOnTable } from "./table-context.js";
import { modelName } from "../rules/support/fix.js";
import { tableize } from "../adapters/rails/inflections.js";
import { dirOf } from "../paths.js";
import { escapeRegExp } from "../regexp.js";

export const isGoPath = (path: string): boolean => path.endsWith(".go");

export interface TableMapping {
  /** `dir\0Struct` -> the table its TableName() returns */
  byStruct: Map<string, string>;
  /** tables some struct maps through TableName() */
  mapped: Set<string>;
}

/** A file's TableName() methods: each struct with the table it returns, or the constant its package's folder defines. */
interface FileTableNames {
  dir: string;
  names: { struct: string; table?: string; constant?: string }[];
}

/** per file, read once: the callers' file lists are new arrays on every call (one per dropped column) */
const fileTableNames = new WeakMap<SourceFile, FileTableNames | null>();

function tableNamesOf(file: SourceFile): FileTableNames | undefined {
  const known = fileTableNames.get(file);
  if (known !== undefined) return known ?? undefined;
  if (!file.content.includes("TableName")) {
    fileTableNames.set(file, null);
    return undefined;
  }
  // not kept when undefined: the grammar may load later
  const facts = goFacts(file);
  if (!facts) return undefined;
  const names = [...facts.tableNames].map(([struct, returned]) => ({
    struct,
    table: returned.literal ?? (returned.constant === undefined ? undefined : facts.consts.get(returned.constant)),
    constant: returned.constant,
  }));
  const read = { dir: dirOf(file.path), names };
  fileTableNames.set(file, read);
  return read;
}

const mappings = new WeakMap<readonly SourceFile[], TableMapping>();

/** The structs whose TableName() names their table, across the Go files (a constant resolved in its package's folder). */
export function tableMapping(goFiles: readonly SourceFile[]): TableMapping {
  let known = mappings.get(goFiles);
  if (known) return known;
  known = { byStruct: new Map(), mapped: new Set() };
  for (const file of goFiles) {
    const read = tableNamesOf(file);
    if (!read) continue;
    const { dir } = read;
    for (const { struct, table: own, constant } of read.names) {
      const table =
        own ??
        (constant === undefined
          ? undefined
          : goFiles.filter((f) => dirOf(f.path) === dir && f !== file && f.content.includes(constant)).map((f) => goFacts(f)?.consts.get(constant)).find((v) => v !== undefined));
      if (table === undefined) continue;
      known.byStruct.set(`${dir}\0${struct}`, table);
      known.mapped.add(table);
    }
  }
  mappings.set(goFiles, known);
  return known;
}

const fold = (name: string) => name.replace(/_/g, "").toLowerCase();

/** Whether `struct` of a file in `dir` maps `table`: true, false (another table), or undefined (no table known). */
export function structTable(struct: GoStruct, dir: string, facts: GoFacts, table: string, mapping: TableMapping): boolean | undefined {
  const explicit = mapping.byStruct.get(`${dir}\0${struct.name}`);
  if (explicit !== undefined) return explicit === table;
  // gorm's default naming (a struct it reads rows into) and sqlc's models, unless a TableName() already says which struct maps the table
  if (!(struct.tagged || facts.orm)) return undefined;
  // (in any case: sqlx's `OAuthClient` of oauth_clients)
  if (fold(modelName(table)) === fold(struct.name) || tableize(struct.name) === table) return !mapping.mapped.has(table);
  return undefined;
}

/** The package folders' constants whose value is `table` (frontier's `TABLE_BILLING_PLANS = "billing_plans"` in postgres.go), by folder. */
function tableConstants(goFiles: readonly SourceFile[], table: string): Map<string, Set<string>> {
  const byDir = new Map<string, Set<string>>();
  for (const file of goFiles) {
    if (!file.content.includes(table)) continue;
    for (const [name, value] of goFacts(file)?.consts ?? []) {
      if (value !== table) continue;
      const dir = dirOf(file.path);
      byDir.set(dir, (byDir.get(dir) ?? new Set()).add(name));
    }
  }
  return byDir;
}

/**
 * The file queries `table`: SQL on it in a string, its name alone as a call's argument or a constant's value, or a
 * constant of its package that is the table passed to a call (`From(TABLE_BILLING_PLANS)`). What ties a struct of no
 * known table (rows of a raw query) to this table rather than another.
 */
function fileNamesTable(facts: GoFacts, dir: string, table: string, quoted: boolean, constants: Map<string, Set<string>>): boolean {
  if (facts.strings.some((s) => ((s.argument || s.constant) && s.text.trim().split(".").pop() === table) || sqlOnTable(s.text, table, quoted))) return true;
  const own = constants.get(dir);
  return own !== undefined && [...own].some((name) => facts.argumentNames.has(name));
}

/**
 * The usages of `table`'s column (any of `columns`, as written in SQL) in `candidates`, judged against every Go file
 * of the application (`goFiles`, where the structs' TableName() methods are). `quoted`: SQL can name the table only quoted.
 */
export function goColumnUsages(goFiles: readonly SourceFile[], candidates: readonly SourceFile[], table: string, columns: readonly string[], quoted = false): Usage[] {
  const mapping = tableMapping(goFiles);
  const folded = new Set(columns.map(fold));
  const word = new RegExp(`(?<![\\w$])(?:${columns.map(escapeRegExp).join("|")})(?![\\w$])`);
  const everyTables = columns.every(isEveryTablesName);
  let constants: Map<string, Set<string>> | undefined;
  const out: Usage[] = [];
  for (const file of candidates) {
    const facts = goFacts(file);
    if (!facts) continue;
    const dir = dirOf(file.path);
    const lines = new Set<number>();
    // a struct of no known table is this table's rows only in a file that queries this table: frontier's Plan
    // (`db:"trial_days"`, read from billing_plans) is no use of billing_subscriptions.trial_days
    let tied: boolean | undefined;
    const queriesTable = () => (tied ??= fileNamesTable(facts, dir, table, quoted, (constants ??= tableConstants(goFiles, table))));
    for (const struct of facts.structs) {
      const maps = structTable(struct, dir, facts, table, mapping);
      if (maps === false) continue;
      for (const field of struct.fields) {
        const mapsColumn = field.tagColumn !== undefined ? field.tagColumn !== null && columns.includes(field.tagColumn) : folded.has(fold(field.name));
        // a struct of no known table: only a tag that names a specific column ties it (sqlx rows of a raw query), in a file that queries the table
        if (maps === true ? mapsColumn : field.tagColumn != null && columns.includes(field.tagColumn) && !isCommonName(field.tagColumn) && queriesTable()) lines.add(field.line);
      }
    }
    for (const string of facts.strings) {
      if (!sqlOnTable(string.text, table, quoted)) continue;
      // a column every table has (`id`) only tied to the table in the SQL, not any joined table's (table-context.ts)
      const at = everyTables ? columnOfTableAt(string.text, table, columns, quoted) : string.text.search(word);
      if (at !== -1) lines.add(string.line + (string.text.slice(0, at).match(/\n/g)?.length ?? 0));
    }
    for (const line of [...lines].sort((a, b) => a - b)) out.push(usageAt(file, line));
  }
  return out;
}
