/**
 * A backfill of a column this migration adds, followed in the same migration by a statement that needs every row
 * filled: the column made NOT NULL (through the renames that swap it into place: an enum swap's new_status renamed
 * to status), or the column it copies from dropped. Split into revisions, rows the running code writes after the
 * backfill get no value (the code does not know the new column), so the NOT NULL fails or their values go with
 * the dropped column. Such a migration is one atomic change; splitting it needs every write covered meanwhile.
 */
import type { Operation } from "../../model.js";
import { nameKey } from "../support/facts.js";

export interface RowsNeeded {
  /** table.column the backfill fills */
  filled: string;
  /** that table (schema-qualified as written) and column, apart */
  table: string;
  column: string;
  /** the statements after it that need every row filled, each with why ("makes status NOT NULL") */
  needs: Array<{ op: Operation; why: string }>;
}

/**
 * The statements after a backfill that need it to cover every row of the column it fills (table.column), if any:
 * each backfill's own statements after it (FitTrackee's 44 backfills users, makes it NOT NULL, then does the same for
 * workouts), so the first backfill is not judged by what follows the last.
 */
export function backfillNeedsEveryRow(up: readonly Operation[], dataOps: ReadonlyArray<{ op: Operation; index: number }>): RowsNeeded | undefined {
  const fills = dataOps.flatMap(({ op, index }) =>
    op.kind === "dml" && op.verb === "update" && op.table ? op.columns.map((column) => ({ table: nameKey(op.table!), column: nameKey(column), sources: op.sourceColumns.map(nameKey), index })) : [],
  );
  for (const fill of fills) {
    // the name the filled column has as the statements after the backfill run (renamed into place by a swap)
    let name = fill.column;
    const sources = new Set(fill.sources.filter((s) => s !== fill.column));
    const needs: RowsNeeded["needs"] = [];
    for (const op of up.slice(fill.index + 1)) {
      if (!("table" in op) || typeof op.table !== "string" || nameKey(op.table) !== fill.table) continue;
      if (op.kind === "rename_column") {
        if (nameKey(op.column) === name) name = nameKey(op.newName);
        else if (sources.has(nameKey(op.column))) {
          sources.delete(nameKey(op.column));
          sources.add(nameKey(op.newName));
        }
      } else if (op.kind === "set_not_null" && nameKey(op.column) === name && !op.fillsNulls) needs.push({ op, why: `makes ${op.column} NOT NULL` });
      else if (op.kind === "drop_column" && sources.has(nameKey(op.column))) needs.push({ op, why: `drops ${op.column}, the column the backfill copies from` });
    }
    if (needs.length) return { filled: `${fill.table}.${fill.column}`, table: fill.table, column: fill.column, needs };
  }
  return undefined;
}
