/**
 * A name an earlier rename of the same migration gave (a to b, then b to c): it existed only inside the migration,
 * so no deployed code has seen it; the first rename's finding is about the name the code uses.
 */
import type { Migration, OperationOf } from "../../model.js";
import { nameKey } from "./facts.js";

/** `up[index]` renames a table or column whose name an earlier rename of `migration` gave it. */
export function renamesNameGivenEarlier(migration: Pick<Migration, "up">, op: OperationOf<"rename_table"> | OperationOf<"rename_column">, index: number): boolean {
  return migration.up.slice(0, index).some((o) =>
    op.kind === "rename_table"
      ? o.kind === "rename_table" && nameKey(o.newName) === nameKey(op.table)
      : o.kind === "rename_column" && nameKey(o.table) === nameKey(op.table) && nameKey(o.newName) === nameKey(op.column),
  );
}
