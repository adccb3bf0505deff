/**
 * The review service's entry point: the one way a review runs, called by the webhook edge (in-process,
 * without REDIS_URL) and by the queue's workers alike. The review, with its GitHub calls counted and its
 * outcome recorded in the metrics.
 */
import type { Logger } from "probot";
import type { ExecutionLimits } from "../execute/executor.js";
import type { GitHub, ReviewTarget } from "../github-api/target.js";
import { instrumentOctokit, recordReview, type Metrics } from "../ops/metrics.js";
import type { PerKeyLock } from "./keyed-lock.js";
import { reviewPullRequest, type ReviewOutcome, type ReviewRun } from "./review-pull-request.js";

/** What every review of a process shares. */
export interface ReviewServices {
  /** one comment sync per pull request at a time: in-process, or shared by every worker through Redis */
  locks: PerKeyLock;
  /** the app's own login ("<slug>[bot]"), so only its own comments are ever edited; undefined if unknown */
  ownLogin(): Promise<string | undefined>;
  metrics?: Metrics;
  /** limits of running the migrations for real (settings EXECUTE_BUDGET_MS, EXECUTE_MEMORY_MB) */
  executionLimits?: Partial<ExecutionLimits>;
}

export type ReviewAttempt = Pick<ReviewRun, "checkRunId" | "onCheckRun" | "retryable">;

export async function runReview(services: ReviewServices, scope: { octokit: GitHub; log: Logger }, target: ReviewTarget, attempt: ReviewAttempt = {}): Promise<ReviewOutcome> {
  instrumentOctokit(services.metrics, scope.octokit);
  const outcome = await reviewPullRequest({ octokit: scope.octokit, log: scope.log, locks: services.locks, ownLogin: services.ownLogin, executionLimits: services.executionLimits, ...attempt }, target);
  recordReview(services.metrics, outcome);
  return outcome;
}
