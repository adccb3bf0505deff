/**
 * Findings -> inline review comments. Pure: the GitHub layer decides which comments to create, update
 * or resolve and posts them.
 *
 * One line, one thread: the findings GitHub would show on the same line share one comment that lists each
 * with its fix. Each comment carries a hidden fingerprint per finding (`<!-- migguard:fp=... -->`) made from
 * the rule, the path and the normalised statement, so the next push can tell "same finding" from "new
 * finding" even when lines move, and updates the comment instead of adding one. A ```suggestion block is
 * offered only when the fix is a one-line rewrite of a statement that sits alone on its line, and only one
 * finding of the comment offers one; anything else is shown as code to copy.
 */
import { createHash } from "node:crypto";
import type { ReportedFinding, Severity } from "../engine/model.js";
import { ruleDocsUrl } from "./docs-url.js";
import { codeLanguage, fenced, inlineCode, SEVERITY_ICON, truncateBytes } from "./markdown.js";
import { ruleMeta } from "./rule-catalogue.js";

/** RIGHT-side (head) line numbers a review comment can use, per path, mapped to the diff hunk they are in. */
export type DiffPositions = ReadonlyMap<string, ReadonlyMap<number, number>>;

export interface ReviewCommentDraft {
  /** one per finding the comment lists (several findings on one line share one comment) */
  fingerprints: string[];
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

/** message and fix are cut to keep a comment under GitHub's 65,536-character limit (shared by the findings of a line) */
const PART_LIMIT = 10_000;
/** findings of one line shown in full; the rest are named, the check lists their fixes */
const SHOWN_PER_LINE = 8;
const FP_MARKER = /<!-- migguard:fp=([0-9a-f]+(?:-\d+)?) -->/g;
const RESOLVED_MARKER = /<!-- migguard:resolved=([0-9a-f]+) -->/;
const fingerprintMarker = (fingerprint: string) => `<!-- migguard:fp=${fingerprint} -->`;

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

/** The fingerprints of the findings a comment lists (none: not a migguard comment) and the commit that resolved it. */
export function parseCommentMarkers(body: string): { fingerprints: string[]; resolvedIn?: string } {
  return { fingerprints: [...body.matchAll(FP_MARKER)].map((m) => m[1]), resolvedIn: RESOLVED_MARKER.exec(body)?.[1] };
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

interface SectionOptions {
  /** the finding's line in the head version, for a one-line suggestion (none: no suggestion) */
  sourceLine?: string;
  docsUrl?: string;
  /** how many findings share the comment's length budget */
  share?: number;
}

/** One finding in a comment: what and why, its safe alternative as code, how to accept it. */
function findingSection(finding: ReportedFinding, options: SectionOptions): string[] {
  // GitHub refuses bodies over 65,536 characters: cut the long parts, never the fences or the fingerprint
  const share = options.share ?? 1;
  const f = {
    ...finding,
    message: truncateBytes(finding.message, Math.floor(PART_LIMIT / share)),
    details: finding.details.slice(0, Math.ceil(20 / share)).map((d) => truncateBytes(d, 500)),
    fix: truncateBytes(finding.fix, Math.floor((PART_LIMIT * 3) / share), "\n…(truncated: the full fix is in the check run)"),
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
  return lines;
}

export function reviewCommentBody(finding: ReportedFinding, fingerprint: string, options: { sourceLine?: string; docsUrl?: string } = {}): string {
  return [...findingSection(finding, options), "", fingerprintMarker(fingerprint)].join("\n");
}

export interface FingerprintedFinding {
  finding: ReportedFinding;
  fingerprint: string;
}

/**
 * The comment for the findings of one line: each with its fix, the most severe first. Only one of them may
 * offer a suggestion (two rewrites of one line contradict each other); a line with very many findings shows
 * the first ones in full and names the others.
 */
export function lineCommentBody(entries: readonly FingerprintedFinding[], options: { sourceLine?: string; docsUrl?: string } = {}): string {
  if (entries.length === 1) return reviewCommentBody(entries[0].finding, entries[0].fingerprint, options);
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  const ordered = [...entries].sort((a, b) => rank[a.finding.severity] - rank[b.finding.severity]);
  const shown = ordered.slice(0, SHOWN_PER_LINE);
  const suggesting = shown.filter((e) => oneLineReplacement(e.finding, options.sourceLine) !== undefined);
  const sourceLine = suggesting.length === 1 ? options.sourceLine : undefined;
  const lines = [`**migguard: ${entries.length} findings on this line**`];
  for (const { finding } of shown) {
    const own = finding === suggesting[0]?.finding ? sourceLine : undefined;
    lines.push("", "---", "", ...findingSection(finding, { sourceLine: own, docsUrl: options.docsUrl, share: shown.length }));
  }
  const rest = ordered.slice(SHOWN_PER_LINE);
  if (rest.length) {
    lines.push("", "---", "", `And ${rest.length} more (the **migguard** check lists each with its fix):`);
    for (const { finding } of rest) lines.push(`- ${SEVERITY_ICON[finding.severity]} ${inlineCode(finding.rule)}: ${truncateBytes(finding.message.split("\n")[0], 200)}`);
  }
  lines.push("", ...entries.map((e) => fingerprintMarker(e.fingerprint)));
  return lines.join("\n");
}

/**
 * The body of a comment whose finding is gone: says which commit fixed it and keeps the original
 * (with its suggestion disarmed) folded below. The fingerprint stays so the comment is found again.
 */
export function resolvedCommentBody(previousBody: string, fingerprints: readonly string[], commitSha: string): string {
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
    ...fingerprints.map(fingerprintMarker),
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

/**
 * One draft per line of the pull request's diff that has findings: the findings GitHub would show on the
 * same line (the comment's last line) share one comment. Findings off the diff stay annotations.
 */
export function reviewCommentDrafts(findings: readonly ReportedFinding[], positions: DiffPositions, options: ReviewCommentOptions = {}): ReviewCommentDraft[] {
  const severities = options.severities ?? ["error", "warning"];
  const fingerprints = fingerprintFindings(findings);
  const lines = new Map<string, { path: string; line: number; startLine: number; entries: FingerprintedFinding[] }>();
  findings.forEach((finding, i) => {
    if (!severities.includes(finding.severity)) return;
    const anchor = anchorOf(finding, positions);
    if (!anchor) return;
    const key = `${finding.path}\u0000${anchor.line}`;
    const start = anchor.startLine ?? anchor.line;
    const group = lines.get(key) ?? { path: finding.path, line: anchor.line, startLine: start, entries: [] };
    // every start is in the hunk of the shared last line, so the widest range is still one hunk
    group.startLine = Math.min(group.startLine, start);
    group.entries.push({ finding, fingerprint: fingerprints[i] });
    lines.set(key, group);
  });
  return [...lines.values()].map(({ path, line, startLine, entries }) => {
    // a suggestion replaces one line: only when every finding of the comment starts on it
    const sourceLine = entries.every((e) => e.finding.line === line) ? options.sources?.get(path)?.split("\n")[line - 1]?.replace(/\r$/, "") : undefined;
    return {
      fingerprints: entries.map((e) => e.fingerprint),
      path,
      line,
      ...(startLine < line ? { startLine } : {}),
      body: lineCommentBody(entries, { sourceLine, docsUrl: options.docsUrl }),
    };
  });
}
