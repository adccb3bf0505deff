/**
 * The versions a SQL schema dump records, read with PostgreSQL's own parser: Rails' structure.sql ends with
 * `INSERT INTO "schema_migrations" (version) VALUES ('2024...'), ...;`, dbmate's schema.sql with
 * `INSERT INTO public.schema_migrations (version) VALUES ...`. A statement the parser rejects (psql's
 * `\restrict` lines in recent pg_dump output) costs only itself.
 */
import { parseStatements, type PgNode } from "../../adapters/sql/pg-parser.js";
import { withoutPsqlMetaCommands } from "../../adapters/sql/psql-meta.js";
import type { DumpVersions } from "./dump-versions.js";
import { dumpName, type DumpItem } from "./dump-items.js";

function constantString(node: PgNode | undefined): string | undefined {
  const constant = node?.A_Const;
  if (!constant) return undefined;
  if (constant.sval) return String(constant.sval.sval ?? "");
  if (constant.ival) return String(constant.ival.ival ?? 0);
  return undefined;
}

/** The versions an `INSERT INTO schema_migrations (version) VALUES (...), ...` writes, one per row, as written. */
function insertedVersions(insert: PgNode): string[] {
  const versions: string[] = [];
  for (const row of insert.selectStmt?.SelectStmt?.valuesLists ?? []) {
    const value = constantString(row.List?.items?.[0]);
    if (value !== undefined) versions.push(value);
  }
  return versions;
}

export function structureSqlVersions(content: string): DumpVersions {
  // only the schema_migrations rows matter: skip parsing dumps that have none
  if (!content.includes("schema_migrations")) return { versions: [], problem: "no `INSERT INTO schema_migrations` in it" };
  const { statements } = parseStatements(withoutPsqlMetaCommands(content));
  const versions: string[] = [];
  let line: number | undefined;
  for (const statement of statements) {
    const insert = statement.stmt.InsertStmt;
    if (!insert || insert.relation?.relname !== "schema_migrations") continue;
    line ??= statement.line;
    versions.push(...insertedVersions(insert));
  }
  if (line === undefined) return { versions: [], problem: "no `INSERT INTO schema_migrations` statement parses in it" };
  return { versions, line };
}

/** A parse tree without its byte positions: two dumps that differ only in layout give the same tree. */
function withoutLocations(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutLocations);
  if (!node || typeof node !== "object") return node;
  return Object.fromEntries(Object.entries(node).filter(([key]) => key !== "location" && key !== "stmt_location" && key !== "stmt_len").map(([key, value]) => [key, withoutLocations(value)]));
}

/**
 * A statement's parse tree without its positions, with a CREATE TABLE's columns and constraints in a canonical order
 * (the columns perhaps in another physical order), as a string to compare.
 */
function canonicalStatement(stmt: PgNode): { tree: PgNode; text: string } {
  const tree = withoutLocations(stmt) as PgNode;
  const create = tree.CreateStmt as { tableElts?: unknown[] } | undefined;
  if (create?.tableElts) create.tableElts = create.tableElts.map((e) => JSON.stringify(e)).sort();
  return { tree, text: JSON.stringify(tree) };
}

/**
 * Rails' own tables, which Rails creates and fills itself on every database it migrates: schema_migrations (the
 * versions, compared as a set) and ar_internal_metadata (added to every dump by Rails 5).
 */
export const RAILS_BOOKKEEPING = new Set(["schema_migrations", "ar_internal_metadata"]);

/** The table a CREATE TABLE, ALTER TABLE, CREATE INDEX or INSERT names, when it is one of Rails' own (in public or no schema). */
function bookkeepingTable(tree: PgNode): string | undefined {
  const relation = (tree.CreateStmt ?? tree.AlterTableStmt ?? tree.IndexStmt ?? tree.InsertStmt)?.relation as PgNode | undefined;
  const name = relation?.relname ? String(relation.relname) : undefined;
  return name && RAILS_BOOKKEEPING.has(name) && (!relation!.schemaname || relation!.schemaname === "public") ? name : undefined;
}

/** The loading session's settings pg_dump writes (`SET ...`, `SELECT pg_catalog.set_config(...)`), which each pg_dump version writes its own way. */
function sessionSetting(tree: PgNode): boolean {
  if (tree.VariableSetStmt) return true;
  const targets = (tree.SelectStmt?.targetList ?? []) as PgNode[];
  const call = targets.length === 1 && !tree.SelectStmt.fromClause ? targets[0].ResTarget?.val?.FuncCall : undefined;
  const name = ((call?.funcname ?? []) as PgNode[]).map((n) => String(n.String?.sval ?? "")).join(".");
  return name === "set_config" || name === "pg_catalog.set_config";
}

/** What a structure.sql defines, and how it writes what it need not define. */
export interface StructureSqlDefinitions {
  /**
   * every statement in its canonical form (canonicalStatement): two dumps with the same shape have the same tables,
   * columns, constraints, indexes and versions, the columns perhaps in another physical order
   */
  shape: string;
  /** the tables, columns, constraints, indexes and other objects (each CREATE TABLE's elements in a canonical order) and the sorted set of versions */
  defines: string;
  /** the Rails tables besides schema_migrations it dumps (ar_internal_metadata) */
  bookkeeping: string[];
  /** the schema_migrations INSERTs as written (one per version before Rails 5, one for all since) */
  versionRows: string;
  /** the session settings as written */
  settings: string;
}

/**
 * A structure.sql read for what it defines: two dumps with equal `defines` make the same schema with the same
 * versions, whatever Rails or pg_dump version wrote them (panoptes' Rails 5 re-dump added ar_internal_metadata and
 * wrote its 260 versions in one INSERT). Undefined when a statement does not parse.
 */
export function structureSqlDefinitions(content: string): StructureSqlDefinitions | undefined {
  const { statements, errors, tooComplex } = parseStatements(withoutPsqlMetaCommands(content));
  if (errors.length || tooComplex.length) return undefined;
  const shape: string[] = [];
  const defines: string[] = [];
  const bookkeeping = new Set<string>();
  const versions = new Set<string>();
  const versionRows: string[] = [];
  const settings: string[] = [];
  for (const statement of statements) {
    const { tree, text } = canonicalStatement(statement.stmt);
    shape.push(text);
    const own = bookkeepingTable(tree);
    if (own === "schema_migrations" && tree.InsertStmt) {
      versionRows.push(text);
      for (const version of insertedVersions(tree.InsertStmt)) versions.add(version);
      continue;
    }
    if (own) {
      if (own !== "schema_migrations") bookkeeping.add(own);
      continue;
    }
    if (sessionSetting(tree)) {
      settings.push(text);
      continue;
    }
    defines.push(text);
  }
  defines.push(`versions: ${[...versions].sort().join(",")}`);
  return { shape: shape.join("\n"), defines: defines.join("\n"), bookkeeping: [...bookkeeping].sort(), versionRows: versionRows.join("\n"), settings: settings.join("\n") };
}

const relationName = (relation: PgNode | undefined): string | undefined => (relation?.relname ? dumpName(String(relation.relname)) : undefined);

/**
 * A structure.sql's items (dump-items.ts), read with PostgreSQL's parser: each CREATE TABLE's table and columns (a
 * column's definition as its parse tree), each CREATE INDEX by name, every other statement as its parse tree (an
 * ALTER TABLE ... ADD CONSTRAINT FOREIGN KEY with its table and referencing column). The schema_migrations rows are
 * the versions, not items. Undefined when a statement does not parse.
 */
export function structureSqlItems(content: string): DumpItem[] | undefined {
  const { statements, errors, tooComplex, lines } = parseStatements(withoutPsqlMetaCommands(content));
  if (errors.length || tooComplex.length) return undefined;
  const items: DumpItem[] = [];
  for (const statement of statements) {
    // a column's line: PostgreSQL's byte offset of its definition, within its statement
    const lineOf = (location: unknown) =>
      typeof location === "number" && location >= statement.startByte && location < statement.endByte ? lines.lineOfByte(location) : statement.line;
    const line = statement.line;
    const columnLines = new Map<string, number>();
    for (const element of (statement.stmt.CreateStmt?.tableElts ?? []) as PgNode[])
      if (element.ColumnDef?.colname) columnLines.set(String(element.ColumnDef.colname).toLowerCase(), lineOf(element.ColumnDef.location));
    const tree = withoutLocations(statement.stmt) as PgNode;
    if (tree.InsertStmt?.relation?.relname === "schema_migrations") continue;
    const create = tree.CreateStmt;
    const table = relationName(create?.relation);
    if (create && table) {
      items.push({ kind: "table", table, text: "", line });
      for (const element of (create.tableElts ?? []) as PgNode[]) {
        const column = element.ColumnDef?.colname ? String(element.ColumnDef.colname).toLowerCase() : undefined;
        if (column) items.push({ kind: "column", table, column, text: JSON.stringify(element), line: columnLines.get(column) ?? line, ...nullability(element) });
        else items.push({ kind: "other", table, text: JSON.stringify(element), line });
      }
      continue;
    }
    const index = tree.IndexStmt;
    if (index?.idxname) {
      const columns = ((index.indexParams ?? []) as PgNode[]).map((p) => (p.IndexElem?.name ? String(p.IndexElem.name).toLowerCase() : "?"));
      items.push({ kind: "index", table: relationName(index.relation), name: String(index.idxname).toLowerCase(), columns, text: JSON.stringify(tree), line });
      continue;
    }
    // ALTER TABLE t ADD CONSTRAINT ... FOREIGN KEY (c): the referencing column goes with it
    const alter = tree.AlterTableStmt;
    const constraint = alter?.cmds?.length === 1 ? alter.cmds[0].AlterTableCmd?.def?.Constraint : undefined;
    const fkColumns = constraint?.contype === "CONSTR_FOREIGN" ? ((constraint.fk_attrs ?? []) as PgNode[]).map((a) => String(a.String?.sval ?? "").toLowerCase()) : undefined;
    const references = constraint?.contype === "CONSTR_FOREIGN" ? relationName(constraint.pktable) : undefined;
    items.push({ kind: "other", table: relationName(alter?.relation), ...(fkColumns ? { columns: fkColumns } : {}), ...(references ? { references } : {}), text: JSON.stringify(tree), line });
  }
  return items;
}

/** A column definition's NOT NULL, and the definition without it (dump-items.ts). */
function nullability(element: PgNode): { notNull: boolean; withoutNull: string } {
  const constraints = (element.ColumnDef.constraints ?? []) as PgNode[];
  const notNull = constraints.some((c) => c.Constraint?.contype === "CONSTR_NOTNULL");
  const rest = constraints.filter((c) => c.Constraint?.contype !== "CONSTR_NOTNULL");
  // the constraints last, whether the column had any: key order would tell the two apart
  const { constraints: _, ...definition } = element.ColumnDef as PgNode;
  return { notNull, withoutNull: JSON.stringify({ ...element, ColumnDef: { ...definition, constraints: rest } }) };
}
