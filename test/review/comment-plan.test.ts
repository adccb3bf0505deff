import { describe, expect, it } from "@jest/globals";
import { planCommentSync, type ExistingComment } from "../../src/review/comment-plan.js";
import type { ReviewCommentDraft } from "../../src/report/review-comments.js";

const draft = (fingerprint: string, body = `body ${fingerprint}\n<!-- migguard:fp=${fingerprint} -->`): ReviewCommentDraft => ({ fingerprint, path: "a.sql", line: 1, body });
const existing = (id: number, fingerprint: string, body = `body ${fingerprint}\n<!-- migguard:fp=${fingerprint} -->`, resolvedIn?: string): ExistingComment => ({ id, fingerprint, body, ...(resolvedIn ? { resolvedIn } : {}) });

describe("comment plan", () => {
  it("creates new, leaves same, edits changed, resolves gone", () => {
    const plan = planCommentSync(
      [existing(1, "same"), existing(2, "changed", "old text"), existing(3, "gone")],
      [draft("same"), draft("changed"), draft("new")],
      new Set(["same", "changed", "new"]),
      "headsha",
    );
    expect(plan.create.map((d) => d.fingerprint)).toEqual(["new"]);
    expect(plan.update.map((u) => [u.id, u.fingerprint])).toEqual([[2, "changed"]]);
    expect(plan.resolve.map((r) => [r.id, r.fingerprint])).toEqual([[3, "gone"]]);
    expect(plan.resolve[0].body).toContain("<!-- migguard:resolved=headsha -->");
    expect(plan.unchanged).toBe(1);
  });

  it("keeps the comment of a finding still reported outside the diff, and leaves resolved ones resolved", () => {
    const plan = planCommentSync([existing(1, "moved"), existing(2, "done", "resolved", "abc")], [], new Set(["moved"]), "headsha");
    expect(plan).toEqual({ create: [], update: [], resolve: [], unchanged: 0 });
  });

  it("reopens a resolved comment whose finding came back", () => {
    const plan = planCommentSync([existing(5, "back", "✅ Resolved", "abc")], [draft("back")], new Set(["back"]), "headsha");
    expect(plan.update.map((u) => u.id)).toEqual([5]);
    expect(plan.create).toEqual([]);
  });

  it("answers for the oldest comment when a fingerprint appears twice", () => {
    const plan = planCommentSync([existing(9, "dup", "older text?"), existing(4, "dup")], [draft("dup"), draft("dup")], new Set(["dup"]), "h");
    expect(plan).toMatchObject({ create: [], update: [], unchanged: 1 });
  });
});
