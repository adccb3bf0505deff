/** check_run.rerequested (the Re-run button on migguard's check): review that commit again. */
import type { Probot } from "probot";
import { firstDelivery, startReview, type AppServices } from "./app-services.js";
import { findPullRequestForCommit } from "../github-api/find-pull-request.js";
import { CHECK_NAME, pullNumberOfCheck } from "../github-api/check-runs.js";
import { targetFromPullRequest } from "../github-api/target.js";

export function onCheckRerequested(app: Probot, services: AppServices): void {
  app.on("check_run.rerequested", async (context) => {
    const { check_run: run, repository } = context.payload;
    if (run.name !== CHECK_NAME) return;
    if (!firstDelivery(services, context)) return;
    const owner = repository.owner.login;
    const repo = repository.name;
    const stored = pullNumberOfCheck(run.external_id);
    const hints = [...new Set([...(stored ? [stored] : []), ...run.pull_requests.map((pr) => pr.number)])];
    const pr = await findPullRequestForCommit(context.octokit, { owner, repo, headSha: run.head_sha }, hints);
    if (!pr) {
      context.log.warn({ delivery: context.id, head: run.head_sha }, "re-run requested, but no open pull request has this commit");
      return;
    }
    // re-run exactly the commit the check belongs to; if the branch moved on, comments stay with the newer review
    await startReview(services, context, targetFromPullRequest(owner, repo, { ...pr, head: { sha: run.head_sha } }, "check_run.rerequested"));
  });
}
