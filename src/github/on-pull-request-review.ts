/**
 * pull_request_review submitted / dismissed: an approval (or its withdrawal) is what signs off a waiver of
 * regulated data, so the review runs again on the pull request's head. Only decisions count: a plain
 * comment changes no one's standing review. Repositories whose base config lists no `sensitive:` data
 * cannot have such a waiver, so no review runs there (one config read instead of a whole review).
 */
import type { Probot } from "probot";
import { firstDelivery, startReview, type AppServices } from "./app-services.js";
import { loadRepoConfig } from "../github-api/repo-config.js";
import { targetFromPullRequest } from "../github-api/target.js";

export const PULL_REQUEST_REVIEW_EVENTS = ["pull_request_review.submitted", "pull_request_review.dismissed"] as const;

/** review states (webhook spelling) that change who approved the pull request */
const DECISIONS: ReadonlySet<string> = new Set(["approved", "changes_requested", "dismissed"]);

export function onPullRequestReview(app: Probot, services: AppServices): void {
  app.on([...PULL_REQUEST_REVIEW_EVENTS], async (context) => {
    const { pull_request: pr, repository, review, action } = context.payload;
    if (pr.state !== "open") return;
    if (action === "submitted" && !DECISIONS.has(review.state.toLowerCase())) return;
    if (!firstDelivery(services, context)) return;
    const owner = repository.owner.login;
    const repo = repository.name;
    const config = await loadRepoConfig(context.octokit, { owner, repo, ref: pr.base.ref });
    if (config.config.sensitive.length === 0) {
      context.log.info({ delivery: context.id, pr: pr.number }, "review decision, but no regulated data is configured: nothing it can change");
      return;
    }
    await startReview(services, context, targetFromPullRequest(owner, repo, pr, `pull_request_review.${action} by @${review.user?.login ?? "unknown"}`));
  });
}
