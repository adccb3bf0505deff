/** A pull request as it is now (its head may have moved on, or it may have closed, since an event about it). */
import type { GitHub, PullRequestLike, ReviewTarget } from "./target.js";

export interface PullRequestNow extends PullRequestLike {
  state: string;
  /** review comments on the pull request, anyone's */
  review_comments: number;
}

export async function fetchPullRequest(octokit: GitHub, at: Pick<ReviewTarget, "owner" | "repo" | "pullNumber">): Promise<PullRequestNow> {
  const { data } = await octokit.rest.pulls.get({ owner: at.owner, repo: at.repo, pull_number: at.pullNumber });
  return data;
}
