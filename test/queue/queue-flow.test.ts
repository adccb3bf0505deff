/**
 * Queue mode end to end, with a real Redis and a worker process: the web process only queues (and
 * answers at once), the worker reviews; redeliveries and repeated events for one commit collapse into one
 * review; an explicit re-run is a review of its own; both processes serve /healthz, /readyz and /metrics.
 */
import { afterAll, beforeAll, expect, it } from "@jest/globals";
import { Queue } from "bullmq";
import { parseCommentMarkers } from "../../src/report/review-comments.js";
import { BOT_LOGIN, FakeGitHub } from "../github/support/fake-github.js";
import { BASE_FILES, DANGEROUS_INDEX } from "../github/support/scenario.js";
import { checkRunRerequestedPayload, deliver, pullRequestPayload } from "../github/support/webhooks.js";
import { GatedProxy } from "./support/gated-proxy.js";
import { queueEnv, spawnWorker, startWeb, stopWorker, waitFor, WEBHOOK_SECRET, type RunningWeb, type WorkerProcess } from "./support/cluster.js";
import { sample } from "./support/metrics-text.js";
import { describeWithRedis } from "./support/describe-with-redis.js";
import { startRedis, type RunningRedis } from "./support/redis-server.js";

const secret = { secret: WEBHOOK_SECRET };

describeWithRedis("queue mode: web process + worker process over Redis", () => {
  let redis: RunningRedis;
  let fake: FakeGitHub;
  let web: RunningWeb;
  /** a second web replica behind the same load balancer */
  let web2: RunningWeb;
  let worker: WorkerProcess;
  /** the worker reaches GitHub through it, so a test can hold it mid-review */
  let proxy: GatedProxy;
  let env: Record<string, string>;
  let base: string;

  const completedRuns = (sha: string) => fake.checkRunsFor(sha).filter((r) => r.status === "completed");
  const open = (number: number) => {
    const head = fake.commit(DANGEROUS_INDEX, base);
    fake.openPull({ number, baseRef: "master", head });
    return head;
  };

  beforeAll(async () => {
    redis = await startRedis();
    fake = new FakeGitHub();
    await fake.start();
    base = fake.commit(BASE_FILES);
    fake.setBranch("master", base);
    env = queueEnv(redis.url);
    web = await startWeb(fake.url, env);
    web2 = await startWeb(fake.url, env);
    proxy = new GatedProxy(fake.url);
    await proxy.start();
    worker = await spawnWorker(proxy.url, env);
  });

  afterAll(async () => {
    if (worker) await stopWorker(worker);
    await web?.stop();
    await web2?.stop();
    await proxy?.stop();
    await fake?.stop();
    await redis?.stop();
  });

  it("answers the webhook after queuing, and the worker completes the check with findings and comments", async () => {
    const head = open(1);
    const requestsBefore = fake.requests.length;
    const delivery = await deliver(web.webhookUrl, "pull_request", pullRequestPayload(fake, "opened", fake.pulls.get(1)!), secret);
    expect(delivery.status).toBe(200);
    // the web process itself made no GitHub request for a queued review
    expect(fake.requests.slice(requestsBefore).filter((r) => !r.path.includes("/pulls/1") || r.method !== "GET")).toEqual([]);
    expect(web.logs.find((l) => l.msg === "review queued for a worker")).toMatchObject({ status: "queued", pr: 1, trigger: "pull_request.opened" });

    const run = await waitFor("the check of #1", () => completedRuns(head)[0], 30_000);
    expect(run.conclusion).toBe("failure");
    expect(run.annotations.length).toBeGreaterThan(0);
    // error findings get a comment (review_comments defaults to error); warnings stay annotations
    await waitFor("the comments of #1", () => (fake.commentsOn(1).length === run.annotations.filter((a) => a.annotation_level === "failure").length ? true : undefined), 10_000);
    expect(fake.commentsOn(1).every((c) => c.user.login === BOT_LOGIN && c.commit_id === head)).toBe(true);
    expect(fake.violations).toEqual([]);
  });

  it("collapses a redelivery (to another web replica) and a second event for the same commit into one review", async () => {
    const head = open(2);
    // the worker takes the job and waits at its first request until every delivery is in
    const gate = proxy.hold("GET", /\/pulls\/2$/);
    const payload = pullRequestPayload(fake, "opened", fake.pulls.get(2)!);
    const first = await deliver(web.webhookUrl, "pull_request", payload, { ...secret, id: "delivery-2" });
    const redelivered = await deliver(web2.webhookUrl, "pull_request", payload, { ...secret, id: "delivery-2" });
    const reopened = await deliver(web.webhookUrl, "pull_request", pullRequestPayload(fake, "reopened", fake.pulls.get(2)!), secret);
    expect([first.status, redelivered.status, reopened.status]).toEqual([200, 200, 200]);
    expect(web2.logs.find((l) => l.msg === "review queued for a worker")).toMatchObject({ delivery: "delivery-2", status: "duplicate-delivery" });
    expect(web.logs.filter((l) => l.msg === "review queued for a worker" && l.pr === 2).map((l) => l.status)).toEqual(["queued", "collapsed"]);
    gate.release();

    await waitFor("the check of #2", () => completedRuns(head)[0], 30_000);
    // give a second (wrong) review time to show up: the queue is empty once the worker is idle
    const queue = new Queue(env.QUEUE_NAME, { connection: { url: redis.url } });
    try {
      await waitFor("an idle queue", async () => {
        const counts = await queue.getJobCounts("waiting", "active", "delayed");
        return counts.waiting + counts.active + counts.delayed === 0 ? true : undefined;
      }, 20_000);
    } finally {
      await queue.close();
    }
    expect(fake.checkRunsFor(head)).toHaveLength(1);
    expect(fake.reviews.filter((r) => r.pullNumber === 2)).toHaveLength(1);
    const fingerprints = fake.commentsOn(2).flatMap((c) => parseCommentMarkers(c.body).fingerprints);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
  });

  it("runs an explicit re-run of the same commit as a review of its own", async () => {
    const head = open(3);
    expect((await deliver(web.webhookUrl, "pull_request", pullRequestPayload(fake, "opened", fake.pulls.get(3)!), secret)).status).toBe(200);
    await waitFor("the first check of #3", () => completedRuns(head)[0], 30_000);
    const rerun = await deliver(web.webhookUrl, "check_run", checkRunRerequestedPayload(fake, { headSha: head, externalId: "migguard-pr:3" }), secret);
    expect(rerun.status).toBe(200);
    await waitFor("the second check of #3", () => completedRuns(head)[1], 30_000);
    // the second review found the comments of the first: edited or kept, never posted again
    expect(fake.reviews.filter((r) => r.pullNumber === 3)).toHaveLength(1);
  });

  it("serves /healthz, /readyz and /metrics on the web process and on the worker", async () => {
    for (const origin of [web.origin, worker.opsUrl]) {
      expect((await fetch(`${origin}/healthz`)).status).toBe(200);
      const ready = await fetch(`${origin}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: "ready", redis: "ok" });
    }
    const webMetrics = await (await fetch(`${web.origin}/metrics`)).text();
    expect(sample(webMetrics, "migguard_jobs_total", { result: "queued", role: "web" })).toBeGreaterThanOrEqual(3);
    expect(sample(webMetrics, "migguard_jobs_total", { result: "collapsed" })).toBe(1);
    expect(sample(webMetrics, "migguard_queue_jobs", { state: "waiting" })).toBe(0);
    expect(sample(webMetrics, "migguard_queue_up")).toBe(1);
    expect(sample(await (await fetch(`${web2.origin}/metrics`)).text(), "migguard_jobs_total", { result: "duplicate-delivery" })).toBe(1);

    const workerMetrics = await (await fetch(`${worker.opsUrl}/metrics`)).text();
    const reviews = sample(workerMetrics, "migguard_reviews_total", { outcome: "failure", role: "worker" });
    expect(reviews).toBe(4);
    expect(sample(workerMetrics, "migguard_review_duration_seconds_count", { outcome: "failure" })).toBe(reviews);
    expect(sample(workerMetrics, "migguard_findings_total", { rule: "index-without-concurrently" })).toBe(reviews);
    expect(sample(workerMetrics, "migguard_github_requests_total", { method: "POST", route: "/repos/{owner}/{repo}/check-runs", status: "201" })).toBe(reviews);
    expect(sample(workerMetrics, "migguard_github_requests_total", { method: "GET", route: "/repos/{owner}/{repo}/pulls/{number}/files", status: "200" })).toBe(reviews);
    expect(sample(workerMetrics, "migguard_github_request_errors_total", { method: "GET", route: "/repos/{owner}/{repo}/contents/{path}", status: "404" })).toBeGreaterThan(0);
    expect(sample(workerMetrics, "migguard_jobs_total", { result: "done" })).toBe(reviews);
    expect(sample(workerMetrics, "migguard_job_wait_seconds_count")).toBe(reviews);
    expect(sample(workerMetrics, "migguard_queue_oldest_job_age_seconds")).toBe(0);
    expect(sample(workerMetrics, "process_resident_memory_bytes", { role: "worker" })).toBeGreaterThan(0);
  });
});
