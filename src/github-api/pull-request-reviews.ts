/** The reviews people (and bots) left on a pull request: who, what state, on which commit. */
import type { GitHub, ReviewTarget } from "./target.js";

export interface ListedReview {
  user: string;
  /** APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING */
  state: string;
  commitId?: string;
}

export async function listPullRequestReviews(octokit: GitHub, target: ReviewTarget): Promise<ListedReview[]> {
  const raw = await octokit.paginate(octokit.rest.pulls.listReviews, { owner: target.owner, repo: target.repo, pull_number: target.pullNumber, per_page: 100 });
  return raw.flatMap((r) => (r.user ? [{ user: r.user.login, state: r.state, commitId: r.commit_id ?? undefined }] : []));
}
