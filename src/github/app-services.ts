/** State the app keeps across deliveries (in memory, per process), and the one way handlers start a review. */
import type { Logger } from "probot";
import { DeliveryLog } from "./delivery-log.js";
import { KeyedLock } from "./keyed-lock.js";
import { reviewPullRequest, type ReviewOutcome } from "./review.js";
import type { GitHub, ReviewTarget } from "./target.js";

export interface AppServices {
  deliveries: DeliveryLog;
  locks: KeyedLock;
}

export const createAppServices = (): AppServices => ({ deliveries: new DeliveryLog(), locks: new KeyedLock() });

export interface EventScope {
  id: string;
  octokit: GitHub;
  log: Logger;
}

/**
 * Run a review for a delivery. A review that could not even complete its check run answers the webhook
 * with an error, so the delivery shows as failed and can be redelivered.
 */
export async function runReview(services: AppServices, event: EventScope, target: ReviewTarget): Promise<ReviewOutcome> {
  const outcome = await reviewPullRequest({ octokit: event.octokit, log: event.log.child({ delivery: event.id }), locks: services.locks }, target);
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
