/**
 * A PRIMARY KEY the same migration adds over the column SET NOT NULL makes NOT NULL (in the same statement, before
 * it or after it). The key implies NOT NULL and checks the column for NULLs itself, under its own ACCESS EXCLUSIVE
 * lock, a scan no NOT VALID CHECK spares: splitting the SET NOT NULL off changes nothing the key then does not redo,
 * so the finding is moot and the key's own (unique-constraint-without-index) says what the migration costs.
 */
import type { Operation, OperationOf } from "../../model.js";
import { nameKey } from "../support/facts.js";

export function primaryKeyOverColumn(up: readonly Operation[], op: OperationOf<"set_not_null">): OperationOf<"add_constraint"> | undefined {
  return up.find(
    (o): o is OperationOf<"add_constraint"> =>
      o.kind === "add_constraint" && o.constraint === "primary_key" && nameKey(o.table) === nameKey(op.table) && o.columns.some((c) => nameKey(c) === nameKey(op.column)),
  );
}
