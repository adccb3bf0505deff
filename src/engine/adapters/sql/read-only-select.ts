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
  "has_table_privilege", "has_schema_privilege", "pg_has_role", "random", "clock_timestamp", "gen_random_uuid", "currval", "lastval",
]);

/** Statement kinds that change rows: nested anywhere in a SELECT, or a WITH's statement (pg-operations.ts). */
export const WRITING_NODES = new Set(["InsertStmt", "UpdateStmt", "DeleteStmt", "MergeStmt"]);

/** Built-ins whose only write is a sequence's position (`SELECT setval('s', max(id)) FROM t`). */
const SEQUENCE_FUNCTIONS = new Set(["nextval", "setval"]);

const functionName = (call: PgNode): string =>
  ((call.funcname ?? []) as PgNode[])
    .map((part) => part?.String?.sval ?? "")
    .filter(Boolean)
    .join(".")
    .toLowerCase();

const bareName = (name: string): string => name.replace(/^pg_catalog\./, "");
const writesNothing = (name: string): boolean => READING_FUNCTIONS.has(bareName(name)) || !isVolatileFunction(bareName(name));

/**
 * What a SELECT may change besides reading: `row locks` (FOR UPDATE/SHARE, held until commit), `sequences` (nextval,
 * setval: a position no down needs back), or `code` (INTO a new table, a data-modifying WITH, a function that may write).
 */
export type SelectWrite = "row locks" | "sequences" | "code";
const STRENGTH: Record<SelectWrite, number> = { "row locks": 1, sequences: 2, code: 3 };
const stronger = (a: SelectWrite | undefined, b: SelectWrite | undefined): SelectWrite | undefined => (!a ? b : !b ? a : STRENGTH[a] >= STRENGTH[b] ? a : b);

/** The strongest change a parsed SELECT (or any node of one) may make; undefined when it only reads. */
function writeIn(node: unknown): SelectWrite | undefined {
  if (Array.isArray(node)) return node.reduce<SelectWrite | undefined>((found, n) => stronger(found, writeIn(n)), undefined);
  if (node === null || typeof node !== "object") return undefined;
  let found: SelectWrite | undefined;
  for (const [key, value] of Object.entries(node as PgNode)) {
    if (WRITING_NODES.has(key)) return "code";
    if (key === "SelectStmt" && value?.intoClause) return "code";
    if (key === "SelectStmt" && value?.lockingClause?.length) found = stronger(found, "row locks");
    if (key === "FuncCall") {
      const name = functionName(value);
      if (SEQUENCE_FUNCTIONS.has(bareName(name))) found = stronger(found, "sequences");
      else if (!writesNothing(name)) return "code";
    }
    found = stronger(found, writeIn(value));
    if (found === "code") return found;
  }
  return found;
}

/** What a parsed statement (`{ SelectStmt: ... }`) may change when it is a SELECT; undefined when it only reads. */
export function selectWrites(stmt: PgNode): SelectWrite | undefined {
  return writeIn(stmt);
}

/** Whether a parsed statement is a SELECT that reads and changes nothing, locks no row. */
export function selectWritesNothing(stmt: PgNode): boolean {
  return stmt.SelectStmt !== undefined && selectWrites(stmt) === undefined;
}

/** One SELECT or SHOW that changes nothing; false for anything else, more than one statement, or SQL that does not parse. */
export function isReadOnlySelect(sql: string): boolean {
  const parsed = parseStatements(sql);
  if (parsed.errors.length > 0 || parsed.statements.length !== 1) return false;
  const stmt = parsed.statements[0].stmt;
  if (stmt.VariableShowStmt) return true;
  return selectWritesNothing(stmt);
}
