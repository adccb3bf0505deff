/**
 * Who can start a review and how: `/migguard recheck` by permission, the Re-run button (including pull
 * requests from forks, whose check runs list no pull request), bots ignored, forged webhooks rejected.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import { WEBHOOK_SECRET } from "./support/app-harness.js";
import { DANGEROUS_INDEX, DANGEROUS_INDEX_PATH, startScenario, type Scenario } from "./support/scenario.js";
import { deliver, pullRequestPayload } from "./support/webhooks.js";

let s: Scenario;
let head: string;

beforeAll(async () => {
  s = await startScenario();
  s.fake.permissions.set("reader", { permission: "read", role_name: "read" });
  s.fake.permissions.set("triager", { permission: "read", role_name: "triage" });
  s.fake.permissions.set("maintainer", { permission: "write", role_name: "maintain" });
  s.fake.permissions.set("admin", { permission: "admin", role_name: "admin" });
  head = s.openPull(8, DANGEROUS_INDEX);
  expect((await s.pullRequest("opened", 8)).status).toBe(200);
});

afterAll(async () => {
  await s?.stop();
});

afterEach(() => {
  expect(s.fake.violations).toEqual([]);
});

describe("/migguard recheck", () => {
  it("does not re-run for a read-only collaborator, and says why", async () => {
    const runs = s.fake.checkRunsFor(head).length;
    for (const login of ["reader", "triager", "stranger"]) {
      expect((await s.recheckComment(8, login)).status).toBe(200);
    }
    expect(s.fake.checkRunsFor(head)).toHaveLength(runs);
    expect(s.fake.reactions).toEqual([]);
    const replies = s.fake.issueComments.filter((c) => c.issueNumber === 8).map((c) => c.body);
    expect(replies).toHaveLength(3);
    expect(replies[0]).toMatch(/^@reader only people with write access .* \(your access: read\)/);
    expect(replies[1]).toContain("(your access: triage)");
    expect(replies[2]).toContain("@stranger");
    expect(replies[2]).toContain("(your access: none)");
  });

  it("re-runs for a maintainer, reacts to the comment, and posts no duplicate comments", async () => {
    const runs = s.fake.checkRunsFor(head).length;
    const comments = s.fake.commentsOn(8).length;
    expect((await s.recheckComment(8, "maintainer", { commentId: 9001, body: "Fixed the config.\n\n/migguard recheck" })).status).toBe(200);
    expect(s.fake.reactions).toEqual([{ commentId: 9001, content: "eyes" }]);
    const after = s.fake.checkRunsFor(head);
    expect(after).toHaveLength(runs + 1);
    expect(after[after.length - 1]).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(s.fake.commentsOn(8)).toHaveLength(comments);
  });

  it("ignores bots and comments that do not start a line with the command", async () => {
    const requests = s.fake.requests.length;
    await s.recheckComment(8, "some-bot[bot]", { type: "Bot" });
    await s.recheckComment(8, "admin", { body: "looks good, but please /migguard recheck later" });
    expect(s.fake.requests.length).toBe(requests);
  });
});

describe("the Re-run button (check_run.rerequested)", () => {
  it("finds a fork's pull request by the head commit when the check lists none", async () => {
    const forkHead = s.openPull(9, DANGEROUS_INDEX, { headRepo: "forker/Hello-World" });
    expect((await s.pullRequest("opened", 9)).status).toBe(200);
    // contents were read from the base repository by SHA, never from the fork
    expect(s.fake.requests.some((r) => r.path.startsWith("/repos/forker/"))).toBe(false);
    expect(s.fake.checkRunsFor(forkHead)).toHaveLength(1);

    const lists = s.fake.requestsMatching("GET", /\/pulls$/).length;
    // the webhooks-examples payload: no external_id, no pull_requests (as for forks)
    expect((await s.rerequest(forkHead)).status).toBe(200);
    expect(s.fake.requestsMatching("GET", /\/pulls$/).length).toBe(lists + 1);
    const runs = s.fake.checkRunsFor(forkHead);
    expect(runs).toHaveLength(2);
    expect(runs[1]).toMatchObject({ status: "completed", conclusion: "failure", external_id: "migguard-pr:9" });
    expect(runs[1].annotations.some((a) => a.path === DANGEROUS_INDEX_PATH && a.start_line === 1)).toBe(true);
  });

  it("uses the pull request number stored on the check when there is one", async () => {
    const lists = s.fake.requestsMatching("GET", /\/pulls$/).length;
    expect((await s.rerequest(head, { externalId: "migguard-pr:8" })).status).toBe(200);
    expect(s.fake.requestsMatching("GET", /\/pulls$/).length).toBe(lists);
    expect(s.fake.checkRunsFor(head).at(-1)).toMatchObject({ status: "completed", conclusion: "failure" });
  });

  it("ignores other apps' checks", async () => {
    const requests = s.fake.requests.length;
    await s.rerequest(head, { name: "some-other-ci" });
    expect(s.fake.requests.length).toBe(requests);
  });
});

describe("webhook authenticity", () => {
  it("rejects a forged signature with 400 and does nothing", async () => {
    const requests = s.fake.requests.length;
    const runs = s.fake.checkRuns.length;
    const payload = pullRequestPayload(s.fake, "synchronize", s.fake.pulls.get(8)!);
    const forged = await deliver(s.app.webhookUrl, "pull_request", payload, { secret: WEBHOOK_SECRET, forgedSignature: true });
    expect(forged.status).toBe(400);
    expect(s.fake.requests.length).toBe(requests);
    expect(s.fake.checkRuns.length).toBe(runs);
  });
});
