/**
 * Inline waivers, read from comments the language's own parser found:
 *   -- migguard:ignore drop-column the column was copied to users_archive in #123
 *   # migguard:ignore add-index-not-concurrent,set-not-null table has 40 rows
 *   -- migguard:ignore-file require-lock-timeout runner sets lock_timeout
 * A waiver silences the named rules on the next statement (or the statement on the same line);
 * one without a reason is itself a finding.
 */
import type { Migration, ReportedFinding, Waiver } from "./model.js";

const WAIVER = /migguard:(ignore-file|ignore)\b[ \t]*([\w*,-]*)[ \t]*(.*)$/;

/** Parse the text of one comment (with its markers) starting on `line`. */
export function parseWaiver(commentText: string, line: number): Waiver | undefined {
  const body = commentText
    .replace(/^\s*(--|#|\/\*)\s?/, "")
    .replace(/\*\/\s*$/, "")
    .trim();
  const m = WAIVER.exec(body);
  if (!m) return undefined;
  const rules = m[2]
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean);
  return { line, rules, reason: m[3].trim().replace(/^[-:]\s*/, ""), wholeFile: m[1] === "ignore-file" };
}

/** Cheap pre-check so files without waivers skip comment scanning. */
export const mayHaveWaivers = (content: string) => content.includes("migguard:");

const names = (waiver: Waiver, rule: string) => waiver.rules.length === 0 || waiver.rules.includes(rule) || waiver.rules.includes("*");

/**
 * Does a waiver with a reason cover this finding? It covers the statement after the comment (or the one on
 * its own line), or the whole file for `ignore-file`, and only findings in the migration's own file.
 */
export function isWaived(finding: Pick<ReportedFinding, "rule" | "line" | "path">, migration: Migration | undefined): boolean {
  if (!migration || migration.path !== finding.path || migration.waivers.length === 0) return false;
  const starts = [...migration.up, ...(migration.down.status === "present" ? migration.down.ops : [])].map((op) => op.loc.line).sort((a, b) => a - b);
  return migration.waivers.some((w) => {
    if (!w.reason || !names(w, finding.rule)) return false;
    if (w.wholeFile || w.line === finding.line) return true;
    return (starts.find((start) => start >= w.line) ?? w.line + 1) === finding.line;
  });
}
