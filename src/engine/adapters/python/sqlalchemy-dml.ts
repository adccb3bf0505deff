/**
 * SQLAlchemy data statements as the model's DML: Core (`sa.update(t).where(...).values(...)`, `t.delete()`,
 * `sa.insert(t)`) and ORM queries (`session.query(Model).filter(...).delete()`, `.update({...})`). A statement
 * is a chain of method calls; each call keeps the one it is called on (`receiver`), so the table argument of
 * `sa.update(t)` is still there when `.values(...)` is read.
 */
import { lastSegment } from "./imports.js";
import { asString, type PyCall, type PyValue } from "./values.js";
import { columnsEmptiedOfValues } from "./sqlalchemy-null-filter.js";
import { sqlLiteral } from "../sql/constant-set.js";

export type DmlVerb = "insert" | "update" | "delete";

export interface SqlalchemyDml {
  verb: DmlVerb;
  /** a where() / filter() / filter_by() restricts the rows */
  hasWhere: boolean;
  table?: string;
  /** the mapped class the statement names (`session.query(User)`, `sa.update(User)`) */
  ormModel?: string;
  columns?: string[];
  /** a DELETE whose condition removes every row with a value in these columns (`.where(t.c.deleted_at != None)`) */
  removesRowsWithValue?: string[];
  /** an UPDATE's columns set to a Python literal (`.values(position=0)`), each as the SQL constant it writes */
  constants?: Record<string, string>;
}

export interface TableResolver {
  /** what a plain name is bound to where the statement runs (`accounts = sa.table("accounts", ...)`) */
  bound?: (name: string) => PyValue | undefined;
  /** the table of a mapped class defined in the file (its `__tablename__`) */
  modelTable?: (className: string) => string | undefined;
}

const FILTERS = new Set(["where", "filter", "filter_by"]);
const VERBS = new Set<string>(["update", "delete", "insert"]);

const method = (call: PyCall): string => lastSegment(call.callee);

/** The calls of a method chain, outermost first: `sa.update(t).where(c).values(x=1)` -> values, where, update. */
function chain(value: PyCall): PyCall[] {
  const calls: PyCall[] = [];
  for (let current: PyValue | undefined = value; current?.kind === "call"; current = current.receiver) calls.push(current);
  return calls;
}

/** The target of a statement: `sa.table("accounts")` / `sa.Table(...)`, a table name, or a mapped class. */
function target(value: PyValue | undefined, resolver: TableResolver): { table?: string; ormModel?: string } {
  if (!value) return {};
  if (value.kind === "str") return { table: value.value };
  if (value.kind === "call" && /^(table|Table)$/.test(method(value))) {
    const table = asString(value.args[0]);
    return table ? { table } : {};
  }
  // `meta.tables["alert"]`: a MetaData's table by its name (reflected, or declared on it)
  if (value.kind === "unknown" && value.subscript?.object.kind === "name" && /(^|\.)tables$/.test(value.subscript.object.name)) {
    const table = asString(value.subscript.key);
    return table ? { table } : {};
  }
  if (value.kind !== "name") return {};
  // `User` or `User.__table__`: a mapped class (CapWords, as classes are named); an imported model's
  // __tablename__ is not in the file, so the class stands for its table
  const className = lastSegment(value.name.replace(/\.__table__$/, ""));
  const table = resolver.modelTable?.(className) ?? (/^[A-Z]/.test(className) ? className : undefined);
  return table ? { table, ormModel: className } : {};
}

/** Columns an update writes: `.values(status="x")`, `.values({"status": ...})`, `.update({User.status: ...})`. */
function writtenColumns(call: PyCall | undefined): string[] {
  if (!call) return [];
  const dict = call.args[0]?.kind === "dict" ? call.args[0] : undefined;
  const keys = dict ? dict.entries.map((e) => (e.key.kind === "str" ? e.key.value : e.key.kind === "name" ? lastSegment(e.key.name) : undefined)) : [];
  return [...call.kwargs.keys(), ...keys.filter((k): k is string => k !== undefined)];
}

/** A Python literal (a number, a string, True or False) as the SQL constant SQLAlchemy binds for it. */
function sqlConstant(value: PyValue): string | undefined {
  if (value.kind === "num" || value.kind === "bool") return sqlLiteral(value.value);
  if (value.kind === "str" && !value.unresolved && !value.runTime) return sqlLiteral(value.value);
  return undefined;
}

/** The keywords of `.values(position=0, status="open")` set to literals, each with its SQL constant. */
function valueConstants(call: PyCall | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of call?.kwargs ?? []) {
    const sql = sqlConstant(value);
    if (sql !== undefined) out[key] = sql;
  }
  return out;
}

/** A Core statement: `sa.update(t)...`, `sa.delete(t)...`, `t.update()...`, `sa.insert(t)...`. */
export function coreDml(value: PyValue, resolver: TableResolver): SqlalchemyDml | undefined {
  if (value.kind !== "call") return undefined;
  const calls = chain(value);
  const statement = calls.find((c) => VERBS.has(method(c)));
  if (!statement) return undefined;
  const verb = method(statement) as DmlVerb;
  const hasWhere = calls.some((c) => FILTERS.has(method(c)));
  // `t.update()`: the table is the receiver name; `sa.update(t)`: its first argument (or `table=`)
  const segments = statement.callee.split(".");
  const receiverName = segments.length === 2 && !statement.receiver ? resolver.bound?.(segments[0]) : undefined;
  // `t.delete()` with t bound to `sa.table("t", ...)`: the evaluator gives the bound call as the receiver
  const receiverTable = segments.length === 2 && statement.receiver && statement.args.length === 0 && !statement.kwargs.has("table") ? statement.receiver : undefined;
  const where = receiverName ? target(receiverName, resolver) : receiverTable ? target(receiverTable, resolver) : target(statement.args[0] ?? statement.kwargs.get("table"), resolver);
  const values = verb === "update" ? calls.find((c) => method(c) === "values") : undefined;
  const columns = writtenColumns(values);
  const emptied = verb === "delete" ? columnsEmptiedOfValues(calls.filter((c) => FILTERS.has(method(c)))) : [];
  const constants = valueConstants(values);
  return { verb, hasWhere, ...where, ...(columns.length ? { columns } : {}), ...(emptied.length ? { removesRowsWithValue: emptied } : {}), ...(Object.keys(constants).length ? { constants } : {}) };
}

/** An ORM query ending in a bulk write: `session.query(User).filter(...).delete()` / `.update({...})`. */
export function queryDml(value: PyValue, resolver: TableResolver): SqlalchemyDml | undefined {
  if (value.kind !== "call") return undefined;
  const last = method(value);
  if (last !== "delete" && last !== "update") return undefined;
  const calls = chain(value);
  const query = calls.find((c) => method(c) === "query");
  if (!query) return undefined;
  const hasWhere = calls.some((c) => FILTERS.has(method(c)));
  const columns = last === "update" ? writtenColumns(value) : [];
  const emptied = last === "delete" ? columnsEmptiedOfValues(calls.filter((c) => FILTERS.has(method(c)))) : [];
  return { verb: last, hasWhere, ...target(query.args[0], resolver), ...(columns.length ? { columns } : {}), ...(emptied.length ? { removesRowsWithValue: emptied } : {}) };
}

/** The table of `Model(...)` when Model is a mapped class of the file: an object the session will INSERT. */
function newObjectTable(value: PyValue | undefined, resolver: TableResolver): string | undefined {
  if (value?.kind !== "call" || value.receiver || value.callee.includes(".")) return undefined;
  return resolver.modelTable?.(value.callee);
}

/**
 * `session.add(Model(...))`, `session.add_all([Model(...), ...])`: an INSERT into the table of a mapped class of the
 * file (its `__tablename__`). Objects of other classes, or built elsewhere, are unknown writes.
 */
export function ormInsert(value: PyValue, resolver: TableResolver): SqlalchemyDml | undefined {
  if (value.kind !== "call") return undefined;
  const name = method(value);
  const objects = name === "add" ? [value.args[0]] : name === "add_all" && value.args[0]?.kind === "list" ? value.args[0].items : undefined;
  if (!objects || objects.length === 0) return undefined;
  const tables = objects.map((o) => newObjectTable(o, resolver));
  const table = tables[0];
  if (!table || tables.some((t) => t !== table)) return undefined;
  const first = objects[0] as PyCall;
  return { verb: "insert", hasWhere: false, table, ormModel: first.callee, columns: [...first.kwargs.keys()] };
}

const READS = new Set(["all", "first", "one", "one_or_none", "scalar", "scalars", "count", "get"]);

/** `session.query(Model).filter(...).all()`: rows read, none written (the table of the query when known). */
export function queryRead(value: PyValue, resolver: TableResolver): { table?: string } | undefined {
  if (value.kind !== "call" || !READS.has(method(value))) return undefined;
  const calls = chain(value);
  const query = calls.find((c) => method(c) === "query");
  if (!query || calls.some((c) => VERBS.has(method(c)))) return undefined;
  return { table: target(query.args[0], resolver).table };
}

/**
 * A Core SELECT (`sa.select(t)`, `sa.select(t).where(...)`, `select([t.c.id])`): executed, it reads rows and writes
 * none. The table when its first argument names one.
 */
export function coreSelect(value: PyValue, resolver: TableResolver): { table?: string } | undefined {
  if (value.kind !== "call") return undefined;
  const calls = chain(value);
  const root = calls[calls.length - 1];
  if (calls.some((c) => VERBS.has(method(c)))) return undefined;
  // `t.select()`, `t.join(u).select().with_only_columns(...)`: a read built on a Table of the file
  if (builtOnTable(value)) return calls.some((c) => method(c) === "select") ? { table: target(root, resolver).table } : undefined;
  if (root.callee !== "sqlalchemy.select" && root.callee !== "sqlalchemy.sql.select") return undefined;
  const first = root.args[0];
  return { table: target(first?.kind === "list" ? first.items[0] : first, resolver).table };
}

/** Methods of a read that keep every row of its table (the rest filter, limit, join or group them). */
const EVERY_ROW_READ = new Set(["select", "order_by", "execution_options", "with_only_columns", "columns"]);

/**
 * The table a read returns every row of: `t.select()`, `sa.select(t)`, with no WHERE, LIMIT, join or grouping
 * (what a loop over it visits is the whole table).
 */
export function everyRowSelect(value: PyValue, resolver: TableResolver): string | undefined {
  const read = coreSelect(value, resolver);
  if (!read?.table || value.kind !== "call") return undefined;
  const calls = chain(value);
  const built = builtOnTable(value) ? calls.slice(0, -1) : calls;
  return built.every((c) => EVERY_ROW_READ.has(method(c))) ? read.table : undefined;
}

/** `sa.Table(...)` / `sa.table(...)` however imported. */
const TABLE_CALLEE = /^sqlalchemy\.(?:sql\.(?:expression\.)?|schema\.)?(?:table|Table)$/;
/** Methods of a Table and of the statements built on it that only build (SQLAlchemy runs nothing until it is executed). */
const BUILDS = new Set([
  ...VERBS, "select", "join", "outerjoin", "alias", "where", "filter", "values", "ordered_values", "with_only_columns",
  "order_by", "group_by", "having", "limit", "offset", "returning", "distinct", "correlate", "subquery", "select_from",
  "add_columns", "column", "union", "union_all", "cte", "exists", "scalar_subquery", "label", "from_select", "inline",
]);

/**
 * `briefs_table.update().where(...).values(...)`, `briefs_table.join(frameworks).select()`: a statement built on a
 * Table of the file, which changes nothing until a connection executes it (that call is read as the DML or read).
 */
export function builtOnTable(value: PyValue): boolean {
  if (value.kind !== "call") return false;
  const calls = chain(value);
  const root = calls[calls.length - 1];
  return calls.length > 1 && TABLE_CALLEE.test(root.callee) && calls.slice(0, -1).every((c) => BUILDS.has(method(c)));
}

/** A connection's or session's methods that run the statement they are given. */
export const EXECUTES = new Set(["execute", "exec_driver_sql", "scalar", "scalars"]);
/** What code does with the result of a statement run: fetch its rows, which writes nothing. */
const RESULT_READS = new Set(["one", "one_or_none", "first", "all", "fetchone", "fetchall", "fetchmany", "scalar", "scalar_one", "scalar_one_or_none", "scalars", "mappings", "unique"]);

/** A call given the statement to run: `connection.scalar(stmt)`, not the result's `.scalar()` of `execute(stmt).scalar()`. */
const runsStatement = (call: PyCall) => EXECUTES.has(method(call)) && (call.args.length > 0 || call.kwargs.has("statement"));

/**
 * The call that runs the statement under fetches of its result: `connection.scalars(stmt)` of
 * `connection.scalars(stmt).one_or_none()`, `connection.exec_driver_sql(sql)` of `....fetchone()`,
 * `connection.execute(sql)` of `....scalar()`. Undefined when the outer calls are anything else.
 */
export function executedUnderFetches(value: PyCall): PyCall | undefined {
  const calls = chain(value);
  const run = calls.findIndex(runsStatement);
  return run > 0 && calls.slice(0, run).every((c) => RESULT_READS.has(method(c))) ? calls[run] : undefined;
}
