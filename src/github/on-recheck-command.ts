/**
 * `/migguard recheck` in a pull request comment. Only people with write, maintain or admin permission may
 * trigger it (asked from the permissions API: `author_association` says COLLABORATOR for read-only
 * collaborators too). Accepted: an "eyes" reaction, then a review. Refused: a short reply saying why.
 * Comments by bots are ignored, so two bots cannot loop.
 */
import type { Probot } from "probot";
import { repositoryRole } from "../github-api/collaborators.js";
import { reactToComment, replyOnIssue } from "../github-api/issue-comments.js";
import { fetchPullRequest } from "../github-api/pull-requests.js";
import { targetFromPullRequest } from "../github-api/target.js";
import { firstDelivery, startReview, type AppServices } from "./app-services.js";

const RECHECK_COMMAND = /^\s*\/migguard\s+recheck\b/im;
const WRITE_ROLES: ReadonlySet<string> = new Set(["admin", "maintain", "write"]);

export const isRecheckCommand = (body: string | undefined | null): boolean => RECHECK_COMMAND.test(body ?? "");

export function onRecheckCommand(app: Probot, services: AppServices): void {
  app.on("issue_comment.created", async (context) => {
    const { comment, issue, repository } = context.payload;
    if (!issue.pull_request || !isRecheckCommand(comment.body)) return;
    if (comment.user?.type === "Bot" || context.isBot) return;
    if (!firstDelivery(services, context)) return;
    const owner = repository.owner.login;
    const repo = repository.name;
    const login = comment.user?.login ?? "";
    const role = await repositoryRole(context.octokit, { owner, repo, username: login });
    if (!role || !(WRITE_ROLES.has(role.permission) || WRITE_ROLES.has(role.roleName))) {
      const access = role ? role.roleName || role.permission : "none";
      context.log.info({ delivery: context.id, user: login, role: access }, "recheck refused: no write permission");
      await replyOnIssue(
        context.octokit,
        { owner, repo, issueNumber: issue.number },
        `@${login} only people with write access to this repository can re-run migguard (your access: ${access}). Push a new commit, or ask a maintainer to comment \`/migguard recheck\`.`,
      );
      return;
    }
    await reactToComment(context.octokit, { owner, repo, commentId: comment.id }, "eyes");
    const pr = await fetchPullRequest(context.octokit, { owner, repo, pullNumber: issue.number });
    if (pr.state !== "open") {
      context.log.info({ delivery: context.id, pr: issue.number }, "recheck on a closed pull request; nothing to review");
      return;
    }
    await startReview(services, context, targetFromPullRequest(owner, repo, pr, `recheck by @${login}`));
  });
}
