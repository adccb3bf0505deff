/**
 * GitHub misbehaving and deliveries racing: the check always ends completed with the reason, Octokit's
 * retry absorbs a passing 5xx, a redelivery or two simultaneous deliveries leave one set of comments, and a
 * review of an older head never posts over a newer one.
 */
import { describe, expect, it } from "@jest/globals";
import { WEBHOOK_SECRET } from "./support/app-harness.js";
import { BASE_FILES, DANGEROUS_INDEX, DANGEROUS_INDEX_PATH, startScenario, type Scenario, useScenario } from "./support/scenario.js";
import { deliver, pullRequestPayload } from "./support/webhooks.js";

let s: Scenario | undefined;
useScenario();

describe("GitHub API faults", () => {
  it("completes the check with the reason when the contents API keeps failing", async () => {
    s = await startScenario({ baseFiles: { ...BASE_FILES, ...DANGEROUS_INDEX } });
    // an edited migration: read at head and on the base branch through the contents API
    const head = s.openPull(10, { [DANGEROUS_INDEX_PATH]: "CREATE INDEX idx_users_email ON users (lower(email));\n" });
    s.fake.fail({ method: "GET", path: /\/contents\/db/, status: 500, times: Infinity });
    expect((await s.pullRequest("opened", 10)).status).toBe(200);
    const [run] = s.fake.checkRunsFor(head);
    expect(run).toMatchObject({ status: "completed", conclusion: "failure", output: { title: "Review failed: migrations not checked" } });
    expect(run.output.summary).toContain("the GitHub API answered 500 to GET /repos/Codertocat/Hello-World/contents/db/migrations/");
    expect(s.fake.reviews).toEqual([]);
  });

  it("completes the check with the reason when the git trees API keeps failing", async () => {
    s = await startScenario();
    const head = s.openPull(10, DANGEROUS_INDEX);
    s.fake.fail({ method: "GET", path: /\/git\/trees\//, status: 500, times: Infinity });
    expect((await s.pullRequest("opened", 10)).status).toBe(200);
    const [run] = s.fake.checkRunsFor(head);
    expect(run).toMatchObject({ status: "completed", conclusion: "failure", output: { title: "Review failed: migrations not checked" } });
    expect(run.output.summary).toContain("the GitHub API answered 500 to GET /repos/Codertocat/Hello-World/git/trees/");
    expect(s.fake.reviews).toEqual([]);
  });

  it("uses the config's conclusion for unanalysed migrations for a failed review (conclusion_on_error does not make it pass)", async () => {
    s = await startScenario({ baseFiles: { ".github/migguard.yml": "conclusion_on_error: neutral\n" } });
    const failing = s.openPull(9, DANGEROUS_INDEX);
    s.fake.fail({ method: "GET", path: /\/pulls\/9\/files$/, status: 503, times: Infinity });
    await s.pullRequest("opened", 9);
    expect(s.fake.checkRunsFor(failing)[0]).toMatchObject({ status: "completed", conclusion: "failure" });
  });

  it("completes a failed review neutral with conclusion_on_unanalysed: neutral", async () => {
    s = await startScenario({ baseFiles: { ".github/migguard.yml": "conclusion_on_unanalysed: neutral\n" } });
    const head = s.openPull(10, DANGEROUS_INDEX);
    s.fake.fail({ method: "GET", path: /\/pulls\/10\/files$/, status: 503, times: Infinity });
    await s.pullRequest("opened", 10);
    expect(s.fake.checkRunsFor(head)[0]).toMatchObject({ status: "completed", conclusion: "neutral" });
    expect(s.fake.checkRunsFor(head)[0].output.summary).toContain("answered 503");
  });

  it("creates the check already completed when creating it in progress failed", async () => {
    s = await startScenario();
    const head = s.openPull(10, DANGEROUS_INDEX);
    s.fake.fail({ method: "POST", path: /\/check-runs$/, status: 500, times: 1 });
    expect((await s.pullRequest("opened", 10)).status).toBe(200);
    const runs = s.fake.checkRunsFor(head);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(runs[0].output.summary).toContain("answered 500 to POST /repos/Codertocat/Hello-World/check-runs");
  });

  it("answers the webhook with an error when no check can be written at all, so the delivery can be redelivered", async () => {
    s = await startScenario();
    const head = s.openPull(10, DANGEROUS_INDEX);
    const outage = { method: "POST", path: /\/check-runs$/, status: 502, times: Infinity };
    s.fake.fail(outage);
    const first = await s.pullRequest("opened", 10, { id: "delivery-during-outage" });
    expect(first.status).toBe(500);
    expect(s.fake.checkRunsFor(head)).toEqual([]);
    outage.times = 0;
    const redelivered = await s.pullRequest("opened", 10, { id: "delivery-during-outage" });
    expect(redelivered.status).toBe(200);
    expect(s.fake.checkRunsFor(head)).toHaveLength(1);
    expect(s.fake.checkRunsFor(head)[0].conclusion).toBe("failure");
  });

  it("retries a passing 5xx (Octokit's retry plugin) and reviews normally", async () => {
    s = await startScenario({ app: { retry: { enabled: true, retryAfterBaseValue: 1 } } });
    const head = s.openPull(10, DANGEROUS_INDEX);
    s.fake.fail({ method: "GET", path: /\/pulls\/10\/files$/, status: 502, times: 1 });
    s.fake.fail({ method: "PATCH", path: /\/check-runs\/\d+$/, status: 500, times: 2 });
    expect((await s.pullRequest("opened", 10)).status).toBe(200);
    expect(s.fake.requestsMatching("GET", /\/pulls\/10\/files$/).map((r) => r.status)).toEqual([502, 200]);
    expect(s.fake.requestsMatching("PATCH", /\/check-runs\/\d+$/).map((r) => r.status)).toEqual([500, 500, 200]);
    const [run] = s.fake.checkRunsFor(head);
    expect(run).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(run.output.title).toMatch(/error/);
    expect(run.annotations.some((a) => a.path === DANGEROUS_INDEX_PATH)).toBe(true);
    expect(s.fake.reviews).toHaveLength(1);
  });

  it("keeps the completed result and notes it when the inline comments cannot be posted", async () => {
    s = await startScenario();
    const head = s.openPull(10, DANGEROUS_INDEX);
    s.fake.fail({ method: "POST", path: /\/pulls\/10\/reviews$/, status: 500, times: Infinity });
    await s.pullRequest("opened", 10);
    const [run] = s.fake.checkRunsFor(head);
    expect(run.conclusion).toBe("failure");
    expect(run.annotations.length).toBeGreaterThan(0);
    expect(run.output.summary).toMatch(/^\*\*Inline comments could not be posted:\*\* the GitHub API answered 500 to POST/);
    expect(run.output.summary).toContain("index-without-concurrently");
  });
});

describe("redeliveries and races", () => {
  it("handles the same delivery twice once", async () => {
    s = await startScenario();
    const head = s.openPull(11, DANGEROUS_INDEX);
    await s.pullRequest("opened", 11, { id: "same-delivery" });
    const requests = s.fake.requests.length;
    expect((await s.pullRequest("opened", 11, { id: "same-delivery" })).status).toBe(200);
    expect(s.fake.requests.length).toBe(requests);
    expect(s.fake.checkRunsFor(head)).toHaveLength(1);
    expect(s.fake.reviews).toHaveLength(1);
  });

  it("leaves one set of comments when two deliveries for one head arrive together", async () => {
    s = await startScenario();
    s.openPull(11, DANGEROUS_INDEX);
    const answers = await Promise.all([s.pullRequest("opened", 11), s.pullRequest("ready_for_review", 11), s.pullRequest("reopened", 11)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(s.fake.reviews).toHaveLength(1);
    const fingerprints = s.fake.commentsOn(11).map((c) => /migguard:fp=([^ ]+)/.exec(c.body)?.[1]);
    expect(fingerprints.length).toBeGreaterThan(0);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
  });

  it("never posts comments for an older head over a newer one", async () => {
    s = await startScenario();
    const older = s.openPull(12, DANGEROUS_INDEX);
    const olderPull = { ...s.fake.pulls.get(12)! };
    const newer = s.fake.commit({ "db/migrations/20240101000000_add_email_index.up.sql": "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON users (email);\n" }, older);
    s.fake.push(12, newer);
    // the delivery for the older push arrives late, after the branch moved on
    await deliver(s.app.webhookUrl, "pull_request", pullRequestPayload(s.fake, "synchronize", olderPull), { secret: WEBHOOK_SECRET });
    // the older commit still gets its own check, but nothing is posted to the pull request
    expect(s.fake.checkRunsFor(older)[0]).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(s.fake.reviews).toEqual([]);
    expect(s.fake.commentsOn(12)).toEqual([]);
    expect(s.app.logs.some((l) => l.msg === "head moved on; comments left to the newer review" && l.status === "stale" && l.currentHead === newer)).toBe(true);
  });
});
