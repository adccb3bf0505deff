/**
 * Whether SQL text is one statement that reads and writes nothing: a SELECT without INTO or a locking clause
 * (FOR UPDATE/SHARE takes row locks a schema change's readers then wait on), with no data-modifying WITH
 * (`WITH d AS (DELETE ...) SELECT`), calling only functions known to write nothing; or a SHOW. A version check
 * (`SELECT extversion FROM pg_extension`), `SELECT current_schema()` or a count is no data change in any framework.
 * Read from libpg-query's tree; a user function (PostgreSQL assumes VOLATILE) or a built-in with a side effect
 * (setval, nextval, set_config, pg_advisory_lock) may write, and so makes the statement count as one that does.
 */
import { isVolatileFunction } from "../../types.js";
import { parseStatements, type PgNode } from "./pg-parser.js";

/** Built-ins that write nothing that are not in the non-volatile list of types.ts: aggregates and catalog reads. */
const READING_FUNCTIONS = new Set([
  "count", "sum", "min", "max", "avg", "bool_and", "bool_or", "every", "array_agg", "string_agg", "json_agg", "jsonb_agg",
  "exists", "version", "to_regclass", "to_regtype", "current_schemas", "current_database", "current_catalog",
  "pg_get_serial_sequence", "pg_table_size", "pg_relation_size", "pg_total_relation_size", "pg_get_indexdef",
  "pg_get_constraintdef", "pg_get_viewdef", "format_type", "obj_description", "col_description",
  "has_table_privilege", "has_schema_privilege", "pg_has_role", "random", "clock_timestamp", "gen_random_uuid",
]);

/** Statement kinds nested anywhere in a SELECT that change rows. */
const WRITING_NODES = new Set(["InsertStmt", "UpdateStmt", "DeleteStmt", "MergeStmt"]);

const functionName = (call: PgNode): string =>
  ((call.funcname ?? []) as PgNode[])
    .map((part) => part?.String?.sval ?? "")
    .filter(Boolean)
    .join(".")
    .toLowerCase();

const writesNothing = (name: string): boolean => {
  const bare = name.replace(/^pg_catalog\./, "");
  return READING_FUNCTIONS.has(bare) || !isVolatileFunction(bare);
};

/** Whether a parsed SELECT (or any node of one) holds something that may write or lock rows. */
function mayWrite(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(mayWrite);
  if (node === null || typeof node !== "object") return false;
  for (const [key, value] of Object.entries(node as PgNode)) {
    if (WRITING_NODES.has(key)) return true;
    if (key === "SelectStmt" && (value?.intoClause || value?.lockingClause?.length)) return true;
    if (key === "FuncCall" && !writesNothing(functionName(value))) return true;
    if (mayWrite(value)) return true;
  }
  return false;
}

/** One SELECT or SHOW that changes nothing; false for anything else, more than one statement, or SQL that does not parse. */
export function isReadOnlySelect(sql: string): boolean {
  const parsed = parseStatements(sql);
  if (parsed.errors.length > 0 || parsed.statements.length !== 1) return false;
  const stmt = parsed.statements[0].stmt;
  if (stmt.VariableShowStmt) return true;
  return stmt.SelectStmt !== undefined && !mayWrite(stmt);
}
