/**
 * A review's result into what is posted: the check run's output and the inline comment drafts. Pure.
 */
import type { FileError } from "../engine/analyze.js";
import type { Config } from "../engine/config.js";
import type { ReportedFinding, Severity } from "../engine/model.js";
import type { VerifyResult } from "../execute/verify.js";
import { checkRunOutput, type CheckRunOutput } from "../report/check-run.js";
import { fingerprintFindings, reviewCommentDrafts, type ReviewCommentDraft } from "../report/review-comments.js";
import { commentableLines } from "./diff-lines.js";
import { inputNotes, type ReviewInput } from "./gather-input.js";

export interface ReviewResult {
  findings: ReportedFinding[];
  /** migrations not analysed: unreadable at GitHub, or rejected by the engine */
  errors: FileError[];
  /** migrations the engine analysed */
  reviewedPaths: string[];
  /** for the check summary: partial base listing, regulated-data sign-off */
  notes: string[];
  /** head text of the files the review read */
  sources: Map<string, string>;
  /** the migrations run for real (config `execute`); undefined when nothing ran */
  execution?: VerifyResult;
}

/** Severities that get an inline comment, by config `review_comments`; the rest stay in the check and its annotations. */
const COMMENTED: Record<Config["review_comments"], readonly Severity[]> = { error: ["error"], warning: ["error", "warning"], off: [] };
/** Findings that are still problems: their earlier comments are kept, never marked resolved. */
const STILL_PROBLEMS: readonly Severity[] = ["error", "warning"];

/** Paths the pull request deletes (or renames away): nothing there to annotate or comment on at head. */
function goneAtHead(input: ReviewInput): Set<string> {
  const gone = new Set<string>();
  for (const f of input.changedFiles) {
    if (f.status === "removed") gone.add(f.path);
    if (f.status === "renamed" && f.previousPath) gone.add(f.previousPath);
  }
  for (const f of input.changedFiles) if (f.status !== "removed") gone.delete(f.path);
  return gone;
}

export function checkOutputFor(input: ReviewInput, result: ReviewResult): CheckRunOutput {
  const output = checkRunOutput({
    findings: result.findings,
    errors: result.errors,
    reviewedPaths: result.reviewedPaths,
    headSha: input.target.headSha,
    notes: [...inputNotes(input), ...result.notes],
    conclusionOnError: input.config.config.conclusion_on_error,
    conclusionOnUnanalysed: input.config.config.conclusion_on_unanalysed,
    docsUrl: input.config.config.docs_url,
    execution: result.execution?.markdown,
  });
  // a deleted migration's finding stays in the summary (and the conclusion); GitHub has no line to put it on
  const gone = goneAtHead(input);
  return { ...output, annotations: output.annotations.filter((a) => !gone.has(a.path)) };
}

export interface CommentDrafts {
  drafts: ReviewCommentDraft[];
  /** fingerprints of every current finding that gets a comment where it can: their old comments stay */
  stillReported: Set<string>;
}

export function commentDraftsFor(input: ReviewInput, result: ReviewResult): CommentDrafts {
  const positions = new Map(input.changedFiles.filter((f) => f.status !== "removed").map((f) => [f.path, commentableLines(f.patch)]));
  const fingerprints = fingerprintFindings(result.findings);
  const { review_comments: level, docs_url: docsUrl } = input.config.config;
  return {
    drafts: reviewCommentDrafts(result.findings, positions, { sources: result.sources, docsUrl, severities: COMMENTED[level] }),
    // a finding that became a note (a regulated-data waiver signed off) resolves its comment; a warning
    // below the comment level keeps the comment an earlier config gave it
    stillReported: new Set(fingerprints.filter((_, i) => STILL_PROBLEMS.includes(result.findings[i].severity))),
  };
}
