/**
 * Queue mode when things go wrong, with a real Redis and real worker processes: a worker killed in the
 * middle of a review (its job completes on the other worker, on the same check run), a graceful shutdown
 * that finishes the review in hand, one whose grace period runs out (the review is handed back), GitHub
 * failing for longer than the retries (the check is completed with the reason), and Redis unreachable
 * from the web process (the webhook fails so GitHub can redeliver it; /readyz says why).
 * A gated proxy in front of the local GitHub API holds a worker mid-review, so nothing depends on timing.
 */
import { afterAll, afterEach, beforeAll, expect, it, jest } from "@jest/globals";
import { Queue } from "bullmq";
import { reviewJobId } from "../../src/queue/review-job.js";
import { FakeGitHub } from "../github/support/fake-github.js";
import { BASE_FILES, DANGEROUS_INDEX } from "../github/support/scenario.js";
import { checkRunRerequestedPayload, deliver, pullRequestPayload } from "../github/support/webhooks.js";
import { GatedProxy, type Gate } from "./support/gated-proxy.js";
import { queueEnv, spawnWeb, spawnWorker, startWeb, stopWorker, waitFor, WEBHOOK_SECRET, type RunningWeb, type WorkerProcess } from "./support/cluster.js";
import { sample } from "./support/metrics-text.js";
import { describeWithRedis } from "./support/describe-with-redis.js";
import { freePort, startRedis, type RunningRedis } from "./support/redis-server.js";

// each test starts its own worker processes, and each worker starts its test database (PGlite) before it takes jobs
jest.setTimeout(180_000);

describeWithRedis("queue mode under faults", () => {
  let redis: RunningRedis;
  let fake: FakeGitHub;
  let proxy: GatedProxy;
  let web: RunningWeb;
  let env: Record<string, string>;
  let queue: Queue;
  let base: string;
  let workers: WorkerProcess[] = [];
  let nextPull = 1;

  beforeAll(async () => {
    redis = await startRedis();
    fake = new FakeGitHub();
    await fake.start();
    proxy = new GatedProxy(fake.url);
    await proxy.start();
    base = fake.commit(BASE_FILES);
    fake.setBranch("master", base);
    // short locks: a dead worker's job is back in the queue about two seconds after its death
    env = queueEnv(redis.url, { JOB_LOCK_MS: "2000", JOB_STALLED_CHECK_MS: "500", JOB_BACKOFF_MS: "100" });
    web = await startWeb(fake.url, env);
    queue = new Queue(env.QUEUE_NAME, { connection: { url: redis.url } });
  });

  afterEach(async () => {
    await Promise.all(workers.map((w) => stopWorker(w, "SIGKILL")));
    workers = [];
  });

  afterAll(async () => {
    await queue?.close();
    await web?.stop();
    await proxy?.stop();
    await fake?.stop();
    await redis?.stop();
  });

  const startWorkers = async (count: number, overrides: Record<string, string> = {}) => {
    workers = await Promise.all(Array.from({ length: count }, () => spawnWorker(proxy.url, { ...env, ...overrides })));
  };

  /** Open a pull request, deliver its webhook, and wait until a worker is held at `gate` with its check run created. */
  const reviewHeldAt = async (gatePath: (number: number) => RegExp) => {
    const number = nextPull++;
    const head = fake.commit(DANGEROUS_INDEX, base);
    fake.openPull({ number, baseRef: "master", head });
    const gate = proxy.hold("GET", gatePath(number));
    const payload = pullRequestPayload(fake, "opened", fake.pulls.get(number)!);
    expect((await deliver(web.webhookUrl, "pull_request", payload, { secret: WEBHOOK_SECRET })).status).toBe(200);
    const jobId = reviewJobId({ target: { owner: fake.owner, repo: fake.repo, pullNumber: number, headSha: head, baseSha: base, baseRef: "master", trigger: "pull_request.opened" }, rerun: false, deliveryId: "" });
    const job = await waitFor(
      "a worker holding the review with its check run saved in the job",
      async () => {
        const found = await queue.getJob(jobId);
        return gate.held > 0 && found?.data.checkRunId && found.processedBy ? found : undefined;
      },
      20_000,
    );
    const holder = workers.find((w) => w.name === job.processedBy);
    if (!holder) throw new Error(`job ${jobId} was taken by ${job.processedBy}, not one of this test's workers`);
    return { number, head, gate, holder, other: workers.find((w) => w !== holder)!, checkRunId: job.data.checkRunId as number };
  };

  const completedCheck = (head: string) => waitFor("the completed check", () => fake.checkRunsFor(head).find((r) => r.status === "completed"), 30_000);

  it("completes the review of a worker killed mid-review on the other worker, on the same check run", async () => {
    await startWorkers(2);
    const { number, head, gate, holder, other, checkRunId } = await reviewHeldAt((n) => new RegExp(`/pulls/${n}/files$`));
    expect(fake.checkRunsFor(head).map((r) => r.status)).toEqual(["in_progress"]);

    expect(await stopWorker(holder, "SIGKILL")).toEqual({ code: null, signal: "SIGKILL" });
    gate.release();

    const run = await completedCheck(head);
    expect(run.id).toBe(checkRunId);
    expect(run.conclusion).toBe("failure");
    expect(fake.checkRunsFor(head)).toHaveLength(1);
    await waitFor("the review comments", () => (fake.reviews.some((r) => r.pullNumber === number) ? true : undefined), 10_000);
    expect(fake.reviews.filter((r) => r.pullNumber === number)).toHaveLength(1);
    expect(other.logs.some((l) => l.msg === "check run of an earlier attempt resumed" && l.checkRunId === checkRunId)).toBe(true);
    const metrics = await (await fetch(`${other.opsUrl}/metrics`)).text();
    expect(sample(metrics, "migguard_jobs_total", { result: "stalled" })).toBe(1);
    expect(fake.violations).toEqual([]);
  });

  it("completes the started check as not reviewed when the pull request moved on while its worker was dead", async () => {
    await startWorkers(2);
    const held = await reviewHeldAt((n) => new RegExp(`/pulls/${n}/files$`));
    await stopWorker(held.holder, "SIGKILL");
    fake.push(held.number, fake.commit({ "db/migrations/20240301000000_more.up.sql": "SELECT 1;\n" }, held.head));
    held.gate.release();

    const run = await completedCheck(held.head);
    expect(run).toMatchObject({ id: held.checkRunId, conclusion: "neutral" });
    expect(run.output.title).toBe("Not reviewed: a newer commit was pushed");
    expect(fake.reviews.some((r) => r.pullNumber === held.number)).toBe(false);
    // the log line follows the check's completion through the worker's stdout
    await waitFor("the skip in the other worker's log", () => held.other.logs.find((l) => l.msg === "a newer commit was pushed; review skipped"), 10_000);
  });

  it("on SIGTERM stops taking jobs, finishes the review in hand, then exits", async () => {
    await startWorkers(2);
    const held = await reviewHeldAt((n) => new RegExp(`/pulls/${n}/files$`));
    held.holder.child.kill("SIGTERM");
    await waitFor("the draining worker to report not ready", async () => ((await fetch(`${held.holder.opsUrl}/readyz`)).status === 503 ? true : undefined), 10_000);

    // a review queued meanwhile goes to the other worker
    const number = nextPull++;
    const head = fake.commit(DANGEROUS_INDEX, base);
    fake.openPull({ number, baseRef: "master", head });
    expect((await deliver(web.webhookUrl, "pull_request", pullRequestPayload(fake, "opened", fake.pulls.get(number)!), { secret: WEBHOOK_SECRET })).status).toBe(200);
    await waitFor("the other worker's review", () => held.other.logs.find((l) => l.msg === "review done" && l.pr === number), 30_000);
    expect(held.holder.logs.some((l) => l.pr === number)).toBe(false);

    held.gate.release();
    expect(await held.holder.exited).toEqual({ code: 0, signal: null });
    const run = await completedCheck(held.head);
    expect(run.id).toBe(held.checkRunId);
    expect(held.holder.logs.some((l) => l.msg === "review done" && l.pr === held.number)).toBe(true);
  });

  it("hands the review back to the queue when the shutdown grace period runs out", async () => {
    await startWorkers(2, { SHUTDOWN_TIMEOUT_MS: "300" });
    const held = await reviewHeldAt((n) => new RegExp(`/pulls/${n}/files$`));
    held.holder.child.kill("SIGTERM");
    expect(await held.holder.exited).toEqual({ code: 0, signal: null });
    expect(held.holder.logs.some((l) => l.msg === "shutdown: review handed back to the queue")).toBe(true);

    held.gate.release();
    const run = await completedCheck(held.head);
    expect(run.id).toBe(held.checkRunId);
    expect(fake.checkRunsFor(held.head)).toHaveLength(1);
    expect(held.other.logs.some((l) => l.msg === "check run of an earlier attempt resumed" && l.checkRunId === held.checkRunId)).toBe(true);
  });

  it("two reviews of one commit on two workers post its comments once (the pull request's lock is shared)", async () => {
    // one job per worker: the second review has to run in the other process
    await startWorkers(2, { WORKER_CONCURRENCY: "1" });
    const number = nextPull++;
    const head = fake.commit(DANGEROUS_INDEX, base);
    fake.openPull({ number, baseRef: "master", head });
    // the first review to post is held right there, inside the lock
    const gate = proxy.hold("POST", new RegExp(`/pulls/${number}/reviews$`));
    try {
      // a push and an explicit re-run of the same commit: two jobs, taken by the two workers
      expect((await deliver(web.webhookUrl, "pull_request", pullRequestPayload(fake, "opened", fake.pulls.get(number)!), { secret: WEBHOOK_SECRET })).status).toBe(200);
      await waitFor("the first review to post", () => (gate.held === 1 ? true : undefined), 20_000);
      const first = workers.find((w) => w.logs.some((l) => l.msg === "analysed" && l.pr === number))!;
      const rerun = checkRunRerequestedPayload(fake, { headSha: head, externalId: `migguard-pr:${number}` });
      expect((await deliver(web.webhookUrl, "check_run", rerun, { secret: WEBHOOK_SECRET })).status).toBe(200);
      const second = workers.find((w) => w !== first)!;
      await waitFor("the second review to reach its comments", () => (second.logs.some((l) => l.msg === "check run completed" && l.pr === number) ? true : undefined), 20_000);
      // it waits for the lock instead of reading the (still empty) comments and posting them too
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(gate.held).toBe(1);
      gate.release();
      await waitFor("both reviews", () => (workers.every((w) => w.logs.some((l) => l.msg === "review done" && l.pr === number)) ? true : undefined), 20_000);
      expect(fake.reviews.filter((r) => r.pullNumber === number)).toHaveLength(1);
      expect(fake.checkRunsFor(head).map((r) => r.status)).toEqual(["completed", "completed"]);
    } finally {
      gate.release();
    }
  });

  it("completes the check with the reason when a review takes its worker down JOB_MAX_STALLS (2) times", async () => {
    await startWorkers(3);
    const held = await reviewHeldAt((n) => new RegExp(`/pulls/${n}/files$`));
    try {
      await stopWorker(held.holder, "SIGKILL");
      const jobId = (await queue.getJobs(["active", "waiting"])).find((j) => j.data.target.pullNumber === held.number)!.id!;
      const second = await waitFor(
        "a second worker held at the same point",
        async () => {
          const job = await queue.getJob(jobId);
          return job?.stalledCounter === 1 && job.processedBy && job.processedBy !== held.holder.name && held.gate.held >= 2 ? workers.find((w) => w.name === job.processedBy) : undefined;
        },
        20_000,
      );
      await stopWorker(second, "SIGKILL");

      const run = await completedCheck(held.head);
      expect(run.id).toBe(held.checkRunId);
      expect(run.conclusion).toBe("failure");
      expect(run.output.summary).toContain("the review stopped its worker 2 times");
      expect(fake.checkRunsFor(held.head)).toHaveLength(1);
      const third = workers.find((w) => w !== held.holder && w !== second)!;
      expect(sample(await (await fetch(`${third.opsUrl}/metrics`)).text(), "migguard_reviews_total", { outcome: "gave-up" })).toBe(1);
    } finally {
      held.gate.release();
    }
  });

  it("the web process without Redis finishes its in-process review on SIGTERM before exiting", async () => {
    const inProcess = await spawnWeb(proxy.url, { SHUTDOWN_TIMEOUT_MS: "20000" });
    const number = nextPull++;
    const head = fake.commit(DANGEROUS_INDEX, base);
    fake.openPull({ number, baseRef: "master", head });
    const gate = proxy.hold("GET", new RegExp(`/pulls/${number}/files$`));
    try {
      // answered only when the review is done
      const delivery = deliver(inProcess.webhookUrl, "pull_request", pullRequestPayload(fake, "opened", fake.pulls.get(number)!), { secret: WEBHOOK_SECRET });
      await waitFor("the review to be held", () => (gate.held > 0 ? true : undefined), 20_000);
      inProcess.child.kill("SIGTERM");
      await waitFor("the web process to report not ready", async () => ((await fetch(`${inProcess.origin}/readyz`)).status === 503 ? true : undefined), 10_000);
      gate.release();
      expect((await delivery).status).toBe(200);
      expect(await inProcess.exited).toEqual({ code: 0, signal: null });
      expect(fake.checkRunsFor(head).map((r) => [r.status, r.conclusion])).toEqual([["completed", "failure"]]);
      expect(inProcess.logs.some((l) => l.msg === "reviews in hand finished" && l.running === 1)).toBe(true);
    } finally {
      gate.release();
      await inProcess.stop();
    }
  });

  it("retries a review GitHub keeps failing, then completes its one check with the reason", async () => {
    await startWorkers(1);
    const number = nextPull++;
    const head = fake.commit(DANGEROUS_INDEX, base);
    fake.openPull({ number, baseRef: "master", head });
    const fault = { method: "GET", path: new RegExp(`/pulls/${number}/files$`), status: 502, times: Infinity };
    fake.fail(fault);
    try {
      expect((await deliver(web.webhookUrl, "pull_request", pullRequestPayload(fake, "opened", fake.pulls.get(number)!), { secret: WEBHOOK_SECRET })).status).toBe(200);
      const run = await completedCheck(head);
      expect(run.conclusion).toBe("failure");
      expect(run.output.title).toBe("Review failed: migrations not checked");
      expect(run.output.summary).toContain("the GitHub API answered 502");
      expect(fake.checkRunsFor(head)).toHaveLength(1);
      // JOB_ATTEMPTS=3, Octokit's own retries off in the test workers
      expect(fake.requestsMatching("GET", fault.path)).toHaveLength(3);
      const metrics = await (await fetch(`${workers[0].opsUrl}/metrics`)).text();
      expect(sample(metrics, "migguard_jobs_total", { result: "retried" })).toBe(2);
      expect(sample(metrics, "migguard_reviews_total", { outcome: "error" })).toBe(1);
    } finally {
      fault.times = 0;
    }
  });

  it("does not retry a failure another attempt cannot fix, and completes the check with it", async () => {
    await startWorkers(1);
    const number = nextPull++;
    const head = fake.commit(DANGEROUS_INDEX, base);
    fake.openPull({ number, baseRef: "master", head });
    const fault = { method: "GET", path: new RegExp(`/pulls/${number}$`), status: 404, times: 1 };
    fake.fail(fault);
    expect((await deliver(web.webhookUrl, "pull_request", pullRequestPayload(fake, "opened", fake.pulls.get(number)!), { secret: WEBHOOK_SECRET })).status).toBe(200);
    const run = await completedCheck(head);
    expect(run.output.summary).toContain(`the GitHub API answered 404 to GET /repos/${fake.owner}/${fake.repo}/pulls/${number}`);
    expect(run.output.summary).toContain("(after 1 attempt)");
    expect(fake.requestsMatching("GET", fault.path)).toHaveLength(1);
    const metrics = await (await fetch(`${workers[0].opsUrl}/metrics`)).text();
    expect(sample(metrics, "migguard_jobs_total", { result: "failed" })).toBe(1);
    expect(sample(metrics, "migguard_jobs_total", { result: "retried" })).toBeUndefined();
  });

  it("answers the webhook with an error when Redis is unreachable, and /readyz says why", async () => {
    const closedPort = await freePort();
    const down = await startWeb(fake.url, queueEnv(`redis://127.0.0.1:${closedPort}`, { ENQUEUE_TIMEOUT_MS: "500" }));
    try {
      const number = nextPull++;
      fake.openPull({ number, baseRef: "master", head: fake.commit(DANGEROUS_INDEX, base) });
      const delivery = await deliver(down.webhookUrl, "pull_request", pullRequestPayload(fake, "opened", fake.pulls.get(number)!), { secret: WEBHOOK_SECRET });
      expect(delivery.status).toBe(500);
      const ready = await fetch(`${down.origin}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: "not ready", redis: expect.stringMatching(new RegExp(`^Redis at 127\\.0\\.0\\.1:${closedPort} does not answer`)) });
      expect((await fetch(`${down.origin}/healthz`)).status).toBe(200);
    } finally {
      await down.stop();
    }
  });
});
