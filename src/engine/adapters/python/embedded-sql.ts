/**
 * SQL written inside Python (Django RunSQL, Alembic op.execute, server_default=sa.text(...)) goes through the
 * PostgreSQL adapter, with the lines of the Python file.
 */
import type { DefaultValue, HiddenOperation, OperationInput, ParseProblem, SourceRange } from "../../model.js";
import { refuseTooComplex, segmentOperations } from "../sql/index.js";
import { pgScan } from "../sql/pg-query.js";
import { unreadSchemaStatements, withUnreadInOrder } from "./unread-schema-work.js";
import { runTimeParts, withRunTimeParts, type RunTimePart } from "../sql/run-time-names.js";
import { VIEW_QUERY_STAND_IN, withRunTimeViewQueries } from "../sql/run-time-view-query.js";
import { isPrefixPlaceholder, textWithLines, type PyValue, type RunTimeChoice } from "./values.js";
import { UNKNOWN_NAME } from "../../unknown-name.js";

export interface EmbeddedSql {
  ops: OperationInput[];
  errors: ParseProblem[];
  notes: ParseProblem[];
  /** the SQL is not written in the file (a variable, a call, a % format): `hidden-operation` */
  hidden: HiddenOperation[];
}

const clamp = (loc: SourceRange, within: SourceRange): SourceRange => {
  const line = Math.min(Math.max(loc.line, within.line), within.endLine);
  return { line, endLine: Math.min(Math.max(loc.endLine, line), within.endLine) };
};

/**
 * Operations of a SQL string. Outside a transaction, one string with several statements is still one query
 * (psycopg sends it whole), which PostgreSQL runs as one implicit transaction, unless the framework splits it
 * into statements first (`split`: Django's RunSQL with a single string).
 */
export function embeddedSql(
  value: PyValue,
  options: {
    inTransaction: boolean;
    what: string;
    extra?: Partial<OperationInput>;
    /** the driver fills `%s` / `%(name)s` with parameters */
    params?: boolean;
    /** the statements are sent one by one */
    split?: boolean;
    /** the call that runs the SQL, as written: a fix moving a statement with run-time parts moves it, never a placeholder */
    hostCall?: string;
  },
): EmbeddedSql {
  /** `unknown`: what of the statement only running tells, when the parse tree places it (its table name, its condition) */
  const builtAtRunTime = (unknown?: string): EmbeddedSql => {
    const written = value.kind === "str" ? ` (\`${value.runTime!.text.split("\n")[0].slice(0, 60)}\`)` : "text" in value ? ` (\`${value.text.split("\n")[0].slice(0, 60)}\`)` : "";
    // the helper's module was found but not read: the finding says which and why, so the gap is not taken for the code's
    const unread = value.kind === "call" && value.unread ? ` (${value.unread})` : "";
    const what = unknown ? `: ${unknown} is only known when it runs,` : ",";
    const message = `the SQL given to ${options.what} is built at run time${written}${what} so it cannot be checked statically${unread}`;
    return { ops: [], errors: [], notes: [], hidden: [{ line: value.loc.line, endLine: value.loc.endLine, message }] };
  };
  if (value.kind !== "str") return builtAtRunTime();
  const written = textWithLines(value);
  const line = written.line;
  // CONCURRENTLY chosen at run time (`'CONCURRENTLY ' if concurrently else ''`): read with it, and the index
  // operation says under which condition it holds
  const flag = concurrentlyChoice(value.runTime?.choices);
  const text = flag ? written.text.split(flag.placeholder).join(flag.keyword) : written.text;
  const sql = options.params ? pyformatToPositional(text) : text;
  const transaction = options.inTransaction ? "wrapped" : options.split ? "none" : "implicit";
  const host = value.unresolved && options.hostCall ? { hostCall: options.hostCall } : {};
  const segment = (text: string) => segmentOperations({ text, transaction }, { embeddedSql: true, ...host, ...options.extra });
  // values filled in at run time (a format, a + concatenation) must only stand for data for the statement to be known
  const placeholders = (value.runTime?.placeholders ?? []).filter((p) => p !== flag?.placeholder);
  const asValues = value.runTime ? runTimeValuesAsParameters(sql, placeholders) : sql;
  // a run-time value where PostgreSQL takes no value (`FROM $1`), read from the one parse (which fills SQLAlchemy's
  // `:name` binds as values too), may be a schema prefix (`UPDATE " + schema + "users`): the statement is known, on
  // its unqualified name. Elsewhere (a name, a keyword, a clause) the statement itself is built at run time
  const parsed = (text: string | undefined) => {
    const result = text === undefined ? undefined : segment(text);
    return result && (text === sql || result.errors.length === 0) ? result : undefined;
  };
  const parts = placeholders.length > 0 ? runTimeParts(sql, placeholders, isPrefixPlaceholder) : undefined;
  const roles = new Set(parts?.map((p) => p.role));
  // a run-time part that is a whole condition (`WHERE " + condition`) parses as a value, but decides the rows changed
  if (roles.has("condition")) return builtAtRunTime("its condition");
  // a view's whole query built at run time (`AS {query}`): the view is known, its query not (run-time-view-query.ts)
  const viewQueries = placeholders.length > 0 ? withRunTimeViewQueries(sql, placeholders) : undefined;
  const columns = parts?.filter((p) => p.role === "column") ?? [];
  const direct = parsed(asValues) ?? (parts ? withColumnsUnknown(parsed(prefixesDropped(sql, parts)), columns) : undefined);
  const viewRead = direct === undefined && viewQueries !== undefined ? parsed(runTimeValuesAsParameters(viewQueries, placeholders)) : undefined;
  // the statement's text as written: the stand-in back to the run-time part's placeholder, when there is one
  const asWritten = <O extends { text: string }>(op: O): O =>
    viewRead && placeholders.length === 1 && op.text.includes(VIEW_QUERY_STAND_IN) ? { ...op, text: op.text.split(VIEW_QUERY_STAND_IN).join(placeholders[0]) } : op;
  const result = direct ?? (viewRead && { ...viewRead, ops: viewRead.ops.map(asWritten) });
  // a whole table or index name is unknown, not a name to judge: said so
  if (result === undefined) return builtAtRunTime(roles.has("name") && !roles.has("other") ? "the name of its table or index" : undefined);
  const shift = line - 1;
  refuseTooComplex(result.tooComplex, shift);
  const within = value.loc;
  const ops = result.ops.map((op) => withConcurrentlyWhen({ ...op, loc: clamp({ line: op.loc.line + shift, endLine: op.loc.endLine + shift }, within) } as OperationInput, flag?.condition));
  const errors = result.errors.map((e) => {
    const at = clamp({ line: e.line + shift, endLine: (e.endLine ?? e.line) + shift }, within);
    return { ...e, line: at.line, endLine: at.endLine };
  });
  if (value.unresolved) {
    // placeholders stand in for f-string parts: a parse failure may be ours, not the migration's
    const notes = errors.map((e) => ({ ...e, message: `${options.what}: SQL built from values only known at run time could not be fully checked (${e.message})` }));
    // each schema statement that did not parse (`... START WITH {next_id}`) is still schema work, not rows read or
    // written, in its place among the statements that did parse
    const unread = unreadSchemaStatements(result.unparsed).map((statement) => ({
      statement,
      op: { loc: clamp({ line: statement.line + shift, endLine: statement.endLine + shift }, within), text: statement.text, inTransaction: options.inTransaction, kind: "raw", statement: statement.word, opaque: true, ...host, ...options.extra } as OperationInput,
    }));
    return { ops: withUnreadInOrder(ops, unread), errors: [], notes, hidden: [] };
  }
  return { ops, errors, notes: [], hidden: [] };
}

/**
 * The SQL with each value filled in at run time that sits outside a quoted string as a parameter (`$n`), when every
 * one sits where PostgreSQL takes a value (`WHERE team_id = $1`, `VALUES (1, $2)`): the statement's kind, tables and
 * columns are then known, only values are not. A value inside a quoted SQL string ('{}', E'{}') is data already (a
 * quote inside it could still break out, as with any such formatting, which the statement's shape cannot tell).
 * Undefined when one is anywhere else: glued into a name or keyword, or a dollar-quoted body that is code, where the
 * statement itself is built at run time. A `$n` where only a name goes (`FROM $1`) does not parse: the caller's
 * parse of the text tells that.
 */
export function runTimeValuesAsParameters(sql: string, placeholders: readonly string[]): string | undefined {
  let tokens;
  try {
    tokens = pgScan(sql).tokens;
  } catch {
    return undefined; // an unterminated string or comment: where the values land cannot be told
  }
  const quoted = (text: string) => /^[eE]?'/.test(text);
  const bytes = Buffer.from(sql, "utf8");
  // numbered after the parameters the text has (psycopg's %s made into $n), so each stays its own
  let next = 1 + Math.max(0, ...tokens.filter((t) => t.tokenName === "PARAM").map((t) => Number(t.text.slice(1)) || 0));
  const parts: Buffer[] = [];
  let at = 0;
  for (const t of tokens) {
    if (t.tokenName === "SQL_COMMENT" || t.tokenName === "C_COMMENT" || (t.tokenName === "SCONST" && quoted(t.text))) continue;
    if (!placeholders.some((p) => t.text.includes(p))) continue;
    if (t.tokenName !== "IDENT" || !placeholders.includes(t.text)) return undefined;
    parts.push(bytes.subarray(at, t.start), Buffer.from(`$${next++}`));
    at = t.end;
  }
  if (parts.length === 0) return sql;
  return Buffer.concat([...parts, bytes.subarray(at)]).toString("utf8");
}

/**
 * The SQL with each run-time schema prefix taken out (its name unqualified: the statement that runs when the prefix
 * is empty, and the same statement on another schema otherwise), each run-time value a parameter and each run-time
 * part of a column list a stand-in name (columnStandIn), when every run-time part is one of those, as PostgreSQL's
 * parse tree places them (runTimeParts). Undefined otherwise.
 */
function prefixesDropped(sql: string, parts: readonly RunTimePart[]): string | undefined {
  if (parts.some((p) => p.role !== "qualifier" && p.role !== "value" && p.role !== "column")) return undefined;
  let next = 1 + Math.max(0, ...pgScan(sql).tokens.filter((t) => t.tokenName === "PARAM").map((t) => Number(t.text.slice(1)) || 0));
  const columns = parts.filter((p) => p.role === "column");
  return withRunTimeParts(sql, parts, (part) => (part.role === "value" ? `$${next++}` : part.role === "column" ? columnStandIn(columns.indexOf(part)) : undefined));
}

/** The name a run-time part of a column list is read as: no column of a migration's own, and short of 63 bytes. */
const columnStandIn = (i: number) => `migguard_run_time_column_${i}`;

/**
 * The statements read with stand-ins for run-time parts of column lists (`documents ({doc_col_list})`, `UNIQUE
 * ({cols})`): what they do and on which table is known, which columns is not. Each stand-in is the unknown name in
 * the operations, and `"?"` in SQL text, so rules say so in words and write no fix with it as a column (unknown-name.ts).
 */
function withColumnsUnknown<R extends { ops: OperationInput[] }>(result: R | undefined, columns: readonly RunTimePart[]): R | undefined {
  if (!result || columns.length === 0) return result;
  const standIns = columns.map((_, i) => columnStandIn(i));
  const unknown = (value: unknown): unknown => {
    if (typeof value === "string") return standIns.includes(value) ? UNKNOWN_NAME : standIns.reduce((text, standIn) => text.split(standIn).join(`"${UNKNOWN_NAME}"`), value);
    if (Array.isArray(value)) return value.map(unknown);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === "loc" ? v : unknown(v)]));
    return value;
  };
  return { ...result, ops: result.ops.map((op) => unknown(op) as OperationInput) };
}

const defaults = new Map<string, DefaultValue | undefined>();

/** A SQL default expression (`now()`, `gen_random_uuid()`, `'x'`) read by PostgreSQL's parser, with its volatility. */
export function sqlDefault(expr: string): DefaultValue {
  if (!defaults.has(expr)) {
    const probe = segmentOperations({ text: `ALTER TABLE t ADD COLUMN c text DEFAULT ${expr}`, transaction: "none" });
    refuseTooComplex(probe.tooComplex);
    const op = probe.ops[0];
    const found = op?.kind === "add_column" ? op.column.default : undefined;
    if (defaults.size > 10_000) defaults.clear();
    defaults.set(expr, found ? { expr, volatile: Boolean(found.volatile) } : undefined);
  }
  // an expression PostgreSQL cannot parse is an unknown function call at best: count it as volatile
  return defaults.get(expr) ?? { expr, volatile: true };
}

/**
 * psycopg's parameter markers (`%s`, `%(name)s`, and `%%` for a literal %) as PostgreSQL's `$n`, so a statement
 * written for parameters parses. Only for SQL given with parameters, where the driver does this substitution
 * (everywhere in the text, quotes included). psycopg2 adapts a tuple to a parenthesised list, so `IN %s` becomes
 * `IN ($n)`. Markers never span lines, so every line stays where it was.
 */
export function pyformatToPositional(sql: string): string {
  let n = 0;
  let out = "";
  const marker = () => (/\bIN\s*$/i.test(out) ? `($${++n})` : `$${++n}`);
  for (let i = 0; i < sql.length; i++) {
    if (sql[i] !== "%") {
      out += sql[i];
      continue;
    }
    if (sql[i + 1] === "%") {
      out += "%";
      i++;
    } else if (sql[i + 1] === "s") {
      out += marker();
      i++;
    } else if (sql[i + 1] === "(") {
      const close = sql.indexOf(")s", i);
      if (close === -1 || sql.slice(i, close).includes("\n")) out += "%";
      else {
        out += marker();
        i = close + 1;
      }
    } else out += "%";
  }
  return out;
}

/**
 * The conditional of two literals that is CONCURRENTLY one way and nothing the other (`'CONCURRENTLY ' if c else
 * ''`): its placeholder, the branch to read the SQL with, and when that branch runs, as written.
 */
function concurrentlyChoice(choices: readonly RunTimeChoice[] | undefined): { placeholder: string; keyword: string; condition: string } | undefined {
  for (const c of choices ?? []) {
    const [on, off] = [c.whenTrue, c.whenFalse].map((t) => t.trim().toUpperCase());
    if (on === "CONCURRENTLY" && off === "") return { placeholder: c.placeholder, keyword: c.whenTrue, condition: c.condition };
    if (off === "CONCURRENTLY" && on === "") return { placeholder: c.placeholder, keyword: c.whenFalse, condition: `not (${c.condition})` };
  }
  return undefined;
}

/** An index build or drop read with its run-time CONCURRENTLY: not concurrent as far as migguard knows, but when `condition` is true. */
function withConcurrentlyWhen(op: OperationInput, condition: string | undefined): OperationInput {
  if (!condition || (op.kind !== "add_index" && op.kind !== "drop_index") || !op.concurrently) return op;
  return { ...op, concurrently: false, concurrentlyWhen: condition };
}
