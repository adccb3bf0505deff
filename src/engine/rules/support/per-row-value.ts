/**
 * A value PostgreSQL computes differently for each row, for the types where one makes sense as a unique key: what a
 * fix may write into the existing rows of a column about to become unique, where any constant collides at the second
 * row. Undefined for other types (integers, dates): the project has to say what each row gets.
 */
import type { TypeRef } from "../../model.js";

export function perRowValue(type: TypeRef | undefined): string | undefined {
  if (!type || type.array) return undefined;
  if (type.name === "uuid") return "gen_random_uuid()";
  if (["text", "citext", "varchar"].includes(type.name)) return type.mods[0] !== undefined && type.mods[0] < 36 ? `left(md5(gen_random_uuid()::text), ${type.mods[0]})` : "gen_random_uuid()::text";
  return undefined;
}
