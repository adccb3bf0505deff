/**
 * What the webhook edge keeps across deliveries (in memory, per process), and the one way its handlers start
 * a review: as a queue job for the workers (REDIS_URL), or by calling the review service here.
 */
import type { Logger, Probot } from "probot";
import type { ExecutionLimits } from "../execute/executor.js";
import { appLogin } from "../github-api/app-identity.js";
import type { GitHub, ReviewTarget } from "../github-api/target.js";
import type { InFlight } from "../ops/in-flight.js";
import type { Metrics } from "../ops/metrics.js";
import { enqueueReview } from "../queue/enqueue-review.js";
import type { QueuedReview, ReviewQueue } from "../queue/review-queue.js";
import { KeyedLock } from "../review/keyed-lock.js";
import type { ReviewOutcome } from "../review/review-pull-request.js";
import { runReview, type ReviewServices } from "../review/run-review.js";
import { DeliveryLog } from "./delivery-log.js";

export interface AppServices extends ReviewServices {
  deliveries: DeliveryLog;
  /** with REDIS_URL: reviews are queued for the workers (`npm run worker`) instead of run here */
  queue?: ReviewQueue;
  /** reviews running in this process, which a graceful shutdown waits for */
  inFlight?: InFlight;
}

export function createAppServices(app: Probot, extras: { metrics?: Metrics; queue?: ReviewQueue; inFlight?: InFlight; executionLimits?: Partial<ExecutionLimits> } = {}): AppServices {
  return { deliveries: new DeliveryLog(), locks: new KeyedLock(), ownLogin: appLogin(app, app.log), ...extras };
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
export async function startReview(services: AppServices, event: EventScope, target: ReviewTarget): Promise<ReviewOutcome | QueuedReview> {
  if (services.queue) {
    try {
      return await enqueueReview(services.queue, services.metrics, event, target);
    } catch (error) {
      services.deliveries.release(event.id);
      throw error;
    }
  }
  const running = runReview(services, { octokit: event.octokit, log: event.log.child({ delivery: event.id }) }, target);
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
