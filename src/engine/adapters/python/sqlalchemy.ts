/**
 * SQLAlchemy schema objects as written in Alembic migrations (`sa.Column("paid_at", sa.DateTime(timezone=True),
 * nullable=True)`) -> the shared model's columns and PostgreSQL types. SQLAlchemy's defaults apply: a column is
 * nullable unless it is a primary key; `default=` is Python-side only, `server_default=` is the database default.
 */
import type { ColumnSpec, DefaultValue, TypeRef } from "../../model.js";
import { typeRef } from "../../types.js";
import { sqlDefault } from "./embedded-sql.js";
import { lastSegment } from "./imports.js";
import { asBool, asNumber, asString, kwarg, type PyCall, type PyValue } from "./values.js";

const SIMPLE: Record<string, string> = {
  Integer: "integer",
  INTEGER: "integer",
  INT: "integer",
  BigInteger: "bigint",
  BIGINT: "bigint",
  SmallInteger: "smallint",
  SMALLINT: "smallint",
  Text: "text",
  TEXT: "text",
  UnicodeText: "text",
  Boolean: "boolean",
  BOOLEAN: "boolean",
  Date: "date",
  DATE: "date",
  Time: "time",
  TIME: "time",
  Interval: "interval",
  INTERVAL: "interval",
  LargeBinary: "bytea",
  BYTEA: "bytea",
  LargeBinaryType: "bytea",
  JSON: "json",
  JSONB: "jsonb",
  UUID: "uuid",
  Uuid: "uuid",
  CITEXT: "citext",
  INET: "inet",
  CIDR: "cidr",
  MACADDR: "macaddr",
  TSVECTOR: "tsvector",
  HSTORE: "hstore",
  REAL: "real",
  DOUBLE_PRECISION: "double precision",
  Double: "double precision",
  DOUBLE: "double precision",
  MONEY: "money",
  OID: "oid",
  INT4RANGE: "int4range",
  INT8RANGE: "int8range",
  NUMRANGE: "numrange",
  TSRANGE: "tsrange",
  TSTZRANGE: "tstzrange",
  DATERANGE: "daterange",
};

const VARCHARS = new Set(["String", "VARCHAR", "Unicode", "NVARCHAR"]);
const CHARS = new Set(["CHAR", "NCHAR"]);
const NUMERICS = new Set(["Numeric", "NUMERIC", "DECIMAL"]);
const TIMESTAMPS = new Set(["DateTime", "DATETIME", "TIMESTAMP"]);

/** A SQLAlchemy type (`sa.String(length=120)`, `sa.Integer`, `postgresql.ARRAY(sa.Text())`) as a PostgreSQL type. */
export function sqlalchemyType(value: PyValue | undefined): TypeRef | undefined {
  if (!value) return undefined;
  const call = value.kind === "call" ? value : undefined;
  const cls = call ? lastSegment(call.callee) : value.kind === "name" ? lastSegment(value.name) : undefined;
  if (!cls) return undefined;
  if (cls in SIMPLE) return typeRef(SIMPLE[cls]);
  const num = (key: string, position: number) => (call ? asNumber(kwarg(call, key, position)) : undefined);
  if (VARCHARS.has(cls) || CHARS.has(cls)) {
    const length = num("length", 0);
    return typeRef(CHARS.has(cls) ? "char" : "varchar", length !== undefined ? [length] : []);
  }
  if (NUMERICS.has(cls)) {
    const precision = num("precision", 0);
    const scale = num("scale", 1);
    return typeRef("numeric", precision !== undefined ? (scale !== undefined ? [precision, scale] : [precision]) : []);
  }
  if (cls === "Float" || cls === "FLOAT") {
    const precision = num("precision", 0);
    return typeRef(precision !== undefined && precision <= 24 ? "real" : "double precision");
  }
  if (TIMESTAMPS.has(cls)) return typeRef(call && asBool(call.kwargs.get("timezone")) ? "timestamptz" : "timestamp");
  if (cls === "TIMESTAMPTZ") return typeRef("timestamptz");
  if (cls === "ARRAY") {
    const inner = sqlalchemyType(call ? kwarg(call, "item_type", 0) : undefined);
    return inner ? { ...inner, array: true, text: `${inner.text}[]` } : undefined;
  }
  if (cls === "Enum" || cls === "ENUM") {
    const name = call ? asString(call.kwargs.get("name")) : undefined;
    return name ? typeRef(name) : undefined;
  }
  return undefined;
}

/**
 * The PostgreSQL enum type a column's `sa.Enum(..., name="x")` / `postgresql.ENUM(..., name="x")` creates with its
 * table: SQLAlchemy's table-create event runs CREATE TYPE (op.create_table gives it checkfirst=False, so it fails if
 * the type exists), unless `create_type=False`, `native_enum=False` (a VARCHAR and a CHECK) or `metadata=` (created
 * with the metadata only). Alembic's op.add_column fires no such event, and op.drop_table builds a Table without
 * columns, so it never drops the type: only create_table creates one.
 */
export function enumTypeCreatedWithTable(value: PyValue | undefined): string | undefined {
  if (value?.kind !== "call") return undefined;
  const cls = lastSegment(value.callee);
  if (cls !== "Enum" && cls !== "ENUM") return undefined;
  if (asBool(value.kwargs.get("create_type")) === false || asBool(value.kwargs.get("native_enum")) === false) return undefined;
  if (value.kwargs.has("metadata") || value.kwargs.has("create_type") && asBool(value.kwargs.get("create_type")) === undefined) return undefined;
  const name = asString(value.kwargs.get("name"));
  const schema = asString(value.kwargs.get("schema"));
  return name ? (schema ? `${schema}.${name}` : name) : undefined;
}

/** `server_default=`: a string is a constant; `sa.text("now()")` / `sa.func.now()` are SQL expressions. */
export function serverDefault(value: PyValue | undefined): DefaultValue | undefined {
  if (!value || value.kind === "none") return undefined;
  if (value.kind === "str") return { expr: `'${value.value.replace(/'/g, "''")}'`, volatile: false };
  if (value.kind === "num") return { expr: String(value.value), volatile: false };
  if (value.kind === "bool") return { expr: value.value ? "true" : "false", volatile: false };
  if (value.kind === "call") {
    const fn = lastSegment(value.callee);
    if ((fn === "text" || fn === "literal_column") && value.args[0]?.kind === "str") return sqlDefault(value.args[0].value);
    const func = value.callee.split(".");
    const at = func.indexOf("func");
    if (at !== -1 && at < func.length - 1) return sqlDefault(`${func.slice(at + 1).join(".")}()`);
    if (fn === "FetchedValue" || fn === "DefaultClause") return undefined;
  }
  // a name: a Python constant whose value is not known here (a package's), passed back as written
  if (value.kind === "name") return { expr: value.text, volatile: false, python: value.text };
  return { expr: value.kind === "call" ? value.text : "?", volatile: false };
}

export interface SaColumn {
  spec: ColumnSpec;
  /** `ForeignKey("users.id")` on the column: Alembic adds it as a separate, validated constraint */
  foreignKey?: { table: string; column?: string; call: PyCall };
  index: boolean;
  /** the enum type its table's creation creates (enumTypeCreatedWithTable) */
  createsType?: string;
}

/** `sa.Column(name, type, *constraints, **options)`. */
export function readColumn(value: PyValue | undefined): SaColumn | undefined {
  if (value?.kind !== "call" || lastSegment(value.callee) !== "Column") return undefined;
  const name = asString(value.args[0] ?? value.kwargs.get("name"));
  if (!name) return undefined;
  const rest = value.args.slice(1);
  const typeArg = rest.find((a) => sqlalchemyType(a) !== undefined) ?? value.kwargs.get("type_");
  const type = sqlalchemyType(typeArg);
  const createsType = enumTypeCreatedWithTable(typeArg);
  const primaryKey = asBool(value.kwargs.get("primary_key")) === true;
  const nullableKw = asBool(value.kwargs.get("nullable"));
  let foreignKey: SaColumn["foreignKey"];
  let generated: ColumnSpec["generated"];
  let generatedExpr: string | undefined;
  for (const a of rest) {
    if (a.kind !== "call") continue;
    const cls = lastSegment(a.callee);
    if (cls === "ForeignKey") {
      const target = asString(a.args[0]) ?? (a.args[0]?.kind === "name" ? a.args[0].text : undefined);
      if (target) {
        const dot = target.lastIndexOf(".");
        foreignKey = dot === -1 ? { table: target, call: a } : { table: target.slice(0, dot), column: target.slice(dot + 1), call: a };
      }
    } else if (cls === "Identity") generated = "identity";
    else if (cls === "Computed") {
      generated = asBool(a.kwargs.get("persisted")) === false ? "virtual" : "stored";
      generatedExpr = asString(kwarg(a, "sqltext", 0));
    }
  }
  const spec: ColumnSpec = {
    name,
    type,
    notNull: nullableKw === undefined ? primaryKey : !nullableKw,
    default: serverDefault(value.kwargs.get("server_default")),
    primaryKey,
    unique: asBool(value.kwargs.get("unique")) === true,
    check: false,
    generated,
    ...(generatedExpr ? { generatedExpr } : {}),
    serial: false,
  };
  return { spec, foreignKey, index: asBool(value.kwargs.get("index")) === true, ...(createsType ? { createsType } : {}) };
}

/**
 * A table as the shared model names it: `schema.table` when the call's `schema=` (or `source_schema=`, ...) names a
 * schema, as qualified SQL does (`ALTER TABLE s.t`), so an `op.create_table("t", schema="s")` and a later
 * `CREATE INDEX ... ON s.t` are one table. No keyword, or None: the table as written (found through search_path).
 * A schema set at run time is left out (unqualified, as before): the name it would give is not known.
 */
export function inSchema(table: string | undefined, call: PyCall, key = "schema"): string | undefined {
  const schema = asString(call.kwargs.get(key));
  return table !== undefined && schema ? `${schema}.${table}` : table;
}

/** The table name of `sa.table("accounts", ...)` / `sa.Table("accounts", metadata, ...)`, with its `schema=` (`billing.accounts`). */
export function tableName(value: PyValue | undefined): string | undefined {
  if (value?.kind === "str") return value.value;
  if (value?.kind !== "call" || !/^(table|Table)$/.test(lastSegment(value.callee))) return undefined;
  return inSchema(asString(value.args[0]), value);
}

export type { PyCall };
