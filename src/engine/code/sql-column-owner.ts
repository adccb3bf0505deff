/**
 * Whose column a reference in SQL text is, for SQL held in another language's strings (Java, Go, scripts). A
 * qualified reference `teav.storedby` is a column of the table its qualifier stands for in that statement's FROM,
 * JOIN, UPDATE, DELETE or INSERT: dhis2-core's `teav.storedby` reads trackedentityattributevalue (aliased teav) in a
 * query that also joins trackedentity, so it is no reader of trackedentity.storedby. An unqualified one is a column of
 * one of the statement's own tables: this table's when it is among them (ambiguous when others are too).
 *
 * A whole statement is read with PostgreSQL's parser (aliases resolved scope by scope, subqueries included); a
 * fragment the parser refuses (one piece of a concatenation, a text block with a format placeholder) with its
 * scanner, from the fragment's own `FROM x a` / `JOIN x a` words. Undefined when the scanner cannot read the text
 * either (or is not loaded): the caller keeps its own reading.
 */
import { pgParse, pgScanTokens, type ScanToken } from "../adapters/sql/pg-query.js";
import { fillPlaceholders } from "../adapters/sql/placeholders.js";

export interface TableColumnRef {
  /** offset in the text (characters) where the reference starts */
  at: number;
  /** unqualified, in a statement that reads other tables too: the column may be any of theirs */
  ambiguous: boolean;
}

/** A name of the FROM list (or the statement's target): the table it reads (none for a subquery or function) and what SQL calls it there. */
interface Relation {
  table?: string;
  alias?: string;
}

/** PostgreSQL folds an unquoted name to lower case: names compare folded unless the table is quoted (`"JobVersion"`). */
const folded = (name: string, quoted: boolean) => (quoted ? name : name.toLowerCase());

/** The name a relation answers to: its alias, else its table's name. */
const answersTo = (r: Relation) => r.alias ?? r.table;

interface Matcher {
  isTable(name: string | undefined): boolean;
  isColumn(name: string): boolean;
}

function matcherOf(table: string, columns: readonly string[], quoted: boolean): Matcher {
  const own = folded(table, quoted);
  const wanted = new Set(columns.map((c) => c.toLowerCase()));
  return { isTable: (name) => name !== undefined && folded(name, quoted) === own, isColumn: (name) => wanted.has(name.toLowerCase()) };
}

/** Where a qualified reference's qualifier points, innermost scope first: this table, another relation, or nothing the text says. */
function qualifierOwner(qualifier: string, scopes: readonly Relation[][], m: Matcher): "table" | "other" | "unknown" {
  const q = qualifier.toLowerCase();
  for (const scope of scopes) {
    const r = scope.find((s) => answersTo(s)?.toLowerCase() === q);
    if (r) return m.isTable(r.table) ? "table" : "other";
  }
  return "unknown";
}

/**
 * An unqualified column: this table's when the statement that reads it (the innermost scope with a FROM) holds the
 * table; ambiguous beside others. A subquery's own tables come first, so its column is theirs (a correlated one of
 * the outer query's is rare enough to leave).
 */
function unqualifiedRef(scopes: readonly Relation[][], m: Matcher): TableColumnRef["ambiguous"] | undefined {
  const own = scopes.find((scope) => scope.length > 0);
  if (!own?.some((r) => m.isTable(r.table))) return undefined;
  return own.length > 1;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const sval = (v: unknown): string | undefined => (isObject(v) && isObject(v.String) ? (v.String.sval as string | undefined) : undefined);

/** The relations a FROM list (or a statement's target) names, without entering subqueries. */
function relationsOf(items: unknown, out: Relation[] = []): Relation[] {
  for (const item of Array.isArray(items) ? items : items === undefined ? [] : [items]) {
    if (!isObject(item)) continue;
    const range = (item.RangeVar ?? ("relname" in item ? item : undefined)) as Json | undefined;
    if (range) out.push({ table: range.relname as string, alias: (range.alias as Json | undefined)?.aliasname as string | undefined });
    else if (isObject(item.JoinExpr)) {
      relationsOf(item.JoinExpr.larg, out);
      relationsOf(item.JoinExpr.rarg, out);
      const alias = (item.JoinExpr.alias as Json | undefined)?.aliasname as string | undefined;
      if (alias) out.push({ alias });
    } else {
      const other = (item.RangeSubselect ?? item.RangeFunction ?? item.RangeTableFunc) as Json | undefined;
      const alias = (other?.alias as Json | undefined)?.aliasname as string | undefined;
      if (alias) out.push({ alias });
    }
  }
  return out;
}

const STATEMENTS = new Set(["SelectStmt", "UpdateStmt", "DeleteStmt", "InsertStmt"]);

/** The references of a parse tree that are the table's, at their byte locations. */
function treeRefs(root: unknown, m: Matcher): Array<{ location: number; ambiguous: boolean }> {
  const out: Array<{ location: number; ambiguous: boolean }> = [];
  const visit = (node: unknown, scopes: Relation[][]): void => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n, scopes));
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      // a UNION's sides are statements of their own, unwrapped
      if (STATEMENTS.has(key) || key === "larg" || key === "rarg") {
        if (isObject(value) && (STATEMENTS.has(key) || "targetList" in value || "fromClause" in value || "op" in value)) statement(key, value, scopes);
        else visit(value, scopes);
      } else if (key === "ColumnRef" && isObject(value)) columnRef(value, scopes);
      else visit(value, scopes);
    }
  };
  const columnRef = (ref: Json, scopes: Relation[][]) => {
    const names = (ref.fields as unknown[]).map(sval);
    const column = names.at(-1);
    if (column === undefined || !m.isColumn(column)) return;
    const location = ref.location as number;
    if (names.length === 1) {
      const ambiguous = unqualifiedRef(scopes, m);
      if (ambiguous !== undefined) out.push({ location, ambiguous });
      return;
    }
    const qualifier = names.at(-2);
    if (qualifier === undefined) return;
    const owner = qualifierOwner(qualifier, scopes, m);
    if (owner === "table" || (owner === "unknown" && m.isTable(qualifier))) out.push({ location, ambiguous: false });
  };
  const statement = (key: string, stmt: Json, outer: Relation[][]) => {
    const target = stmt.relation !== undefined ? relationsOf(stmt.relation) : [];
    const scope = [...target, ...relationsOf(stmt.fromClause), ...relationsOf(stmt.usingClause)];
    const scopes = [scope, ...outer];
    // INSERT's column list and UPDATE's SET targets are the target table's columns
    if ((key === "InsertStmt" && m.isTable(target[0]?.table)) || (key === "UpdateStmt" && m.isTable(target[0]?.table))) {
      const named = key === "InsertStmt" ? stmt.cols : stmt.targetList;
      for (const t of Array.isArray(named) ? named : []) {
        const res = (t as Json).ResTarget as Json | undefined;
        if (res && typeof res.name === "string" && m.isColumn(res.name)) out.push({ location: res.location as number, ambiguous: false });
      }
    }
    for (const [k, v] of Object.entries(stmt)) if (k !== "relation" && !(key === "InsertStmt" && k === "cols")) visit(v, scopes);
  };
  visit(root, []);
  return out;
}

/** Character offset of a UTF-8 byte offset in `text`. */
function charOffset(text: string, bytes: Buffer | undefined, byte: number): number {
  return bytes ? bytes.subarray(0, byte).toString("utf8").length : Math.min(byte, text.length);
}

/** Whole statements, read with the parser (placeholders `:ids`, `${schema}` filled first); undefined when it refuses them. */
function parsedRefs(text: string, m: Matcher): TableColumnRef[] | undefined {
  let tree: unknown;
  try {
    tree = pgParse(text);
  } catch {
    const filled = fillPlaceholders(text);
    if (filled === undefined) return undefined;
    try {
      tree = pgParse(filled);
    } catch {
      return undefined;
    }
  }
  // eslint-disable-next-line no-control-regex
  const bytes = /[^\x00-\x7f]/.test(text) ? Buffer.from(text, "utf8") : undefined;
  return treeRefs(tree, m)
    .map((r) => ({ at: charOffset(text, bytes, r.location), ambiguous: r.ambiguous }))
    .sort((a, b) => a.at - b.at);
}

const RELATION_KEYWORDS = new Set(["from", "join", "update", "into", "using"]);
/** What may follow a relation's name without being its alias (unreserved keywords that start a clause) */
const NOT_ALIASES = new Set(["set", "values", "default", "natural"]);

const word = (t: ScanToken | undefined) => t?.text.toLowerCase();
const isName = (t: ScanToken | undefined) => t !== undefined && (t.tokenName === "IDENT" || t.keywordName === "UNRESERVED_KEYWORD" || t.keywordName === "COL_NAME_KEYWORD");
/** An identifier's name: a quoted one without its quotes, as written. */
const nameOf = (t: ScanToken) => (t.text.startsWith('"') ? t.text.slice(1, -1).replace(/""/g, '"') : t.text);

/**
 * A fragment, read with the scanner: its own relations (`FROM x a`, `JOIN x a`, a FROM list's commas, `UPDATE x a`,
 * `INTO x`), then its references qualified by one of them or by the table's name, and its unqualified words when the
 * fragment reads the table. A qualifier the fragment does not define is another piece's alias: not this table.
 */
function scannedRefs(text: string, m: Matcher): TableColumnRef[] | undefined {
  const tokens = pgScanTokens(text);
  if (!tokens) return undefined;
  const relations: Relation[] = [];
  const inRelation = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    if (!RELATION_KEYWORDS.has(word(tokens[i]) ?? "")) continue;
    let j = i + 1;
    for (;;) {
      if (word(tokens[j]) === "only" || word(tokens[j]) === "lateral") j++;
      if (!isName(tokens[j])) break;
      // schema.table
      let last = j;
      while (tokens[last + 1]?.text === "." && isName(tokens[last + 2])) last += 2;
      for (let k = j; k <= last; k++) inRelation.add(k);
      const table = nameOf(tokens[last]);
      j = last + 1;
      if (word(tokens[j]) === "as") j++;
      const aliasToken = tokens[j];
      const alias = isName(aliasToken) && !NOT_ALIASES.has(word(aliasToken) ?? "") && tokens[j + 1]?.text !== "." && tokens[j + 1]?.text !== "(" ? nameOf(aliasToken) : undefined;
      if (alias !== undefined) inRelation.add(j++);
      relations.push({ table, alias });
      if (word(tokens[i]) !== "from" || tokens[j]?.text !== ",") break;
      j++;
    }
  }
  const bytes = /[^\x00-\x7f]/.test(text) ? Buffer.from(text, "utf8") : undefined;
  const readsTable = relations.some((r) => m.isTable(r.table));
  const out: TableColumnRef[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (inRelation.has(i) || !isName(t) || !m.isColumn(nameOf(t)) || tokens[i + 1]?.text === ".") continue;
    const at = charOffset(text, bytes, t.start);
    if (tokens[i - 1]?.text === ".") {
      const qualifier = tokens[i - 2];
      if (!qualifier || !isName(qualifier)) continue;
      const owner = qualifierOwner(nameOf(qualifier), [relations], m);
      if (owner === "table" || (owner === "unknown" && m.isTable(nameOf(qualifier)))) out.push({ at: charOffset(text, bytes, qualifier.start), ambiguous: false });
      continue;
    }
    // `x AS storedby` names an output column, reads none
    if (word(tokens[i - 1]) === "as" || !readsTable) continue;
    out.push({ at, ambiguous: relations.length > 1 });
  }
  return out;
}

/**
 * Where SQL `text` names one of `columns` of `table` (as written, without schema or quotes), in order; [] when it
 * names none of them as that table's, undefined when the text cannot be read as SQL. `quoted`: PostgreSQL with a
 * capitalised name, which SQL can name only quoted (compared as written).
 */
export function tableColumnRefs(text: string, table: string, columns: readonly string[], quoted = false): TableColumnRef[] | undefined {
  const m = matcherOf(table, columns, quoted);
  try {
    return parsedRefs(text, m) ?? scannedRefs(text, m);
  } catch {
    // the parser is not loaded (or broke on this text): the caller's own reading stands
    return undefined;
  }
}
