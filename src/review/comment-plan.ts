/**
 * What to do with inline comments on this push, decided from the comments migguard already left (found by
 * their fingerprint) and the drafts for the current findings. Pure.
 * - new fingerprint: create (all of them in one review)
 * - same fingerprint, same text: leave it
 * - same fingerprint, new text (or a resolved one that came back): edit it
 * - fingerprint no longer reported anywhere: edit it to say which commit resolved it
 * A finding still reported but now outside the diff keeps its comment as it is.
 */
import { resolvedCommentBody, type ReviewCommentDraft } from "../report/review-comments.js";

export interface ExistingComment {
  id: number;
  body: string;
  fingerprint: string;
  resolvedIn?: string;
}

export interface CommentEdit {
  id: number;
  fingerprint: string;
  body: string;
}

export interface CommentPlan {
  create: ReviewCommentDraft[];
  update: CommentEdit[];
  resolve: CommentEdit[];
  unchanged: number;
}

const sameText = (a: string, b: string) => a.replace(/\r\n/g, "\n").trim() === b.replace(/\r\n/g, "\n").trim();

export function planCommentSync(
  existing: readonly ExistingComment[],
  drafts: readonly ReviewCommentDraft[],
  stillReported: ReadonlySet<string>,
  headSha: string,
): CommentPlan {
  // the oldest comment of a fingerprint is the one that counts
  const byFingerprint = new Map<string, ExistingComment>();
  for (const comment of [...existing].sort((a, b) => a.id - b.id)) if (!byFingerprint.has(comment.fingerprint)) byFingerprint.set(comment.fingerprint, comment);

  const plan: CommentPlan = { create: [], update: [], resolve: [], unchanged: 0 };
  const drafted = new Set<string>();
  for (const draft of drafts) {
    if (drafted.has(draft.fingerprint)) continue;
    drafted.add(draft.fingerprint);
    const current = byFingerprint.get(draft.fingerprint);
    if (!current) plan.create.push(draft);
    else if (sameText(current.body, draft.body)) plan.unchanged++;
    else plan.update.push({ id: current.id, fingerprint: draft.fingerprint, body: draft.body });
  }
  for (const comment of byFingerprint.values()) {
    if (stillReported.has(comment.fingerprint) || comment.resolvedIn) continue;
    plan.resolve.push({ id: comment.id, fingerprint: comment.fingerprint, body: resolvedCommentBody(comment.body, comment.fingerprint, headSha) });
  }
  return plan;
}
