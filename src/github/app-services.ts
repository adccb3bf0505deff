/** State the app keeps across deliveries (in memory, per process), and the one way handlers start a review. */
import type { Logger, Probot } from "probot";
import type { ExecutionLimits } from "../execute/executor.js";
import type { InFlight } from "../ops/in-flight.js";
import type { Metrics } from "../ops/metrics.js";
import { enqueueReview } from "../queue/enqueue-review.js";
import { executeReview } from "../queue/execute-review.js";
import type { QueuedReview, ReviewQueue } from "../queue/review-queue.js";
import { DeliveryLog } from "./delivery-log.js";
import { KeyedLock, type PerKeyLock } from "./keyed-lock.js";
import type { ReviewOutcome } from "./review.js";
import type { GitHub, ReviewTarget } from "./target.js";

export interface AppServices {
  deliveries: DeliveryLog;
  locks: PerKeyLock;
  /** the app's own login ("<slug>[bot]"), so only its own comments are ever edited; undefined if unknown */
  ownLogin(): Promise<string | undefined>;
  /** Prometheus metrics (src/ops/metrics.ts) */
  metrics?: Metrics;
  /** with REDIS_URL: reviews are queued for the workers (`npm run worker`) instead of run here */
  queue?: ReviewQueue;
  /** reviews running in this process, which a graceful shutdown waits for */
  inFlight?: InFlight;
  /** limits of running the migrations for real (per review, memory) */
  executionLimits?: Partial<ExecutionLimits>;
}

export function createAppServices(app: Probot, extras: Partial<Pick<AppServices, "locks" | "metrics" | "queue" | "inFlight" | "executionLimits">> = {}): AppServices {
  let login: Promise<string | undefined> | undefined;
  const ownLogin = () =>
    (login ??= app
      .auth()
      .then((octokit) => octokit.rest.apps.getAuthenticated())
      .then(({ data }) => (data?.slug ? `${data.slug}[bot]` : undefined))
      .catch((error: unknown) => {
        // asked again next time; meanwhile comments are recognised by their marker alone
        login = undefined;
        app.log.warn({ err: error }, "could not read the app's own login");
        return undefined;
      }));
  return { deliveries: new DeliveryLog(), locks: new KeyedLock(), ownLogin, ...extras };
}

export interface EventScope {
  id: string;
  octokit: GitHub;
  log: Logger;
  /** the webhook payload: its installation is what a queued review authenticates as */
  payload?: { installation?: { id: number } | null };
}

/**
 * Run a review for a delivery: here and now, or (with a queue) as a job for the workers. A review that
 * could not even complete its check run, or a job Redis did not take, answers the webhook with an error,
 * so the delivery shows as failed and can be redelivered.
 */
export async function runReview(services: AppServices, event: EventScope, target: ReviewTarget): Promise<ReviewOutcome | QueuedReview> {
  if (services.queue) {
    try {
      return await enqueueReview(services.queue, services.metrics, event, target);
    } catch (error) {
      services.deliveries.release(event.id);
      throw error;
    }
  }
  const running = executeReview(services, { octokit: event.octokit, log: event.log.child({ delivery: event.id }) }, target);
  const outcome = await (services.inFlight?.track(running) ?? running);
  if (outcome.conclusion === "not-completed") {
    services.deliveries.release(event.id);
    throw new Error(`migguard could not complete its check run for ${target.owner}/${target.repo}#${target.pullNumber}: ${outcome.failure ?? "unknown error"}`);
  }
  return outcome;
}

/** Claims a delivery id; false (and a log line) for a delivery already handled. */
export function firstDelivery(services: AppServices, event: EventScope): boolean {
  if (services.deliveries.claim(event.id)) return true;
  event.log.info({ delivery: event.id }, "delivery already handled; ignoring the redelivery");
  return false;
}
