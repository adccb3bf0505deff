/**
 * Where the parts of a SQL string built at run time stand, read from PostgreSQL's parse tree: a schema prefix
 * (`UPDATE " + schema + "users`, with `schema` either `name.` or nothing) leaves the statement known, its
 * unqualified name; a value leaves it known but for the value; anywhere else the statement itself is unknown.
 */
import { PgSqlError, pgParse, pgScanTokens } from "./pg-query.js";

/**
 * What a run-time part is in the statement: a name's qualifier, a value, a whole condition, a whole name (table,
 * index), a column or columns of a list of column names (an index's, a constraint's, a publication's, an INSERT's), or
 * other.
 */
export type RunTimeRole = "qualifier" | "value" | "condition" | "name" | "column" | "other";

export interface RunTimePart {
  /** byte offsets of the placeholder in the SQL */
  start: number;
  end: number;
  placeholder: string;
  role: RunTimeRole;
  /** the placeholder is glued to the name it prefixes (`__schema__users`), not followed by a `.` */
  glued: boolean;
  /** where the qualifier ends: past its `.` when written before one, else the placeholder's end */
  qualifierEnd: number;
}

/**
 * Each placeholder of `sql` (outside quoted strings and comments) with the role the parse tree gives it. A
 * placeholder glued to the front of a name counts only when `prefixOrNothing` says its value is a qualifier with
 * its `.` or the empty string: then the name is read as qualified by it. Undefined when one is glued into a name or
 * keyword otherwise, or the text does not parse with each placeholder as a name of its own.
 */
export function runTimeParts(sql: string, placeholders: readonly string[], prefixOrNothing: (placeholder: string) => boolean): RunTimePart[] | undefined {
  const tokens = pgScanTokens(sql);
  if (!tokens) return undefined;
  const bytes = Buffer.from(sql, "utf8");
  const found: Array<Omit<RunTimePart, "role"> & { dotted: boolean }> = [];
  const after = (index: number) => tokens.slice(index + 1).find((t) => t.tokenName !== "SQL_COMMENT" && t.tokenName !== "C_COMMENT");
  for (const [index, t] of tokens.entries()) {
    if (t.tokenName === "SQL_COMMENT" || t.tokenName === "C_COMMENT" || (t.tokenName === "SCONST" && /^[eE]?'/.test(t.text))) continue;
    if (!placeholders.some((p) => t.text.includes(p))) continue;
    if (t.tokenName !== "IDENT") return undefined;
    const whole = placeholders.find((p) => p === t.text);
    if (whole) {
      const dot = after(index);
      found.push({ start: t.start, end: t.end, placeholder: whole, glued: false, dotted: dot?.text === ".", qualifierEnd: dot?.text === "." ? dot.end : t.end });
      continue;
    }
    const prefix = placeholders.find((p) => t.text.startsWith(p) && prefixOrNothing(p) && !placeholders.some((q) => t.text.slice(p.length).includes(q)));
    if (!prefix) return undefined;
    found.push({ start: t.start, end: t.start + Buffer.byteLength(prefix), placeholder: prefix, glued: true, dotted: true, qualifierEnd: t.start + Buffer.byteLength(prefix) });
  }
  if (found.length === 0) return [];
  // each placeholder becomes a stand-in name of its own (a glued one its name's qualifier), so the tree tells each apart
  const standIn = (i: number) => `migguard_run_time_${i}`;
  const parts: Buffer[] = [];
  let at = 0;
  found.forEach((f, i) => {
    parts.push(bytes.subarray(at, f.start), Buffer.from(f.glued ? `${standIn(i)}.` : standIn(i)));
    at = f.end;
  });
  let tree: unknown;
  try {
    tree = pgParse(Buffer.concat([...parts, bytes.subarray(at)]).toString("utf8"));
  } catch (error) {
    if (error instanceof PgSqlError) return undefined;
    throw error;
  }
  const roles = new Map<string, RunTimeRole[]>();
  rolesIn(tree, undefined, undefined, (name, role) => roles.set(name, [...(roles.get(name) ?? []), role]));
  return found.map(({ dotted, ...f }, i) => {
    const seen = roles.get(standIn(i)) ?? [];
    // one stand-in the tree holds once, in one place; else (not found, repeated) where it stands is not plain. A
    // qualifier is one written before its name's `.` (not a list's first item, `USING (a, b)`)
    const role = seen.length === 1 && (seen[0] !== "qualifier" || dotted) ? seen[0] : "other";
    return { ...f, role };
  });
}

/**
 * `sql` with each part `replace` gives text for written as that text (a value as `$n`) and each qualifier taken out
 * with its `.` (the newlines between them kept, so every line stays where it was).
 */
export function withRunTimeParts(sql: string, parts: readonly RunTimePart[], replace: (part: RunTimePart) => string | undefined): string {
  const bytes = Buffer.from(sql, "utf8");
  const out: Buffer[] = [];
  let at = 0;
  for (const part of parts) {
    const text = replace(part);
    if (text === undefined && part.role !== "qualifier") continue;
    out.push(bytes.subarray(at, part.start));
    const end = text === undefined ? part.qualifierEnd : part.end;
    out.push(Buffer.from(text ?? "\n".repeat(bytes.subarray(part.start, end).toString("utf8").split("\n").length - 1)));
    at = end;
  }
  return Buffer.concat([...out, bytes.subarray(at)]).toString("utf8");
}

type Visit = (name: string, role: RunTimeRole) => void;

/** Fields whose expression is a whole condition: a run-time part there is the statement's filter, not a value. */
const CONDITIONS = new Set(["whereClause", "havingClause", "quals", "whenClause"]);

/**
 * The role of each string of the tree: by the field that holds it, or by its place in the list of a dotted name.
 * `field` is the field the node sits in, `holder` the type of the node that field belongs to.
 */
function rolesIn(node: unknown, field: string | undefined, holder: string | undefined, visit: Visit): void {
  if (Array.isArray(node)) {
    for (const item of node) rolesIn(item, field, holder, visit);
    return;
  }
  if (node === null || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (typeof value === "string") visit(value, fieldRole(key, field, holder));
    // a whole condition (`WHERE " + condition`, an AND's operand) decides which rows change: not a value
    else if (key === "ColumnRef") columnRef(value, CONDITIONS.has(field ?? "") || holder === "BoolExpr", visit);
    else if (key === "List") dottedName((value as { items?: unknown[] }).items ?? [], visit);
    else if (Array.isArray(value) && value.length > 0 && value.every(isString)) {
      if (isColumnList(key, field, holder)) value.forEach((item) => visit(svalOf(item)!, "column"));
      else dottedName(value, visit);
    }
    // a node (`{"BoolExpr": {...}}`) names the type its fields belong to
    else if (/^[A-Z]/.test(key)) rolesIn(value, field, key, visit);
    else rolesIn(value, key, holder, visit);
  }
}

const isString = (v: unknown): boolean => typeof v === "object" && v !== null && "String" in v;
const svalOf = (v: unknown): string | undefined => (isString(v) ? (v as { String: { sval?: string } }).String.sval : undefined);

/**
 * A string held in a field: a relation's schema or catalog is a qualifier, its name or an index's name a whole name,
 * an index element's name (`ON t (a, b)`) or an INSERT's target (`INSERT INTO t (a, b)`) a column of a list.
 */
function fieldRole(key: string, field: string | undefined, holder: string | undefined): RunTimeRole {
  if (key === "schemaname" || key === "catalogname") return "qualifier";
  if (key === "relname" || key === "idxname") return "name";
  if (key === "name" && (holder === "IndexElem" || (holder === "ResTarget" && field === "cols"))) return "column";
  return "other";
}

/** The column lists of a constraint (`UNIQUE (a, b)`, a foreign key's both sides, INCLUDE) and of a publication's table. */
const CONSTRAINT_COLUMNS = new Set(["keys", "including", "fk_attrs", "pk_attrs"]);
const isColumnList = (key: string, field: string | undefined, holder: string | undefined): boolean =>
  (holder === "Constraint" && CONSTRAINT_COLUMNS.has(key)) || (field === "pubtable" && key === "columns");

/** `col` alone where an expression goes takes a value, unless it is a whole condition; `t.col` is no value. */
function columnRef(value: unknown, condition: boolean, visit: Visit): void {
  const fields = ((value as { fields?: unknown[] }).fields ?? []).map(svalOf);
  fields.forEach((name) => name !== undefined && visit(name, fields.length > 1 ? "other" : condition ? "condition" : "value"));
}

/** A list of strings (`DROP TABLE s.t`'s `[s, t]`, a function's or type's name): all but the last qualify the last. */
function dottedName(items: unknown[], visit: Visit): void {
  const names = items.map(svalOf);
  if (names.some((n) => n === undefined)) {
    rolesIn(items, undefined, undefined, visit);
    return;
  }
  names.forEach((name, i) => visit(name!, i < names.length - 1 ? "qualifier" : names.length > 1 ? "name" : "other"));
}
