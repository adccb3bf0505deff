/**
 * One review of a pull request at one head commit:
 *   check in_progress -> gather input -> engine -> complete the check -> inline comments.
 * The check always ends completed: if anything before its completion fails (after Octokit's retries), it
 * is completed with the conclusion for errors and the reason. Failures after it (extra annotation batches,
 * comments) are added to its summary instead of replacing the result.
 */
import type { Logger } from "probot";
import type { Config } from "../engine/config.js";
import type { ExecutionLimits } from "../execute/executor.js";
import { CHECK_TEXT_LIMIT, failedCheckRunOutput, truncateBytes, type CheckRunOutput } from "../report/check-run.js";
import { apiCallCounter } from "../github-api/api-calls.js";
import { describeError } from "../github-api/describe-error.js";
import type { PerKeyLock } from "./keyed-lock.js";
import { syncReviewComments, type CommentSyncResult } from "./publish-comments.js";
import { appendAnnotations, completeCheckRun, completeFailedCheckRun, startCheckRun, updateCheckSummary } from "../github-api/check-runs.js";
import { checkOutputFor, commentDraftsFor, type ReviewResult } from "./report-outputs.js";
import { reviewChange } from "./review-change.js";
import { buildReviewInput, type ReviewInput } from "./gather-input.js";
import type { GitHub, ReviewTarget } from "../github-api/target.js";

export interface ReviewRun {
  octokit: GitHub;
  /** Probot's logger for the event (carries the delivery id) */
  log: Logger;
  locks: PerKeyLock;
  /** the app's own login, to tell its comments from anyone else's */
  ownLogin: () => Promise<string | undefined>;
  /** a check run an earlier attempt of this review created (a retried queue job): completed, not duplicated */
  checkRunId?: number;
  /** told the check run's id as soon as it exists, so a retry can reuse it */
  onCheckRun?: (checkRunId: number) => Promise<void>;
  /** errors worth another attempt (a queue job with attempts left): thrown instead of reported on the check */
  retryable?: (error: unknown) => boolean;
  /** limits of running the migrations for real (per statement, per review, memory) */
  executionLimits?: Partial<ExecutionLimits>;
}

export interface ReviewOutcome {
  conclusion: CheckRunOutput["conclusion"] | "not-completed";
  checkRunId?: number;
  comments?: CommentSyncResult;
  failure?: string;
  /** findings on the completed check, by rule */
  findingsByRule?: Record<string, number>;
  durationMs: number;
  apiCalls: number;
}

/** The gathered input through the engine's review mode and the executor (review-change.ts fetches what they need). */
async function analyzeReview(octokit: GitHub, input: ReviewInput, limits?: Partial<ExecutionLimits>): Promise<ReviewResult> {
  const { result, head, skipped, notes, execution } = await reviewChange(octokit, input.target, {
    changedFiles: input.changedFiles,
    config: input.config.config,
    configProblems: input.config.problems,
    configPath: input.config.path,
    limits,
  });
  return {
    findings: result.findings,
    errors: [...skipped, ...result.errors],
    reviewedPaths: result.migrations.map((m) => m.path),
    notes,
    sources: new Map(head.map((f) => [f.path, f.content])),
    ...(execution ? { execution } : {}),
  };
}

const elapsed = (since: number) => Math.round(performance.now() - since);

export async function reviewPullRequest(run: ReviewRun, target: ReviewTarget): Promise<ReviewOutcome> {
  const { octokit } = run;
  const log = run.log.child({ repo: `${target.owner}/${target.repo}`, pr: target.pullNumber, head: target.headSha.slice(0, 7), trigger: target.trigger });
  const calls = apiCallCounter(octokit);
  const callsBefore = calls.count;
  const started = performance.now();
  const outcome = (rest: Omit<ReviewOutcome, "durationMs" | "apiCalls">): ReviewOutcome => ({ ...rest, durationMs: elapsed(started), apiCalls: calls.count - callsBefore });

  let checkRunId: number | undefined;
  // a review that cannot finish analysed no migration: config conclusion_on_unanalysed decides, once the config is known
  let conclusionOnFailure: "failure" | "neutral" = "failure";
  let output: CheckRunOutput;
  let pending: CheckRunOutput["annotations"][];
  let comments: ReturnType<typeof commentDraftsFor>;
  let commentLevel: Config["review_comments"] = "error";
  const findingsByRule: Record<string, number> = {};
  try {
    let phase = performance.now();
    if (run.checkRunId !== undefined) {
      checkRunId = run.checkRunId;
      log.info({ checkRunId }, "check run of an earlier attempt resumed");
    } else {
      checkRunId = await startCheckRun(octokit, target);
      log.info({ checkRunId, ms: elapsed(phase) }, "check run in progress");
      await run.onCheckRun?.(checkRunId);
    }

    phase = performance.now();
    const input = await buildReviewInput(octokit, target, { onConfig: (config) => (conclusionOnFailure = config.config.conclusion_on_unanalysed) });
    log.info({ ms: elapsed(phase), changedFiles: input.changedFiles.length, configFound: input.config.found }, "input gathered");

    phase = performance.now();
    // review mode fetches what its plan needs (base tree, files, code, approvals): timed here with the engine
    const result = await analyzeReview(octokit, input, run.executionLimits);
    output = checkOutputFor(input, result);
    comments = commentDraftsFor(input, result);
    for (const finding of result.findings) findingsByRule[finding.rule] = (findingsByRule[finding.rule] ?? 0) + 1;
    const executed = result.execution && { executed: result.execution.runs.length, executionMs: Math.round(result.execution.runs.reduce((ms, r) => ms + r.ms, 0)), database: result.execution.database };
    log.info({ ms: elapsed(phase), migrations: result.reviewedPaths.length, filesRead: result.sources.size, findings: result.findings.length, errors: result.errors.length, ...executed }, "analysed");
    commentLevel = input.config.config.review_comments;

    phase = performance.now();
    pending = await completeCheckRun(octokit, target, checkRunId, output);
    log.info({ ms: elapsed(phase), sinceStartMs: elapsed(started), conclusion: output.conclusion, title: output.title }, "check run completed");
  } catch (error) {
    if (run.retryable?.(error)) throw error;
    const reason = describeError(error);
    log.error({ err: error, reason }, "review failed; completing the check with the reason");
    try {
      await completeFailedCheckRun(octokit, target, checkRunId, failedCheckRunOutput(reason, conclusionOnFailure, target.headSha));
      return outcome({ conclusion: conclusionOnFailure, checkRunId, failure: reason });
    } catch (completionError) {
      log.error({ err: completionError }, "could not complete the check run either");
      return outcome({ conclusion: "not-completed", checkRunId, failure: reason });
    }
  }

  const notes: string[] = [];
  try {
    await appendAnnotations(octokit, target, checkRunId, output, pending);
  } catch (error) {
    log.warn({ err: error }, "could not append every annotation");
    notes.push(`**Some annotations could not be added:** ${describeError(error)}. Every finding is listed below.`);
  }

  let synced: CommentSyncResult | undefined;
  // review_comments: off posts nothing and edits nothing: the check holds every finding
  if (commentLevel !== "off") {
    try {
      const phase = performance.now();
      synced = await syncReviewComments(octokit, run.locks, target, { ...comments, ownLogin: await run.ownLogin() }, log);
      log.info({ ms: elapsed(phase), ...synced }, synced.status === "stale" ? "head moved on; comments left to the newer review" : "inline comments synced");
    } catch (error) {
      log.warn({ err: error }, "inline comments failed");
      notes.push(`**Inline comments could not be posted:** ${describeError(error)}. The findings below are complete.`);
    }
  }

  if (notes.length) {
    try {
      // notes first, so truncation never drops them
      await updateCheckSummary(octokit, target, checkRunId, { ...output, summary: truncateBytes(`${notes.join("\n\n")}\n\n${output.summary}`, CHECK_TEXT_LIMIT) });
    } catch (error) {
      log.warn({ err: error }, "could not add the notes to the check summary");
    }
  }
  const done = outcome({ conclusion: output.conclusion, checkRunId, comments: synced, findingsByRule });
  log.info({ durationMs: done.durationMs, apiCalls: done.apiCalls, conclusion: done.conclusion }, "review done");
  return done;
}
