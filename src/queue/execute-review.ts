/**
 * The one way a review runs, in the web process (no REDIS_URL) and in a worker alike: the review with its
 * GitHub calls counted and its outcome recorded in the metrics.
 */
import type { Logger } from "probot";
import type { ExecutionLimits } from "../execute/executor.js";
import type { PerKeyLock } from "../github/keyed-lock.js";
import { reviewPullRequest, type ReviewOutcome, type ReviewRun } from "../github/review.js";
import type { GitHub, ReviewTarget } from "../github/target.js";
import { instrumentOctokit, recordReview, type Metrics } from "../ops/metrics.js";

export interface ReviewServices {
  locks: PerKeyLock;
  ownLogin(): Promise<string | undefined>;
  metrics?: Metrics;
  /** limits of running the migrations for real (settings EXECUTE_BUDGET_MS, EXECUTE_MEMORY_MB) */
  executionLimits?: Partial<ExecutionLimits>;
}

export type ReviewAttempt = Pick<ReviewRun, "checkRunId" | "onCheckRun" | "retryable">;

export async function executeReview(services: ReviewServices, scope: { octokit: GitHub; log: Logger }, target: ReviewTarget, attempt: ReviewAttempt = {}): Promise<ReviewOutcome> {
  instrumentOctokit(services.metrics, scope.octokit);
  const outcome = await reviewPullRequest({ octokit: scope.octokit, log: scope.log, locks: services.locks, ownLogin: services.ownLogin, executionLimits: services.executionLimits, ...attempt }, target);
  recordReview(services.metrics, outcome);
  return outcome;
}
