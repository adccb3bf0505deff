/**
 * Column types and backfills written in each framework's own terms, shared by the fixes that add a column
 * beside another one or move data in batches. A type comes from the repository (the migration itself, the
 * earlier migrations, the schema dump); when none of them knows it, the code copies it from the live table and
 * a comment says so, instead of guessing one.
 */
import type { Framework, TypeRef } from "../../model.js";
import type { RepositoryView } from "../../repository/repository-view.js";
import { ident, sym } from "./fix.js";
import { alembicTable, pythonString, rubyString } from "./embed-sql.js";
import { railsType } from "./rails-fix.js";
import { sqlDialect, type SqlDialect } from "./sql-dialect.js";
import { BATCH_ROWS } from "./sql-text.js";

const POSTGRESQL = sqlDialect("postgresql");

const SA_SIMPLE: Record<string, string> = {
  integer: "sa.Integer()",
  bigint: "sa.BigInteger()",
  smallint: "sa.SmallInteger()",
  text: "sa.Text()",
  boolean: "sa.Boolean()",
  date: "sa.Date()",
  time: "sa.Time()",
  interval: "sa.Interval()",
  bytea: "sa.LargeBinary()",
  json: "sa.JSON()",
  jsonb: "postgresql.JSONB()",
  real: "sa.REAL()",
  timestamp: "sa.DateTime()",
  timestamptz: "sa.DateTime(timezone=True)",
  inet: "postgresql.INET()",
  cidr: "postgresql.CIDR()",
  citext: "postgresql.CITEXT()",
  tsvector: "postgresql.TSVECTOR()",
  hstore: "postgresql.HSTORE()",
};

/**
 * Types whose generic class is SQLAlchemy 2.0's (sa.Double, sa.Uuid: an AttributeError on 1.x): before 2.0, or
 * when the project's dependency files do not say its version, what 1.x has too: a Float of 53 bits of precision
 * (PostgreSQL's double precision, through `sa` alone), the PostgreSQL dialect's UUID.
 */
const SA_SINCE_2: Record<string, { since2: string; before2: string }> = {
  "double precision": { since2: "sa.Double()", before2: "sa.Float(precision=53)" },
  uuid: { since2: "sa.Uuid()", before2: "postgresql.UUID()" },
};

/** The project's SQLAlchemy is 2.0 or later, as its dependency files say (undefined: they do not say). */
export const sqlalchemy2 = (repository: Partial<Pick<RepositoryView, "sqlalchemyAtLeast">> | undefined): boolean | undefined => repository?.sqlalchemyAtLeast?.("2.0");

/**
 * A PostgreSQL type as SQLAlchemy writes it (`sa.String(length=120)`, `postgresql.JSONB()`), in the project's
 * SQLAlchemy (`since2`: its version is 2.0 or later); undefined for a type SQLAlchemy has no class for (an enum,
 * a domain): callers then write the SQL with op.execute.
 */
export function saType(type: TypeRef, since2: boolean | undefined): string | undefined {
  const versioned = SA_SINCE_2[type.name];
  let base = versioned ? (since2 === true ? versioned.since2 : versioned.before2) : SA_SIMPLE[type.name];
  if (type.name === "varchar") base = type.mods[0] !== undefined ? `sa.String(length=${type.mods[0]})` : "sa.String()";
  else if (type.name === "char") base = `sa.CHAR(${type.mods[0] ?? 1})`;
  else if (type.name === "numeric") base = type.mods.length ? `sa.Numeric(${type.mods.join(", ")})` : "sa.Numeric()";
  if (!base) return undefined;
  return type.array ? `postgresql.ARRAY(${base})` : base;
}

export interface ColumnLike {
  table: string;
  /** the column to add */
  column: string;
  /** the existing column whose type it takes */
  like: string;
  /** its type, when the repository says it */
  type?: TypeRef;
  /** Alembic: the project's SQLAlchemy is 2.0 or later (undefined: its dependency files do not say) */
  sqlalchemy2?: boolean;
}

/** ADD COLUMN with the type of another column: written out when known, else copied from the table by the code. */
export function addColumnLike(framework: Framework, c: ColumnLike, dialect: SqlDialect = POSTGRESQL): string {
  const unknown = `the type of ${c.table}.${c.like} is not in the migrations or schema dump migguard read, so this copies it from the table`;
  switch (framework) {
    case "sql":
      if (c.type) return `ALTER TABLE ${dialect.ident(c.table)} ADD COLUMN ${dialect.ident(c.column)} ${c.type.text};`;
      if (dialect.mysql) return mysqlAddColumnLike(c, unknown, dialect);
      return [
        `-- ${unknown}:`,
        `DO $$ BEGIN`,
        `  EXECUTE format('ALTER TABLE ${ident(c.table).replace(/'/g, "''")} ADD COLUMN ${ident(c.column).replace(/'/g, "''")} %s', (SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '${ident(c.table).replace(/'/g, "''")}'::regclass AND attname = '${c.like.replace(/'/g, "''")}'));`,
        `END $$;`,
      ].join("\n");
    case "rails":
      if (c.type) return `add_column ${sym(c.table)}, ${sym(c.column)}, ${railsType(c.type)}`;
      return `# ${unknown}:\nadd_column ${sym(c.table)}, ${sym(c.column)}, connection.columns(${sym(c.table)}).find { |c| c.name == ${rubyString(c.like)} }.sql_type`;
    case "alembic": {
      const t = alembicTable(c.table);
      if (c.type) {
        const type = saType(c.type, c.sqlalchemy2);
        return type
          ? `op.add_column(${t.name}, sa.Column(${pythonString(c.column)}, ${type}, nullable=True)${t.schema})`
          : `op.execute(${pythonString(`ALTER TABLE ${ident(c.table)} ADD COLUMN ${ident(c.column)} ${c.type.text}`)})`;
      }
      return [
        `# ${unknown}:`,
        `existing = {col["name"]: col["type"] for col in sa.inspect(op.get_bind()).get_columns(${t.name}${t.schema})}`,
        `op.add_column(${t.name}, sa.Column(${pythonString(c.column)}, existing[${pythonString(c.like)}], nullable=True)${t.schema})`,
      ].join("\n");
    }
    case "django":
      // Django adds fields, not columns: the callers write an AddField from the field's own definition
      return `# add a field for ${c.column} with the same definition as the field of ${c.table}.${c.like}`;
  }
}

/** MySQL has no anonymous blocks: the type is read from information_schema into a prepared ALTER. */
function mysqlAddColumnLike(c: ColumnLike, unknown: string, dialect: SqlDialect): string {
  const [schema, table] = c.table.includes(".") ? c.table.split(".", 2) : [undefined, c.table];
  const quote = (text: string) => `'${text.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
  const alter = `ALTER TABLE ${dialect.ident(c.table)} ADD COLUMN ${dialect.ident(c.column)} `;
  return [
    `-- ${unknown}:`,
    `SET @column_type = (SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ${schema ? quote(schema) : "DATABASE()"} AND TABLE_NAME = ${quote(table)} AND COLUMN_NAME = ${quote(c.like)});`,
    `SET @add_column = CONCAT(${quote(alter)}, @column_type);`,
    `PREPARE add_column FROM @add_column;`,
    `EXECUTE add_column;`,
    `DEALLOCATE PREPARE add_column;`,
  ].join("\n");
}

export interface Backfill {
  table: string;
  /** the SET list, as SQL */
  assignments: string;
  /** rows still to do, as a SQL condition (it must become false once a row is done, or the loop never ends) */
  pending: string;
}

/**
 * A backfill in batches of BATCH_ROWS rows, each committed on its own, in the framework's terms: SQL gives one
 * batch to repeat; Ruby and Python loop until a batch updates nothing.
 */
export function backfillCode(framework: Framework, b: Backfill, dialect: SqlDialect = POSTGRESQL): string {
  const sql = dialect.batchedUpdate(b.table, b.assignments, b.pending);
  const oneLine = sql.replace(/;$/, "").replace(/\n/g, " ");
  switch (framework) {
    case "sql":
      return `-- one batch of ${BATCH_ROWS} rows: run it again until it updates no rows\n${sql}`;
    case "rails":
      // mysql2 runs a migration without a transaction, so each batch commits on its own there already
      return `# in batches of ${BATCH_ROWS} rows, until one updates nothing (${dialect.mysql ? "MySQL commits each" : "with disable_ddl_transaction! each commits"} on its own)\nnil until connection.exec_update(${rubyString(oneLine)}).zero?`;
    case "alembic":
      return `# in batches of ${BATCH_ROWS} rows, until one updates nothing\nwhile op.get_bind().execute(sa.text(${pythonString(oneLine)})).rowcount:\n    pass`;
    case "django":
      return [
        `def backfill_${b.table.split(".").pop()}(apps, schema_editor):`,
        `    # in batches of ${BATCH_ROWS} rows, until one updates nothing (atomic = False: each commits on its own)`,
        `    with schema_editor.connection.cursor() as cursor:`,
        `        while True:`,
        `            cursor.execute(${pythonString(oneLine)})`,
        `            if cursor.rowcount == 0:`,
        `                break`,
      ].join("\n");
  }
}

/**
 * A constant default of the column's type for fixes that need one but cannot know the value the project wants
 * (what existing rows should get): '' / 0 / false / the current time. Undefined for types with no neutral
 * value (uuid, enums, json): callers then take the nullable-backfill path instead.
 */
export function neutralDefault(framework: Framework, type: TypeRef | undefined): string | undefined {
  if (!type) return undefined;
  const sql: Record<string, string> = { text: "''", varchar: "''", char: "''", citext: "''", integer: "0", bigint: "0", smallint: "0", numeric: "0", real: "0", "double precision": "0", boolean: "false", timestamptz: "now()", timestamp: "now()", date: "CURRENT_DATE" };
  if (type.array) return { sql: "'{}'", rails: "[]", django: "list", alembic: `"{}"` }[framework];
  const value = sql[type.name];
  if (!value) return undefined;
  switch (framework) {
    case "sql":
      return value;
    case "rails":
      return value === "''" ? '""' : value === "now()" ? '-> { "CURRENT_TIMESTAMP" }' : value === "CURRENT_DATE" ? '-> { "CURRENT_DATE" }' : value;
    case "django":
      return value === "''" ? '""' : value === "false" ? "False" : value === "now()" ? "models.functions.Now()" : value === "CURRENT_DATE" ? "models.functions.Now()" : value;
    case "alembic":
      return value === "''" ? '""' : value === "false" ? 'sa.text("false")' : value === "now()" || value === "CURRENT_DATE" ? `sa.text(${JSON.stringify(value)})` : `"${value}"`;
  }
}

/** The comment that says a neutral default is a stand-in. */
export const neutralDefaultNote = (value: string, column: string, comment: "--" | "#"): string =>
  `${comment} ${value} is a stand-in: use the value existing rows should have in ${column}`;
