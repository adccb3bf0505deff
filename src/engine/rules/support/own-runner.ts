/**
 * Whether a SQL operation's file may be run by the project's own migrator, in a transaction per file (fider's
 * dbx.Migrate, concourse's runMigration: deploy/go-transaction-runner.ts). analyze.ts swaps in a report's
 * fixUnderRunnerTransaction when the deploy files show such a runner; only golang-migrate's and plain SQL files
 * have no runner of their own that decides the transaction.
 */
import type { RuleContext } from "./rule.js";
import { NO_WAY_OUT_OF_TRANSACTION } from "./leave-transaction.js";
import type { FixSteps } from "./fix-steps.js";

const OWN_RUNNER_LAYOUTS: ReadonlySet<string> = new Set(["golang-migrate", "plain-sql"]);

/** A SQL operation (not SQL embedded in another language) of a file a project's own migrator may run. */
export const mayRunUnderOwnRunner = (ctx: RuleContext, op: { embeddedSql?: unknown }): boolean =>
  ctx.framework === "sql" && !op.embeddedSql && !NO_WAY_OUT_OF_TRANSACTION[ctx.migration.layout] && OWN_RUNNER_LAYOUTS.has(ctx.migration.layout);

/**
 * A fix in steps under such a runner: each step that runs outside a transaction becomes its `underRunnerTransaction`
 * statements, in a file the runner runs in its transaction. Undefined when a step has none (the fix is kept).
 */
export function stepsUnderRunnerTransaction(fix: FixSteps, runner: string): FixSteps | undefined {
  if (!fix.steps.some((s) => s.noTransaction) || fix.steps.some((s) => s.noTransaction && !s.underRunnerTransaction)) return undefined;
  return { ...fix, steps: fix.steps.map((s) => (s.noTransaction ? { ...s, noTransaction: false, statements: s.underRunnerTransaction!(runner) } : s)) };
}
