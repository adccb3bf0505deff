import type { Operation } from "../../model.js";
import { nameKey } from "../support/facts.js";

/**
 * An up that removes duplicate rows (security_monkey's 7c54b06e227b: it selects the items another item duplicates,
 * then deletes all but the newest in code migguard cannot read): one-way by nature, the issue #19 stance. Putting the
 * removed copies back would undo the cleanup and break the uniqueness it makes room for, and which copy was kept is
 * the point of it: an empty down is the honest one. The table it dedupes, when the up reads that table's duplicated
 * rows (adapters/sql/duplicate-rows.ts) and writes nothing migguard sees but deletes of its rows; undefined when any
 * write it can read overwrites values, adds rows, or reaches another table (a down could restore those).
 */
export function dedupedTable(work: readonly Operation[]): string | undefined {
  const table = work.find((op) => op.kind === "data_migration" && op.readsDuplicatesOf !== undefined);
  const deduped = table?.kind === "data_migration" ? table.readsDuplicatesOf : undefined;
  if (deduped === undefined) return undefined;
  const same = (t: string | undefined) => t !== undefined && nameKey(t.split(".").pop() ?? t) === nameKey(deduped);
  const onlyDeletes = work.every((op) => {
    if (op.kind === "dml") return op.verb === "delete" && same(op.table);
    // an ORM session's delete(obj) names no table: the objects are the rows it read
    if (op.kind === "data_migration")
      return op.readOnly === true || (!op.overwrites?.length && !op.copies?.length && !op.insertsOnly && (op.deletes ?? []).length > 0 && op.deletes!.every((d) => d.table === undefined || same(d.table)));
    // the loops and calls of the code around the read, which migguard cannot read
    return op.kind === "raw";
  });
  return onlyDeletes ? deduped : undefined;
}
