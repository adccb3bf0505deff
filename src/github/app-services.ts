/** State the app keeps across deliveries (in memory, per process), and the one way handlers start a review. */
import type { Logger, Probot } from "probot";
import { DeliveryLog } from "./delivery-log.js";
import { KeyedLock } from "./keyed-lock.js";
import { reviewPullRequest, type ReviewOutcome } from "./review.js";
import type { GitHub, ReviewTarget } from "./target.js";

export interface AppServices {
  deliveries: DeliveryLog;
  locks: KeyedLock;
  /** the app's own login ("<slug>[bot]"), so only its own comments are ever edited; undefined if unknown */
  ownLogin(): Promise<string | undefined>;
}

export function createAppServices(app: Probot): AppServices {
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
  return { deliveries: new DeliveryLog(), locks: new KeyedLock(), ownLogin };
}

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
  const outcome = await reviewPullRequest({ octokit: event.octokit, log: event.log.child({ delivery: event.id }), locks: services.locks, ownLogin: services.ownLogin }, target);
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
