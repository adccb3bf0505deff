/** What the down rules say when the repository mostly writes no downs, or empty ones (conventions.ts reads the habit). */
import { CONFIG_PATHS } from "../../config-paths.js";
import type { Severity } from "../../model.js";
import type { RuleContext } from "./rule.js";

/**
 * One sentence naming the habit and the config lines that turn the rule off or enforce it, or "" when there is no
 * such habit.
 */
export function downHabit(ctx: RuleContext, ruleId: string): string {
  const habit = ctx.conventions.downs;
  if (!habit) return "";
  const what =
    habit.kind === "never"
      ? `None of the ${habit.earlier} earlier migrations in ${habit.folder}/ has a down either`
      : habit.without === habit.earlier
        ? `The ${habit.earlier} earlier migrations in ${habit.folder}/ have no down or an empty one`
        : `${habit.without} of the ${habit.earlier} most recent earlier migrations in ${habit.folder}/ have no down or an empty one`;
  return ` ${what}: the project rolls forward rather than back, so this is a note. \`rules: { ${ruleId}: off }\` in ${CONFIG_PATHS[0]} turns this check off; \`rules: { ${ruleId}: error }\` makes every such down a required fix again.`;
}

/**
 * A folder whose recent migrations mostly have no down, or an empty one, rolls forward by policy: the gap is a note,
 * never a failed required check for following the team's own habit (replayed: supabase/auth 17 of 17, vaultwarden 40,
 * supabase/postgres 12 such findings judged noise, warnings included). A team that wants downs enforced sets the
 * rule's severity in config, which wins over this (severity.ts). Undefined keeps the rule's own severity.
 */
export const downHabitSeverity = (ctx: RuleContext): Severity | undefined =>
  // sqitch is no roll-forward layout: a deploy that fails reverts what it deployed through the revert scripts, so a
  // missing one breaks that deploy whatever the team's rollback policy (a warning, as before)
  ctx.conventions.downs ? (ctx.migration.layout === "sqitch" ? "warning" : "info") : undefined;

/**
 * Django: one sentence saying that the project's other RunPython steps have no reverse_code either, with the config line
 * that turns the rule off; "" when that is not the project's habit.
 */
export function reverseHabit(ctx: RuleContext): string {
  const habit = ctx.framework === "django" ? ctx.conventions.reverses : undefined;
  if (!habit) return "";
  return ` ${habit.without} of the ${habit.steps} RunPython steps in the project's other migrations have no reverse_code either: if rolling back means restoring a backup by policy, \`rules: { irreversible-migration: off }\` in ${CONFIG_PATHS[0]} turns this check off.`;
}
