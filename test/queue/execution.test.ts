/**
 * Queue mode runs the migrations too: the web process queues, a worker process (which warmed its test
 * database once, at start) reviews with the same executor as in-process. The README's three pull requests:
 * the measured lock table in the check summary, a quiet safe pull request, an empty down.
 */
import { afterAll, beforeAll, expect, it } from "@jest/globals";
import { FakeGitHub, type FakeCheckRun } from "../github/support/fake-github.js";
import { deliver, pullRequestPayload } from "../github/support/webhooks.js";
import { BASE, EMPTY_DOWN, EMPTY_DOWN_UP, LOCKS, LOCKS_DOWN, lockRows, SAFE } from "../support/readme-prs.js";
import { queueEnv, spawnWorker, startWeb, stopWorker, waitFor, WEBHOOK_SECRET, type RunningWeb, type WorkerProcess } from "./support/cluster.js";
import { describeWithRedis } from "./support/describe-with-redis.js";
import { startRedis, type RunningRedis } from "./support/redis-server.js";

describeWithRedis("queue mode: a worker runs the migrations", () => {
  let redis: RunningRedis;
  let fake: FakeGitHub;
  let web: RunningWeb;
  let worker: WorkerProcess;
  let base: string;

  const review = async (number: number, files: Record<string, string>): Promise<FakeCheckRun> => {
    const head = fake.commit(files, base);
    fake.openPull({ number, baseRef: "master", head });
    expect((await deliver(web.webhookUrl, "pull_request", pullRequestPayload(fake, "opened", fake.pulls.get(number)!), { secret: WEBHOOK_SECRET })).status).toBe(200);
    return waitFor(`the check of #${number}`, () => fake.checkRunsFor(head).find((r) => r.status === "completed"), 60_000);
  };

  beforeAll(async () => {
    redis = await startRedis();
    fake = new FakeGitHub();
    await fake.start();
    base = fake.commit(BASE);
    fake.setBranch("master", base);
    const env = queueEnv(redis.url);
    web = await startWeb(fake.url, env);
    worker = await spawnWorker(fake.url, env);
  }, 120_000);

  afterAll(async () => {
    if (worker) await stopWorker(worker);
    await web?.stop();
    await fake?.stop();
    await redis?.stop();
  });

  it("started its test database before taking jobs", () => {
    expect(worker.logs.find((l) => l.msg === "worker ready")?.database).toMatch(/^PGlite \(PostgreSQL \d+/);
  });

  it("puts the measured lock table in the check summary", async () => {
    const run = await review(1, LOCKS);
    expect(run.conclusion).toBe("failure");
    expect(lockRows(run.output.summary ?? "").map(([line, , lock]) => [line, lock])).toEqual([
      ["1", "SHARE"],
      ["2", "ACCESS EXCLUSIVE"],
    ]);
    expect(run.annotations.find((a) => a.title.startsWith("down-does-not-restore-schema"))).toMatchObject({ path: LOCKS_DOWN });
  });

  it("keeps a safe pull request quiet", async () => {
    const run = await review(2, SAFE);
    expect(run.conclusion).toBe("success");
    // the worker posts comments after completing the check: give it the time to post one, if it wrongly would
    await waitFor("the worker to finish #2", () => (worker.logs.some((l) => l.msg === "review done" && l.pr === 2) ? true : undefined), 20_000);
    expect(fake.reviews.filter((r) => r.pullNumber === 2)).toEqual([]);
    expect(fake.commentsOn(2)).toEqual([]);
  });

  it("reports a 0-byte down as empty-down, not a syntax error", async () => {
    const run = await review(3, EMPTY_DOWN);
    const rules = run.annotations.map((a) => a.title.split(":")[0]);
    expect(rules).not.toContain("syntax-error");
    expect(run.annotations.find((a) => a.title.startsWith("empty-down"))).toMatchObject({ path: EMPTY_DOWN_UP, annotation_level: "failure" });
    expect(fake.violations).toEqual([]);
  });
});
