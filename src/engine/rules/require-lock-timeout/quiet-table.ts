/**
 * How much traffic can queue behind a statement's lock on its table, to choose the statement a once-per-file finding
 * points at and names: a table the application works on over a young one, over one nothing reads any more. atuin's
 * 20260127000000_remove-email-verification.sql drops user_verification_token, which no code names, on line 1, and
 * users' verified_at on line 2: the queue a lock_timeout prevents forms behind line 2's ACCESS EXCLUSIVE on users.
 * A quieter table's statement still counts when it is the only one: a young table may already be hot.
 */
import type { Operation } from "../../model.js";
import { daysBetween, migrationDate } from "../../repository/migration-date.js";
import { plannedRemoval } from "../support/planned-removal.js";
import type { RuleContext } from "../support/rule.js";

/** 0: a table with traffic; 1: young (created or proven empty by an earlier migration lately) or emptied earlier in this one; 2: dropped here while no code reads it. */
export type Quietness = 0 | 1 | 2;

/** An earlier, dated migration created the table (no rows copied in since) or proved it empty within `young_table.days`. */
function youngTable(ctx: RuleContext, table: string): boolean {
  const now = migrationDate(ctx.migration);
  if (!now) return false;
  const within = (earlier: Parameters<typeof migrationDate>[0] | undefined) => {
    const date = earlier && migrationDate(earlier);
    const days = date ? daysBetween(date, now) : NaN;
    return days >= 0 && days <= ctx.config.young_table.days;
  };
  const birth = ctx.repository.tableBirth(table);
  if (birth && !birth.baseline && !birth.filled && within(birth.creator)) return true;
  return within(ctx.repository.tableEmptiedBy(table));
}

export function quietness(ctx: RuleContext, op: Operation, table: string, index: number): Quietness {
  // DROP TABLE of a table no application code read names (plain SQL's planned removal): no query of it is left to wait
  if (op.kind === "drop_table" && op.tables.length === 1 && plannedRemoval(ctx, op, undefined, table)?.strong) return 2;
  return ctx.facts.isEmptiedBefore(table, index) || youngTable(ctx, table) ? 1 : 0;
}
