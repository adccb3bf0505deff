/**
 * The open pull request a check run belongs to. `check_run.pull_requests` is empty for pull requests from
 * forks, so the number migguard stored in the check's external_id comes first, then the payload's list,
 * then a search of the open pull requests by head commit.
 */
import type { GitHub, PullRequestLike } from "./target.js";

export async function findPullRequestForCommit(
  octokit: GitHub,
  at: { owner: string; repo: string; headSha: string },
  hints: readonly number[],
): Promise<PullRequestLike | undefined> {
  for (const number of hints) {
    const { data } = await octokit.rest.pulls.get({ owner: at.owner, repo: at.repo, pull_number: number });
    if (data.state === "open") return data;
  }
  for await (const { data } of octokit.paginate.iterator(octokit.rest.pulls.list, { owner: at.owner, repo: at.repo, state: "open", per_page: 100 })) {
    const match = data.find((pr) => pr.head.sha === at.headSha);
    if (match) return match;
  }
  return undefined;
}
