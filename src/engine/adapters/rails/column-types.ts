/**
 * Rails column types in PostgreSQL's terms, as the PostgreSQL adapter maps them (NATIVE_DATABASE_TYPES):
 * `:string` -> varchar, `:float` -> double precision, `:datetime` -> timestamp, `limit:` on integers picks
 * smallint/integer/bigint, `precision:`/`scale:` on decimals, `array: true`. A type given as a string is SQL.
 */
import type { TypeRef } from "../../model.js";
import { typeRef } from "../../types.js";
import { sqlColumnType } from "./sql-fragments.js";
import type { Options, RubyValue } from "./values.js";

export interface ColumnType {
  type?: TypeRef;
  serial: boolean;
  primaryKey: boolean;
  generated?: "stored" | "virtual";
  /** `as: "expr"` of a virtual column */
  generatedExpr?: string;
}

const SIMPLE: Record<string, string> = {
  text: "text",
  bigint: "bigint",
  float: "double precision",
  datetime: "timestamp",
  timestamp: "timestamp",
  timestamptz: "timestamptz",
  time: "time",
  date: "date",
  binary: "bytea",
  boolean: "boolean",
  json: "json",
  jsonb: "jsonb",
  uuid: "uuid",
  inet: "inet",
  cidr: "cidr",
  macaddr: "macaddr",
  hstore: "hstore",
  citext: "citext",
  ltree: "ltree",
  tsvector: "tsvector",
  xml: "xml",
  money: "money",
  interval: "interval",
  oid: "oid",
  point: "point",
  line: "line",
  lseg: "lseg",
  box: "box",
  path: "path",
  polygon: "polygon",
  circle: "circle",
  daterange: "daterange",
  numrange: "numrange",
  tsrange: "tsrange",
  tstzrange: "tstzrange",
  int4range: "int4range",
  int8range: "int8range",
};

function integerByLimit(limit: number | undefined): string {
  if (limit === undefined) return "integer";
  if (limit <= 2) return "smallint";
  if (limit <= 4) return "integer";
  return "bigint";
}

/**
 * The type of a column given as `:string`, `"varchar(20)"`, `:virtual` ... with the column's options. `as:` makes
 * any column generated, not only `:virtual` (Rails' schema creation writes GENERATED ALWAYS AS (as) for any type:
 * `add_column :equity_grants, :vested_amount_in_cents, :bigint, as: "...", stored: true`, flexile's 20231019052937).
 */
export function columnType(type: RubyValue | undefined, opts: Options, railsVersion: number): ColumnType {
  const typed = declaredType(type, opts, railsVersion);
  const expr = opts.name("as");
  if (typed.generated || expr === undefined) return typed;
  return { ...typed, generated: opts.flag("stored") ? "stored" : "virtual", generatedExpr: expr };
}

function declaredType(type: RubyValue | undefined, opts: Options, railsVersion: number): ColumnType {
  const array = opts.flag("array") === true;
  const plain = (t: TypeRef | undefined): ColumnType => ({ type: t && array ? { ...t, array: true, text: `${t.text}[]` } : t, serial: false, primaryKey: false });
  if (!type) return plain(undefined);
  if (type.kind === "str") return plain(sqlColumnType(type.value));
  if (type.kind !== "sym") return plain(undefined);
  const limit = opts.int("limit");
  switch (type.value) {
    case "primary_key":
      return { type: typeRef(railsVersion >= 5.1 ? "bigint" : "integer"), serial: true, primaryKey: true };
    case "serial":
      return { ...plain(typeRef("integer")), serial: true };
    case "bigserial":
      return { ...plain(typeRef("bigint")), serial: true };
    case "string":
      return plain(typeRef("varchar", limit !== undefined ? [limit] : railsVersion < 4.2 ? [255] : []));
    case "integer":
      return plain(typeRef(integerByLimit(limit)));
    case "decimal":
    case "numeric": {
      const precision = opts.int("precision");
      const scale = opts.int("scale");
      return plain(typeRef("numeric", precision !== undefined ? (scale !== undefined ? [precision, scale] : [precision]) : []));
    }
    case "bit":
    case "bit_varying":
      return plain(typeRef(type.value === "bit" ? "bit" : "varbit", limit !== undefined ? [limit] : []));
    case "enum": {
      const enumType = opts.name("enum_type");
      return plain(enumType ? typeRef(enumType) : undefined);
    }
    // `:array` names no type: Rails sends it as the SQL type `array`, which PostgreSQL rejects, and the element type
    // (`:text, array: true`) is not said: unknown here, so a fix reads the column's type from the history instead
    case "array":
      return plain(undefined);
    case "virtual": {
      const inner = columnType(opts.get("type"), opts.without("type"), railsVersion);
      return { ...inner, generated: opts.flag("stored") ? "stored" : "virtual", generatedExpr: opts.name("as") };
    }
    default:
      return plain(typeRef(SIMPLE[type.value] ?? type.value));
  }
}
