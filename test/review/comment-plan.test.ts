import { describe, expect, it } from "@jest/globals";
import { planCommentSync, type ExistingComment } from "../../src/review/comment-plan.js";
import type { ReviewCommentDraft } from "../../src/report/review-comments.js";

const markers = (fingerprints: string[]) => fingerprints.map((fp) => `<!-- migguard:fp=${fp} -->`).join("\n");
const draft = (fingerprint: string | string[], body?: string): ReviewCommentDraft => {
  const fingerprints = [fingerprint].flat();
  return { fingerprints, path: "a.sql", line: 1, body: body ?? `body ${fingerprints.join(" ")}\n${markers(fingerprints)}` };
};
const existing = (id: number, fingerprint: string | string[], body?: string, resolvedIn?: string): ExistingComment => {
  const fingerprints = [fingerprint].flat();
  return { id, fingerprints, body: body ?? `body ${fingerprints.join(" ")}\n${markers(fingerprints)}`, ...(resolvedIn ? { resolvedIn } : {}) };
};

describe("comment plan", () => {
  it("creates new, leaves same, edits changed, resolves gone", () => {
    const plan = planCommentSync(
      [existing(1, "same"), existing(2, "changed", "old text"), existing(3, "gone")],
      [draft("same"), draft("changed"), draft("new")],
      new Set(["same", "changed", "new"]),
      "headsha",
    );
    expect(plan.create.map((d) => d.fingerprints)).toEqual([["new"]]);
    expect(plan.update.map((u) => [u.id, u.fingerprints])).toEqual([[2, ["changed"]]]);
    expect(plan.resolve.map((r) => [r.id, r.fingerprints])).toEqual([[3, ["gone"]]]);
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

  it("updates a line's comment when a finding joins or leaves the line, and never adds a second comment for it", () => {
    const joined = planCommentSync([existing(1, ["a", "b"])], [draft(["a", "b", "c"])], new Set(["a", "b", "c"]), "h");
    expect(joined).toMatchObject({ create: [], resolve: [], unchanged: 0 });
    expect(joined.update.map((u) => [u.id, u.fingerprints])).toEqual([[1, ["a", "b", "c"]]]);
    const left = planCommentSync([existing(1, ["a", "b", "c"])], [draft(["a", "c"])], new Set(["a", "c"]), "h");
    expect(left.update.map((u) => [u.id, u.fingerprints])).toEqual([[1, ["a", "c"]]]);
    expect(left.create).toEqual([]);
  });

  it("keeps reading a comment that lists one finding (written before comments were per line) as that finding's", () => {
    const plan = planCommentSync([existing(3, "idx"), existing(4, "lock")], [draft(["idx", "lock"])], new Set(["idx", "lock"]), "h");
    // the older one becomes the line's comment; the other's finding is still reported, so it is left as it was
    expect(plan.update.map((u) => [u.id, u.fingerprints])).toEqual([[3, ["idx", "lock"]]]);
    expect(plan).toMatchObject({ create: [], resolve: [] });
  });

  it("resolves a line's comment only when none of its findings is reported any more, keeping every fingerprint", () => {
    const partly = planCommentSync([existing(1, ["a", "b"])], [], new Set(["b"]), "h");
    expect(partly).toEqual({ create: [], update: [], resolve: [], unchanged: 0 });
    const gone = planCommentSync([existing(1, ["a", "b"])], [], new Set(), "headsha");
    expect(gone.resolve.map((r) => [r.id, r.fingerprints])).toEqual([[1, ["a", "b"]]]);
    expect(gone.resolve[0].body.match(/migguard:fp=/g)).toHaveLength(2);
  });

  it("gives a comment to one line only when the findings of a line split over two lines", () => {
    const plan = planCommentSync([existing(1, ["a", "b"])], [draft("a"), draft("b")], new Set(["a", "b"]), "h");
    expect(plan.update.map((u) => [u.id, u.fingerprints])).toEqual([[1, ["a"]]]);
    expect(plan.create.map((d) => d.fingerprints)).toEqual([["b"]]);
  });
});
