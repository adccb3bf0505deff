/**
 * Under a code-before-migrate deploy (code-first.ts) the new code serves before the migration runs: when it runs,
 * no old code is left. An old-code finding (a NOT NULL column the old code's inserts leave out, a column the old code
 * still selects) becomes a note saying why, where the new code's column list is fixed in its source:
 * - Django and Alembic (SQLAlchemy): the models name the columns each query selects and inserts, so the new code
 *   never names a column its models dropped and always sets one its models added;
 * - not Rails: Active Record reads the table's columns when a process first queries it, so the new processes, booted
 *   before the migration, cache the old column list and fail on a dropped column (or leave out an added NOT NULL
 *   one) just as the old code would; nor plain SQL, whose code migguard cannot see.
 * A rename stays (`RuleMeta.newCodeFailsToo`): the new code names the new name before the migration creates it.
 * `new-code` findings (new-code-before-migration) are shown only under this deploy.
 */
import type { Framework, ReportedFinding } from "../model.js";
import type { Report, RuleMeta } from "../rules/support/rule.js";
import { CODE_FIRST_OVERRIDE, codeFirstWhy, type DeployDecision } from "./deploy-model.js";
import { STATIC_COLUMNS } from "./old-code-gone.js";

/**
 * A finding as a code-before-migrate deploy sees it: undefined when it is about the new code and the deploy is not
 * code-first (it is not shown); a note when only old code meets it and the framework's code names its columns.
 */
export function underCodeOrder(
  finding: ReportedFinding,
  hazard: RuleMeta["hazard"],
  newCodeFailsToo: boolean,
  framework: Framework,
  decision: DeployDecision,
  /** the report's own finding for this deploy (Report.underCodeFirst), for a hazard the new code meets too */
  codeFirst?: Report["underCodeFirst"],
): ReportedFinding | undefined {
  if (hazard === "new-code") return decision.mode === "code-before-migrate" ? finding : undefined;
  if (decision.mode !== "code-before-migrate" || hazard !== "old-code" || finding.severity === "info") return finding;
  const reason = codeFirstWhy(decision);
  if (newCodeFailsToo && codeFirst) {
    const severity = codeFirst.severity ?? finding.severity;
    return {
      ...finding,
      severity,
      message: codeFirst.message(reason),
      fix: codeFirst.fix,
      details: [...finding.details, `code-first deploy: ${reason}: no old code runs when this migration runs; the new code meets the hazard instead (${CODE_FIRST_OVERRIDE})`],
    };
  }
  if (newCodeFailsToo || !STATIC_COLUMNS.has(framework)) return finding;
  return {
    ...finding,
    severity: "info",
    message: `${finding.message} Code-first deploy (${reason}): no old code runs when this migration runs, and the new code's models name the columns it reads and writes; ${CODE_FIRST_OVERRIDE}.`,
    details: [...finding.details, `code-first deploy: ${reason}; a ${finding.severity} when the migrations run before the code (${CODE_FIRST_OVERRIDE})`],
  };
}
