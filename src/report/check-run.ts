/**
 * Findings -> the output of a GitHub check run: conclusion, title with the counts, a Markdown summary
 * (findings table, then every fix as code) and one annotation per finding on its exact lines.
 * Pure: the GitHub layer posts what this returns. The Checks API caps summary and text at 65,535
 * characters and takes at most 50 annotations per request; this module keeps within the first and
 * leaves batching to the caller (`annotationBatches`).
 */
import type { FileError } from "../engine/analyze.js";
import type { ReportedFinding, Severity } from "../engine/model.js";
import { ruleDocsUrl } from "./docs-url.js";
import { codeLanguage, fenced, inlineCode, plural, SEVERITY_ICON, tableCell, truncateBytes, utf8Bytes as bytes } from "./markdown.js";
import { ruleMeta } from "./rule-catalogue.js";

export type CheckConclusion = "success" | "failure" | "neutral";
export type AnnotationLevel = "notice" | "warning" | "failure";

/** The Checks API's annotation object. */
export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: AnnotationLevel;
  message: string;
  title: string;
  raw_details?: string;
}

export interface CheckRunOutput {
  conclusion: CheckConclusion;
  title: string;
  summary: string;
  text?: string;
  annotations: CheckAnnotation[];
}

export interface CheckRunReport {
  findings: readonly ReportedFinding[];
  /** migrations that could not be analysed (binary, too large, unreadable, a symbolic link, a parser failure) */
  errors: readonly FileError[];
  /** migration files the engine analysed */
  reviewedPaths: readonly string[];
  headSha: string;
  /** Markdown paragraphs shown above the findings: config change, file-list limit, ... */
  notes?: readonly string[];
  /** config `conclusion_on_error` */
  conclusionOnError: "failure" | "neutral";
  /** config `conclusion_on_unanalysed`: when a migration in `errors` could not be analysed */
  conclusionOnUnanalysed: "failure" | "neutral";
  docsUrl?: string;
  /** Markdown of the migrations run for real (what ran, the measured lock table), shown after the findings table */
  execution?: string;
}

/** GitHub's limit for summary and text; counted here in UTF-8 bytes, which is never less than characters. */
export const CHECK_TEXT_LIMIT = 65_535;
export const ANNOTATIONS_PER_REQUEST = 50;
export { truncateBytes };
/** A single annotation message or raw_details is limited to 64 KB. */
const ANNOTATION_FIELD_LIMIT = 60_000;

const LEVEL: Record<Severity, AnnotationLevel> = { error: "failure", warning: "warning", info: "notice" };

export function countBySeverity(findings: readonly ReportedFinding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function conclusionFor(report: Pick<CheckRunReport, "findings" | "errors" | "conclusionOnError" | "conclusionOnUnanalysed">): CheckConclusion {
  const outcomes: CheckConclusion[] = [];
  if (report.findings.some((f) => f.severity === "error")) outcomes.push(report.conclusionOnError);
  // a migration nobody could analyse never passes silently (GitHub counts neutral as passing a required check)
  if (report.errors.length > 0) outcomes.push(report.conclusionOnUnanalysed);
  return outcomes.includes("failure") ? "failure" : outcomes.length ? "neutral" : "success";
}

export function checkRunTitle(report: Pick<CheckRunReport, "findings" | "errors" | "reviewedPaths">): string {
  const counts = countBySeverity(report.findings);
  const migrations = report.reviewedPaths.length;
  const skipped = report.errors.length ? `; ${plural(report.errors.length, "file")} skipped` : "";
  if (report.findings.length === 0) {
    if (migrations === 0 && report.errors.length === 0) return "No migrations changed";
    return `No problems in ${plural(migrations, "migration")}${skipped}`;
  }
  const parts = [
    counts.error ? plural(counts.error, "error") : "",
    counts.warning ? plural(counts.warning, "warning") : "",
    counts.info ? plural(counts.info, "note") : "",
  ].filter(Boolean);
  return `${parts.join(", ")}${migrations ? ` in ${plural(migrations, "migration")}` : ""}${skipped}`;
}

function annotationFor(f: ReportedFinding, docsUrl: string | undefined): CheckAnnotation {
  const title = ruleMeta(f.rule)?.title;
  const message = [f.message, ...f.details, `Docs: ${ruleDocsUrl(f.rule, docsUrl)}`].join("\n");
  return {
    path: f.path,
    start_line: f.line,
    end_line: Math.max(f.line, f.endLine),
    annotation_level: LEVEL[f.severity],
    title: `${f.rule}${title ? `: ${title}` : ""}`.slice(0, 255),
    message: truncateBytes(message, ANNOTATION_FIELD_LIMIT),
    ...(f.fix ? { raw_details: truncateBytes(`Safe alternative:\n${f.fix}`, ANNOTATION_FIELD_LIMIT) } : {}),
  };
}

const location = (f: ReportedFinding) => `${f.path}:${f.line}${f.endLine > f.line ? `-${f.endLine}` : ""}`;

function tableRow(f: ReportedFinding, docsUrl: string | undefined): string {
  return `| ${SEVERITY_ICON[f.severity]} ${f.severity} | [${inlineCode(f.rule)}](${ruleDocsUrl(f.rule, docsUrl)}) | ${inlineCode(location(f))} | ${tableCell(f.message)} |`;
}

function fixSection(f: ReportedFinding, docsUrl: string | undefined): string {
  const lines = [`#### ${SEVERITY_ICON[f.severity]} ${inlineCode(f.rule)} at ${inlineCode(location(f))}`, "", f.message];
  for (const detail of f.details) lines.push(`- ${detail}`);
  if (f.fix) lines.push("", "Safe alternative:", "", fenced(f.fix, codeLanguage(f.path)));
  lines.push("", `[Why this is dangerous and how to fix it](${ruleDocsUrl(f.rule, docsUrl)})`);
  return lines.join("\n");
}

function headerLines(report: CheckRunReport): string[] {
  const short = report.headSha.slice(0, 7);
  const lines = [`migguard reviewed ${plural(report.reviewedPaths.length, "migration")} at ${inlineCode(short)}.`];
  for (const note of report.notes ?? []) lines.push("", note);
  if (report.errors.length) {
    const gate = report.conclusionOnUnanalysed === "failure" ? "so this check fails (config `conclusion_on_unanalysed: neutral` makes it neutral)" : "the config makes this check neutral for them";
    lines.push("", `**Not analysed**, ${gate}; review these by hand or make them readable:`);
    for (const e of report.errors) lines.push(`- ${inlineCode(e.path)}: ${e.message}`);
  }
  return lines;
}

/** Assemble the summary from pieces, stopping at the byte limit with a note saying what was left out. */
function composeSummary(report: CheckRunReport): string {
  const docsUrl = report.docsUrl;
  const reserve = 400;
  const limit = CHECK_TEXT_LIMIT - reserve;
  let summary = truncateBytes(headerLines(report).join("\n"), Math.floor(limit / 4));
  // the lock table is kept whole whatever the number of findings: room for it is set aside first
  const execution = report.execution?.trim() ? `\n\n${truncateBytes(report.execution.trim(), Math.floor(limit / 4))}` : "";
  if (report.findings.length === 0) return summary + execution;

  summary += "\n\n| Severity | Rule | Where | Problem |\n|---|---|---|---|";
  let rowsShown = 0;
  for (const f of report.findings) {
    const row = `\n${tableRow(f, docsUrl)}`;
    if (bytes(summary) + bytes(row) + bytes(execution) > limit) break;
    summary += row;
    rowsShown++;
  }
  summary += execution;
  let fixesShown = 0;
  if (rowsShown === report.findings.length) {
    const heading = "\n\n### How to fix";
    if (bytes(summary) + bytes(heading) <= limit) {
      summary += heading;
      for (const f of report.findings) {
        const section = `\n\n${fixSection(f, docsUrl)}`;
        if (bytes(summary) + bytes(section) > limit) break;
        summary += section;
        fixesShown++;
      }
    }
  }
  const missingRows = report.findings.length - rowsShown;
  const missingFixes = report.findings.length - fixesShown;
  if (missingRows > 0 || missingFixes > 0) {
    const what = missingRows > 0 ? `${plural(missingRows, "finding")} and all fixes are` : `the fixes of ${plural(missingFixes, "finding")} are`;
    summary += `\n\n> **Note:** ${what} not shown here: GitHub limits a check summary to 65,535 characters. Every finding is an annotation on its line (Files changed tab), with its fix.`;
  }
  return summary;
}

function composeText(report: CheckRunReport): string | undefined {
  if (report.reviewedPaths.length === 0) return undefined;
  const lines = ["### Migrations reviewed", "", ...report.reviewedPaths.map((p) => `- ${inlineCode(p)}`)];
  return truncateBytes(lines.join("\n"), CHECK_TEXT_LIMIT);
}

export function checkRunOutput(report: CheckRunReport): CheckRunOutput {
  const text = composeText(report);
  return {
    conclusion: conclusionFor(report),
    title: checkRunTitle(report),
    summary: composeSummary(report),
    ...(text ? { text } : {}),
    annotations: report.findings.map((f) => annotationFor(f, report.docsUrl)),
  };
}

/** The output of a review that could not finish: the check still completes, saying why. */
export function failedCheckRunOutput(reason: string, conclusion: "failure" | "neutral", headSha: string): CheckRunOutput {
  const summary = [
    `migguard could not finish reviewing ${inlineCode(headSha.slice(0, 7))}, so the migrations in this pull request are **not reviewed**.`,
    "",
    `**Reason:** ${reason}`,
    "",
    "Push a new commit, press **Re-run**, or comment `/migguard recheck` to try again.",
  ].join("\n");
  return { conclusion, title: "Review failed: migrations not checked", summary: truncateBytes(summary, CHECK_TEXT_LIMIT), annotations: [] };
}

/** Annotations in request-sized batches: the first goes with the completing update, the rest follow. */
export function annotationBatches(annotations: readonly CheckAnnotation[], size = ANNOTATIONS_PER_REQUEST): CheckAnnotation[][] {
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < annotations.length; i += size) batches.push(annotations.slice(i, i + size));
  return batches;
}
