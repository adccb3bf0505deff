/** Django `Index` / `UniqueConstraint` / `CheckConstraint` objects as the shared model's indexes and constraints. */
import type { OperationInput } from "../../model.js";
import type { AppState } from "./django-state.js";
import { lastSegment } from "./imports.js";
import { asString, asStrings, kwarg, type PyCall, type PyValue } from "./values.js";

const INDEX_METHODS: Record<string, string> = {
  Index: "btree",
  BTreeIndex: "btree",
  GinIndex: "gin",
  GistIndex: "gist",
  BrinIndex: "brin",
  HashIndex: "hash",
  SpGistIndex: "spgist",
  BloomIndex: "bloom",
};

/** Field names (`"-created"` sorts descending) -> column names, through the model state when known. */
export function columnsOf(state: AppState, model: string, fields: string[]): string[] {
  return fields.map((f) => {
    const name = f.replace(/^-/, "");
    return state.field(model, name)?.column ?? name;
  });
}

type Base = Pick<OperationInput, "loc" | "text" | "inTransaction" | "ormModel">;

/** AddIndex(model_name, index=models.Index(fields=[...], name=..., condition=...)). */
export function indexOperation(index: PyValue | undefined, table: string, model: string, state: AppState, base: Base, concurrently: boolean): OperationInput | undefined {
  if (index?.kind !== "call") return undefined;
  const fields = asStrings(index.kwargs.get("fields")) ?? [];
  const expressions = index.args.map((a) => (a.kind === "str" ? a.value : a.kind === "call" || a.kind === "name" ? a.text : "?"));
  return {
    ...base,
    kind: "add_index",
    table,
    name: asString(index.kwargs.get("name")),
    columns: [...columnsOf(state, model, fields), ...expressions],
    unique: false,
    concurrently,
    partial: index.kwargs.has("condition"),
    predicate: conditionSql(index.kwargs.get("condition"), state, model),
    method: INDEX_METHODS[lastSegment(index.callee)],
  };
}

/**
 * AddConstraint(model_name, constraint=...): a plain UniqueConstraint is `ALTER TABLE ... ADD CONSTRAINT ... UNIQUE`;
 * one with a condition, expressions, include or opclasses is a unique index (CREATE UNIQUE INDEX).
 */
export function constraintOperation(constraint: PyValue | undefined, table: string, model: string, state: AppState, base: Base, notValid: boolean): OperationInput | undefined {
  if (constraint?.kind !== "call") return undefined;
  const cls = lastSegment(constraint.callee);
  const name = asString(constraint.kwargs.get("name"));
  const fields = asStrings(constraint.kwargs.get("fields")) ?? [];
  const columns = columnsOf(state, model, fields);
  if (cls === "UniqueConstraint") {
    const asIndex = ["condition", "include", "opclasses"].some((k) => constraint.kwargs.has(k)) || constraint.args.length > 0;
    const options = uniqueOptions(constraint, state, model);
    if (asIndex)
      return {
        ...base,
        kind: "add_index",
        table,
        name,
        columns: [...columns, ...constraint.args.map(exprText)],
        unique: true,
        concurrently: false,
        partial: constraint.kwargs.has("condition"),
        predicate: conditionSql(constraint.kwargs.get("condition"), state, model),
        ...options,
      };
    const { nullsDistinct, unreadOptions } = options;
    return { ...base, kind: "add_constraint", table, name, constraint: "unique", columns, notValid, ...(nullsDistinct !== undefined ? { nullsDistinct } : {}), ...(unreadOptions ? { unreadOptions } : {}) };
  }
  if (cls === "CheckConstraint") {
    // the fields its condition looks at (`Q(balance__gte=0)`, `~Q(identifier="")`): what the check reads
    const condition = constraint.kwargs.get("condition") ?? constraint.kwargs.get("check");
    const read = condition ? lookupFields(condition) : undefined;
    // the SQL Django writes for it when the condition reads as SQL: what the schema history keeps (a later SET NOT NULL reads a valid CHECK (column IS NOT NULL))
    const check = conditionSql(condition, state, model);
    const sql = check && name ? `ALTER TABLE ${quoted(table)} ADD CONSTRAINT ${quoted(name)} CHECK (${check});` : undefined;
    const nullFails = condition ? notNullTests(condition) : undefined;
    return { ...base, kind: "add_constraint", table, name, constraint: "check", columns: read ? columnsOf(state, model, read) : columns, notValid, ...(sql ? { sql } : {}), ...(nullFails?.length ? { failsOnNull: columnsOf(state, model, nullFails) } : {}) };
  }
  if (cls === "ExclusionConstraint") return { ...base, kind: "add_constraint", table, name, constraint: "exclusion", columns, notValid };
  return undefined;
}

/**
 * A UniqueConstraint's options that shape its index, as Django's schema editor writes them: include= (field names,
 * their columns from the state), opclasses= (one per field), nulls_distinct= (True / False; None is PostgreSQL's
 * default). An option given but not read (a name set at run time) is listed in `unreadOptions`.
 */
function uniqueOptions(constraint: PyCall, state: AppState, model: string): Pick<OperationInput & { kind: "add_index" }, "include" | "opclasses" | "nullsDistinct" | "unreadOptions"> {
  const out: Pick<OperationInput & { kind: "add_index" }, "include" | "opclasses" | "nullsDistinct" | "unreadOptions"> = {};
  const unread: string[] = [];
  const include = constraint.kwargs.get("include");
  if (include) {
    const fields = asStrings(include);
    if (fields) out.include = columnsOf(state, model, fields);
    else unread.push("include");
  }
  const opclasses = constraint.kwargs.get("opclasses");
  if (opclasses) {
    const names = asStrings(opclasses);
    if (names) out.opclasses = names;
    else unread.push("opclasses");
  }
  const nulls = constraint.kwargs.get("nulls_distinct");
  if (nulls && nulls.kind === "bool") out.nullsDistinct = nulls.value;
  else if (nulls && nulls.kind !== "none") unread.push("nulls_distinct");
  if (unread.length) out.unreadOptions = unread;
  return out;
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A Python literal as a SQL literal, for an exact lookup; undefined for anything else. */
function sqlLiteral(value: PyValue): string | undefined {
  if (value.kind === "str" && !value.unresolved) return `'${value.value.replace(/'/g, "''")}'`;
  if (value.kind === "num") return String(value.value);
  if (value.kind === "bool") return value.value ? "true" : "false";
  return undefined;
}

/**
 * A Q condition (`Q(deleted_at__isnull=True)`, `Q(status="open", archived=False)`) as the SQL WHERE Django builds
 * from it, when it is made only of isnull and exact lookups on the model's own fields (their columns from the
 * state); undefined for anything else (~Q, |, F(), other lookups, a field the state does not know).
 */
export function conditionSql(condition: PyValue | undefined, state: AppState, model: string): string | undefined {
  if (condition?.kind !== "call" || lastSegment(condition.callee) !== "Q") return undefined;
  // makemigrations writes Q(("deleted_at__isnull", True)): the same lookups as (key, value) pairs
  const pairs: Array<[string, PyValue]> = [...condition.kwargs];
  for (const arg of condition.args) {
    if (arg.kind !== "list" || arg.items.length !== 2 || arg.items[0].kind !== "str") return undefined;
    pairs.push([arg.items[0].value, arg.items[1]]);
  }
  if (!pairs.length) return undefined;
  const terms: string[] = [];
  for (const [key, value] of pairs) {
    const [fieldName, lookup = "exact", ...rest] = key.split("__");
    const column = rest.length ? undefined : state.field(model, fieldName)?.column;
    if (!column) return undefined;
    if (lookup === "isnull" && value.kind === "bool") terms.push(`${quoted(column)} IS ${value.value ? "" : "NOT "}NULL`);
    else if (lookup === "exact" && value.kind === "none") terms.push(`${quoted(column)} IS NULL`);
    else if (lookup === "exact" && sqlLiteral(value)) terms.push(`${quoted(column)} = ${sqlLiteral(value)}`);
    else return undefined;
  }
  return terms.length > 1 ? terms.map((t) => `(${t})`).join(" AND ") : terms[0];
}

/**
 * Field names a Q condition looks up (`Q(balance__gte=0)`, `Q(("balance__gte", 0))`, `~Q(...)`, `Q(...) | Q(...)`),
 * or undefined when it holds anything else (F() expressions, raw SQL, a name bound elsewhere).
 */
function lookupFields(value: PyValue): string[] | undefined {
  const fields = new Set<string>();
  const visit = (v: PyValue): boolean => {
    if (v.kind === "unknown") return v.operands !== undefined && v.operands.length > 0 && v.operands.every(visit);
    if (v.kind !== "call" || lastSegment(v.callee) !== "Q") return false;
    for (const [key, arg] of v.kwargs) {
      // Q's own options (`_connector="OR"`, `_negated=True`) are no lookups
      if (key.startsWith("_")) continue;
      if (arg.kind === "call" || arg.kind === "name" || arg.kind === "unknown") return false;
      fields.add(key.split("__")[0]);
    }
    for (const arg of v.args) {
      if (arg.kind === "list" && arg.items.length === 2 && arg.items[0].kind === "str") {
        if (arg.items[1].kind === "call" || arg.items[1].kind === "name" || arg.items[1].kind === "unknown") return false;
        fields.add(arg.items[0].value.split("__")[0]);
      } else if (!visit(arg)) return false;
    }
    return true;
  };
  return visit(value) && fields.size > 0 ? [...fields] : undefined;
}

/**
 * The fields a Q condition tests with `__isnull=False` (as a keyword or Django's deconstructed `("f__isnull", False)`
 * tuple), none of them under a negation: a row with NULL there can fail the check. Undefined when the condition is
 * not only Q calls (`~Q`, `Q | Q` written with operators, `_negated=True`): what NULL does there is not read.
 */
function notNullTests(value: PyValue): string[] | undefined {
  const fields = new Set<string>();
  const visit = (v: PyValue): boolean => {
    if (v.kind !== "call" || lastSegment(v.callee) !== "Q") return false;
    const negated = v.kwargs.get("_negated");
    if (negated && !(negated.kind === "bool" && !negated.value)) return false;
    const test = (key: string, arg: PyValue) => {
      if (key.endsWith("__isnull") && arg.kind === "bool" && !arg.value) fields.add(key.slice(0, -"__isnull".length));
    };
    for (const [key, arg] of v.kwargs) if (!key.startsWith("_")) test(key, arg);
    for (const arg of v.args) {
      if (arg.kind === "list" && arg.items.length === 2 && arg.items[0].kind === "str") test(arg.items[0].value, arg.items[1]);
      else if (!visit(arg)) return false;
    }
    return true;
  };
  return visit(value) ? [...fields].filter((f) => !f.includes("__")) : undefined;
}

const exprText = (v: PyValue) => (v.kind === "str" ? v.value : v.kind === "call" || v.kind === "name" ? v.text : "?");

export const constraintName = (call: PyCall, key = "name"): string | undefined => asString(kwarg(call, key, 1));
