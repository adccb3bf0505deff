/**
 * Column types across frameworks in PostgreSQL's terms, and the two questions rules ask of a type change:
 * does PostgreSQL rewrite the table, and can values be lost (narrowing)?
 * Facts from PostgreSQL's ALTER TABLE docs and ATColumnChangeRequiresRewrite: raising or removing a
 * varchar/varbit limit, numeric precision at the same scale, varchar <-> text and cidr -> inet are
 * binary-coercible and skip the rewrite; everything else rewrites the table under ACCESS EXCLUSIVE.
 */
import type { TypeRef } from "./model.js";

const ALIASES: Record<string, string> = {
  int: "integer",
  int4: "integer",
  integer: "integer",
  int2: "smallint",
  smallint: "smallint",
  int8: "bigint",
  bigint: "bigint",
  serial: "integer",
  serial4: "integer",
  bigserial: "bigint",
  serial8: "bigint",
  smallserial: "smallint",
  serial2: "smallint",
  float4: "real",
  real: "real",
  float8: "double precision",
  float: "double precision",
  "double precision": "double precision",
  bool: "boolean",
  boolean: "boolean",
  varchar: "varchar",
  "character varying": "varchar",
  bpchar: "char",
  char: "char",
  character: "char",
  decimal: "numeric",
  numeric: "numeric",
  timestamptz: "timestamptz",
  "timestamp with time zone": "timestamptz",
  timestamp: "timestamp",
  "timestamp without time zone": "timestamp",
  timetz: "timetz",
  "time with time zone": "timetz",
  time: "time",
  "time without time zone": "time",
  varbit: "varbit",
  "bit varying": "varbit",
};

export const SERIAL_TYPES = new Set(["serial", "serial4", "bigserial", "serial8", "smallserial", "serial2"]);

/** Canonical PostgreSQL name of a type spelled any common way. */
export function canonicalTypeName(name: string): string {
  const lower = name.trim().toLowerCase().replace(/^pg_catalog\./, "").replace(/\s+/g, " ");
  return ALIASES[lower] ?? lower;
}

export function typeRef(name: string, mods: number[] = [], array = false): TypeRef {
  const canonical = canonicalTypeName(name);
  const text = `${canonical}${mods.length ? `(${mods.join(",")})` : ""}${array ? "[]" : ""}`;
  return { name: canonical, mods, array, text };
}

/** "character varying(255)", "numeric(10, 2)", "text[]" -> TypeRef (for adapters that see types as text). */
export function typeFromText(text: string): TypeRef {
  let rest = text.trim();
  let array = false;
  while (rest.endsWith("[]")) {
    array = true;
    rest = rest.slice(0, -2).trim();
  }
  const open = rest.indexOf("(");
  if (open === -1) return { ...typeRef(rest, [], array), text: text.trim() };
  const mods = rest
    .slice(open + 1, rest.lastIndexOf(")"))
    .split(",")
    .map((m) => Number(m.trim()))
    .filter((n) => Number.isFinite(n));
  return { ...typeRef(rest.slice(0, open), mods, array), text: text.trim() };
}

const INTEGER_WIDTH: Record<string, number> = { smallint: 2, integer: 4, bigint: 8 };
const FLOAT_WIDTH: Record<string, number> = { real: 4, "double precision": 8 };

export type TypeChange =
  | { rewrite: false; reason: string; /** no row is rewritten, but the indexes on the column are rebuilt */ rebuildsIndexes?: boolean }
  | { rewrite: true; reason: string }
  | { rewrite: "unknown"; reason: string };

/**
 * Time zones at a fixed offset of zero. PostgreSQL 12+ converts timestamp <-> timestamptz without touching a row
 * when the session's TimeZone is one of them (the stored microseconds are the same), checked on PostgreSQL 15:
 * the table keeps its file, only the indexes on the column are rebuilt.
 */
const UTC_ZONES = new Set(["utc", "etc/utc", "uct", "etc/uct", "gmt", "etc/gmt", "gmt0", "etc/gmt0", "gmt+0", "gmt-0", "etc/gmt+0", "etc/gmt-0", "greenwich", "etc/greenwich", "universal", "etc/universal", "zulu", "etc/zulu", "utc+0", "utc-0", "0", "+0", "-0", "00:00", "+00:00", "-00:00", "z"]);
export const isUtcZone = (zone: string | undefined): boolean => zone !== undefined && UTC_ZONES.has(zone.trim().replace(/^'|'$/g, "").toLowerCase());

export interface TypeChangeContext {
  /** the session TimeZone is UTC when the statement runs (a SET TIME ZONE earlier, or the framework's own) */
  utcSession?: boolean;
  /** the USING expression is just the column itself */
  usingIsColumn?: boolean;
  postgresVersion?: number;
}

const isTimestampPair = (from: TypeRef, to: TypeRef) =>
  !from.array && !to.array && ((from.name === "timestamp" && to.name === "timestamptz") || (from.name === "timestamptz" && to.name === "timestamp"));

/**
 * A precision below 6 on the new type of a timestamp <-> timestamptz change rounds the converted value, and PostgreSQL
 * cannot tell that rounding is a no-op (the conversion's result has no precision to compare with), so it rewrites
 * every row even with the session TimeZone UTC. Checked on PGlite 18 (relfilenode before and after, TimeZone UTC):
 * timestamp(3) -> timestamptz(3) and timestamp -> timestamptz(3) rewrite; timestamp -> timestamptz,
 * timestamp(3) -> timestamptz, timestamp(3) -> timestamptz(6) and timestamp(6) -> timestamptz(6) keep the file.
 */
const roundsConverted = (to: TypeRef) => to.mods.length > 0 && to.mods[0] < 6;
const roundingReason = (from: string, to: TypeRef) =>
  `${from} -> ${to.text} rewrites the whole table whatever the session TimeZone: the converted values are rounded to precision ${to.mods[0]} row by row`;

/** Whether ALTER COLUMN ... TYPE `to` from `from` rewrites the table (and rebuilds its indexes). */
export function typeChangeCost(from: TypeRef | undefined, to: TypeRef, hasUsing = false, context: TypeChangeContext = {}): TypeChange {
  const utc = context.utcSession === true && (context.postgresVersion ?? 12) >= 12 && (!hasUsing || context.usingIsColumn === true);
  if (from && isTimestampPair(from, to) && roundsConverted(to)) return { rewrite: true, reason: roundingReason(from.text, to) };
  if (utc && from && isTimestampPair(from, to))
    return { rewrite: false, rebuildsIndexes: true, reason: `${from.text} -> ${to.text} with the session TimeZone UTC rewrites no row (PostgreSQL 12+)` };
  if (utc && !from && (to.name === "timestamptz" || to.name === "timestamp") && !to.array)
    return roundsConverted(to)
      ? { rewrite: "unknown", reason: `no rewrite only when the column is already ${to.text} (the other timestamp type converted to precision ${to.mods[0]} is rewritten row by row, even in UTC)` }
      : { rewrite: "unknown", reason: `no rewrite only when the column is already ${to.name === "timestamptz" ? "timestamp" : "timestamptz"} (the session TimeZone is UTC)` };
  const limitless = (t: TypeRef) => (t.name === "varchar" || t.name === "varbit") && t.mods.length === 0;
  if (!from) {
    if (!hasUsing && (to.name === "text" || to.name === "citext" || limitless(to)))
      return { rewrite: "unknown", reason: `no rewrite only when the column is already varchar or text` };
    if (!hasUsing && (to.name === "varchar" || to.name === "varbit" || (to.name === "numeric" && to.mods.length <= 1)))
      return { rewrite: "unknown", reason: `no rewrite only when this raises the limit of a column of the same type` };
    // a USING expression other than the column itself converts every row, whatever the old type
    if (hasUsing && context.usingIsColumn !== true) return { rewrite: true, reason: `changing a column to ${to.text} rewrites the whole table` };
    // the history does not give the column's type: it may already be this one (a serial made an identity column, SET DATA TYPE integer)
    return { rewrite: "unknown", reason: `changing a column to ${to.text} rewrites the whole table unless it already is ${to.text} (the migrations do not show its current type)` };
  }
  if (from.array !== to.array) return { rewrite: true, reason: `${from.text} -> ${to.text} rewrites the table` };
  const same = from.name === to.name;
  if (same && from.mods.join(",") === to.mods.join(",")) return { rewrite: false, reason: "the type does not change" };
  if (hasUsing && !same) return { rewrite: true, reason: `a USING conversion rewrites the table` };
  const textual = (t: TypeRef) => t.name === "text" || t.name === "varchar";
  if (textual(from) && (to.name === "text" || limitless(to))) return { rewrite: false, reason: "varchar/text is binary-compatible" };
  // the citext extension declares its casts from and to text and varchar WITHOUT FUNCTION: no row changes, but the
  // column's operator class does (text_ops <-> citext_ops), so its indexes are rebuilt (PGlite: the table keeps its
  // file, the index gets a new one). From char(n), or to varchar(n), a function converts every row.
  if ((textual(from) && to.name === "citext") || (from.name === "citext" && (to.name === "text" || limitless(to))))
    return { rewrite: false, rebuildsIndexes: true, reason: `${from.text} -> ${to.text} is binary-coercible (the citext extension's casts are WITHOUT FUNCTION), so no row is rewritten` };
  if (same && (from.name === "varchar" || from.name === "varbit")) {
    if (to.mods.length === 0 || (from.mods.length > 0 && to.mods[0] >= from.mods[0]))
      return { rewrite: false, reason: "raising a length limit is metadata-only" };
    return { rewrite: true, reason: `lowering the limit ${from.text} -> ${to.text} checks and rewrites every row` };
  }
  if (same && from.name === "numeric") {
    const [p1, s1 = 0] = from.mods;
    const [p2, s2 = 0] = to.mods;
    if (to.mods.length === 0 || (from.mods.length > 0 && s1 === s2 && p2 >= p1))
      return { rewrite: false, reason: "raising numeric precision at the same scale is metadata-only" };
    return { rewrite: true, reason: `${from.text} -> ${to.text} rewrites the table` };
  }
  if (from.name === "cidr" && to.name === "inet") return { rewrite: false, reason: "cidr -> inet is binary-compatible" };
  if (from.name === "timestamp" && to.name === "timestamptz")
    return { rewrite: "unknown", reason: `${from.text} -> ${to.text} skips the rewrite only when the session TimeZone is UTC (PostgreSQL 12+)` };
  // a timestamp's precision raised, or removed, only relabels the column (PGlite 18: timestamp(3) -> timestamp(6) keeps the file and its index)
  if (same && (from.name === "timestamp" || from.name === "timestamptz") && (to.mods.length === 0 || to.mods[0] >= 6 || (from.mods.length > 0 && to.mods[0] >= from.mods[0])))
    return { rewrite: false, reason: "raising a timestamp's precision is metadata-only" };
  return { rewrite: true, reason: `${from.text} -> ${to.text} rewrites the whole table` };
}

/** The new type cannot hold every value of the old one (values fail to convert or lose precision). */
export function isNarrowing(from: TypeRef | undefined, to: TypeRef): boolean {
  if (!from) return false;
  const fi = INTEGER_WIDTH[from.name];
  const ti = INTEGER_WIDTH[to.name];
  if (fi && ti) return ti < fi;
  const ff = FLOAT_WIDTH[from.name];
  const tf = FLOAT_WIDTH[to.name];
  if (ff && tf) return tf < ff;
  if (ff && ti) return true;
  if (from.name === "numeric" && ti) return true;
  if ((from.name === "text" || from.name === "varchar" || from.name === "char") && (to.name === "varchar" || to.name === "char") && to.mods.length > 0) {
    return from.mods.length === 0 || to.mods[0] < from.mods[0];
  }
  if (from.name === "numeric" && to.name === "numeric" && to.mods.length > 0) {
    const [p1, s1 = 0] = from.mods;
    const [p2, s2 = 0] = to.mods;
    return from.mods.length === 0 || p2 - s2 < p1 - s1 || s2 < s1;
  }
  if ((from.name === "timestamptz" || from.name === "timestamp") && to.name === "date") return true;
  return false;
}

/** Functions PostgreSQL evaluates per row (VOLATILE): as a column default they force a rewrite. */
const VOLATILE_FUNCTIONS = new Set([
  "random",
  "random_normal",
  "setseed",
  "clock_timestamp",
  "timeofday",
  "gen_random_uuid",
  "uuid_generate_v1",
  "uuid_generate_v1mc",
  "uuid_generate_v4",
  "uuidv4",
  "uuidv7",
  "nextval",
  "currval",
  "lastval",
  "txid_current",
  "pg_current_xact_id",
  "gen_random_bytes",
  "random_string",
]);

/** Built-ins that are IMMUTABLE or STABLE (evaluated once for ADD COLUMN ... DEFAULT). */
const NON_VOLATILE_FUNCTIONS = new Set([
  "now",
  "transaction_timestamp",
  "statement_timestamp",
  "current_timestamp",
  "current_date",
  "localtimestamp",
  "current_setting",
  "lower",
  "upper",
  "length",
  "trim",
  "btrim",
  "concat",
  "concat_ws",
  "md5",
  "to_char",
  "to_timestamp",
  "to_date",
  "to_jsonb",
  "to_json",
  "date_trunc",
  "make_interval",
  "make_date",
  "make_timestamp",
  "make_timestamptz",
  "jsonb_build_object",
  "jsonb_build_array",
  "json_build_object",
  "json_build_array",
  "array_fill",
  "array_length",
  "coalesce",
  "nullif",
  "greatest",
  "least",
  "abs",
  "round",
  "floor",
  "ceil",
  "timezone",
  "date_part",
  "extract",
  "substring",
  "replace",
  "lpad",
  "rpad",
  "inet",
  "int4range",
  "int8range",
  "tstzrange",
  "tsrange",
  "daterange",
  "numrange",
  "point",
  "st_setsrid",
  "st_makepoint",
  "interval",
  "current_user",
  "session_user",
  "current_schema",
  "pg_catalog.now",
]);

/** Unknown (user-defined) functions count as volatile: PostgreSQL assumes VOLATILE unless declared otherwise. */
export function isVolatileFunction(name: string): boolean {
  const lower = name.toLowerCase().replace(/^pg_catalog\./, "");
  if (VOLATILE_FUNCTIONS.has(lower)) return true;
  return !NON_VOLATILE_FUNCTIONS.has(lower);
}
