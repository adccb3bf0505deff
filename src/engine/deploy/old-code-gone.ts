/**
 * Whether old code can still run while a migration does, as the deploy tells it: not under an offline deploy (nothing
 * serves), nor under a code-before-migrate one for a framework whose code names its columns in its source (Django's
 * models, SQLAlchemy's: the new code, already live, never names a column its models dropped). Rails is not one:
 * Active Record reads the table's columns when a process first queries it, so the new processes, started before the
 * migration, hold the old column list and fail as the old code would; nor plain SQL, whose code is unknown.
 */
import type { Framework, ReportedFinding } from "../model.js";
import { alternativeClause, codeFirstWhy, type DeployDecision } from "./deploy-model.js";

/** frameworks whose application code names its columns in its source (models), not in a cache read at boot */
export const STATIC_COLUMNS: ReadonlySet<Framework> = new Set(["django", "alembic"]);

/** Why no old code runs while a migration of `framework` does, or undefined when it may. */
export function oldCodeGone(decision: DeployDecision, framework: Framework): string | undefined {
  if (decision.mode === "offline") {
    if (decision.source === "config") return "config `deploy: offline`: nothing serves while it migrates";
    const offline = decision.offline;
    return offline ? `${offline.path}:${offline.line}: ${offline.what}${offline.reason ? `: ${offline.reason}` : ""}${alternativeClause(decision)}` : undefined;
  }
  if (decision.mode === "code-before-migrate" && STATIC_COLUMNS.has(framework))
    return `${codeFirstWhy(decision)}: only the new code, whose models no longer name it, runs when it migrates`;
  return undefined;
}

/**
 * A drop whose error was that running code still reads what it drops (`withoutOldCode`), where no old code runs: the
 * message without that claim, the fix without the staging for old code, and only the data loss left, a warning, as
 * for a removal the code already stopped using (the planned last step of a two-step removal). Under an offline deploy
 * every removal the release's code no longer names is such a step: the server starts on the new code after the drop.
 * A drop of a name set at run time stays an error: what it drops, and whether anything needs it, is unknown.
 */
export function withoutOldCode(finding: ReportedFinding, left: { message: string; fix: string | undefined; gone: string; nameKnown: boolean }): ReportedFinding {
  const severity = finding.severity === "error" && left.nameKnown ? "warning" : finding.severity;
  return {
    ...finding,
    severity,
    message: `${left.message} No running code reads it then (${left.gone}).`,
    ...(left.fix === undefined ? {} : { fix: left.fix }),
    ...(severity === finding.severity
      ? {}
      : { details: [...finding.details, `no old code runs while it migrates (${left.gone}), so only the data loss is left: an error where old code still runs (set \`deploy: online\` in .github/migguard.yml if it does)`] }),
  };
}
