/**
 * What to do with inline comments on this push, decided from the comments migguard already left (found by
 * their fingerprints, one per finding they list) and the drafts for the current findings, one per line. Pure.
 * - a line whose findings have no comment yet: create (all of them in one review)
 * - a comment listing one of the line's findings: the line's comment; same text: leave it, new text (a
 *   finding added to or gone from the line, or a resolved one that came back): edit it
 * - a comment none of whose findings is reported anywhere: edit it to say which commit resolved it
 * A comment whose findings are still reported but now outside the diff (or on another line's comment)
 * keeps its text.
 */
import { resolvedCommentBody, type ReviewCommentDraft } from "../report/review-comments.js";

export interface ExistingComment {
  id: number;
  body: string;
  /** the findings it lists */
  fingerprints: string[];
  resolvedIn?: string;
}

export interface CommentEdit {
  id: number;
  fingerprints: string[];
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
  // the oldest comment of a finding is the one that counts
  const oldestFirst = [...existing].sort((a, b) => a.id - b.id);
  const claimed = new Set<number>();
  const drafted = new Set<string>();

  const plan: CommentPlan = { create: [], update: [], resolve: [], unchanged: 0 };
  for (const draft of drafts) {
    if (draft.fingerprints.every((fp) => drafted.has(fp))) continue;
    for (const fp of draft.fingerprints) drafted.add(fp);
    const current = oldestFirst.find((c) => !claimed.has(c.id) && c.fingerprints.some((fp) => draft.fingerprints.includes(fp)));
    if (!current) {
      plan.create.push(draft);
      continue;
    }
    claimed.add(current.id);
    if (sameText(current.body, draft.body)) plan.unchanged++;
    else plan.update.push({ id: current.id, fingerprints: draft.fingerprints, body: draft.body });
  }
  for (const comment of oldestFirst) {
    if (claimed.has(comment.id) || comment.resolvedIn || comment.fingerprints.some((fp) => stillReported.has(fp))) continue;
    plan.resolve.push({ id: comment.id, fingerprints: comment.fingerprints, body: resolvedCommentBody(comment.body, comment.fingerprints, headSha) });
  }
  return plan;
}
