/**
 * Inverses a down writes from the up's own statement, read with libpg-query: the DROP FUNCTION of a function the
 * up creates, by its signature (the types of its IN, INOUT and VARIADIC parameters, which name it among overloads),
 * and the RESET of the storage parameters an ALTER TABLE ... SET (...) changes.
 */
import { deparse, parseOne } from "./sql-text.js";
import { ident } from "./fix.js";
import type { PgNode } from "../../adapters/sql/pg-parser.js";

/** Parameter modes that are part of a function's signature (OUT and TABLE columns are not). */
const SIGNATURE_MODES = new Set(["FUNC_PARAM_IN", "FUNC_PARAM_INOUT", "FUNC_PARAM_VARIADIC", "FUNC_PARAM_DEFAULT"]);

/** `DROP FUNCTION f(text, int);` for `CREATE [OR REPLACE] FUNCTION f(prefix text, num int) ...`; undefined for other SQL. */
export function dropOfCreatedFunction(text: string): string | undefined {
  const create = parseOne(text)?.CreateFunctionStmt;
  if (!create) return undefined;
  const objargs = ((create.parameters ?? []) as PgNode[])
    .map((p) => p.FunctionParameter)
    .filter((p) => p && SIGNATURE_MODES.has(p.mode ?? "FUNC_PARAM_IN"))
    .map((p) => ({ TypeName: p.argType }));
  const drop = deparse({ DropStmt: { objects: [{ ObjectWithArgs: { objname: create.funcname, objargs } }], removeType: create.is_procedure ? "OBJECT_PROCEDURE" : "OBJECT_FUNCTION", behavior: "DROP_RESTRICT" } });
  return drop ? `${drop};` : undefined;
}

/**
 * `ALTER TABLE t RESET (toast.autovacuum_vacuum_threshold, fillfactor);` for an ALTER TABLE whose every sub-command
 * sets storage parameters (`statement`: its parse tree); undefined for any other statement.
 */
export function resetOfStorageParameters(statement: PgNode | undefined): string | undefined {
  const alter = statement?.AlterTableStmt;
  const cmds = ((alter?.cmds ?? []) as PgNode[]).map((c) => c.AlterTableCmd);
  if (!alter?.relation?.relname || !cmds.length || cmds.some((c) => c?.subtype !== "AT_SetRelOptions")) return undefined;
  const names = cmds.flatMap((c) => ((c.def?.List?.items ?? []) as PgNode[]).map((i) => [i.DefElem?.defnamespace, i.DefElem?.defname].filter(Boolean).map(ident).join(".")));
  const table = [alter.relation.schemaname, alter.relation.relname].filter(Boolean).map(ident).join(".");
  return names.length ? `ALTER TABLE ${alter.relation.inh === false ? "ONLY " : ""}${table} RESET (${names.join(", ")});` : undefined;
}
