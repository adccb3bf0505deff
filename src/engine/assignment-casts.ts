/**
 * Whether ALTER COLUMN ... TYPE converts a column without a USING clause. Without one PostgreSQL converts each value
 * as an assignment does: a cast of context implicit or assignment (pg_cast, read on PGlite 18), or the I/O
 * conversion to a string type. Any other change ("text" -> jsonb, text -> an enum, varchar -> uuid) fails with
 * "cannot be cast automatically" until the statement says USING col::type.
 */
import type { TypeRef } from "./model.js";

/** PostgreSQL's string types, by canonical name (types.ts): every value converts to them, and they read arrays from text */
export const STRING_TYPES: ReadonlySet<string> = new Set(["text", "varchar", "char", "citext", "name"]);
const NUMBERS = new Set(["smallint", "integer", "bigint", "numeric", "real", "double precision", "money"]);

/** pg_cast's implicit and assignment casts between the built-in types a column usually has (by canonical name). */
const ASSIGNMENT_CASTS: Record<string, readonly string[]> = {
  bit: ["varbit"],
  varbit: ["bit"],
  cidr: ["inet"],
  inet: ["cidr"],
  date: ["timestamp", "timestamptz"],
  timestamp: ["date", "time", "timestamptz"],
  timestamptz: ["date", "time", "timestamp", "timetz"],
  time: ["interval", "timetz"],
  timetz: ["time"],
  interval: ["time"],
  json: ["jsonb"],
  jsonb: ["json"],
  macaddr: ["macaddr8"],
  macaddr8: ["macaddr"],
};

export function convertsWithoutUsing(from: TypeRef, to: TypeRef): boolean {
  if (from.array !== to.array) return false;
  if (from.name === to.name) return true;
  // every type has an I/O conversion to a string type, used for assignment
  if (STRING_TYPES.has(to.name)) return true;
  if (to.name === "money") return ["integer", "bigint", "numeric"].includes(from.name);
  if (NUMBERS.has(from.name) && NUMBERS.has(to.name)) return from.name !== "money" || to.name === "numeric";
  return ASSIGNMENT_CASTS[from.name]?.includes(to.name) ?? false;
}

/**
 * pg_cast between the built-in types a column usually has, any context (explicit too), by canonical name: read on
 * PGlite 18 (`SELECT format_type(castsource, NULL), format_type(casttarget, NULL) FROM pg_cast`). The string types
 * are left out: every type converts to and from them by I/O (castExists).
 */
const CASTS: Record<string, readonly string[]> = {
  smallint: ["bigint", "bytea", "double precision", "integer", "numeric", "oid", "real"],
  integer: ["bigint", "bit", "boolean", "bytea", "double precision", "money", "numeric", "oid", "real", "smallint"],
  bigint: ["bit", "bytea", "double precision", "integer", "money", "numeric", "oid", "real", "smallint"],
  numeric: ["bigint", "double precision", "integer", "money", "real", "smallint"],
  real: ["bigint", "double precision", "integer", "numeric", "smallint"],
  "double precision": ["bigint", "integer", "numeric", "real", "smallint"],
  money: ["numeric"],
  oid: ["bigint", "integer"],
  boolean: ["integer"],
  bytea: ["bigint", "integer", "smallint"],
  bit: ["bigint", "integer", "varbit"],
  varbit: ["bit"],
  cidr: ["inet"],
  inet: ["cidr"],
  date: ["timestamp", "timestamptz"],
  time: ["interval", "timetz"],
  timetz: ["time"],
  timestamp: ["date", "time", "timestamptz"],
  timestamptz: ["date", "time", "timestamp", "timetz"],
  interval: ["time"],
  json: ["jsonb"],
  jsonb: ["bigint", "boolean", "double precision", "integer", "json", "numeric", "real", "smallint"],
  macaddr: ["macaddr8"],
  macaddr8: ["macaddr"],
};

/** Built-in types whose every cast to a non-string type CASTS lists (uuid has none). */
const KNOWN = new Set([...Object.keys(CASTS), "uuid", "xml", "tsvector", "point"]);

/**
 * Whether PostgreSQL can convert `from` to `to` at all (`USING col::to`): true, false when pg_cast has no cast
 * between two built-in types ("cannot cast type integer to uuid"), undefined when a type is not one migguard knows
 * (an enum, a domain, an extension's type).
 */
export function castExists(from: TypeRef, to: TypeRef): boolean | undefined {
  if (from.name === to.name && from.array === to.array) return true;
  // the I/O conversion: every type to text and back, arrays too
  if ((STRING_TYPES.has(to.name) && !to.array) || (STRING_TYPES.has(from.name) && !from.array)) return true;
  if (!KNOWN.has(from.name) && !STRING_TYPES.has(from.name)) return undefined;
  if (!KNOWN.has(to.name) && !STRING_TYPES.has(to.name)) return undefined;
  if (from.array !== to.array) return false;
  // arrays convert element by element
  if (from.name === to.name) return true;
  if (STRING_TYPES.has(from.name) || STRING_TYPES.has(to.name)) return true;
  return CASTS[from.name]?.includes(to.name) ?? false;
}
