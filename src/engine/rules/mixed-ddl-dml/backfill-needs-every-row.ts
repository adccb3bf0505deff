/**
 * A backfill of a column this migration adds, followed in the same migration by a statement that needs every row
 * filled: the column made NOT NULL (through the renames that swap it into place: an enum swap's new_status renamed
 * to status), or the column it copies from dropped. Split into revisions, rows the running code writes after the
 * backfill get no value (the code does not know the new column), so the NOT NULL fails or their values go with
 * the dropped column. Such a migration is one atomic change; splitting it needs every write covered meanwhile.
 */
import type { Operation } from "../../model.js";
import { nameKey } from "../support/facts.js";
import { linesInWords } from "../../in-words.js";
import { commentMarker } from "../support/fix.js";
import { lockName } from "../support/lock-modes.js";
import type { RuleContext } from "../support/rule.js";
import { tableOf } from "./statement-roles.js";
import { wholeShown } from "./whole-migration.js";

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

/** "line 22, which makes weekm NOT NULL, and line 24, which drops ...": the statements a backfill must cover every row for */
const neededBy = (needed: RowsNeeded) => {
  const each = needed.needs.map((n) => `line ${n.op.loc.line}, which ${n.why}`);
  return each.length > 1 ? `${each.slice(0, -1).join("; ")}; and ${each.at(-1)}` : each[0];
};

/**
 * The note on a backfill kept with the statements that need it complete: why it stays as written, and the lock that
 * costs (the lock of the ADD COLUMN that made the column, held until the backfill has written every row).
 */
export function keptWholeMessage(ctx: RuleContext, up: readonly Operation[], needed: RowsNeeded): string {
  const { table, column } = needed;
  const added = up.find((op) => op.kind === "add_column" && nameKey(op.table) === table && nameKey(op.column.name) === column);
  const held = added ? `${tableOf(added)} stays locked (the ${lockName(added, ctx.migration.database)} of line ${added.loc.line}) until the backfill has written every row` : `the rows the backfill writes stay locked until the commit`;
  const many = needed.needs.length > 1;
  return `This backfill of ${needed.filled} runs in one transaction with what needs it to cover every row (${neededBy(needed)}), as it must: split apart, rows the running code writes in between get no ${column}, and ${many ? "those statements" : "that statement"} then ${many ? "fail" : "fails"} on them or ${many ? "lose" : "loses"} their values. Kept as written, ${held}, as long as that takes; on a table too large to lock that long, the fix says how to split with every write covered.`;
}

/**
 * The backfill and the statement needing every row filled stay in one transaction, as written: a split would let
 * the running code write rows the backfill never saw (see backfill-needs-every-row.ts). What a split would need
 * instead is said, not written: the new column's value for each write is the backfill's expression on that row.
 */
export function atomicSwapFix(ctx: RuleContext, code: string, needed: RowsNeeded): string {
  const c = commentMarker(ctx.framework);
  const { table, column } = needed;
  const lines = needed.needs.map((n) => n.op.loc.line);
  const which = linesInWords(lines);
  return [
    `${c} keep the backfill of ${needed.filled} and the statements after it in this migration, in one transaction, as written${wholeShown(ctx)}:`,
    ...needed.needs.map((n) => `${c} line ${n.op.loc.line} ${n.why}: it needs every row filled.`),
    `${c} Split into migrations, rows the running code writes after the backfill get no ${column} (that code does not know`,
    `${c} the column), and ${which} then ${lines.length > 1 ? "fail" : "fails"} on them or ${lines.length > 1 ? "lose" : "loses"} their values.`,
    `${c} On a table too large to lock for the backfill, split only with every write covered until the swap: a trigger on ${table}`,
    `${c} that sets ${column} on INSERT and UPDATE as the backfill does, created before the backfill and dropped with the swap.`,
    code,
  ].join("\n");
}
