/**
 * Findings -> inline review comments. Pure: the GitHub layer decides which comments to create, update
 * or resolve and posts them.
 *
 * Each comment carries a hidden fingerprint (`<!-- migguard:fp=... -->`) made from the rule, the path and
 * the normalised statement, so the next push can tell "same finding" from "new finding" even when lines
 * move. A ```suggestion block is offered only when the fix is a one-line rewrite of a statement that sits
 * alone on its line; anything else is shown as code to copy.
 */
import { createHash } from "node:crypto";
import type { ReportedFinding, Severity } from "../engine/model.js";
import { ruleDocsUrl } from "./docs-url.js";
import { codeLanguage, fenced, inlineCode, SEVERITY_ICON, truncateBytes } from "./markdown.js";
import { ruleMeta } from "./rule-catalogue.js";

/** RIGHT-side (head) line numbers a review comment can use, per path, mapped to the diff hunk they are in. */
export type DiffPositions = ReadonlyMap<string, ReadonlyMap<number, number>>;

export interface ReviewCommentDraft {
  fingerprint: string;
  path: string;
  /** last line of the commented range (GitHub's `line`) */
  line: number;
  /** first line when the comment spans several lines of one hunk (GitHub's `start_line`) */
  startLine?: number;
  body: string;
}

export interface ReviewCommentOptions {
  /** head-version text of the files, to build suggestions that keep the line's indentation */
  sources?: ReadonlyMap<string, string>;
  docsUrl?: string;
  /** severities that get an inline comment; the rest stay annotations (default: error and warning) */
  severities?: readonly Severity[];
}

/** message and fix are cut to keep a comment under GitHub's 65,536-character limit */
const PART_LIMIT = 10_000;
const FP_MARKER = /<!-- migguard:fp=([0-9a-f]+(?:-\d+)?) -->/;
const RESOLVED_MARKER = /<!-- migguard:resolved=([0-9a-f]+) -->/;

/** Whitespace- and case-insensitive statement text without its terminator: the stable part of a fingerprint. */
export function normaliseStatement(text: string): string {
  return text.replace(/\s+/g, " ").trim().replace(/;$/, "").trim().toLowerCase();
}

function baseFingerprint(f: ReportedFinding): string {
  // findings without a statement (a missing down) are identified by their message instead
  const subject = normaliseStatement(f.statement) || normaliseStatement(f.message);
  return createHash("sha256").update(`${f.rule}\u0000${f.path}\u0000${subject}`).digest("hex").slice(0, 20);
}

/**
 * Fingerprint of every finding, in order. The same rule on the same statement twice in one file
 * (two identical statements) gets `-2`, `-3`, ... so each keeps its own comment.
 */
export function fingerprintFindings(findings: readonly ReportedFinding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const base = baseFingerprint(f);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

export function parseCommentMarkers(body: string): { fingerprint?: string; resolvedIn?: string } {
  return { fingerprint: FP_MARKER.exec(body)?.[1], resolvedIn: RESOLVED_MARKER.exec(body)?.[1] };
}

const commentPrefix = (language: string) => (language === "sql" ? "--" : language === "ruby" || language === "python" ? "#" : undefined);
const isCommentLine = (line: string, prefix: string | undefined) => prefix !== undefined && line.trim().startsWith(prefix);
const leadingTokens = (text: string) => normaliseStatement(text).split(" ").slice(0, 2).join(" ");

/**
 * The replacement for the finding's line when the fix is a one-line rewrite of the same statement:
 * the finding covers one line, that line holds exactly the statement, the fix has exactly one line of code,
 * and that code starts like the statement (so it replaces it rather than being something to add before it).
 */
export function oneLineReplacement(f: ReportedFinding, sourceLine: string | undefined): string | undefined {
  if (f.endLine !== f.line || sourceLine === undefined || !f.statement || !f.fix) return undefined;
  const prefix = commentPrefix(codeLanguage(f.path));
  const code = f.fix.split("\n").filter((l) => l.trim() !== "" && !isCommentLine(l, prefix));
  if (code.length !== 1) return undefined;
  const replacement = code[0].trim();
  if (normaliseStatement(sourceLine) !== normaliseStatement(f.statement)) return undefined;
  if (leadingTokens(replacement) !== leadingTokens(f.statement)) return undefined;
  if (normaliseStatement(replacement) === normaliseStatement(sourceLine)) return undefined;
  const indent = /^\s*/.exec(sourceLine)?.[0] ?? "";
  return `${indent}${replacement}`;
}

export function reviewCommentBody(finding: ReportedFinding, fingerprint: string, options: { sourceLine?: string; docsUrl?: string } = {}): string {
  // GitHub refuses bodies over 65,536 characters: cut the long parts, never the fences or the fingerprint
  const f = {
    ...finding,
    message: truncateBytes(finding.message, PART_LIMIT),
    details: finding.details.slice(0, 20).map((d) => truncateBytes(d, 500)),
    fix: truncateBytes(finding.fix, PART_LIMIT * 3, "\n…(truncated: the full fix is in the check run)"),
  };
  const title = ruleMeta(f.rule)?.title;
  const language = codeLanguage(f.path);
  const lines = [`${SEVERITY_ICON[f.severity]} **migguard · ${inlineCode(f.rule)}** (${f.severity})${title ? ` · ${title}` : ""}`, "", f.message];
  for (const detail of f.details) lines.push(`- ${detail}`);
  const replacement = oneLineReplacement(f, options.sourceLine);
  if (replacement !== undefined) {
    const prefix = commentPrefix(language);
    const notes = f.fix.split("\n").filter((l) => isCommentLine(l, prefix));
    lines.push("", "**Safe alternative** (a one-line change you can commit from here):");
    if (notes.length) lines.push("", fenced(notes.map((l) => l.trim()).join("\n"), language));
    lines.push("", fenced(replacement, "suggestion"));
  } else if (f.fix) {
    lines.push("", "**Safe alternative:**", "", fenced(f.fix, language));
  }
  const waiver = `${commentPrefix(language) ?? "--"} migguard:ignore ${f.rule} <why this is safe here>`;
  lines.push("", `[Why this is dangerous](${ruleDocsUrl(f.rule, options.docsUrl)}) · to accept it, put ${inlineCode(waiver)} on the line above`);
  lines.push("", `<!-- migguard:fp=${fingerprint} -->`);
  return lines.join("\n");
}

/**
 * The body of a comment whose finding is gone: says which commit fixed it and keeps the original
 * (with its suggestion disarmed) folded below. The fingerprint stays so the comment is found again.
 */
export function resolvedCommentBody(previousBody: string, fingerprint: string, commitSha: string): string {
  const original = previousBody
    .replace(/\n*<!-- migguard:(?:fp|resolved)=[^>]*-->/g, "")
    .replace(/^(`{3,})suggestion$/gm, "$1")
    .trim();
  return [
    `✅ **Resolved** in ${commitSha.slice(0, 7)}: migguard no longer reports this problem here.`,
    "",
    "<details><summary>What was reported</summary>",
    "",
    original,
    "",
    "</details>",
    "",
    `<!-- migguard:fp=${fingerprint} -->`,
    `<!-- migguard:resolved=${commitSha} -->`,
  ].join("\n");
}

/** Where a finding can be commented: its first line must be in the diff; a range when its last line is in the same hunk. */
function anchorOf(f: ReportedFinding, positions: DiffPositions): { line: number; startLine?: number } | undefined {
  const lines = positions.get(f.path);
  const hunk = lines?.get(f.line);
  if (!lines || hunk === undefined) return undefined;
  if (f.endLine > f.line && lines.get(f.endLine) === hunk) return { line: f.endLine, startLine: f.line };
  return { line: f.line };
}

/** One draft per finding whose lines are in the pull request's diff; the others stay annotations. */
export function reviewCommentDrafts(findings: readonly ReportedFinding[], positions: DiffPositions, options: ReviewCommentOptions = {}): ReviewCommentDraft[] {
  const severities = options.severities ?? ["error", "warning"];
  const fingerprints = fingerprintFindings(findings);
  const drafts: ReviewCommentDraft[] = [];
  findings.forEach((f, i) => {
    if (!severities.includes(f.severity)) return;
    const anchor = anchorOf(f, positions);
    if (!anchor) return;
    const sourceLine = options.sources?.get(f.path)?.split("\n")[f.line - 1]?.replace(/\r$/, "");
    drafts.push({ fingerprint: fingerprints[i], path: f.path, ...anchor, body: reviewCommentBody(f, fingerprints[i], { sourceLine, docsUrl: options.docsUrl }) });
  });
  return drafts;
}
