/**
 * Under an offline deploy (deploy-model.ts) no traffic waits on a lock and no old code runs against the new
 * schema: the findings whose hazard is only that (`RuleMeta.hazard`) become notes that say what is left, the
 * downtime the statement costs. Data loss, irreversibility, transactions and history keep their severity.
 */
import type { ReportedFinding } from "../model.js";
import type { RuleMeta } from "../rules/support/rule.js";
import { alternativeClause, type DeployDecision } from "./deploy-model.js";

const OVERRIDE = "set `deploy: online` in .github/migguard.yml if instances overlap";

function why(decision: DeployDecision): string {
  if (decision.source === "config") return "config `deploy: offline`";
  if (decision.offline?.reason) return `${decision.offline.path}:${decision.offline.line}: ${decision.offline.what}: ${decision.offline.reason}${alternativeClause(decision)}`;
  return decision.offline ? `${decision.offline.path}:${decision.offline.line} runs the migrations before the server starts, and no file shows instances that overlap` : "";
}

function note(finding: ReportedFinding, hazard: NonNullable<RuleMeta["hazard"]>, decision: DeployDecision): ReportedFinding {
  const reason = why(decision);
  const left =
    hazard === "concurrency"
      ? "no traffic during the migration; this costs downtime of as long as the statement runs (it grows with the table)"
      : "no old code runs against the new schema, the server starts on it after the migration; deploy the code that matches it in the same release";
  return {
    ...finding,
    severity: "info",
    message: `${finding.message} Offline deploy (${reason}): ${left}; ${OVERRIDE}.`,
    details: [...finding.details, `offline deploy: ${reason}; a ${finding.severity} under an online deploy (${OVERRIDE})`],
  };
}

/** A finding as an offline deploy sees it: a note when its hazard needs concurrent traffic or old code. */
export function underDeploy(finding: ReportedFinding, hazard: RuleMeta["hazard"], decision: DeployDecision): ReportedFinding {
  if (decision.mode !== "offline" || !hazard || finding.severity === "info") return finding;
  return note(finding, hazard, decision);
}
