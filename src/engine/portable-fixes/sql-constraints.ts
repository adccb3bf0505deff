/** The constraints a piece of PostgreSQL SQL adds or drops, with their tables (libpg-query through the SQL adapter). */
import { segmentOperations } from "../adapters/sql/index.js";

export function sqlConstraints(sql: string, kind: "add_constraint" | "drop_constraint"): Array<{ table: string; name: string }> {
  try {
    return segmentOperations({ text: sql, transaction: "none" }).ops.flatMap((op) => (op.kind === kind && op.name ? [{ table: op.table, name: op.name }] : []));
  } catch {
    return []; // SQL the parser rejects names no constraint a guard must keep
  }
}
