/**
 * One hazard, one message: drop-column reports every dropped column as an error ("code that still reads it
 * breaks"), while the review, which reads the models, may know the deployed code no longer reads it (the base
 * branch ignores it, or a model file the change does not touch no longer declares it). That knowledge is more
 * specific, so it wins: drop-column's finding on the statement becomes a warning that says why, and the
 * review's "safe to drop now" note is folded into it rather than shown beside an error it contradicts.
 */
import type { ReportedFinding } from "../model.js";

const SAFE = "no running code reads it: ";

/** The detail line of dropped-object-still-used's "safe to drop now" note: why no running code reads the column. */
export const safeDropDetail = (reason: string, column: string, searched: string): string => `${SAFE}${reason}, and no ${searched} names ${column}`;

const overlaps = (a: ReportedFinding, b: ReportedFinding) => a.path === b.path && a.line <= b.endLine && b.line <= a.endLine;

/** The lint and review findings with each "safe to drop now" note folded into drop-column's error on the same statement. */
export function foldSafeDrops(lint: readonly ReportedFinding[], reviewed: readonly ReportedFinding[]): { lint: ReportedFinding[]; reviewed: ReportedFinding[] } {
  const notes = reviewed.filter((f) => f.rule === "dropped-object-still-used" && f.severity === "info" && f.details[0]?.startsWith(SAFE));
  const folded = new Set<ReportedFinding>();
  const out = lint.map((f) => {
    if (f.rule !== "drop-column") return f;
    const note = notes.find((n) => overlaps(n, f));
    if (!note) return f;
    // already the planned-removal warning or note lint gave from what it read: its reason stands, the note would repeat it
    if (f.severity !== "error") {
      folded.add(note);
      return { ...f, details: [...f.details, ...note.details] };
    }
    const head = /^Dropping column \S+/.exec(f.message)?.[0];
    if (!head) return f;
    folded.add(note);
    return {
      ...f,
      severity: "warning" as const,
      message: `${head} deletes its data for good, but ${note.details[0]}, so nothing running breaks. Keep a copy of the values if anyone may need them: a rollback cannot restore them.`,
      details: [...f.details, ...note.details],
    };
  });
  return { lint: out, reviewed: reviewed.filter((f) => !folded.has(f)) };
}
