/** What the down rules say when the repository never writes downs (conventions.ts reads the habit). */
import { CONFIG_PATHS } from "../../config-paths.js";
import type { Severity } from "../../model.js";
import type { RuleContext } from "./rule.js";

/** One sentence naming the habit and the config line that turns the rule off, or "" when there is no such habit. */
export function downHabit(ctx: RuleContext, ruleId: string): string {
  const habit = ctx.conventions.downs;
  if (!habit) return "";
  const what =
    habit.kind === "never"
      ? `None of the ${habit.earlier} earlier migrations in ${habit.folder}/ has a down either`
      : `The ${habit.earlier} earlier migrations in ${habit.folder}/ have no down or an empty one`;
  return ` ${what}: if the project rolls forward by policy, \`rules: { ${ruleId}: off }\` in ${CONFIG_PATHS[0]} turns this check off.`;
}

/**
 * A project that never writes downs (or always leaves them empty) rolls forward by policy: the gap is shown as a
 * warning, without failing a required check on every pull request for following it (replayed on supabase/auth:
 * 17 of 17 such errors judged false). Undefined keeps the rule's own severity.
 */
export const downHabitSeverity = (ctx: RuleContext): Severity | undefined => (ctx.conventions.downs ? "warning" : undefined);

/**
 * Django: one sentence saying that the project's other RunPython steps have no reverse_code either, with the config line
 * that turns the rule off; "" when that is not the project's habit.
 */
export function reverseHabit(ctx: RuleContext): string {
  const habit = ctx.framework === "django" ? ctx.conventions.reverses : undefined;
  if (!habit) return "";
  return ` ${habit.without} of the ${habit.steps} RunPython steps in the project's other migrations have no reverse_code either: if rolling back means restoring a backup by policy, \`rules: { irreversible-migration: off }\` in ${CONFIG_PATHS[0]} turns this check off.`;
}
