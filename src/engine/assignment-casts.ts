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
