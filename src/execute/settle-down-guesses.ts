/**
 * Running the down settles what the static `down-does-not-undo-up` and `down-does-not-restore` rules could
 * only guess from the model:
 * once the down ran and the schema was compared, either it restores the schema (the guess was wrong) or
 * `down-does-not-restore-schema` names the exact differences (the guess is said better). Pure.
 */
import type { ReportedFinding } from "../engine/model.js";

const STATIC_DOWN_RULES = new Set(["down-does-not-undo-up", "down-does-not-restore"]);

export interface ComparedMigration {
  upPath: string;
  downPath: string;
}

export function settleDownGuesses(findings: readonly ReportedFinding[], compared: readonly ComparedMigration[]): { findings: ReportedFinding[]; overruled: ReportedFinding[] } {
  const paths = new Set(compared.flatMap((c) => [c.upPath, c.downPath]));
  const kept: ReportedFinding[] = [];
  const overruled: ReportedFinding[] = [];
  for (const finding of findings) (STATIC_DOWN_RULES.has(finding.rule) && paths.has(finding.path) ? overruled : kept).push(finding);
  return { findings: kept, overruled };
}
