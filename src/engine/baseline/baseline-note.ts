/** The one line a run prints about the migrations a baseline left unchecked, and why. */
import type { BaselineSummary } from "./baselines.js";

const plural = (n: number) => `${n} migration${n === 1 ? "" : "s"}`;

export function baselineNote(summary: BaselineSummary | undefined): string | undefined {
  if (!summary) return undefined;
  const where = (l: BaselineSummary["lines"][number]) => `${l.said} (${l.path}${l.line ? `:${l.line}` : ""})`;
  const lines = summary.lines.length === 1 ? where(summary.lines[0]) : summary.lines.map((l) => `${l.skipped} by ${where(l)}`).join("; ");
  return `baseline: ${plural(summary.skipped)} not checked, at or before the version that ran on every database: ${lines}`;
}
