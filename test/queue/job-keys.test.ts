/** The small decisions of queue mode: job keys, what counts as a re-run, which errors are retried, metric routes. */
import { describe, expect, it } from "@jest/globals";
import { routeOf } from "../../src/ops/metrics.js";
import { isRerun, ReviewJobData, reviewJobId } from "../../src/queue/review-job.js";
import { isTransient } from "../../src/queue/review-worker.js";

const target = { owner: "acme", repo: "shop", pullNumber: 7, headSha: "a".repeat(40), baseSha: "b".repeat(40), baseRef: "main", trigger: "pull_request.synchronize" };

describe("review jobs", () => {
  it("keys a push by repository, pull request and head commit, whatever the delivery", () => {
    const push = (deliveryId: string) => reviewJobId({ target, rerun: false, deliveryId });
    expect(push("d1")).toBe(`acme/shop#7@${"a".repeat(40)}`);
    expect(push("d2")).toBe(push("d1"));
    expect(reviewJobId({ target: { ...target, headSha: "c".repeat(40) }, rerun: false, deliveryId: "d1" })).not.toBe(push("d1"));
    expect(reviewJobId({ target: { ...target, pullNumber: 8 }, rerun: false, deliveryId: "d1" })).not.toBe(push("d1"));
  });

  it("gives each explicit re-run a job of its own, and never a ':' (BullMQ's separator)", () => {
    const rerun = (deliveryId: string) => reviewJobId({ target, rerun: true, deliveryId });
    expect(rerun("d1")).not.toBe(rerun("d2"));
    expect(rerun("d1").startsWith(`acme/shop#7@${"a".repeat(40)}`)).toBe(true);
    expect(rerun("x:y")).not.toContain(":");
  });

  it("treats the Re-run button and /migguard recheck as re-runs, pull request events as pushes", () => {
    expect(["pull_request.opened", "pull_request.synchronize", "pull_request.reopened", "pull_request.ready_for_review"].map((trigger) => isRerun({ ...target, trigger }))).toEqual([false, false, false, false]);
    expect(isRerun({ ...target, trigger: "check_run.rerequested" })).toBe(true);
    expect(isRerun({ ...target, trigger: "recheck by @octocat" })).toBe(true);
  });

  it("rejects job data that is not a review job", () => {
    expect(ReviewJobData.safeParse({ installationId: 1, deliveryId: "d", target, rerun: false, enqueuedAt: 1 }).success).toBe(true);
    expect(ReviewJobData.safeParse({ installationId: 1, deliveryId: "d", target: { ...target, pullNumber: "7" }, rerun: false, enqueuedAt: 1 }).success).toBe(false);
    expect(ReviewJobData.safeParse({ deliveryId: "d", target, rerun: false, enqueuedAt: 1 }).success).toBe(false);
  });
});

describe("retries", () => {
  it("retries server errors, rate limits and failures outside GitHub; not client errors or bugs", () => {
    expect([500, 502, 503, 429].map((status) => isTransient(Object.assign(new Error("x"), { status })))).toEqual([true, true, true, true]);
    expect([400, 401, 403, 404, 422].map((status) => isTransient(Object.assign(new Error("x"), { status })))).toEqual([false, false, false, false, false]);
    expect(isTransient(new Error("Connection is closed."))).toBe(true);
    expect(isTransient(new TypeError("cannot read properties of undefined"))).toBe(false);
  });
});

describe("metric routes", () => {
  it("keeps Octokit's templates and folds expanded (paginated) URLs back into templates", () => {
    expect(routeOf("/repos/{owner}/{repo}/pulls/{pull_number}")).toBe("/repos/{owner}/{repo}/pulls/{pull_number}");
    expect(routeOf("https://ghe.example.com/api/v3/repos/acme/shop/pulls/7/files?per_page=100&page=2")).toBe("/repos/{owner}/{repo}/pulls/{number}/files");
    expect(routeOf("https://api.github.com/repos/acme/shop/contents/db/migrate/1_a.rb?ref=abc")).toBe("/repos/{owner}/{repo}/contents/{path}");
    expect(routeOf(`https://api.github.com/repos/acme/shop/git/trees/${"f".repeat(40)}`)).toBe("/repos/{owner}/{repo}/git/trees/{sha}");
    expect(routeOf(undefined)).toBe("unknown");
  });
});
