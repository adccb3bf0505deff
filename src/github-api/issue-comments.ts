/** Answering a pull request comment: a reply in the conversation, or a reaction on the comment. */
import type { GitHub } from "./target.js";

export async function replyOnIssue(octokit: GitHub, at: { owner: string; repo: string; issueNumber: number }, body: string): Promise<void> {
  await octokit.rest.issues.createComment({ owner: at.owner, repo: at.repo, issue_number: at.issueNumber, body });
}

export async function reactToComment(octokit: GitHub, at: { owner: string; repo: string; commentId: number }, content: "eyes" | "+1"): Promise<void> {
  await octokit.rest.reactions.createForIssueComment({ owner: at.owner, repo: at.repo, comment_id: at.commentId, content });
}
