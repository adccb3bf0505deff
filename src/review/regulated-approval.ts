/**
 * Who signed off a waiver of regulated data: the pull request's reviews (one listing) and the repository
 * role of each approver (one permission call each), decided by the engine's rule (maintain or admin, on the
 * current head, not the pull request's author: GitHub forbids approving one's own pull request, but a review
 * listing is not where to trust that). Asked only when the review found such a waiver.
 */
import { approversToCheck, decideRegulatedApproval, type PullRequestReview, type RegulatedApproval } from "../engine/regulated/approval.js";
import type { RegulatedWaiver } from "../engine/regulated/waivers.js";
import { plural } from "../report/markdown.js";
import { repositoryRole } from "../github-api/collaborators.js";
import { listPullRequestReviews } from "../github-api/pull-request-reviews.js";
import { fetchPullRequest } from "../github-api/pull-requests.js";
import type { GitHub, ReviewTarget } from "../github-api/target.js";
import { mapConcurrent } from "./concurrency.js";

const LOOKUP_CONCURRENCY = 4;

export async function fetchRegulatedApproval(octokit: GitHub, target: ReviewTarget): Promise<RegulatedApproval> {
  const [reviews, author] = await Promise.all([
    listPullRequestReviews(octokit, target) as Promise<PullRequestReview[]>,
    // the event names the author; a job queued by an older version may not
    target.author ?? fetchPullRequest(octokit, target).then((pr) => pr.user?.login),
  ]);
  const approvers = approversToCheck(reviews, author);
  // role_name, not the legacy permission (which says "write" for maintain); a reviewer GitHub no longer knows has none
  const roles = await mapConcurrent(approvers, LOOKUP_CONCURRENCY, async (user) => (await repositoryRole(octokit, { owner: target.owner, repo: target.repo, username: user }))?.roleName);
  return decideRegulatedApproval({ reviews, roles: Object.fromEntries(approvers.map((user, i) => [user, roles[i]])), author, headSha: target.headSha });
}

/** For the check summary: what is waived and who may sign it off. */
export function approvalNote(target: ReviewTarget, waivers: readonly RegulatedWaiver[], decision: RegulatedApproval): string {
  const what = [...new Set(waivers.map((w) => w.what))].join("; ");
  if (decision.approved) return `**Regulated data:** the waiver (${what}) is signed off: ${decision.reason}.`;
  return (
    `**Regulated data:** this pull request waives ${plural(waivers.length, "statement")} that destroy regulated data (${what}). ` +
    `The waiver holds only once a user with maintain or admin permission on ${target.owner}/${target.repo} approves the pull request at ${target.headSha.slice(0, 7)}: ${decision.reason}. ` +
    "migguard reviews again when a review is submitted or dismissed."
  );
}
