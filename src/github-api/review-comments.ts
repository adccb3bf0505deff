/**
 * Inline review comments: listing a pull request's (anyone's), posting new ones in ONE review (one paced
 * write instead of one per comment), editing one in place.
 */
import type { GitHub, ReviewTarget } from "./target.js";

export interface ListedReviewComment {
  id: number;
  body: string;
  user?: { login: string; type: string };
}

export interface NewReviewComment {
  path: string;
  /** last line of the commented range, head side */
  line: number;
  /** first line when the comment spans several lines of one hunk */
  startLine?: number;
  body: string;
}

export async function listReviewComments(octokit: GitHub, target: ReviewTarget): Promise<ListedReviewComment[]> {
  const comments = await octokit.paginate(octokit.rest.pulls.listReviewComments, { owner: target.owner, repo: target.repo, pull_number: target.pullNumber, per_page: 100 });
  return comments.map((c) => ({ id: c.id, body: c.body, ...(c.user ? { user: { login: c.user.login, type: c.user.type } } : {}) }));
}

/** One review (event COMMENT) on the head commit carrying every comment. */
export async function postReview(octokit: GitHub, target: ReviewTarget, body: string, comments: readonly NewReviewComment[]): Promise<void> {
  await octokit.rest.pulls.createReview({
    owner: target.owner,
    repo: target.repo,
    pull_number: target.pullNumber,
    commit_id: target.headSha,
    event: "COMMENT",
    body,
    comments: comments.map((c) => ({
      path: c.path,
      line: c.line,
      side: "RIGHT",
      ...(c.startLine !== undefined ? { start_line: c.startLine, start_side: "RIGHT" } : {}),
      body: c.body,
    })),
  });
}

export async function editReviewComment(octokit: GitHub, target: Pick<ReviewTarget, "owner" | "repo">, id: number, body: string): Promise<void> {
  await octokit.rest.pulls.updateReviewComment({ owner: target.owner, repo: target.repo, comment_id: id, body });
}
