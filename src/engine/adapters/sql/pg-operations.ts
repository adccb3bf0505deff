/**
 * libpg-query AST -> normalised operations of the shared model.
 * One statement may yield several operations (ALTER TABLE with several subcommands); every one keeps
 * the statement's lines. Statements the model does not interpret become `raw` operations.
 */
import { QuoteUtils } from "@pgsql/quotes";
import type { ColumnSpec, ConstraintType, DefaultValue, ObjectType, OperationInput, TypeRef } from "../../model.js";
import { isVolatileFunction, SERIAL_TYPES, typeRef } from "../../types.js";
import { deparser, type ParsedStatement, type PgNode } from "./pg-parser.js";
import { repeatedInsert, repeatedUpdate } from "./repeated-data-change.js";
import { columnsKeptBySet } from "./value-keeping-set.js";
import { columnsEmptiedOfValues } from "./value-removing-where.js";
import { columnsNullSkippedIn, columnsOnlyNullIn } from "./null-rows-where.js";
import { constantsSetBy, whereOnlyNullTests } from "./constant-set.js";
import { alterTableSubcommandLock } from "../../rules/support/lock-modes.js";
import { selectWrites, WRITING_NODES } from "./read-only-select.js";
import { hypertableCreatedBy, timescaleOption } from "./hypertables.js";
import { convertedColumns, mappedColumns } from "./converted-columns.js";
import { selectCopies } from "./select-copies.js";
import { catalogRead } from "./catalog-reads.js";

type Loose = PgNode | undefined;

/** The single key of a wrapper node: `{ IndexStmt: {...} }` -> ["IndexStmt", {...}] */
/** libpg-query's action codes of ON DELETE / ON UPDATE ("a", NO ACTION, is the default and is not written) */
const KEY_ACTIONS: Record<string, string> = { r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT" };

/** A foreign key's referenced columns and its clauses after REFERENCES, as a fix that adds it again writes them. */
function foreignKeyOptions(c: PgNode): { referencesColumns?: string[]; keyClauses?: string; unreadOptions?: string[] } {
  const referencesColumns = ((c.pk_attrs ?? []) as Loose[]).map(str).filter(Boolean) as string[];
  const clauses = [
    c.fk_matchtype === "f" ? "MATCH FULL" : c.fk_matchtype === "p" ? "MATCH PARTIAL" : "",
    KEY_ACTIONS[c.fk_del_action] ? `ON DELETE ${KEY_ACTIONS[c.fk_del_action]}` : "",
    KEY_ACTIONS[c.fk_upd_action] ? `ON UPDATE ${KEY_ACTIONS[c.fk_upd_action]}` : "",
    c.deferrable ? "DEFERRABLE" : "",
    c.initdeferred ? "INITIALLY DEFERRED" : "",
  ].filter(Boolean);
  // ON DELETE SET NULL (col, ...) (PostgreSQL 15): the statement as written carries it
  const unread = c.fk_del_set_cols?.length ? { unreadOptions: ["ON DELETE SET NULL (columns)"] } : { keyClauses: clauses.join(" ") };
  return { ...(referencesColumns.length ? { referencesColumns } : {}), ...unread };
}

export function unwrap(node: Loose): [string, PgNode] | undefined {
  if (!node || typeof node !== "object") return undefined;
  const key = Object.keys(node)[0];
  return key ? [key, node[key]] : undefined;
}

const str = (node: Loose): string | undefined => node?.String?.sval ?? node?.sval;

export function rangeVarName(rv: Loose): string {
  if (!rv) return "";
  return rv.schemaname ? `${rv.schemaname}.${rv.relname}` : (rv.relname ?? "");
}

/** A range partition's FOR VALUES FROM bound of one column, as the string constant written (under a cast too). */
function rangeFromOf(bound: Loose): string | undefined {
  if (bound?.strategy !== "r" || bound.lowerdatums?.length !== 1) return undefined;
  const datum: Loose = bound.lowerdatums[0];
  const constant: Loose = datum?.A_Const ?? datum?.TypeCast?.arg?.A_Const;
  return typeof constant?.sval?.sval === "string" ? constant.sval.sval : undefined;
}

/** A qualified name given as a list of String nodes. */
const qualifiedName = (list: Loose[] | undefined): string => (list ?? []).map(str).filter(Boolean).join(".");

/** The name PostgreSQL gives a serial or identity column's sequence: `<table>_<column>_seq`. */
const isSequenceName = (name: string | undefined): boolean => name !== undefined && /_[a-z0-9]+_seq$/i.test(name.split(".").pop() ?? "");

function deparse(node: Loose): string {
  if (!node) return "";
  const Deparser = deparser(); // outside the try: a parser that was never loaded is a bug, not an empty expression
  try {
    return Deparser.deparse(node as never);
  } catch {
    return "";
  }
}

export function typeOf(typeName: Loose): TypeRef | undefined {
  if (!typeName?.names) return undefined;
  const names: string[] = typeName.names.map(str).filter(Boolean);
  const last = names[names.length - 1] ?? "";
  const base = names.length > 1 && names[0] !== "pg_catalog" ? names.join(".") : last;
  const mods: number[] = (typeName.typmods ?? [])
    .map((m: PgNode) => m?.A_Const?.ival?.ival ?? (m?.A_Const?.ival ? 0 : undefined))
    .filter((n: unknown): n is number => typeof n === "number");
  // "interval" typmods are field masks, not sizes
  const ref = typeRef(base, last === "interval" ? [] : mods, Array.isArray(typeName.arrayBounds));
  // a type named with quotes ("MyEnum") is spelt in fixes as PostgreSQL needs it, not lower-cased into another name
  const spelt = names.filter((n, i) => !(i === 0 && n === "pg_catalog")).map((n) => QuoteUtils.quoteIdentifier(n));
  if (names[0] === "pg_catalog" || spelt.join(".") === names.join(".")) return ref;
  return { ...ref, text: `${spelt.join(".")}${ref.mods.length ? `(${ref.mods.join(",")})` : ""}${ref.array ? "[]" : ""}` };
}

/** Depth-first over every object of the AST; `enter` returns false to skip a node's children. */
function walk(node: unknown, enter: (record: PgNode) => boolean | void): void {
  if (!node || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const item of node) walk(item, enter);
    return;
  }
  if (enter(node as PgNode) === false) return;
  for (const key in node as PgNode) {
    const value = (node as PgNode)[key];
    if (value && typeof value === "object") walk(value, enter);
  }
}

/** Does the expression call a volatile function (evaluated per row)? Unknown functions count as volatile. */
export function expressionIsVolatile(expr: Loose): boolean {
  let volatile = false;
  walk(expr, (record) => {
    if (volatile) return false;
    if (record.FuncCall && isVolatileFunction(qualifiedName(record.FuncCall.funcname))) volatile = true;
  });
  return volatile;
}

function defaultValue(expr: Loose): DefaultValue {
  return { expr: deparse(expr), volatile: expressionIsVolatile(expr) };
}

/** ALTER TABLE subcommands that rewrite the whole table, as written in SQL. */
const REWRITING_SUBCOMMANDS: Record<string, string> = {
  AT_SetTableSpace: "SET TABLESPACE",
  AT_SetLogged: "SET LOGGED",
  AT_SetUnLogged: "SET UNLOGGED",
  AT_SetAccessMethod: "SET ACCESS METHOD",
};

const CONSTRAINT_TYPES: Record<string, ConstraintType | undefined> = {
  CONSTR_FOREIGN: "foreign_key",
  CONSTR_CHECK: "check",
  CONSTR_UNIQUE: "unique",
  CONSTR_PRIMARY: "primary_key",
  CONSTR_EXCLUSION: "exclusion",
  CONSTR_NOTNULL: "not_null",
};

export function columnSpec(def: PgNode): ColumnSpec {
  const rawType = def.typeName?.names?.map(str) ?? [];
  const typeName = rawType[rawType.length - 1] ?? "";
  const spec: ColumnSpec = {
    name: def.colname ?? "",
    type: typeOf(def.typeName),
    notNull: false,
    primaryKey: false,
    unique: false,
    check: false,
    serial: SERIAL_TYPES.has(String(typeName).toLowerCase()),
  };
  for (const wrapped of def.constraints ?? []) {
    const c = wrapped.Constraint;
    if (!c) continue;
    switch (c.contype) {
      case "CONSTR_NOTNULL":
        spec.notNull = true;
        break;
      case "CONSTR_DEFAULT":
        spec.default = defaultValue(c.raw_expr);
        break;
      case "CONSTR_PRIMARY":
        spec.primaryKey = true;
        spec.notNull = true;
        break;
      case "CONSTR_UNIQUE":
        spec.unique = true;
        break;
      case "CONSTR_CHECK":
        spec.check = true;
        break;
      case "CONSTR_FOREIGN":
        spec.references = { table: rangeVarName(c.pktable), column: str(c.pk_attrs?.[0]), notValid: Boolean(c.skip_validation) };
        break;
      case "CONSTR_GENERATED":
        spec.generated = c.generated_kind === "v" ? "virtual" : "stored";
        if (c.raw_expr) spec.generatedExpr = deparse(c.raw_expr) || undefined;
        break;
      case "CONSTR_IDENTITY":
        spec.generated = "identity";
        spec.notNull = true;
        break;
    }
  }
  return spec;
}

/** Tables and columns a SELECT/INSERT/UPDATE expression reads, to recognise a backup made before a drop. */
function sourcesOf(node: unknown): { tables: string[]; columns: string[] } {
  const tables = new Set<string>();
  const columns = new Set<string>();
  walk(node, (record) => {
    if (record.RangeVar) tables.add(rangeVarName(record.RangeVar));
    if (record.ColumnRef) {
      const fields = record.ColumnRef.fields ?? [];
      const last = fields[fields.length - 1];
      if (last?.A_Star) columns.add("*");
      else if (str(last)) columns.add(str(last)!);
      return false;
    }
  });
  return { tables: [...tables], columns: [...columns] };
}

/**
 * A table a query makes (CREATE TABLE x AS SELECT ..., SELECT ... INTO x): the table it reads first and, when it
 * reads one table (a join's columns may be any of its tables'), the columns its select list copies (column-copies.ts).
 */
function madeFromQuery(query: Loose): { asSelect: true; copiedFrom: string | undefined; copiedColumns?: string[] } {
  const read = relationsOf(query);
  const copied = read.length === 1 ? sourcesOf(query?.SelectStmt?.targetList).columns : [];
  return { asSelect: true, copiedFrom: read[0], ...(copied.length ? { copiedColumns: copied } : {}) };
}

/**
 * Relations a query reads in its FROM clauses (through joins, subqueries in FROM, set operations and CTEs),
 * without walking its expressions: views can be thousands of nodes, and only the FROM tree matters to
 * what a DROP ... CASCADE takes along.
 */
export function relationsOf(query: Loose): string[] {
  const out = new Set<string>();
  const fromItem = (item: Loose): void => {
    if (!item) return;
    if (item.RangeVar) out.add(rangeVarName(item.RangeVar));
    else if (item.JoinExpr) {
      fromItem(item.JoinExpr.larg);
      fromItem(item.JoinExpr.rarg);
    } else if (item.RangeSubselect) select(item.RangeSubselect.subquery);
  };
  const select = (node: Loose): void => {
    const s = node?.SelectStmt;
    if (!s) return;
    for (const cte of s.withClause?.ctes ?? []) select(cte?.CommonTableExpr?.ctequery);
    for (const item of s.fromClause ?? []) fromItem(item);
    select(s.larg ? { SelectStmt: s.larg } : undefined);
    select(s.rarg ? { SelectStmt: s.rarg } : undefined);
  };
  select(query);
  return [...out];
}

const OBJECT_TYPES: Record<string, ObjectType> = {
  OBJECT_VIEW: "view",
  OBJECT_MATVIEW: "materialized_view",
  OBJECT_FUNCTION: "function",
  OBJECT_PROCEDURE: "procedure",
  OBJECT_ROUTINE: "function",
  OBJECT_AGGREGATE: "function",
  OBJECT_TRIGGER: "trigger",
  OBJECT_SEQUENCE: "sequence",
  OBJECT_EXTENSION: "extension",
  OBJECT_SCHEMA: "schema",
  OBJECT_TYPE: "type",
  OBJECT_DOMAIN: "domain",
  OBJECT_POLICY: "policy",
  OBJECT_RULE: "rule",
  OBJECT_DATABASE: "database",
  OBJECT_ROLE: "role",
  OBJECT_PUBLICATION: "publication",
  OBJECT_COLLATION: "collation",
};

/** Names of the objects of a DROP statement, whatever form the parser gives them in (`schema.table` when qualified). */
export function dropNames(objects: PgNode[] | undefined): string[] {
  const names: string[] = [];
  for (const object of objects ?? []) {
    if (object.List) {
      const parts: string[] = object.List.items.map(str).filter(Boolean);
      names.push(parts.join("."));
    } else if (object.ObjectWithArgs) names.push(qualifiedName(object.ObjectWithArgs.objname));
    else if (object.TypeName) names.push(qualifiedName(object.TypeName.names));
    else if (str(object)) names.push(str(object)!);
  }
  return names;
}

const LOCK_MODES = [
  "",
  "ACCESS SHARE",
  "ROW SHARE",
  "ROW EXCLUSIVE",
  "SHARE UPDATE EXCLUSIVE",
  "SHARE",
  "SHARE ROW EXCLUSIVE",
  "EXCLUSIVE",
  "ACCESS EXCLUSIVE",
];

const defElemNames = (options: PgNode[] | undefined): string[] =>
  (options ?? []).map((o) => String(o?.DefElem?.defname ?? "").toLowerCase());

type Base = { loc: { line: number; endLine: number }; text: string; inTransaction: boolean };

function alterTableOps(stmt: PgNode, base: Base): OperationInput[] {
  const table = rangeVarName(stmt.relation);
  if (stmt.objtype && stmt.objtype !== "OBJECT_TABLE" && stmt.objtype !== "OBJECT_FOREIGN_TABLE") {
    return [{ kind: "raw", ...base, statement: `ALTER ${String(stmt.objtype).replace("OBJECT_", "")}`, table }];
  }
  const ops: OperationInput[] = [];
  for (const wrapped of stmt.cmds ?? []) {
    const cmd = wrapped.AlterTableCmd;
    if (!cmd) continue;
    const column = cmd.name as string | undefined;
    switch (cmd.subtype) {
      case "AT_AddColumn":
        ops.push({ kind: "add_column", ...base, table, column: columnSpec(cmd.def.ColumnDef), ifNotExists: Boolean(cmd.missing_ok) });
        break;
      case "AT_DropColumn":
        ops.push({ kind: "drop_column", ...base, table, column: column ?? "", ifExists: Boolean(cmd.missing_ok), cascade: cmd.behavior === "DROP_CASCADE" });
        break;
      case "AT_AlterColumnType": {
        const def = cmd.def?.ColumnDef ?? {};
        const type = typeOf(def.typeName) ?? typeRef("unknown");
        ops.push({ kind: "alter_column_type", ...base, table, column: column ?? "", type, using: def.raw_default ? deparse(def.raw_default) : undefined });
        break;
      }
      case "AT_SetNotNull":
        ops.push({ kind: "set_not_null", ...base, table, column: column ?? "" });
        break;
      case "AT_DropNotNull":
        ops.push({ kind: "drop_not_null", ...base, table, column: column ?? "" });
        break;
      case "AT_ColumnDefault":
        if (cmd.def) ops.push({ kind: "set_default", ...base, table, column: column ?? "", default: defaultValue(cmd.def) });
        else ops.push({ kind: "drop_default", ...base, table, column: column ?? "" });
        break;
      case "AT_AddConstraint": {
        const c = cmd.def?.Constraint ?? {};
        const type = CONSTRAINT_TYPES[c.contype];
        if (!type) {
          ops.push({ kind: "raw", ...base, statement: "ALTER TABLE ADD CONSTRAINT", table, lockMode: "ACCESS EXCLUSIVE" });
          break;
        }
        const keyColumns: string[] = [...(c.keys ?? []), ...(c.fk_attrs ?? [])].map(str).filter(Boolean) as string[];
        // a CHECK names no key columns: the ones its expression reads stand in
        const columns = keyColumns.length ? keyColumns : sourcesOf(c.raw_expr).columns.filter((col) => col !== "*");
        ops.push({
          kind: "add_constraint",
          ...base,
          table,
          name: c.conname,
          constraint: type,
          columns,
          referencesTable: c.pktable ? rangeVarName(c.pktable) : undefined,
          ...(c.pktable ? foreignKeyOptions(c) : {}),
          notValid: Boolean(c.skip_validation),
          usingIndex: c.indexname,
        });
        break;
      }
      case "AT_ValidateConstraint":
        ops.push({ kind: "validate_constraint", ...base, table, name: column });
        break;
      case "AT_DropConstraint":
        ops.push({ kind: "drop_constraint", ...base, table, name: column, ifExists: Boolean(cmd.missing_ok) });
        break;
      case "AT_SetTableSpace":
      case "AT_SetLogged":
      case "AT_SetUnLogged":
      case "AT_SetAccessMethod":
        ops.push({ kind: "raw", ...base, statement: `ALTER TABLE ${REWRITING_SUBCOMMANDS[cmd.subtype]}`, table, rewritesTable: true, lockMode: alterTableSubcommandLock(cmd.subtype) });
        break;
      case "AT_AddIdentity":
        ops.push({ kind: "raw", ...base, statement: "ALTER TABLE ADD IDENTITY", table, lockMode: alterTableSubcommandLock(cmd.subtype) });
        break;
      default: {
        // SET/RESET (storage parameters): the lock depends on which
        const options = (cmd.def?.List?.items ?? []).map((i: PgNode) => String(i?.DefElem?.defname ?? ""));
        ops.push({ kind: "raw", ...base, statement: `ALTER TABLE ${String(cmd.subtype ?? "").replace("AT_", "")}`, table, lockMode: alterTableSubcommandLock(String(cmd.subtype ?? ""), options) });
      }
    }
  }
  return ops;
}

/** A WITH's statement that changes rows (`WITH d AS (DELETE FROM t RETURNING *) SELECT ...`). */
const writesRows = (cte: Loose): boolean => WRITING_NODES.has(unwrap(cte?.CommonTableExpr?.ctequery)?.[0] ?? "");

/**
 * Convert one parsed statement. `inTransaction` is the layout's decision for this statement. The INSERT, UPDATE,
 * DELETE or MERGE of its WITH (PostgreSQL allows them at the top level only) are operations of their own, before it:
 * they run whatever the statement around them does with their rows.
 */
export function statementOperations(parsed: ParsedStatement, inTransaction: boolean): OperationInput[] {
  const ctes: PgNode[] = unwrap(parsed.stmt)?.[1]?.withClause?.ctes ?? [];
  const written = ctes.filter(writesRows).flatMap((cte) => statementOperations({ ...parsed, stmt: cte.CommonTableExpr.ctequery }, inTransaction));
  return [...written, ...ownOperations(parsed, inTransaction, written.length > 0)];
}

/** The statement's own operations; `cteWrites`: its WITH writes rows (operations already made of them). */
function ownOperations(parsed: ParsedStatement, inTransaction: boolean, cteWrites: boolean): OperationInput[] {
  const base: Base = { loc: { line: parsed.line, endLine: parsed.endLine }, text: parsed.text, inTransaction };
  const unwrapped = unwrap(parsed.stmt);
  if (!unwrapped) return [];
  const [type, s] = unwrapped;
  switch (type) {
    case "CreateStmt": {
      const columns: ColumnSpec[] = [];
      const constraints: Array<{ type: ConstraintType; columns: string[] }> = [];
      let likeTable: string | undefined;
      for (const element of s.tableElts ?? []) {
        if (element.ColumnDef) columns.push(columnSpec(element.ColumnDef));
        else if (element.Constraint) {
          const ct = CONSTRAINT_TYPES[element.Constraint.contype];
          if (ct) constraints.push({ type: ct, columns: [...(element.Constraint.keys ?? []), ...(element.Constraint.fk_attrs ?? [])].map(str).filter(Boolean) as string[] });
        } else if (element.TableLikeClause) likeTable = rangeVarName(element.TableLikeClause.relation);
      }
      void likeTable; // LIKE copies the structure, not the data: not a backup
      const rangeFrom = rangeFromOf(s.partbound);
      return [
        {
          kind: "create_table",
          ...base,
          table: rangeVarName(s.relation),
          columns,
          constraints,
          ifNotExists: Boolean(s.if_not_exists),
          temporary: s.relation?.relpersistence === "t",
          ...(s.partspec ? { partitioned: true } : {}),
          ...(s.partbound && s.inhRelations?.[0]?.RangeVar ? { partitionOf: rangeVarName(s.inhRelations[0].RangeVar) } : {}),
          ...(rangeFrom !== undefined ? { rangeFrom } : {}),
          ...(timescaleOption(s.options, "hypertable") ? { hypertable: true } : {}),
        },
      ];
    }
    case "CreateTableAsStmt": {
      const name = rangeVarName(s.into?.rel);
      if (s.objtype === "OBJECT_MATVIEW") return [{ kind: "create_object", ...base, objectType: "materialized_view", name, dependsOn: relationsOf(s.query), ifNotExists: Boolean(s.if_not_exists) }];
      return [{ kind: "create_table", ...base, table: name, ...madeFromQuery(s.query), ifNotExists: Boolean(s.if_not_exists) }];
    }
    case "SelectStmt": {
      if (s.intoClause) {
        return [{ kind: "create_table", ...base, table: rangeVarName(s.intoClause.rel), ...madeFromQuery(parsed.stmt) }];
      }
      // SELECT set_config('lock_timeout', '5s', false)
      for (const target of s.targetList ?? []) {
        const call = target?.ResTarget?.val?.FuncCall;
        if (call && qualifiedName(call.funcname).toLowerCase().endsWith("set_config")) {
          const [name, value, local] = call.args ?? [];
          const settingName = name?.A_Const?.sval?.sval;
          if (settingName)
            return [
              {
                kind: "set_setting",
                ...base,
                name: settingName,
                value: value?.A_Const?.sval?.sval,
                scope: local?.A_Const?.boolval?.boolval ? "local" : "session",
              },
            ];
        }
      }
      // what its WITH writes is an operation already: a SELECT that otherwise writes nothing only returns those rows
      const rest = cteWrites ? { SelectStmt: { ...s, withClause: { ...s.withClause, ctes: s.withClause.ctes.filter((c: PgNode) => !writesRows(c)) } } } : parsed.stmt;
      // FOR UPDATE/SHARE (row locks until commit), nextval/setval, a function that may write: not a read
      const mayWrite = selectWrites(rest);
      // SELECT create_hypertable('t', ...): TimescaleDB makes t a hypertable (code that writes its catalog)
      const hypertable = hypertableCreatedBy(s);
      if (mayWrite) return [{ kind: "raw", ...base, statement: "SELECT", mayWrite, ...(hypertable ? { hypertable } : {}) }];
      if (cteWrites) return [];
      // the relations it reads: host code that keeps the rows (`rows = conn.execute(text("SELECT ..."))`) may move them
      const reads = relationsOf(parsed.stmt);
      // a question about the schema, whose answer the DDL around it changes (catalog-reads.ts)
      const catalog = catalogRead(parsed.stmt);
      return [{ kind: "raw", ...base, statement: "SELECT", ...(reads.length ? { reads } : {}), ...(catalog ? { readsCatalog: catalog } : {}), ...(hypertable ? { hypertable } : {}) }];
    }
    case "DropStmt": {
      const names = dropNames(s.objects);
      const common = { ifExists: Boolean(s.missing_ok), cascade: s.behavior === "DROP_CASCADE" };
      if (s.removeType === "OBJECT_TABLE") return [{ kind: "drop_table", ...base, tables: names, ...common }];
      if (s.removeType === "OBJECT_INDEX")
        return [{ kind: "drop_index", ...base, names, concurrently: Boolean(s.concurrent), ifExists: common.ifExists }];
      const objectType = OBJECT_TYPES[s.removeType] ?? "other";
      // DROP TRIGGER name ON table / DROP POLICY name ON table: the list is [table..., name]
      if (objectType === "trigger" || objectType === "policy" || objectType === "rule") {
        const parts: string[] = (s.objects?.[0]?.List?.items ?? []).map(str).filter(Boolean);
        const name = parts.pop() ?? "";
        return [{ kind: "drop_object", ...base, objectType, names: [name], table: parts.join("."), ...common }];
      }
      return [{ kind: "drop_object", ...base, objectType, names, ...common, concurrently: Boolean(s.concurrent) }];
    }
    case "RenameStmt": {
      const table = rangeVarName(s.relation);
      // ALTER TABLE renames any relation; `<table>_<column>_seq` on both sides is PostgreSQL's own name for a
      // serial or identity sequence, which no code names (defaults find it by OID)
      if (s.renameType === "OBJECT_TABLE" && isSequenceName(table) && isSequenceName(s.newname))
        return [{ kind: "rename_object", ...base, objectType: "sequence", name: table, newName: s.newname }];
      if (s.renameType === "OBJECT_TABLE") return [{ kind: "rename_table", ...base, table, newName: s.newname }];
      if (s.renameType === "OBJECT_COLUMN" && (s.relationType === "OBJECT_TABLE" || !s.relationType))
        return [{ kind: "rename_column", ...base, table, column: s.subname, newName: s.newname }];
      const renamed: Record<string, "index" | "constraint" | "view" | "materialized_view" | "sequence" | "type" | "function" | "trigger" | "schema"> = {
        OBJECT_INDEX: "index",
        OBJECT_TABCONSTRAINT: "constraint",
        OBJECT_VIEW: "view",
        OBJECT_MATVIEW: "materialized_view",
        OBJECT_SEQUENCE: "sequence",
        OBJECT_TYPE: "type",
        OBJECT_FUNCTION: "function",
        OBJECT_TRIGGER: "trigger",
        OBJECT_SCHEMA: "schema",
      };
      const objectType = renamed[s.renameType];
      if (objectType) {
        // constraints and triggers are named by subname on their table; the rest by the relation or object
        const name =
          objectType === "constraint" || objectType === "trigger"
            ? s.subname
            : table || qualifiedName(s.object?.List?.items) || (s.object?.ObjectWithArgs ? qualifiedName(s.object.ObjectWithArgs.objname) : str(s.object)) || s.subname || "";
        return [{ kind: "rename_object", ...base, objectType, name, newName: s.newname, table: objectType === "constraint" || objectType === "trigger" ? table : undefined }];
      }
      return [{ kind: "raw", ...base, statement: `RENAME ${String(s.renameType).replace("OBJECT_", "")}`, table: table || undefined }];
    }
    case "AlterTableStmt":
      return alterTableOps(s, base);
    case "IndexStmt": {
      const columns: string[] = (s.indexParams ?? []).map((p: PgNode) => p?.IndexElem?.name ?? deparse(p?.IndexElem?.expr)).filter(Boolean);
      const named: string[] = (s.indexParams ?? []).map((p: PgNode) => p?.IndexElem?.name).filter(Boolean);
      const referencedColumns = [...new Set([...named, ...sourcesOf([s.indexParams, s.whereClause]).columns.filter((c) => c !== "*")])];
      return [
        {
          kind: "add_index",
          ...base,
          table: rangeVarName(s.relation),
          name: s.idxname,
          columns,
          unique: Boolean(s.unique),
          concurrently: Boolean(s.concurrent),
          ifNotExists: Boolean(s.if_not_exists),
          partial: Boolean(s.whereClause),
          method: s.accessMethod,
          referencedColumns,
          ...(timescaleOption(s.options, "transaction_per_chunk") ? { perChunk: true } : {}),
        },
      ];
    }
    case "UpdateStmt": {
      const columns: string[] = (s.targetList ?? []).map((t: PgNode) => t?.ResTarget?.name).filter(Boolean);
      const values = sourcesOf((s.targetList ?? []).map((t: PgNode) => t?.ResTarget?.val));
      const from = sourcesOf(s.fromClause);
      const table = rangeVarName(s.relation);
      const kept = columnsKeptBySet(s.targetList, s.relation);
      const nullRowsOf = columnsOnlyNullIn(s.whereClause, s.relation);
      const nullSkipped = columnsNullSkippedIn(s.whereClause, s.relation);
      const withNullRows = nullSkipped.widened ? deparse({ UpdateStmt: { ...s, whereClause: nullSkipped.widened } }) : undefined;
      // FROM joins other rows in: the value may be one per joined row, and the rows written only those that join
      const constants = s.fromClause?.length ? {} : constantsSetBy(s.targetList, deparse);
      const repeats = repeatedUpdate(s, deparse);
      const convertsFrom = convertedColumns(s);
      const mapsFrom = mappedColumns(s);
      return [
        {
          kind: "dml",
          ...base,
          verb: "update",
          table,
          hasWhere: Boolean(s.whereClause),
          columns,
          ...(kept.length ? { keepsValues: kept } : {}),
          ...(nullRowsOf.length ? { onlyNullRowsOf: nullRowsOf } : {}),
          ...(nullSkipped.columns.length ? { skipsNullRowsOf: nullSkipped.columns, ...(withNullRows ? { withNullRows: `${withNullRows};` } : {}) } : {}),
          ...(Object.keys(constants).length ? { constants } : {}),
          ...(nullRowsOf.length && whereOnlyNullTests(s.whereClause) ? { whereOnlyNullTests: true } : {}),
          ...(repeats ? { repeats } : {}),
          ...(convertsFrom.length ? { convertsFrom } : {}),
          ...(mapsFrom.length ? { mapsFrom } : {}),
          // UPDATE t SET copy = original: a copy of `original` within t; SET c = (SELECT ... FROM other): a copy of other's
          sourceTables: [...new Set([...(values.columns.length ? [table] : []), ...values.tables, ...from.tables])],
          sourceColumns: values.columns,
        },
      ];
    }
    case "DeleteStmt": {
      const emptied = s.usingClause ? [] : columnsEmptiedOfValues(s.whereClause, s.relation);
      return [{ kind: "dml", ...base, verb: "delete", table: rangeVarName(s.relation), hasWhere: Boolean(s.whereClause), ...(emptied.length ? { removesRowsWithValue: emptied } : {}) }];
    }
    case "InsertStmt": {
      const sources = sourcesOf(s.selectStmt?.SelectStmt?.fromClause ? s.selectStmt : undefined);
      const selectColumns = sourcesOf(s.selectStmt?.SelectStmt?.targetList).columns;
      const repeats = repeatedInsert(s, rangeVarName(s.relation));
      const copies = selectCopies(s.selectStmt?.SelectStmt);
      return [
        {
          kind: "dml",
          ...base,
          verb: "insert",
          table: rangeVarName(s.relation),
          ...(repeats ? { repeats } : {}),
          columns: (s.cols ?? []).map((c: PgNode) => c?.ResTarget?.name).filter(Boolean),
          sourceTables: sources.tables,
          sourceColumns: selectColumns,
          ...(copies.length ? { copies } : {}),
        },
      ];
    }
    case "MergeStmt":
      return [{ kind: "dml", ...base, verb: "merge", table: rangeVarName(s.relation), hasWhere: true }];
    case "CopyStmt":
      if (s.is_from) return [{ kind: "dml", ...base, verb: "copy", table: rangeVarName(s.relation), hasWhere: true }];
      return [{ kind: "raw", ...base, statement: "COPY TO", table: rangeVarName(s.relation) || undefined }];
    case "TruncateStmt":
      return [{ kind: "truncate", ...base, tables: (s.relations ?? []).map((r: PgNode) => rangeVarName(r.RangeVar)), cascade: s.behavior === "DROP_CASCADE" }];
    case "VariableSetStmt": {
      if (s.kind === "VAR_RESET" || s.kind === "VAR_RESET_ALL") return [{ kind: "set_setting", ...base, name: s.name ?? "all", scope: "reset" }];
      const arg = s.args?.[0]?.A_Const;
      const value = arg?.sval?.sval ?? (arg?.ival ? String(arg.ival.ival ?? 0) : undefined);
      return [{ kind: "set_setting", ...base, name: s.name ?? "", value, scope: s.is_local ? "local" : "session" }];
    }
    case "TransactionStmt": {
      const kinds: Record<string, "begin" | "commit" | "rollback" | "savepoint" | "release" | "rollback_to" | "prepare" | "commit_prepared"> = {
        TRANS_STMT_BEGIN: "begin",
        TRANS_STMT_START: "begin",
        TRANS_STMT_COMMIT: "commit",
        TRANS_STMT_ROLLBACK: "rollback",
        TRANS_STMT_SAVEPOINT: "savepoint",
        TRANS_STMT_RELEASE: "release",
        TRANS_STMT_ROLLBACK_TO: "rollback_to",
        TRANS_STMT_PREPARE: "prepare",
        TRANS_STMT_COMMIT_PREPARED: "commit_prepared",
        TRANS_STMT_ROLLBACK_PREPARED: "rollback",
      };
      return [{ kind: "transaction_control", ...base, action: kinds[s.kind] ?? "begin" }];
    }
    case "AlterEnumStmt": {
      const typeName = qualifiedName(s.typeName);
      if (s.oldVal) return [{ kind: "alter_enum", ...base, type: typeName, action: "rename_value", value: s.newVal, neighbor: s.oldVal }];
      return [{ kind: "alter_enum", ...base, type: typeName, action: "add_value", value: s.newVal, neighbor: s.newValNeighbor, ifNotExists: Boolean(s.skipIfNewValExists) }];
    }
    case "CreateEnumStmt":
    case "CompositeTypeStmt":
    case "CreateRangeStmt":
      return [{ kind: "create_object", ...base, objectType: "type", name: qualifiedName(s.typeName) || rangeVarName(s.typevar) }];
    case "DefineStmt":
      // CREATE COLLATION (aggregates, operators and text search objects stay raw statements)
      if (s.kind === "OBJECT_COLLATION") return [{ kind: "create_object", ...base, objectType: "collation", name: qualifiedName(s.defnames) }];
      return [{ kind: "raw", ...base, statement: "Define" }];
    case "CreateDomainStmt":
      return [{ kind: "create_object", ...base, objectType: "domain", name: qualifiedName(s.domainname) }];
    case "ViewStmt":
      return [{ kind: "create_object", ...base, objectType: "view", name: rangeVarName(s.view), orReplace: Boolean(s.replace), dependsOn: relationsOf(s.query) }];
    case "CreateFunctionStmt":
      return [{ kind: "create_object", ...base, objectType: s.is_procedure ? "procedure" : "function", name: qualifiedName(s.funcname), orReplace: Boolean(s.replace) }];
    case "CreateTrigStmt":
      return [{ kind: "create_object", ...base, objectType: "trigger", name: s.trigname, table: rangeVarName(s.relation), orReplace: Boolean(s.replace), dependsOn: [qualifiedName(s.funcname)] }];
    case "CreateSeqStmt":
      return [{ kind: "create_object", ...base, objectType: "sequence", name: rangeVarName(s.sequence), ifNotExists: Boolean(s.if_not_exists) }];
    case "CreateExtensionStmt":
      return [{ kind: "create_object", ...base, objectType: "extension", name: s.extname, ifNotExists: Boolean(s.if_not_exists) }];
    case "CreateSchemaStmt":
      return [{ kind: "create_object", ...base, objectType: "schema", name: s.schemaname ?? "", ifNotExists: Boolean(s.if_not_exists) }];
    case "CreatePolicyStmt":
      return [{ kind: "create_object", ...base, objectType: "policy", name: s.policy_name, table: rangeVarName(s.table) }];
    case "RuleStmt":
      return [{ kind: "create_object", ...base, objectType: "rule", name: s.rulename, table: rangeVarName(s.relation), orReplace: Boolean(s.replace) }];
    case "CreatedbStmt":
      return [{ kind: "create_object", ...base, objectType: "database", name: s.dbname }];
    case "CreateRoleStmt":
      return [{ kind: "create_object", ...base, objectType: "role", name: s.role }];
    case "CreatePublicationStmt":
      return [{ kind: "create_object", ...base, objectType: "publication", name: s.pubname }];
    case "DropdbStmt":
      return [{ kind: "drop_object", ...base, objectType: "database", names: [s.dbname], ifExists: Boolean(s.missing_ok) }];
    case "DropRoleStmt":
      return [{ kind: "drop_object", ...base, objectType: "role", names: (s.roles ?? []).map((r: PgNode) => r?.RoleSpec?.rolename).filter(Boolean), ifExists: Boolean(s.missing_ok) }];
    case "VacuumStmt": {
      const options = defElemNames(s.options);
      const tables = (s.rels ?? []).map((r: PgNode) => rangeVarName(r?.VacuumRelation?.relation));
      const command = !s.is_vacuumcmd ? "analyze" : options.includes("full") ? "vacuum_full" : "vacuum";
      return [{ kind: "maintenance", ...base, command, tables }];
    }
    case "ClusterStmt":
      return [{ kind: "maintenance", ...base, command: "cluster", tables: s.relation ? [rangeVarName(s.relation)] : [] }];
    case "ReindexStmt":
      return [
        {
          kind: "maintenance",
          ...base,
          command: "reindex",
          tables: s.relation ? [rangeVarName(s.relation)] : s.name ? [s.name] : [],
          concurrently: defElemNames(s.params).includes("concurrently"),
        },
      ];
    case "RefreshMatViewStmt":
      return [{ kind: "maintenance", ...base, command: "refresh_materialized_view", tables: [rangeVarName(s.relation)], concurrently: Boolean(s.concurrent) }];
    case "LockStmt":
      return [{ kind: "lock_table", ...base, tables: (s.relations ?? []).map((r: PgNode) => rangeVarName(r.RangeVar)), mode: LOCK_MODES[s.mode ?? 8] ?? "ACCESS EXCLUSIVE" }];
    case "DoStmt":
      return [{ kind: "raw", ...base, statement: "DO" }];
    case "AlterSeqStmt": {
      // OWNED BY ties the sequence to a column: dropping the table drops the sequence
      const ownedBy = (s.options ?? []).find((o: PgNode) => o?.DefElem?.defname === "owned_by")?.DefElem?.arg?.List?.items;
      const parts: string[] = (ownedBy ?? []).map(str).filter(Boolean);
      if (parts.length >= 2) return [{ kind: "raw", ...base, statement: "ALTER SEQUENCE OWNED BY", object: rangeVarName(s.sequence), table: parts.slice(0, -1).join(".") }];
      return [{ kind: "raw", ...base, statement: "AlterSeq", object: rangeVarName(s.sequence) }];
    }
    default:
      return [{ kind: "raw", ...base, statement: type.replace(/Stmt$/, "") }];
  }
}
