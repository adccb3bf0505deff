/**
 * A run-time part that is a view's whole query: `CREATE MATERIALIZED VIEW v AS #{File.read("db/views/v_v12.sql")}
 * WITH NO DATA` (simple-server keeps each version's query in a file, as scenic does). The statement creates `v`
 * whatever the query says, so it is read with an empty query standing in for the part (`(SELECT)`), not left as
 * unparsed SQL: the rules then know the migration creates the view (an index built on it right after locks nobody
 * out). Only a CREATE VIEW / CREATE MATERIALIZED VIEW whose parse tree has the stand-in as its whole query counts;
 * what the query reads stays unknown (dependsOn is empty, as for scenic's views).
 */
import { PgSqlError, pgParse, pgScanTokens, type ScanToken } from "./pg-query.js";

/** The empty query PostgreSQL accepts (a SELECT without a target list), in parentheses so no clause after it joins it. */
export const VIEW_QUERY_STAND_IN = "(SELECT)";

const isComment = (t: ScanToken) => t.tokenName === "SQL_COMMENT" || t.tokenName === "C_COMMENT";

/** The top-level statements of the tokens, split at `;` outside parentheses. */
function statements(tokens: readonly ScanToken[]): ScanToken[][] {
  const out: ScanToken[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (isComment(t)) continue;
    if (t.text === "(") depth++;
    else if (t.text === ")") depth = Math.max(0, depth - 1);
    if (t.text === ";" && depth === 0) out.push([]);
    else out[out.length - 1].push(t);
  }
  return out.filter((s) => s.length > 0);
}

/** The tree of the bare stand-in query, to tell it from a real query that happens to be empty of clauses. */
let standInQuery: string | undefined;
const standInTree = () => (standInQuery ??= JSON.stringify((pgParse(VIEW_QUERY_STAND_IN).stmts?.[0]?.stmt as { SelectStmt?: unknown } | undefined)?.SelectStmt));

/** The one statement of `sql` creates a view or materialized view whose whole query is the stand-in. */
function viewOfStandIn(sql: string): boolean {
  let tree;
  try {
    tree = pgParse(sql);
  } catch (error) {
    if (error instanceof PgSqlError) return false;
    throw error;
  }
  if (tree.stmts?.length !== 1) return false;
  const stmt = tree.stmts[0].stmt as { ViewStmt?: { query?: { SelectStmt?: unknown } }; CreateTableAsStmt?: { objtype?: string; query?: { SelectStmt?: unknown } } };
  const query = stmt.ViewStmt?.query ?? (stmt.CreateTableAsStmt?.objtype === "OBJECT_MATVIEW" ? stmt.CreateTableAsStmt.query : undefined);
  return query?.SelectStmt !== undefined && JSON.stringify(query.SelectStmt) === standInTree();
}

/**
 * `sql` with each placeholder that is the whole query of a CREATE [MATERIALIZED] VIEW (written right after its
 * AS) replaced by the stand-in; undefined when there is none, or the statement does not parse as such a view with it.
 */
export function withRunTimeViewQueries(sql: string, placeholderOrMany: string | readonly string[]): string | undefined {
  const placeholders = typeof placeholderOrMany === "string" ? [placeholderOrMany] : placeholderOrMany;
  if (!placeholders.some((p) => sql.includes(p))) return undefined;
  const tokens = pgScanTokens(sql);
  if (!tokens) return undefined;
  const bytes = Buffer.from(sql, "utf8");
  const replaced: Array<{ start: number; end: number }> = [];
  for (const statement of statements(tokens)) {
    if (statement[0].text.toLowerCase() !== "create") continue;
    const at = statement.findIndex((t, i) => i > 0 && placeholders.includes(t.text) && statement[i - 1].text.toLowerCase() === "as");
    // a name computed too (`CREATE VIEW #{name} AS #{query}`) leaves the statement unknown
    if (at < 0 || statement.some((t, i) => i !== at && placeholders.some((p) => t.text.includes(p)))) continue;
    const start = statement[0].start;
    const end = statement[statement.length - 1].end;
    const own = Buffer.concat([bytes.subarray(start, statement[at].start), Buffer.from(VIEW_QUERY_STAND_IN), bytes.subarray(statement[at].end, end)]).toString("utf8");
    if (!viewOfStandIn(own)) continue;
    replaced.push({ start: statement[at].start, end: statement[at].end });
  }
  if (replaced.length === 0) return undefined;
  const parts: Buffer[] = [];
  let from = 0;
  for (const r of replaced) {
    parts.push(bytes.subarray(from, r.start), Buffer.from(VIEW_QUERY_STAND_IN));
    from = r.end;
  }
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts).toString("utf8");
}
