/**
 * The consumer side: a BullMQ worker that runs queued reviews with an installation Octokit from Probot's
 * `app.auth(installationId)` (so Octokit's retries and throttling apply as in a webhook handler).
 *
 * Per job:
 *  - a push whose pull request has moved on (or closed) is skipped: the newer commit has its own job;
 *    the App checks the head again right before posting, so an older review never posts over a newer one;
 *  - the check run's id is saved in the job as soon as it exists, so a retry (after a crash, a transient
 *    GitHub error or a shutdown) completes that check instead of adding a second one;
 *  - transient errors are retried with backoff while attempts remain; after the last attempt, or when a
 *    job has taken its worker down JOB_MAX_STALLS times, the check is completed with the reason;
 *  - on shutdown, jobs still running when the grace period ends are cancelled and put back in the queue.
 */
import { UnrecoverableError, WaitingError, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger, Probot } from "probot";
import { completeFailedCheckRun } from "../github-api/check-runs.js";
import { describeError } from "../github-api/describe-error.js";
import { fetchPullRequest } from "../github-api/pull-requests.js";
import type { GitHub, ReviewTarget } from "../github-api/target.js";
import type { Settings } from "../ops/settings.js";
import { failedCheckRunOutput, type CheckRunOutput } from "../report/check-run.js";
import { runReview, type ReviewServices } from "../review/run-review.js";
import { ReviewJobData } from "./review-job.js";

export type JobResult =
  | { status: "reviewed"; conclusion: string; checkRunId?: number }
  | { status: "superseded"; currentHead: string }
  | { status: "closed" }
  | { status: "gave-up"; reason: string };

export interface ReviewWorkerOptions {
  settings: Pick<Settings, "queueName" | "concurrency" | "lockMs" | "stalledCheckMs" | "maxStalls">;
  app: Pick<Probot, "auth">;
  services: ReviewServices;
  /** a connection for BullMQ's blocking commands (maxRetriesPerRequest: null) */
  connection: Redis;
  log: Logger;
  /** stored on each job it processes (processedBy): which replica ran it */
  name: string;
}

export interface ReviewWorker {
  worker: Worker<ReviewJobData, JobResult>;
  /** stop taking jobs; jobs still running after `graceMs` are cancelled and put back in the queue */
  close(graceMs: number): Promise<void>;
}

/**
 * Worth another attempt: a server error or rate limiting that outlasted Octokit's own retries (Octokit
 * reports "no answer" as 500 too), or a failure outside GitHub (Redis). Not a 4xx, not a bug in migguard.
 */
export function isTransient(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === "number") return status >= 500 || status === 429;
  return !(error instanceof TypeError || error instanceof RangeError || error instanceof SyntaxError || error instanceof ReferenceError);
}

/** The review ran but could not complete its check (already counted as such by runReview). */
class CheckNotCompleted extends Error {}

/** Every request of this Octokit carries the job's abort signal; after an abort no new request starts. */
function bindAbort(octokit: GitHub, signal: AbortSignal | undefined): void {
  if (!signal) return;
  octokit.hook.before("request", (options) => {
    if (signal.aborted) throw new Error("the worker is shutting down; the review is handed back to the queue");
    options.request = { ...options.request, signal };
  });
}

const skippedOutput = (title: string, summary: string): CheckRunOutput => ({ conclusion: "neutral", title, summary, annotations: [] });

type Skipped = Extract<JobResult, { status: "superseded" | "closed" }>;

/** A push job whose pull request has closed or moved on to a newer commit is not reviewed (the newer one has its own job). */
async function movedOn(octokit: GitHub, target: ReviewTarget): Promise<Skipped | undefined> {
  const pr = await fetchPullRequest(octokit, target);
  if (pr.state !== "open") return { status: "closed" };
  if (pr.head.sha !== target.headSha) return { status: "superseded", currentHead: pr.head.sha };
  return undefined;
}

/** What a check an earlier attempt started says when the review is skipped after all. */
const skippedCheck = (skipped: Skipped) =>
  skipped.status === "closed"
    ? skippedOutput("Not reviewed: the pull request is closed", "The pull request was closed before migguard finished reviewing this commit.")
    : skippedOutput("Not reviewed: a newer commit was pushed", `The pull request moved on to \`${skipped.currentHead.slice(0, 7)}\`; migguard reviews that commit instead.`);

export function startReviewWorker(options: ReviewWorkerOptions): ReviewWorker {
  const { settings, app, services, log: baseLog } = options;
  const metrics = services.metrics;

  const processor = async (job: Job<ReviewJobData, JobResult>, token?: string, signal?: AbortSignal): Promise<JobResult> => {
    const parsed = ReviewJobData.safeParse(job.data);
    // without a valid target there is no check to complete: fail the job for inspection
    if (!parsed.success) throw new UnrecoverableError(`job ${job.id} is not a review job: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    const data = parsed.data;
    const target: ReviewTarget = data.target;
    const attempts = job.opts.attempts ?? 1;
    const lastAttempt = job.attemptsMade + 1 >= attempts;
    const log = baseLog.child({ job: job.id, delivery: data.deliveryId, attempt: job.attemptsMade + 1, stalls: job.stalledCounter });
    if (job.attemptsStarted <= 1) metrics?.jobWait.observe(Math.max(0, Date.now() - data.enqueuedAt) / 1000);

    let checkRunId = data.checkRunId;
    let octokit: GitHub | undefined;
    const completeWith = async (output: CheckRunOutput) => {
      if (!octokit) octokit = (await app.auth(data.installationId)) as GitHub;
      await completeFailedCheckRun(octokit, target, checkRunId, output);
    };

    try {
      octokit = (await app.auth(data.installationId)) as GitHub;
      bindAbort(octokit, signal);

      if (job.stalledCounter >= settings.maxStalls) {
        const reason = `the review stopped its worker ${job.stalledCounter} times (a crash, or the process ran out of memory)`;
        await completeWith(failedCheckRunOutput(reason, "failure", target.headSha));
        log.error({ reason }, "gave up on the review");
        metrics?.reviews.inc({ outcome: "gave-up" });
        return { status: "gave-up", reason };
      }

      const skipped = data.rerun ? undefined : await movedOn(octokit, target);
      if (skipped) {
        // an earlier attempt's check must not stay in progress forever
        if (checkRunId !== undefined) await completeWith(skippedCheck(skipped));
        log.info({ ...skipped, head: target.headSha.slice(0, 7) }, skipped.status === "closed" ? "pull request closed; review skipped" : "a newer commit was pushed; review skipped");
        metrics?.reviews.inc({ outcome: skipped.status });
        return skipped;
      }

      const outcome = await runReview(services, { octokit, log }, target, {
        checkRunId,
        onCheckRun: async (id) => {
          checkRunId = id;
          await job.updateData({ ...data, checkRunId: id });
        },
        retryable: (error) => signal?.aborted === true || (!lastAttempt && isTransient(error)),
      });
      if (outcome.conclusion === "not-completed") throw new CheckNotCompleted(`the check run could not be completed: ${outcome.failure ?? "unknown error"}`);
      metrics?.jobs.inc({ result: "done" });
      return { status: "reviewed", conclusion: outcome.conclusion, checkRunId };
    } catch (error) {
      if (signal?.aborted && token) {
        // shutdown: back to the queue for another worker, not counted as an attempt
        await job.moveToWait(token);
        log.warn({ checkRunId }, "shutdown: review handed back to the queue");
        metrics?.jobs.inc({ result: "requeued" });
        throw new WaitingError();
      }
      // another attempt only helps when the failure may pass (not a 404 for an uninstalled app, say)
      if (!lastAttempt && isTransient(error)) {
        log.warn({ err: error, reason: describeError(error) }, "review attempt failed; it will be retried");
        metrics?.jobs.inc({ result: "retried" });
        throw error;
      }
      const tries = job.attemptsMade + 1;
      const reason = `${describeError(error)} (after ${tries} attempt${tries === 1 ? "" : "s"})`;
      log.error({ err: error, reason }, "review failed after its last attempt; completing the check with the reason");
      let completed = false;
      try {
        await completeWith(failedCheckRunOutput(reason, "failure", target.headSha));
        completed = true;
      } catch (completionError) {
        log.error({ err: completionError }, "could not complete the check run either");
      }
      metrics?.jobs.inc({ result: "failed" });
      if (!(error instanceof CheckNotCompleted)) metrics?.reviews.inc({ outcome: completed ? "error" : "not-completed" });
      // kept in the failed list for inspection; not retried
      throw lastAttempt ? error : new UnrecoverableError(reason);
    }
  };

  const worker = new Worker<ReviewJobData, JobResult>(settings.queueName, processor, {
    connection: options.connection,
    name: options.name,
    concurrency: settings.concurrency,
    lockDuration: settings.lockMs,
    stalledInterval: settings.stalledCheckMs,
    // a job may be recovered this many times; the processor then completes its check with the reason
    maxStalledCount: settings.maxStalls,
  });
  worker.on("error", (error) => baseLog.error({ err: error }, "queue worker error"));
  worker.on("stalled", (jobId) => {
    baseLog.warn({ job: jobId }, "a worker died with this job in hand; it is back in the queue");
    metrics?.jobs.inc({ result: "stalled" });
  });

  return {
    worker,
    async close(graceMs: number) {
      const timer = setTimeout(() => {
        baseLog.warn({ graceMs }, "shutdown grace period over: handing the reviews in hand back to the queue");
        worker.cancelAllJobs("worker shutting down");
      }, graceMs);
      try {
        await worker.close();
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
