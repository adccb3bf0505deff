/**
 * A value PostgreSQL computes differently for each row, for the types where one makes sense as a unique key: what a
 * fix may write into the existing rows of a column about to become unique, where any constant collides at the second
 * row. Undefined for other types (integers, dates): the project has to say what each row gets.
 */
import type { TypeRef } from "../../model.js";
import { hasSyntax } from "../../database/postgres-syntax.js";

export function perRowValue(type: TypeRef | undefined, postgresVersion: number): string | undefined {
  if (!type || type.array) return undefined;
  // gen_random_uuid() is built in from PostgreSQL 13 (pgcrypto's before): 32 random hex digits are a uuid's input too
  const uuid = hasSyntax(postgresVersion, "genRandomUuid") ? "gen_random_uuid()" : "md5(random()::text || clock_timestamp()::text)::uuid";
  if (type.name === "uuid") return uuid;
  if (["text", "citext", "varchar"].includes(type.name)) return type.mods[0] !== undefined && type.mods[0] < 36 ? `left(md5(${uuid}::text), ${type.mods[0]})` : `${uuid}::text`;
  return undefined;
}

/**
 * A per-row value that is the column's own kind of value, not a stand-in: a uuid column holds generated ids, so a
 * new one for each row is a sound value. A random string in a text column (an email, a slug, a login) is data
 * the application never wrote: a fix says the rows need their own values instead of inventing them.
 */
export function soundPerRowValue(type: TypeRef | undefined, postgresVersion: number): string | undefined {
  return type && !type.array && type.name === "uuid" ? perRowValue(type, postgresVersion) : undefined;
}
