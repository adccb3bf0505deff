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
