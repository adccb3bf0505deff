/**
 * The load test of queue mode: 300 signed webhooks for 100 pull requests in one burst (pushes, a
 * redelivery, more pushes), one web process, two worker processes, a real Redis, the local GitHub API.
 * Every pull request ends with exactly one completed check on its newest head, nothing stays in progress,
 * no comment is posted twice, and no review of an older head posts after one of a newer head.
 * Times are measured by `npm run bench` (scripts/bench-queue.ts), not asserted here.
 */
import { afterAll, beforeAll, expect, it } from "@jest/globals";
import { parseCommentMarkers } from "../../src/report/review-comments.js";
import { BASE_FILES } from "../github/support/scenario.js";
import { sample } from "./support/metrics-text.js";
import { describeWithRedis } from "./support/describe-with-redis.js";
import { BOT_LOGIN, newest, preparePulls, sendBurst, startCluster, waitForBurst, type BurstPull, type BurstSent, type Cluster } from "./support/burst.js";

const PULLS = 100;

describeWithRedis("a burst of 300 webhooks for 100 pull requests, two workers", () => {
  let cluster: Cluster;
  let pulls: BurstPull[];
  let sent: BurstSent;

  beforeAll(async () => {
    // the queue's behaviour under a burst is what is tested here: the migrations are not run (execute: false),
    // so 250 reviews are not 250 PGlite runs on two cores (test/queue/execution.test.ts runs them in queue mode)
    cluster = await startCluster({ workers: 2, logLevel: "warn", baseFiles: { ...BASE_FILES, ".github/migguard.yml": "execute: false\n" } });
    pulls = preparePulls(cluster.fake, cluster.base, PULLS);
    sent = await sendBurst(cluster.web, cluster.fake, pulls);
    await waitForBurst(cluster, pulls, 90_000);
    // each worker starts its test database before taking jobs
  }, 240_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it("answers every webhook 200 (queued, not reviewed, within the request)", () => {
    expect(sent.deliveries).toHaveLength(3 * PULLS);
    expect(sent.deliveries.filter((d) => d.status !== 200)).toEqual([]);
  });

  it("ends every pull request with exactly one completed check on its newest head, and none in progress", () => {
    const { fake } = cluster;
    for (const pull of pulls) {
      const runs = fake.checkRunsFor(newest(pull));
      expect({ pr: pull.number, runs: runs.map((r) => r.status) }).toEqual({ pr: pull.number, runs: ["completed"] });
      expect(runs[0].conclusion).toBe("failure");
    }
    expect(fake.checkRuns.filter((r) => r.status !== "completed")).toEqual([]);
    // older heads were reviewed only when their job ran before the next push
    expect(fake.checkRuns.length).toBeLessThanOrEqual(pulls.reduce((n, p) => n + p.heads.length, 0));
  });

  it("posts no comment twice, and never posts a review for an older head after one for a newer head", () => {
    const { fake } = cluster;
    for (const pull of pulls) {
      const comments = fake.commentsOn(pull.number).filter((c) => c.user.login === BOT_LOGIN);
      const fingerprints = comments.flatMap((c) => parseCommentMarkers(c.body).fingerprints);
      expect({ pr: pull.number, duplicates: fingerprints.filter((f, i) => fingerprints.indexOf(f) !== i) }).toEqual({ pr: pull.number, duplicates: [] });
      // the newest head's findings are all commented (the H3 fix leaves its comment resolved, not deleted)
      const open = comments.filter((c) => !parseCommentMarkers(c.body).resolvedIn);
      expect(open.length).toBeGreaterThan(0);
      const order = fake.reviews.filter((r) => r.pullNumber === pull.number).map((r) => pull.heads.indexOf(r.commit_id));
      expect({ pr: pull.number, order }).toEqual({ pr: pull.number, order: [...order].sort((a, b) => a - b) });
    }
    expect(fake.violations).toEqual([]);
  });

  it("shares the work between both workers and accounts for every job", async () => {
    const metrics = await Promise.all(cluster.workers.map(async (w) => (await fetch(`${w.opsUrl}/metrics`)).text()));
    const done = metrics.map((m) => sample(m, "migguard_jobs_total", { result: "done" }) ?? 0);
    const skipped = metrics.map((m) => (sample(m, "migguard_reviews_total", { outcome: "superseded" }) ?? 0) + (sample(m, "migguard_reviews_total", { outcome: "closed" }) ?? 0));
    // a job whose worker was starved past its lock (a loaded machine) is recovered as stalled and may run
    // again: the rerun completes the same check run, so each stall allows one "done" more than check runs
    const stalled = metrics.reduce((n, m) => n + (sample(m, "migguard_jobs_total", { result: "stalled" }) ?? 0), 0);
    for (const d of done) expect(d).toBeGreaterThan(0);
    const doneTotal = done.reduce((a, b) => a + b, 0);
    // every review that ran left one completed check run
    expect(doneTotal).toBeGreaterThanOrEqual(cluster.fake.checkRuns.length);
    expect(doneTotal).toBeLessThanOrEqual(cluster.fake.checkRuns.length + stalled);
    const webMetrics = await (await fetch(`${cluster.web.origin}/metrics`)).text();
    const queued = sample(webMetrics, "migguard_jobs_total", { result: "queued" }) ?? 0;
    // each queued job was either reviewed or skipped because its pull request had moved on
    const handled = doneTotal + skipped.reduce((a, b) => a + b, 0);
    expect(handled).toBeGreaterThanOrEqual(queued);
    expect(handled).toBeLessThanOrEqual(queued + stalled);
    // the redeliveries never became jobs: 100 opened + 100 pushes + 50 more pushes
    expect(queued).toBe(PULLS * 2 + PULLS / 2);
  });
});
