/**
 * Why adding a column computes a value for every existing row (a volatile default, a stored generated column, an
 * identity or serial column, any default before PostgreSQL 11), which rewrites the whole table under ACCESS
 * EXCLUSIVE; undefined when the column is added in the catalog alone. volatile-default reports it; the lock rules
 * fold the steps that follow it in the same transaction into that finding (table-rewrite.ts).
 */
import type { OperationOf } from "../../model.js";
import { hasSyntax, syntaxSince } from "../../database/postgres-syntax.js";

/**
 * A constant default given on ADD COLUMN is written into every existing row (a rewrite under ACCESS EXCLUSIVE) on
 * this version: it stays in the catalog alone only from PostgreSQL 11. Fixes ask here before offering one.
 */
export const constantDefaultRewrites = (postgresVersion: number): boolean => !hasSyntax(postgresVersion, "fastColumnDefaults");

/** Why, in words, for the fixes that add the column without its default on such a version. */
export const CONSTANT_DEFAULT_REWRITES = `before PostgreSQL ${syntaxSince("fastColumnDefaults")} any default is written into every existing row`;

export type FillSource = "generated" | "sequence" | "default";

export function volatileFill(op: OperationOf<"add_column">, postgresVersion: number): { reason: string; source: FillSource } | undefined {
  const column = op.column;
  if (column.generated === "stored") return { reason: "a GENERATED ... STORED column is computed for every existing row", source: "generated" };
  if (column.generated === "identity") return { reason: "an identity column is numbered for every existing row", source: "sequence" };
  if (column.serial) return { reason: `${column.type?.name === "bigint" ? "bigserial" : "serial"} fills every existing row from a sequence`, source: "sequence" };
  if (!column.default?.expr) return undefined;
  if (column.default.volatile) return { reason: `the default ${column.default.expr} is volatile, so it is evaluated for every existing row`, source: "default" };
  if (constantDefaultRewrites(postgresVersion) && !/^null$/i.test(column.default.expr)) return { reason: CONSTANT_DEFAULT_REWRITES, source: "default" };
  return undefined;
}
