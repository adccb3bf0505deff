/**
 * Where the application's code compares whole rows of a table, which a json column breaks (json has no equality
 * operator): SELECT DISTINCT or UNION (not UNION ALL) over every column (`*`, `t.*`), in SQL text or through the
 * ORM, whose `.distinct()` and `.union()` select every field of the model. A query written before the column
 * names its columns otherwise (GROUP BY, =, a select list): it never sees the new one. A usage search: a keyword
 * whose lines nearby name the table or its model; a Python `distinct` is then read with its grammar, so DISTINCT ON
 * other columns or a query of other columns is no evidence for the json column (codegrade's Work.extra_info).
 */
import type { SourceFile } from "../../model.js";
import { searchUsages, type Usage } from "../../code/usage-search.js";
import { sqlOnTable, tableNamesPattern } from "../../code/table-context.js";
import { isTestPath } from "../../code/test-paths.js";
import { dirOf } from "../../paths.js";
import { modelName } from "../support/fix.js";
import { unquoted } from "../support/prisma-migration-schema.js";
import type { RuleContext } from "../support/rule.js";
import { pythonDistinctCompares } from "./python-distinct.js";

const KEYWORDS = ["DISTINCT", "distinct", "UNION", "union"];

/** Lines around a keyword a query over the table is taken to span: an ORM chain starts above it, SQL's FROM follows it. */
const BEFORE = 5;
const AFTER = 10;

export interface RowComparisons {
  /** the application's code was read (some files) */
  read: boolean;
  /** where it compares rows of the table */
  usages: Usage[];
}

/** SQL selecting every column: `SELECT *`, `SELECT DISTINCT t.*`, `SELECT "t".*`. */
const ALL_COLUMNS = /\bselect\s+(?:distinct\s+)?(?:["`]?\w+["`]?\.)?\*/i;

/**
 * The keyword compares whole rows: SQL's `SELECT DISTINCT *` (or `t.*`), a `UNION` (not `UNION ALL`, before a
 * SELECT, a parenthesis or the line's end) of queries that select every column; the ORM's `.distinct` and
 * `.union(`. Not prose ("distinct from"), `typing.Union[...]`, `COUNT(DISTINCT id)`.
 */
function compares(keyword: string, line: string, around: string): boolean {
  if (keyword.toLowerCase() === "distinct") return /\bselect\s+distinct\s+(?:["`]?\w+["`]?\.)?\*/i.test(line) || /\.distinct\b/.test(line);
  if (/\.union\s*\(/.test(line)) return true;
  return /(?:^|[^.\w])union(?:\s+distinct)?\s*(?:\(|select\b|$|["'`])/i.test(line) && ALL_COLUMNS.test(around);
}

/** A keyword that compares whole rows, with the lines around it; which table it is about is asked per column. */
interface Comparison {
  usage: Usage;
  around: string;
  /** the file's text, for a reader of its syntax */
  content: string;
}

/**
 * Per code read and migrations folder, the keywords that compare rows (undefined: no code read): every json column
 * of a lint asks the same search, and scanning all the code once per column repeated it.
 */
const searched = new WeakMap<readonly SourceFile[], Map<string, Comparison[] | undefined>>();

function comparisonsIn(files: readonly SourceFile[], folder: string): Comparison[] | undefined {
  let byFolder = searched.get(files);
  if (!byFolder) searched.set(files, (byFolder = new Map()));
  if (byFolder.has(folder)) return byFolder.get(folder);
  const code = files.filter((f) => !isTestPath(f.path) && !(folder && f.path.startsWith(`${folder}/`)));
  const found = code.length === 0 ? undefined : rowComparingKeywords(code);
  byFolder.set(folder, found);
  return found;
}

/** The keywords in `code` that compare whole rows, in keyword order then the search's. */
function rowComparingKeywords(code: readonly SourceFile[]): Comparison[] {
  const byPath = new Map<string, SourceFile>(code.map((f) => [f.path, f]));
  const split = new Map<string, string[]>();
  const linesOf = (path: string) => split.get(path) ?? split.set(path, byPath.get(path)!.content.split("\n")).get(path)!;
  const index = searchUsages(code, KEYWORDS);
  const found: Comparison[] = [];
  for (const keyword of KEYWORDS)
    for (const usage of index.usagesOf(keyword)) {
      const lines = linesOf(usage.path);
      const around = lines.slice(Math.max(0, usage.line - 1 - BEFORE), usage.line + AFTER).join("\n");
      if (compares(keyword, lines[usage.line - 1] ?? usage.text, around)) found.push({ usage, around, content: byPath.get(usage.path)!.content });
    }
  return found;
}

/**
 * A comparison that may include `column`: a Python `distinct` is read with its grammar (python-distinct.ts), so
 * DISTINCT ON other columns, a column's own distinct and a query selecting other columns are left out.
 */
const mayCompare = ({ usage, content }: Comparison, column: string | undefined): boolean =>
  column === undefined || !usage.path.endsWith(".py") || !/distinct/i.test(usage.text) || pythonDistinctCompares(content, usage.line, column) !== false;

/** Where the code compares rows of `table` that include `column` (its model `ormModel` when the migration names it: Django's class). */
export function rowComparisons(ctx: RuleContext, table: string, ormModel?: string, column?: string): RowComparisons {
  const comparisons = comparisonsIn(ctx.repository.applicationCode(), dirOf(ctx.migration.path));
  if (!comparisons) return { read: false, usages: [] };
  const name = unquoted(table).split(".").pop() ?? table;
  const model = tableNamesPattern([modelName(name), ...(ormModel ? [ormModel] : [])], false);
  const usages = comparisons.filter((c) => (sqlOnTable(c.around, name) || model.test(c.around)) && mayCompare(c, column)).map(({ usage }) => usage);
  return { read: true, usages: usages.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line) };
}
