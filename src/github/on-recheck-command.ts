/**
 * `/migguard recheck` in a pull request comment. Only people with write, maintain or admin permission may
 * trigger it (asked from the permissions API: `author_association` says COLLABORATOR for read-only
 * collaborators too). Accepted: an "eyes" reaction, then a review. Refused: a short reply saying why.
 * Comments by bots are ignored, so two bots cannot loop.
 */
import type { Probot } from "probot";
import { firstDelivery, runReview, type AppServices } from "./app-services.js";
import type { GitHub } from "./target.js";
import { targetFromPullRequest } from "./target.js";

const RECHECK_COMMAND = /^\s*\/migguard\s+recheck\b/im;
const WRITE_ROLES: ReadonlySet<string> = new Set(["admin", "maintain", "write"]);

export const isRecheckCommand = (body: string | undefined | null): boolean => RECHECK_COMMAND.test(body ?? "");

/** The user's role on the repository ("admin", "maintain", "write", "triage", "read", "none"). */
export async function repositoryRole(octokit: GitHub, at: { owner: string; repo: string; username: string }): Promise<{ allowed: boolean; role: string }> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel(at);
    const role = data.role_name || data.permission;
    return { allowed: WRITE_ROLES.has(data.permission) || WRITE_ROLES.has(data.role_name), role };
  } catch (error) {
    if (typeof error === "object" && error !== null && (error as { status?: number }).status === 404) return { allowed: false, role: "none" };
    throw error;
  }
}

export function onRecheckCommand(app: Probot, services: AppServices): void {
  app.on("issue_comment.created", async (context) => {
    const { comment, issue, repository } = context.payload;
    if (!issue.pull_request || !isRecheckCommand(comment.body)) return;
    if (comment.user?.type === "Bot" || context.isBot) return;
    if (!firstDelivery(services, context)) return;
    const owner = repository.owner.login;
    const repo = repository.name;
    const login = comment.user?.login ?? "";
    const { allowed, role } = await repositoryRole(context.octokit, { owner, repo, username: login });
    if (!allowed) {
      context.log.info({ delivery: context.id, user: login, role }, "recheck refused: no write permission");
      await context.octokit.rest.issues.createComment({
        owner,
        repo,
        issue_number: issue.number,
        body: `@${login} only people with write access to this repository can re-run migguard (your access: ${role}). Push a new commit, or ask a maintainer to comment \`/migguard recheck\`.`,
      });
      return;
    }
    await context.octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: comment.id, content: "eyes" });
    const { data: pr } = await context.octokit.rest.pulls.get({ owner, repo, pull_number: issue.number });
    if (pr.state !== "open") {
      context.log.info({ delivery: context.id, pr: issue.number }, "recheck on a closed pull request; nothing to review");
      return;
    }
    await runReview(services, context, targetFromPullRequest(owner, repo, pr, `recheck by @${login}`));
  });
}
