/**
 * A SELECT that asks the database about its own schema (information_schema.columns, pg_catalog.pg_attribute, a pg_*
 * catalog, to_regclass): its answer tests what the migration's schema statements create or drop, not the rows, so it
 * changes when the DDL around it runs. A migration that reads such an answer before an ADD COLUMN to decide a backfill
 * (SurfSense's 166: `api_access_column_exists`, then the UPDATE only if it was false) means "did this migration add
 * the column?": asked again after the DDL, in another migration, it answers otherwise.
 */
import type { PgNode } from "./pg-parser.js";

const CATALOG_SCHEMAS = new Set(["information_schema", "pg_catalog"]);
/** functions that look a relation up by name in the catalog */
const CATALOG_FUNCTIONS = new Set(["to_regclass", "to_regtype", "to_regproc", "to_regnamespace"]);

/** The first catalog relation or lookup function the statement reads anywhere (FROM, subqueries, EXISTS), if any. */
export function catalogRead(stmt: PgNode): string | undefined {
  const seen: string[] = [];
  const walk = (node: unknown): void => {
    if (seen.length || node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const n of node) walk(n);
      return;
    }
    const record = node as Record<string, unknown>;
    const rv = record.RangeVar as { schemaname?: string; relname?: string } | undefined;
    if (rv?.relname) {
      const schema = rv.schemaname?.toLowerCase();
      const name = rv.relname.toLowerCase();
      if ((schema && CATALOG_SCHEMAS.has(schema)) || (!schema && name.startsWith("pg_"))) seen.push(schema ? `${schema}.${name}` : name);
    }
    const call = record.FuncCall as { funcname?: Array<{ String?: { sval?: string } }> } | undefined;
    const fn = call?.funcname?.at(-1)?.String?.sval?.toLowerCase();
    if (fn && CATALOG_FUNCTIONS.has(fn)) seen.push(`${fn}()`);
    for (const value of Object.values(record)) walk(value);
  };
  walk(stmt);
  return seen[0];
}
