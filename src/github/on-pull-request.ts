/** pull_request opened / synchronize / reopened / ready_for_review: review the head commit. */
import type { Probot } from "probot";
import { firstDelivery, startReview, type AppServices } from "./app-services.js";
import { targetFromPullRequest } from "../github-api/target.js";

export const PULL_REQUEST_EVENTS = [
  "pull_request.opened",
  "pull_request.synchronize",
  "pull_request.reopened",
  "pull_request.ready_for_review",
] as const;

export function onPullRequest(app: Probot, services: AppServices): void {
  app.on([...PULL_REQUEST_EVENTS], async (context) => {
    const { pull_request: pr, repository, action } = context.payload;
    if (pr.state !== "open") return;
    if (!firstDelivery(services, context)) return;
    await startReview(services, context, targetFromPullRequest(repository.owner.login, repository.name, pr, `pull_request.${action}`));
  });
}
