/**
 * The middle of a review: the gathered input through the engine, and the engine's result into what the
 * publishers post (check output, comment drafts). No GitHub calls here.
 */
import { analyze, type FileError } from "../engine/analyze.js";
import type { ReportedFinding } from "../engine/model.js";
import { checkRunOutput, type CheckRunOutput } from "../report/check-run.js";
import { fingerprintFindings, reviewCommentDrafts, type ReviewCommentDraft } from "../report/review-comments.js";
import { commentableLines } from "./diff-lines.js";
import { inputNotes, type ReviewInput } from "./review-input.js";

export interface ReviewResult {
  findings: ReportedFinding[];
  /** files not analysed: unreadable at GitHub, or rejected by the engine */
  errors: FileError[];
  /** migrations the engine analysed */
  reviewedPaths: string[];
}

export async function analyzeReview(input: ReviewInput): Promise<ReviewResult> {
  const result = await analyze({
    files: input.files,
    config: input.config.config,
    configProblems: input.config.problems,
    configPath: input.config.path,
  });
  return {
    findings: result.findings,
    errors: [...input.skipped, ...result.errors],
    reviewedPaths: result.migrations.map((m) => m.path),
  };
}

export function checkOutputFor(input: ReviewInput, result: ReviewResult): CheckRunOutput {
  return checkRunOutput({
    findings: result.findings,
    errors: result.errors,
    reviewedPaths: result.reviewedPaths,
    headSha: input.target.headSha,
    notes: inputNotes(input),
    conclusionOnError: input.config.config.conclusion_on_error,
    docsUrl: input.config.config.docs_url,
  });
}

export interface CommentDrafts {
  drafts: ReviewCommentDraft[];
  /** fingerprints of every current finding, commented or not: their old comments stay */
  stillReported: Set<string>;
}

export function commentDraftsFor(input: ReviewInput, result: ReviewResult): CommentDrafts {
  const positions = new Map(input.changedFiles.filter((f) => f.status !== "removed").map((f) => [f.path, commentableLines(f.patch)]));
  const sources = new Map(input.files.map((f) => [f.path, f.content]));
  return {
    drafts: reviewCommentDrafts(result.findings, positions, { sources, docsUrl: input.config.config.docs_url }),
    stillReported: new Set(fingerprintFindings(result.findings)),
  };
}
