/**
 * Inline review comments: one review per run carries every new comment (one paced write instead of one
 * per comment), earlier comments are edited in place, and comments whose finding is gone are edited to say
 * which commit resolved them.
 *
 * Why edit instead of GraphQL `resolveReviewThread`: the REST edit needs no extra query to find thread ids,
 * keeps the record of what was found and fixed visible to reviewers and auditors, and is undone by the
 * same edit when the finding comes back; the people in the conversation can still collapse the thread.
 *
 * Results for an older head never overwrite a newer one: the pull request's current head is read right
 * before posting, under a per-pull-request lock, and a stale run posts nothing.
 */
import type { Logger } from "probot";
import { parseCommentMarkers, type ReviewCommentDraft } from "../report/review-comments.js";
import { planCommentSync, type CommentPlan, type ExistingComment } from "./comment-plan.js";
import type { PerKeyLock } from "./keyed-lock.js";
import { fetchPullRequest } from "../github-api/pull-requests.js";
import { editReviewComment, listReviewComments, postReview } from "../github-api/review-comments.js";
import { targetKey, type GitHub, type ReviewTarget } from "../github-api/target.js";

export type CommentSyncResult =
  | { status: "posted"; created: number; updated: number; resolved: number; unchanged: number }
  | { status: "stale"; currentHead: string }
  | { status: "closed" };

/**
 * Review comments migguard left earlier on this pull request: fingerprints, written by the app itself
 * (by any bot when the app's login is unknown), so nobody else's comment is ever edited.
 */
export async function listMigguardComments(octokit: GitHub, target: ReviewTarget, ownLogin: string | undefined): Promise<ExistingComment[]> {
  const ours: ExistingComment[] = [];
  for (const comment of await listReviewComments(octokit, target)) {
    if (comment.user?.type !== "Bot" || (ownLogin !== undefined && comment.user.login !== ownLogin)) continue;
    const { fingerprints, resolvedIn } = parseCommentMarkers(comment.body);
    if (fingerprints.length) ours.push({ id: comment.id, body: comment.body, fingerprints, ...(resolvedIn ? { resolvedIn } : {}) });
  }
  return ours;
}

const reviewBody = (count: number, headSha: string) =>
  `migguard: ${count === 1 ? "1 new finding" : `${count} new findings`} at ${headSha.slice(0, 7)}. The **migguard** check lists every finding with its fix.`;

async function apply(octokit: GitHub, target: ReviewTarget, plan: CommentPlan): Promise<void> {
  if (plan.create.length) await postReview(octokit, target, reviewBody(plan.create.length, target.headSha), plan.create);
  for (const edit of [...plan.update, ...plan.resolve]) await editReviewComment(octokit, target, edit.id, edit.body);
}

export interface CommentSyncInput {
  drafts: readonly ReviewCommentDraft[];
  /** fingerprints of every current finding: their comments are not resolved */
  stillReported: ReadonlySet<string>;
  ownLogin: string | undefined;
}

export async function syncReviewComments(octokit: GitHub, locks: PerKeyLock, target: ReviewTarget, input: CommentSyncInput, log: Logger): Promise<CommentSyncResult> {
  const { drafts, stillReported, ownLogin } = input;
  return locks.run(targetKey(target), async () => {
    const pr = await fetchPullRequest(octokit, target);
    if (pr.head.sha !== target.headSha) return { status: "stale", currentHead: pr.head.sha };
    if (pr.state !== "open") return { status: "closed" };
    // no review comment at all on the pull request: nothing of ours to find, skip the listing
    const existing = pr.review_comments > 0 ? await listMigguardComments(octokit, target, ownLogin) : [];
    const plan = planCommentSync(existing, drafts, stillReported, target.headSha);
    log.debug({ create: plan.create.length, update: plan.update.length, resolve: plan.resolve.length, unchanged: plan.unchanged }, "comment plan");
    await apply(octokit, target, plan);
    return { status: "posted", created: plan.create.length, updated: plan.update.length, resolved: plan.resolve.length, unchanged: plan.unchanged };
  });
}
