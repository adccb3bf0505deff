/**
 * Who signed off a waiver of regulated data: the pull request's reviews (one listing) and the repository
 * role of each approver (one permission call each), decided by the engine's rule (maintain or admin, on the
 * current head). Asked only when the review found such a waiver.
 */
import { approversToCheck, decideRegulatedApproval, type PullRequestReview, type RegulatedApproval } from "../engine/regulated/approval.js";
import type { RegulatedWaiver } from "../engine/regulated/waivers.js";
import { plural } from "../report/markdown.js";
import { mapConcurrent } from "./concurrency.js";
import type { GitHub, ReviewTarget } from "./target.js";

const LOOKUP_CONCURRENCY = 4;

/** The user's role on the repository: role_name, not the legacy `permission` field, which reports maintain as "write". */
async function repositoryRoleName(octokit: GitHub, target: ReviewTarget, username: string): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner: target.owner, repo: target.repo, username });
    return data.role_name;
  } catch (error) {
    // a reviewer GitHub no longer knows (a deleted account): no role, no sign-off
    if (typeof error === "object" && error !== null && (error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

export async function fetchRegulatedApproval(octokit: GitHub, target: ReviewTarget): Promise<RegulatedApproval> {
  const raw = await octokit.paginate(octokit.rest.pulls.listReviews, { owner: target.owner, repo: target.repo, pull_number: target.pullNumber, per_page: 100 });
  const reviews: PullRequestReview[] = raw.flatMap((r) => (r.user ? [{ user: r.user.login, state: r.state, commitId: r.commit_id ?? undefined }] : []));
  const approvers = approversToCheck(reviews);
  const roles = await mapConcurrent(approvers, LOOKUP_CONCURRENCY, (user) => repositoryRoleName(octokit, target, user));
  return decideRegulatedApproval({ reviews, roles: Object.fromEntries(approvers.map((user, i) => [user, roles[i]])), headSha: target.headSha });
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
