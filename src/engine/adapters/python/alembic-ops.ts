/**
 * Alembic operations (`op.add_column(...)`, `batch_op.alter_column(...)`) -> the shared model, as Alembic's
 * PostgreSQL implementation emits them: a column's ForeignKey / unique / index become separate, validated
 * ALTER TABLE / CREATE INDEX statements after ADD COLUMN.
 */
import type { HiddenOperation, OperationInput, ParseProblem } from "../../model.js";
import { embeddedSql } from "./embedded-sql.js";
import { lastSegment } from "./imports.js";
import { inSchema, readColumn, serverDefault, sqlalchemyType, tableName, type SaColumn } from "./sqlalchemy.js";
import { alembicForeignKeySql, alembicKeyClauses, referentOf, tableIdent } from "./alembic-foreign-key-sql.js";
import { conventionalName, DEFAULT_CONVENTION, type NamingConvention } from "./alembic-naming-convention.js";
import { QuoteUtils } from "@pgsql/quotes";
import { coreDml } from "./sqlalchemy-dml.js";
import { ddlElementSql } from "./sqlalchemy-ddl.js";
import { asBool, asList, asString, isNone, kwarg, type PyCall, type PyValue } from "./values.js";
import { checkConditionColumns, checkConstraintSql } from "./alembic-check-sql.js";
import { append } from "../../append.js";
import { UNKNOWN_NAME } from "../../unknown-name.js";

export interface OpContext {
  inTransaction: boolean;
  /** inside `with op.batch_alter_table("t") as batch_op`: the table every batch operation applies to */
  batchTable?: string;
  errors: ParseProblem[];
  notes: ParseProblem[];
  /** records an operation the code hides from a static reading (`hidden-operation`), once per line and message */
  hide: (problem: HiddenOperation) => void;
  /** what a name is bound to where the operation runs (`accounts = sa.table("accounts", ...)`) */
  bound?: (name: string) => PyValue | undefined;
  /** the table of a mapped class defined in the file (`__tablename__`) */
  modelTable?: (className: string) => string | undefined;
  /** the naming convention env.py's target_metadata gives (alembic-naming-convention.ts); SQLAlchemy's default without one */
  naming?: NamingConvention;
}

/** A name argument: a string, or `op.f("ix_name")` (a name that is already final). */
export function nameOf(value: PyValue | undefined): string | undefined {
  if (value?.kind === "call" && lastSegment(value.callee) === "f") return asString(value.args[0]);
  return asString(value);
}

/**
 * The name the database gets for a constraint or index an op.create_* call names by `nameArg` (None or absent: unnamed),
 * under env.py's naming convention (alembic-naming-convention.ts): op.f("x") is final; undefined when PostgreSQL names
 * it, or when the convention or the written name cannot be read (the call's own name then, as before).
 */
function opName(ctx: OpContext, kind: string, table: string, columns: readonly string[], nameArg: PyValue | undefined, referred?: { table: string; columns: readonly string[] }): string | undefined {
  const given = nameOf(nameArg);
  if (nameArg?.kind === "call" && lastSegment(nameArg.callee) === "f") return given;
  if (nameArg !== undefined && !isNone(nameArg) && given === undefined) return undefined;
  const named = conventionalName(ctx.naming ?? DEFAULT_CONVENTION, kind, table, columns, given, referred);
  return "name" in named ? named.name : given;
}

/**
 * Unnamed (None or absent) under a naming convention migguard could not read: the convention may name it
 * (flexmeasures' Flask-Migrate metadata makes create_foreign_key(None, ...) `%(table_name)s_%(column_0_name)s_%(referred_table_name)s_fkey`),
 * so PostgreSQL's default name would be a guess.
 */
const conventionUnread = (ctx: OpContext, nameArg: PyValue | undefined): boolean => (nameArg === undefined || isNone(nameArg)) && !!ctx.naming && "unknown" in ctx.naming;

/** A Column(index=True)'s index name: the convention's, or unknown (never PostgreSQL's own: SQLAlchemy always names it). */
const indexNameOf = (named: { name: string | undefined } | { unknown: string }): string => ("name" in named && named.name ? named.name : UNKNOWN_NAME);

const columnNames = (value: PyValue | undefined): string[] =>
  (asList(value) ?? (value ? [value] : [])).map((v) => (v.kind === "str" ? v.value : v.kind === "call" && lastSegment(v.callee) === "text" ? (asString(v.args[0]) ?? v.text) : v.kind === "call" || v.kind === "name" ? v.text : "?"));

/** Which of the keyword arguments `names` are written as a literal string or None. */
const literalKwargs = (call: PyCall, names: readonly string[]): string[] => names.filter((k) => call.kwargs.has(k) && (asString(call.kwargs.get(k)) !== undefined || isNone(call.kwargs.get(k)!)));

/** `call` without the keyword arguments `names` (the ones a reader took as positions). */
const withoutKwargs = (call: PyCall, names: readonly string[]): PyCall => ({ ...call, kwargs: new Map([...call.kwargs].filter(([k]) => !names.includes(k))) });

/** The SQL of an `sa.Column`'s `sa.ForeignKey("t.col", name=...)`, when named and its options known. */
function columnForeignKeySql(table: string, column: SaColumn): string | undefined {
  const fk = column.foreignKey;
  return fk?.column ? alembicForeignKeySql({ table, columns: [column.spec.name], referent: fk.table, referentColumns: [fk.column], call: withoutKwargs(fk.call, ["column"]) }) : undefined;
}

/** create_foreign_key's name: `constraint_name`, or `name=` as Alembic before 0.7 spelled it (pagure 317a285e04a8) */
const keyName = (call: PyCall): PyValue | undefined => kwarg(call, "constraint_name", 0) ?? call.kwargs.get("name");

/** A foreign key's referenced columns and its options as SQL clauses, or the options it computes at run time. */
function keyOptions(call: PyCall, referencesColumns: string[] | undefined): { referencesColumns?: string[]; keyClauses?: string; unreadOptions?: string[] } {
  const options = alembicKeyClauses(call);
  return { ...(referencesColumns?.length ? { referencesColumns } : {}), ...("unread" in options ? { unreadOptions: options.unread } : { keyClauses: options.clauses }) };
}

/** The arguments of op.create_table besides its Columns that add no column: constraints and indexes. */
const TABLE_ITEMS = new Set(["PrimaryKeyConstraint", "ForeignKeyConstraint", "UniqueConstraint", "CheckConstraint", "Index", "Constraint"]);

/** A create_table's `sa.ForeignKeyConstraint(["col"], ["t.col"], name=...)`: its columns, and its SQL when named, onto one table, and its options known. */
function tableForeignKey(table: string, value: PyValue): TableForeignKey | undefined {
  if (value.kind !== "call" || lastSegment(value.callee) !== "ForeignKeyConstraint") return undefined;
  const local = asList(kwarg(value, "columns", 0))?.map((c) => asString(c));
  const remote = asList(kwarg(value, "refcolumns", 1))?.map(referentOf);
  if (!local?.length || local.some((c) => !c)) return undefined;
  const columns = local as string[];
  if (!remote?.length || remote.some((r) => !r || r.table !== remote[0]!.table)) return { columns };
  const name = asString(value.kwargs.get("name"));
  return {
    columns,
    references: { table: remote[0]!.table, columns: remote.map((r) => r!.column) },
    ...(name ? { name } : {}),
    sql: alembicForeignKeySql({ table, columns, referent: remote[0]!.table, referentColumns: remote.map((r) => r!.column), call: withoutKwargs(value, ["columns", "refcolumns"]) }),
  };
}

/**
 * The UNIQUE constraints a create_table defines: `sa.UniqueConstraint("a", "b", name=...)` and `sa.Column(..., unique=True)`
 * (not with index=True: that is a unique index), each named as SQLAlchemy names it under `naming`, with the ADD CONSTRAINT
 * the schema history keeps (no name written: PostgreSQL's own); a name the convention leaves unknown keeps no SQL.
 */
function tableUniques(table: string, args: readonly PyValue[], columns: readonly SaColumn[], naming: NamingConvention): Array<{ type: "unique"; columns: string[]; name?: string; sql?: string }> {
  const named: Array<{ columns: string[]; name: ReturnType<typeof conventionalName> }> = [];
  for (const arg of args) {
    if (arg.kind !== "call" || lastSegment(arg.callee) !== "UniqueConstraint") continue;
    const on = arg.args.map((a) => asString(a));
    if (!on.length || on.some((c) => c === undefined)) continue;
    const name = arg.kwargs.get("name");
    const given = name === undefined || isNone(name) ? undefined : nameOf(name);
    named.push({
      columns: on as string[],
      name:
        name !== undefined && !isNone(name) && given === undefined
          ? { unknown: "its name is computed" }
          : // op.f("uq_x"): a name the convention does not touch
            name?.kind === "call" && lastSegment(name.callee) === "f"
            ? { name: given }
            : conventionalName(naming, "uq", table, on as string[], given),
    });
  }
  for (const c of columns) if (c.spec.unique && !c.index) named.push({ columns: [c.spec.name], name: conventionalName(naming, "uq", table, [c.spec.name]) });
  const relation = tableIdent(table);
  return named.map(({ columns: on, name }) => {
    const list = on.map((c) => QuoteUtils.quoteIdentifier(c)).join(", ");
    if ("unknown" in name) return { type: "unique" as const, columns: on };
    return name.name
      ? { type: "unique" as const, columns: on, name: name.name, sql: `ALTER TABLE ${relation} ADD CONSTRAINT ${QuoteUtils.quoteIdentifier(name.name)} UNIQUE (${list});` }
      : { type: "unique" as const, columns: on, sql: `ALTER TABLE ${relation} ADD UNIQUE (${list});` };
  });
}

interface TableForeignKey {
  columns: string[];
  sql?: string;
  name?: string;
  references?: { table: string; columns: string[] };
}

/**
 * The operations of one `op.<name>(...)` call. Positional arguments shift by one inside a batch block,
 * where the table is implicit.
 */
export function alembicOperation(name: string, call: PyCall, ctx: OpContext): OperationInput[] {
  const base = { loc: call.loc, text: call.text, inTransaction: ctx.inTransaction };
  const batch = ctx.batchTable !== undefined;
  // position of an argument that follows the table argument outside a batch
  const at = (outside: number) => (batch ? outside - 1 : outside);
  const table = (key: string, position: number) => ctx.batchTable ?? inSchema(nameOf(kwarg(call, key, position)), call) ?? "?";
  const arg = (key: string, position: number) => kwarg(call, key, at(position));
  switch (name) {
    case "add_column": {
      const t = table("table_name", 0);
      const column = readColumn(arg("column", 1));
      if (!column) return note(ctx, call, "the column is not an sa.Column(...) migguard can read");
      const ops: OperationInput[] = [{ ...base, kind: "add_column", table: t, column: column.spec, ifNotExists: asBool(call.kwargs.get("if_not_exists")) ?? false }];
      if (column.foreignKey)
        ops.push({ ...base, kind: "add_constraint", table: t, constraint: "foreign_key", columns: [column.spec.name], referencesTable: column.foreignKey.table, ...keyOptions(column.foreignKey.call, column.foreignKey.column ? [column.foreignKey.column] : undefined), sql: columnForeignKeySql(t, column) });
      if (column.spec.unique) {
        ops[0] = { ...base, kind: "add_column", table: t, column: { ...column.spec, unique: false } };
        ops.push({ ...base, kind: "add_constraint", table: t, constraint: "unique", columns: [column.spec.name] });
      }
      // SQLAlchemy names it by the "ix" template of env.py's naming convention, by default ix_<table>_<column> (the
      // column's label: `<schema>_<table>_<column>` for a table in a schema); unknown under a convention not read
      if (column.index) {
        const named = conventionalName(ctx.naming ?? DEFAULT_CONVENTION, "ix", t, [column.spec.name]);
        ops.push({ ...base, kind: "add_index", table: t, columns: [column.spec.name], name: indexNameOf(named) });
      }
      return ops;
    }
    case "drop_column":
      return [{ ...base, kind: "drop_column", table: table("table_name", 0), column: nameOf(arg("column_name", 1)) ?? "?" }];
    case "alter_column": {
      const t = table("table_name", 0);
      const column = nameOf(arg("column_name", 1)) ?? "?";
      const ops: OperationInput[] = [];
      const nullable = asBool(call.kwargs.get("nullable"));
      if (nullable === false) ops.push({ ...base, kind: "set_not_null", table: t, column });
      if (nullable === true) {
        // existing_nullable= states what the column was: False, NOT NULL (True: it was nullable already)
        const existing = asBool(call.kwargs.get("existing_nullable"));
        ops.push({ ...base, kind: "drop_not_null", table: t, column, ...(existing === undefined ? {} : { wasNotNull: !existing }) });
      }
      if (call.kwargs.has("server_default")) {
        const value = call.kwargs.get("server_default");
        const dflt = serverDefault(value);
        if (value?.kind === "bool" && value.value === false) {
          // server_default=False means "unchanged" in Alembic
        } else if (dflt) ops.push({ ...base, kind: "set_default", table: t, column, default: dflt });
        else ops.push({ ...base, kind: "drop_default", table: t, column });
      }
      if (call.kwargs.has("type_")) {
        const type = sqlalchemyType(call.kwargs.get("type_"));
        const using = asString(call.kwargs.get("postgresql_using"));
        if (type) ops.push({ ...base, kind: "alter_column_type", table: t, column, type, fromType: sqlalchemyType(call.kwargs.get("existing_type")), using });
        else ctx.notes.push({ line: call.loc.line, message: `alter_column: the new type of ${t}.${column} is not one migguard knows, so the type change was not checked` });
      }
      const newName = nameOf(call.kwargs.get("new_column_name"));
      if (newName) ops.push({ ...base, kind: "rename_column", table: t, column, newName });
      return ops;
    }
    case "create_table": {
      const t = inSchema(nameOf(kwarg(call, "table_name", 0)), call) ?? "?";
      const columns = call.args.slice(1).map(readColumn).filter((c) => c !== undefined);
      // sa.PrimaryKeyConstraint("id", name="pk_t"): the key the table's rows are found by (backups keep it)
      const constraints = call.args
        .slice(1)
        .flatMap((a) => (a.kind === "call" && lastSegment(a.callee) === "PrimaryKeyConstraint" ? [{ type: "primary_key" as const, columns: a.args.flatMap((c) => asString(c) ?? []) }] : []))
        .filter((c) => c.columns.length > 0);
      // the foreign keys named in the migration, as the SQL SQLAlchemy emits (what the schema history keeps of them)
      // (and the unnamed ones with what they reference: a downgrade that creates the table again needs them too)
      const columnKeys = columns.flatMap((c): TableForeignKey[] => (c.foreignKey ? [{ columns: [c.spec.name], sql: columnForeignKeySql(t, c), ...(c.foreignKey.column ? { references: { table: c.foreignKey.table, columns: [c.foreignKey.column] } } : {}) }] : []));
      const foreignKeys = [...columnKeys, ...call.args.slice(1).flatMap((a) => tableForeignKey(t, a) ?? [])].flatMap(({ columns: on, sql, name, references }) =>
        sql || references ? [{ type: "foreign_key" as const, columns: on, ...(sql ? { sql } : {}), ...(name ? { name } : {}), ...(references ? { references } : {}) }] : [],
      );
      const naming = ctx.naming ?? DEFAULT_CONVENTION;
      const uniques = tableUniques(t, call.args.slice(1), columns, naming);
      // an argument that is no Column or table constraint this reader follows (a helper's *columns, a project's Column
      // factory): the table may have columns not listed
      const columnsUnread = call.splat || call.args.slice(1).some((a) => a.kind !== "call" || (lastSegment(a.callee) === "Column" ? readColumn(a) === undefined : !TABLE_ITEMS.has(lastSegment(a.callee) ?? "")));
      const createsTypes = [...new Set(columns.flatMap((c) => c.createsType ?? []))];
      const ops: OperationInput[] = [{ ...base, kind: "create_table", table: t, columns: columns.map((c) => c.spec), constraints: [...constraints, ...foreignKeys, ...uniques], ifNotExists: asBool(call.kwargs.get("if_not_exists")) ?? false, ...(columnsUnread ? { columnsUnread: true } : {}), ...(createsTypes.length ? { createsTypes } : {}) }];
      // Column(index=True): SQLAlchemy's Index(None, column), UNIQUE with unique=True (then no UNIQUE constraint), named by the "ix" template
      for (const c of columns) {
        if (!c.index) continue;
        const named = conventionalName(naming, "ix", t, [c.spec.name]);
        ops.push({ ...base, kind: "add_index", table: t, columns: [c.spec.name], unique: c.spec.unique, name: indexNameOf(named) });
      }
      return ops;
    }
    case "drop_table":
      return [{ ...base, kind: "drop_table", tables: [inSchema(nameOf(kwarg(call, "table_name", 0)), call) ?? "?"], ifExists: asBool(call.kwargs.get("if_exists")) ?? false }];
    case "rename_table":
      // ALTER TABLE s.old RENAME TO new: the table stays in its schema, and SQL's RENAME names it unqualified
      return [{ ...base, kind: "rename_table", table: inSchema(nameOf(kwarg(call, "old_table_name", 0)), call) ?? "?", newName: nameOf(kwarg(call, "new_table_name", 1)) ?? "?" }];
    case "create_index": {
      // create_index(index_name, table_name, columns, ...) / batch: create_index(index_name, columns, ...)
      const t = batch ? ctx.batchTable! : (inSchema(nameOf(kwarg(call, "table_name", 1)), call) ?? "?");
      const columns = columnNames(kwarg(call, "columns", batch ? 1 : 2));
      // create_index(None, ...): the "ix" template names it (plain column names only: an expression has no label)
      const written = kwarg(call, "index_name", 0);
      // under a convention not read the name is unknown (SQLAlchemy always names an index: never PostgreSQL's own)
      const indexName = written === undefined || isNone(written) ? (conventionUnread(ctx, written) ? UNKNOWN_NAME : columns.every((c) => /^\w+$/.test(c)) ? opName(ctx, "ix", t, columns, written) : undefined) : nameOf(written);
      return [
        {
          ...base,
          kind: "add_index",
          table: t,
          name: indexName,
          columns,
          unique: asBool(call.kwargs.get("unique")) ?? false,
          concurrently: asBool(call.kwargs.get("postgresql_concurrently")) ?? false,
          ...runTimeConcurrently(call),
          ifNotExists: asBool(call.kwargs.get("if_not_exists")) ?? false,
          partial: call.kwargs.has("postgresql_where"),
          method: asString(call.kwargs.get("postgresql_using")),
        },
      ];
    }
    case "drop_index": {
      const indexName = nameOf(kwarg(call, "index_name", 0));
      const t = batch ? ctx.batchTable : inSchema(nameOf(kwarg(call, "table_name", 1)), call);
      return [
        {
          ...base,
          kind: "drop_index",
          names: indexName ? [indexName] : [],
          table: t,
          concurrently: asBool(call.kwargs.get("postgresql_concurrently")) ?? false,
          ...runTimeConcurrently(call),
          ifExists: asBool(call.kwargs.get("if_exists")) ?? false,
        },
      ];
    }
    case "create_foreign_key": {
      // create_foreign_key(name, source_table, referent_table, local_cols, remote_cols) / batch: (name, referent_table, local_cols, remote_cols)
      const t = batch ? ctx.batchTable! : (inSchema(nameOf(kwarg(call, "source_table", 1)), call, "source_schema") ?? "?");
      const referent = inSchema(nameOf(kwarg(call, "referent_table", batch ? 1 : 2)), call, "referent_schema");
      const local = columnNames(kwarg(call, "local_cols", batch ? 2 : 3));
      // create_foreign_key(None, ...) under env.py's "fk" template (bitcart's %(table_name)s_%(column_0_name)s_%(referred_table_name)s_fkey)
      const fkName = referent ? opName(ctx, "fk", t, local, keyName(call), { table: referent, columns: columnNames(kwarg(call, "remote_cols", batch ? 3 : 4)) }) : nameOf(keyName(call));
      return [
        {
          ...base,
          kind: "add_constraint",
          table: t,
          name: fkName,
          constraint: "foreign_key",
          ...(conventionUnread(ctx, keyName(call)) ? { nameUnknown: true } : {}),
          columns: columnNames(kwarg(call, "local_cols", batch ? 2 : 3)),
          referencesTable: referent,
          ...keyOptions(call, columnNames(kwarg(call, "remote_cols", batch ? 3 : 4))),
          notValid: asBool(call.kwargs.get("postgresql_not_valid")) ?? false,
          sql: referent
            ? alembicForeignKeySql({
                table: t,
                columns: columnNames(kwarg(call, "local_cols", batch ? 2 : 3)),
                referent,
                referentColumns: columnNames(kwarg(call, "remote_cols", batch ? 3 : 4)),
                name: keyName(call),
                conventional: fkName,
                // a schema the table names carry now; one set at run time stays, and the SQL is then not written
                call: withoutKwargs(call, ["constraint_name", "source_table", "referent_table", "local_cols", "remote_cols", ...literalKwargs(call, batch ? ["referent_schema"] : ["source_schema", "referent_schema"])]),
              })
            : undefined,
        },
      ];
    }
    case "create_unique_constraint":
    case "create_primary_key": {
      const t = batch ? ctx.batchTable! : (inSchema(nameOf(kwarg(call, "table_name", 1)), call) ?? "?");
      const columns = columnNames(kwarg(call, "columns", batch ? 1 : 2));
      return [
        {
          ...base,
          kind: "add_constraint",
          table: t,
          // None: the "uq" / "pk" template of env.py's naming convention names it, else PostgreSQL
          name: opName(ctx, name === "create_unique_constraint" ? "uq" : "pk", t, columns, kwarg(call, "constraint_name", 0)),
          constraint: name === "create_unique_constraint" ? "unique" : "primary_key",
          ...(conventionUnread(ctx, kwarg(call, "constraint_name", 0)) ? { nameUnknown: true } : {}),
          columns,
        },
      ];
    }
    case "create_check_constraint": {
      const table = nameOf(kwarg(call, "table_name", 1));
      const qualified = inSchema(table, call);
      const t = batch ? ctx.batchTable! : (qualified ?? "?");
      // the columns its condition reads, as a SQL CHECK's: what PostgreSQL names an unnamed one by
      const columns = checkConditionColumns(kwarg(call, "condition", batch ? 1 : 2));
      const written = kwarg(call, "constraint_name", 0);
      // None: the "ck" template names it (one with %(constraint_name)s cannot: unknown), else PostgreSQL
      const name = written === undefined || isNone(written) ? opName(ctx, "ck", t, columns ?? [], written) : nameOf(written);
      const notValid = asBool(call.kwargs.get("postgresql_not_valid")) ?? false;
      const sql = name && table && qualified && !batch ? checkConstraintSql(qualified, name, kwarg(call, "condition", 2)) : undefined;
      return [{ ...base, kind: "add_constraint", table: t, name, constraint: "check", notValid, ...(columns?.length ? { columns } : {}), ...(sql ? { sql } : {}), ...(conventionUnread(ctx, written) ? { nameUnknown: true } : {}) }];
    }
    case "create_exclude_constraint":
      return [{ ...base, kind: "add_constraint", table: batch ? ctx.batchTable! : (inSchema(nameOf(kwarg(call, "table_name", 1)), call) ?? "?"), name: nameOf(kwarg(call, "constraint_name", 0)), constraint: "exclusion" }];
    case "drop_constraint": {
      const t = batch ? ctx.batchTable! : (inSchema(nameOf(kwarg(call, "table_name", 1)), call) ?? "?");
      return [{ ...base, kind: "drop_constraint", table: t, name: nameOf(kwarg(call, "constraint_name", 0)), ifExists: asBool(call.kwargs.get("if_exists")) ?? false }];
    }
    case "execute":
      // op.execute(sqltext, execution_options): no parameters, so `%` reaches PostgreSQL as written
      return executeOperations(kwarg(call, "sqltext", 0), call, ctx);
    case "bulk_insert": {
      const target = kwarg(call, "table", 0);
      return [{ ...base, kind: "dml", verb: "insert", table: tableName(target), viaCode: true }];
    }
    case "create_table_comment":
    case "drop_table_comment":
    case "get_bind":
    case "get_context":
    case "f":
    case "inline_literal":
    case "invoke":
    case "implementation_for":
    case "register_operation":
      return [];
    default:
      return note(ctx, call, `op.${name} is not an Alembic operation migguard interprets`);
  }
}

function note(ctx: OpContext, call: PyCall, message: string): OperationInput[] {
  ctx.notes.push({ line: call.loc.line, message: `${message}: it was not checked` });
  return [];
}

/**
 * op.execute / connection.execute: a SQL string or `sa.text(...)` goes through PostgreSQL's parser; a SQLAlchemy
 * construct (`sa.update(t).where(...)`, `t.delete()`, `sa.delete(User)`) is a DML statement on the table it names.
 */
export function executeOperations(sql: PyValue | undefined, call: PyCall, ctx: OpContext, options: { params?: boolean } = {}): OperationInput[] {
  if (!sql) return [];
  // a DDL element with literal arguments (DropSequence(Sequence("s"))) is the SQL SQLAlchemy compiles it to
  const ddl = ddlElementSql(sql);
  const clause = textClause(sql);
  const text: PyValue | undefined = ddl
    ? { kind: "str", value: ddl, loc: sql.loc, pieces: [{ text: ddl, line: sql.loc.line }], unresolved: false }
    : clause.kind === "call" && /^(text|literal_column)$/.test(lastSegment(clause.callee))
      ? clause.args[0]
      : sql;
  const dml = text?.kind === "str" ? undefined : coreDml(sql, ctx);
  if (dml) return [{ loc: call.loc, text: call.text, inTransaction: ctx.inTransaction, kind: "dml", ...dml, viaCode: true }];
  // a SQLAlchemy construct (sa.select(...), t.insert().values(...)) is code migguard reads elsewhere, not SQL text
  if (text?.kind !== "str" && isConstruct(sql)) {
    ctx.notes.push({ line: call.loc.line, message: "execute: the statement is a SQLAlchemy construct migguard does not read, so it was not checked" });
    return [];
  }
  // a plain string sent with parameters goes to the DB-API driver (psycopg2), which fills `%s` / `%(name)s`;
  // sa.text() binds `:name` itself (the placeholder module reads those) and escapes `%`
  const params = options.params === true && text === sql;
  const result = embeddedSql(text ?? sql, { inTransaction: ctx.inTransaction, what: "execute", params, hostCall: call.text });
  append(ctx.errors, result.errors);
  append(ctx.notes, result.notes);
  for (const problem of result.hidden) ctx.hide(problem);
  return result.ops;
}

/**
 * `sa.text(sql)` under the calls that only bind its `:name` values or type its result columns
 * (`sa.text("UPDATE users SET rating = 0 WHERE id = :id").bindparams(id=1)`, `.columns(...)`): the text clause, whose
 * SQL runs as written; any other value as it is.
 */
function textClause(value: PyValue): PyValue {
  let v: PyValue | undefined = value;
  while (v?.kind === "call" && TEXT_BINDINGS.has(lastSegment(v.callee))) v = v.receiver;
  return v?.kind === "call" && lastSegment(v.callee) === "text" ? v : value;
}

const TEXT_BINDINGS = new Set(["bindparams", "columns"]);

/**
 * Whether `connection.execute(statement, parameters)` / `exec_driver_sql(...)` is given parameters: a second
 * argument that is not None, `parameters=`, or SQLAlchemy 1.x's keyword parameters (`execute(sql, id=1)`).
 */
export function executeHasParams(call: PyCall): boolean {
  const second = call.args[1] ?? call.kwargs.get("parameters");
  if (second !== undefined && !isNone(second)) return true;
  for (const key of call.kwargs.keys()) if (key !== "statement" && key !== "parameters" && key !== "execution_options") return true;
  return call.splat;
}

/** SQLAlchemy's statement builders: `sa.select(t)`, `t.update().where(...)`, `sa.insert(t).values(...)`. */
const BUILDERS = new Set(["select", "insert", "update", "delete", "values", "where", "filter", "filter_by", "returning", "union", "union_all", "join", "outerjoin", "order_by", "group_by", "limit", "offset", "with_only_columns", "execution_options", "bindparams", "columns", "from_select", "on_conflict_do_nothing", "on_conflict_do_update", "cte", "subquery", "alias", "select_from", "distinct"]);

function isConstruct(value: PyValue): boolean {
  for (let v: PyValue | undefined = value; v?.kind === "call"; v = v.receiver) if (BUILDERS.has(lastSegment(v.callee))) return true;
  return false;
}

/**
 * `postgresql_concurrently=<expression>` known only at run time (a name, a call, an attribute: phoenix's
 * `concurrently = _use_concurrently()`, an opt-in environment variable): the expression as written, so rules can say
 * the build is CONCURRENTLY only when it is true. A literal (True, False, None) says it all already.
 */
function runTimeConcurrently(call: PyCall): { concurrentlyWhen?: string } {
  const value = call.kwargs.get("postgresql_concurrently");
  if (!value || (value.kind !== "name" && value.kind !== "unknown" && value.kind !== "call")) return {};
  return { concurrentlyWhen: value.text };
}
