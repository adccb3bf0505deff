/**
 * SQL that only PostgreSQL runs (libpg-query through the SQL adapter): a type, function, trigger, sequence or DO
 * block (plpgsql: narrowing-type-change's check that every value fits), which SQLite and MySQL have not or write
 * otherwise. A fix of a rule that speaks for every database sends
 * it on PostgreSQL only (the DROP TYPE an enum's rollback needs: SQLite made no type to drop).
 */
import { segmentOperations } from "../adapters/sql/index.js";

const POSTGRESQL_OBJECTS = new Set(["type", "function", "trigger", "sequence", "materialized_view", "schema"]);

export function isPostgresqlOnlySql(sql: string): boolean {
  try {
    return segmentOperations({ text: sql, transaction: "none" }).ops.some(
      (op) => ((op.kind === "create_object" || op.kind === "drop_object") && POSTGRESQL_OBJECTS.has(op.objectType)) || (op.kind === "raw" && op.statement === "DO"),
    );
  } catch {
    return false; // SQL the parser rejects is no statement migguard can call PostgreSQL's own
  }
}
