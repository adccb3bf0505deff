/**
 * The versions a SQL schema dump records, read with PostgreSQL's own parser: Rails' structure.sql ends with
 * `INSERT INTO "schema_migrations" (version) VALUES ('2024...'), ...;`, dbmate's schema.sql with
 * `INSERT INTO public.schema_migrations (version) VALUES ...`. A statement the parser rejects (psql's
 * `\restrict` lines in recent pg_dump output) costs only itself.
 */
import { parseStatements, type PgNode } from "../../adapters/sql/pg-parser.js";
import { withoutPsqlMetaCommands } from "../../adapters/sql/psql-meta.js";
import type { DumpVersions } from "./dump-versions.js";

function constantString(node: PgNode | undefined): string | undefined {
  const constant = node?.A_Const;
  if (!constant) return undefined;
  if (constant.sval) return String(constant.sval.sval ?? "");
  if (constant.ival) return String(constant.ival.ival ?? 0);
  return undefined;
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
    for (const row of insert.selectStmt?.SelectStmt?.valuesLists ?? []) {
      const value = constantString(row.List?.items?.[0]);
      if (value !== undefined) versions.push(value);
    }
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
 * A structure.sql's statements, read with PostgreSQL's parser, with each CREATE TABLE's columns and constraints in a
 * canonical order: two dumps with the same shape have the same tables, columns, constraints, indexes and versions,
 * the columns perhaps in another physical order. Undefined when a statement does not parse.
 */
export function structureSqlShape(content: string): string | undefined {
  const { statements, errors, tooComplex } = parseStatements(withoutPsqlMetaCommands(content));
  if (errors.length || tooComplex.length) return undefined;
  return statements
    .map((statement) => {
      const tree = withoutLocations(statement.stmt) as PgNode;
      const create = tree.CreateStmt as { tableElts?: unknown[] } | undefined;
      if (create?.tableElts) create.tableElts = create.tableElts.map((e) => JSON.stringify(e)).sort();
      return JSON.stringify(tree);
    })
    .join("\n");
}
