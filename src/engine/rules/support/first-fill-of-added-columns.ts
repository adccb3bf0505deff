/**
 * A data step that is the first to write columns an earlier migration added empty (no default, not generated): what it
 * writes replaces only the NULLs the ADD COLUMN put there, so it overwrites no old value, and rolling back the
 * migration that added them drops them with what this one wrote.
 *
 * Where that holds: in a review, the columns were added by a migration of the same change (no code was deployed
 * between the add and the fill, so nothing else wrote them) and no step of the change wrote them in between. In
 * lint, which knows nothing of deploys, the migration just before this one in its folder added them and wrote
 * nothing to them after: the message must say that it assumes both ship in one deploy. A column added by a migration
 * that is already deployed may hold values the application wrote since: no relief then.
 */
import type { Migration } from "../../model.js";
import type { RuleContext } from "./rule.js";
import { ChangePlan } from "./change-plan.js";

export interface FirstFill {
  /** the migrations that added the columns */
  addedBy: Migration[];
  /** lint's reading: the migration just before it added them (a review's change says so itself) */
  assumedSameDeploy: boolean;
}

/** The plan the boundary is read from: the reviewed change, or in lint this migration and the one just before it in its folder. */
function fillPlan(ctx: RuleContext): { plan: ChangePlan; assumedSameDeploy: boolean } | undefined {
  if (ctx.facts.inReviewedChange) return { plan: ctx.facts.change, assumedSameDeploy: false };
  const previous = ctx.repository.previousInFolder;
  return previous ? { plan: new ChangePlan([previous, ctx.migration]), assumedSameDeploy: true } : undefined;
}

/** The step at `opIndex` of the migration's up is the first to write each of `columns` of `table`, which an earlier migration added empty; undefined otherwise. */
export function firstFillOfAddedColumns(ctx: RuleContext, opIndex: number, table: string, columns: readonly string[]): FirstFill | undefined {
  const read = fillPlan(ctx);
  const addedBy = read?.plan.firstFillsOfEmptyColumns(ctx.migration, opIndex, table, columns);
  return read && addedBy ? { addedBy, assumedSameDeploy: read.assumedSameDeploy } : undefined;
}
