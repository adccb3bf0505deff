/**
 * Inline waivers (`-- migguard:ignore RULE reason`, `# migguard:ignore-file RULE reason`) for review findings
 * that land in a migration: the same targeting as for migration rules (the statement after the comment,
 * the comment's own line, or the whole file), and only waivers with a reason count.
 */
import type { Migration, ReportedFinding, Waiver } from "../model.js";

const names = (waiver: Waiver, rule: string) => waiver.rules.length === 0 || waiver.rules.includes(rule) || waiver.rules.includes("*");

/** Lines where statements start, for "the statement after the comment". */
function statementStarts(migration: Migration): number[] {
  return [...migration.up, ...(migration.down.status === "present" ? migration.down.ops : [])].map((op) => op.loc.line).sort((a, b) => a - b);
}

export function isWaived(finding: Pick<ReportedFinding, "rule" | "line" | "path">, migration: Migration | undefined): boolean {
  if (!migration || migration.path !== finding.path) return false;
  const starts = statementStarts(migration);
  return migration.waivers.some((w) => {
    if (!w.reason || !names(w, finding.rule)) return false;
    if (w.wholeFile || w.line === finding.line) return true;
    const target = starts.find((start) => start >= w.line) ?? w.line + 1;
    return target === finding.line;
  });
}
