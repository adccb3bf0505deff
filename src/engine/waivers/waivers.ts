/**
 * Inline waivers, read from comments the language's own parser found:
 *   -- migguard:ignore drop-column the column was copied to users_archive in #123
 *   # migguard:ignore add-index-not-concurrent,set-not-null table has 40 rows
 *   -- migguard:ignore-file require-lock-timeout runner sets lock_timeout
 * A waiver silences the named rules on the next statement (or the statement on the same line);
 * one without a reason is itself a finding. Other linters' waivers (peer-waivers.ts) only turn findings into notes.
 */
import type { Migration, ReportedFinding, Waiver } from "../model.js";
import { ALL_RULES, PEER_MARKERS, parsePeerWaiver } from "./peer-waivers.js";

const WAIVER = /migguard:(ignore-file|ignore)\b[ \t]*([\w*,-]*)[ \t]*(.*)$/;

/** Parse the text of one comment (with its markers) starting on `line`: a migguard waiver, or another linter's (peer-waivers.ts). */
export function parseWaiver(commentText: string, line: number): Waiver | undefined {
  return parseOwnWaiver(commentText, line) ?? parsePeerWaiver(commentText, line);
}

function parseOwnWaiver(commentText: string, line: number): Waiver | undefined {
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
export const mayHaveWaivers = (content: string) => content.includes("migguard:") || PEER_MARKERS.some((m) => content.includes(m));

const names = (waiver: Waiver, rule: string) => waiver.rules.length === 0 || waiver.rules.includes(rule) || waiver.rules.includes("*");

/**
 * Line numbers where the statements of the migration's own file start (up, and a down written in the same file), in
 * order. A down in its own file (golang-migrate's .down.sql, Flyway's U file) numbers its lines from 1 there: mixed
 * in, its first statement took the place of the up's, and a waiver on line 1 of the .up.sql covered nothing.
 */
const statementStarts = (migration: Migration) =>
  [...migration.up, ...(migration.down.status === "present" && migration.down.path === undefined ? migration.down.ops : [])].map((op) => op.loc.line).sort((a, b) => a - b);

/** Does the waiver's place cover the finding: the statement after the comment, the one on its line, or the file. */
const coversLine = (w: Waiver, line: number, starts: readonly number[]) =>
  w.endLine !== undefined ? line >= w.line && line <= w.endLine :
  w.wholeFile || w.line === line || (starts.find((start) => start >= w.line) ?? w.line + 1) === line;

/**
 * Does a waiver with a reason cover this finding? It covers the statement after the comment (or the one on
 * its own line), or the whole file for `ignore-file`, and only findings in the migration's own file.
 */
export function isWaived(finding: Pick<ReportedFinding, "rule" | "line" | "path">, migration: Migration | undefined): boolean {
  if (!migration || migration.path !== finding.path || migration.waivers.length === 0) return false;
  const starts = statementStarts(migration);
  return migration.waivers.some((w) => !w.peer && w.reason && names(w, finding.rule) && coversLine(w, finding.line, starts));
}

/** Regulated data needs a reason and a sign-off: another linter's waiver never covers it. */
const PEER_PROOF = new Set(["regulated-data"]);

/** The other linter's waiver (squawk, Atlas, eugene, django-migration-linter, RuboCop) that covers this finding, if any. */
export function peerWaiverOf(finding: Pick<ReportedFinding, "rule" | "line" | "path">, migration: Migration | undefined): Waiver | undefined {
  if (!migration || migration.path !== finding.path || PEER_PROOF.has(finding.rule)) return undefined;
  const peers = migration.waivers.filter((w) => w.peer && (w.rules.includes(ALL_RULES) || w.rules.includes(finding.rule)));
  if (peers.length === 0) return undefined;
  const starts = statementStarts(migration);
  return peers.find((w) => coversLine(w, finding.line, starts));
}
