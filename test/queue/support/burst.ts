/**
 * The burst of the load test and the queue bench: N pull requests, three signed webhooks each, sent all at
 * once against the web process in queue mode, reviewed by worker processes against the local GitHub API.
 *
 * Per pull request, in order (the pull requests themselves in parallel):
 *   opened at H1; push H2 + synchronize; then either GitHub redelivering that synchronize (same delivery
 *   id: even numbers) or another push H3 + synchronize (odd numbers).
 * Each head changes the findings: H1 adds a blocking index, H2 a NOT NULL column without a default, H3
 * makes the index concurrent, so comments are created, kept and resolved across heads.
 */
import { Queue } from "bullmq";
import { BOT_LOGIN, FakeGitHub } from "../../github/support/fake-github.js";
import { BASE_FILES } from "../../github/support/scenario.js";
import { deliver, pullRequestPayload, type Delivery } from "../../github/support/webhooks.js";
import { queueEnv, spawnWeb, spawnWorker, stopWorker, waitFor, WEBHOOK_SECRET, type RunningWeb, type WebProcess, type WorkerProcess } from "./cluster.js";
import { GatedProxy } from "./gated-proxy.js";
import { startRedis, type RunningRedis } from "./redis-server.js";

export interface BurstPull {
  number: number;
  /** heads in push order; the last one is the newest */
  heads: string[];
  /** the third webhook is a redelivery of the second */
  redelivered: boolean;
}

export interface Cluster {
  redis: RunningRedis;
  fake: FakeGitHub;
  /** `npm start` in its own process, so its answers do not wait on the local GitHub API's work */
  web: WebProcess;
  workers: WorkerProcess[];
  env: Record<string, string>;
  base: string;
  /** waiting + active + delayed jobs */
  pendingJobs(): Promise<number>;
  stop(): Promise<void>;
}

export async function startCluster(options: { workers: number; env?: Record<string, string>; logLevel?: "info" | "warn"; apiLatencyMs?: number; baseFiles?: Record<string, string> }): Promise<Cluster> {
  const redis = await startRedis();
  const fake = new FakeGitHub();
  const started: { web?: WebProcess; workers: WorkerProcess[]; proxy?: GatedProxy } = { workers: [] };
  const queueReader = { queue: undefined as Queue | undefined };
  const stop = async () => {
    await Promise.all(started.workers.map((w) => stopWorker(w)));
    await queueReader.queue?.close();
    await started.web?.stop();
    await started.proxy?.stop();
    await fake.stop();
    await redis.stop();
  };
  try {
    await fake.start();
    const base = fake.commit(options.baseFiles ?? BASE_FILES);
    fake.setBranch("master", base);
    const env = queueEnv(redis.url, options.env);
    started.web = await spawnWeb(fake.url, env, options.logLevel);
    // the workers reach the API through a proxy that adds the latency of a distant GitHub, if asked
    let apiUrl = fake.url;
    if (options.apiLatencyMs) {
      started.proxy = new GatedProxy(fake.url, options.apiLatencyMs);
      apiUrl = await started.proxy.start();
    }
    const spawned = await Promise.allSettled(Array.from({ length: options.workers }, () => spawnWorker(apiUrl, env, options.logLevel)));
    started.workers = spawned.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    const failed = spawned.find((s) => s.status === "rejected");
    if (failed) throw failed.reason;
    const queue = (queueReader.queue = new Queue(env.QUEUE_NAME, { connection: { url: redis.url } }));
    const pendingJobs = async () => {
      const counts = await queue.getJobCounts("waiting", "active", "delayed", "prioritized");
      return Object.values(counts).reduce((a, b) => a + b, 0);
    };
    return { redis, fake, web: started.web, workers: started.workers, env, base, pendingJobs, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

const version = (n: number, k: number) => String(20240101000000 + n * 10 + k);

export function preparePulls(fake: FakeGitHub, base: string, count: number, firstNumber = 1): BurstPull[] {
  const pulls: BurstPull[] = [];
  for (let number = firstNumber; number < firstNumber + count; number++) {
    const a = `db/migrations/${version(number, 1)}_index_${number}`;
    const b = `db/migrations/${version(number, 2)}_flag_${number}`;
    const h1 = fake.commit({ [`${a}.up.sql`]: `CREATE INDEX idx_email_${number} ON users (email);\n`, [`${a}.down.sql`]: `DROP INDEX idx_email_${number};\n` }, base);
    const h2 = fake.commit({ [`${b}.up.sql`]: `ALTER TABLE users ADD COLUMN flag_${number} boolean NOT NULL;\n`, [`${b}.down.sql`]: `ALTER TABLE users DROP COLUMN flag_${number};\n` }, h1);
    const redelivered = number % 2 === 0;
    const heads = [h1, h2];
    if (!redelivered) heads.push(fake.commit({ [`${a}.up.sql`]: `CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_email_${number} ON users (email);\n` }, h2));
    pulls.push({ number, heads, redelivered });
  }
  return pulls;
}

export interface BurstSent {
  deliveries: Delivery[];
  /** performance.now() when the first webhook went out */
  startedAt: number;
}

/** Push and deliver as GitHub would: each pull request's events in order, all pull requests at once. */
export async function sendBurst(web: Pick<RunningWeb, "webhookUrl">, fake: FakeGitHub, pulls: readonly BurstPull[]): Promise<BurstSent> {
  const secret = { secret: WEBHOOK_SECRET };
  const startedAt = performance.now();
  const perPull = await Promise.all(
    pulls.map(async (pull) => {
      const out: Delivery[] = [];
      fake.openPull({ number: pull.number, baseRef: "master", head: pull.heads[0] });
      out.push(await deliver(web.webhookUrl, "pull_request", pullRequestPayload(fake, "opened", fake.pulls.get(pull.number)!), secret));
      fake.push(pull.number, pull.heads[1]);
      const synchronize = pullRequestPayload(fake, "synchronize", fake.pulls.get(pull.number)!);
      const second = await deliver(web.webhookUrl, "pull_request", synchronize, secret);
      out.push(second);
      if (pull.redelivered) {
        out.push(await deliver(web.webhookUrl, "pull_request", synchronize, { ...secret, id: second.id }));
      } else {
        fake.push(pull.number, pull.heads[2]);
        out.push(await deliver(web.webhookUrl, "pull_request", pullRequestPayload(fake, "synchronize", fake.pulls.get(pull.number)!), secret));
      }
      return out;
    }),
  );
  return { deliveries: perPull.flat(), startedAt };
}

const newest = (pull: BurstPull) => pull.heads[pull.heads.length - 1];

/** Wait until every pull request has a completed check on its newest head and the queue is empty. */
export async function waitForBurst(cluster: Cluster, pulls: readonly BurstPull[], timeoutMs: number): Promise<void> {
  await waitFor(
    "a completed check on the newest head of every pull request",
    () => (pulls.every((pull) => cluster.fake.checkRunsFor(newest(pull)).some((run) => run.status === "completed")) ? true : undefined),
    timeoutMs,
  );
  await waitFor("an empty queue", async () => ((await cluster.pendingJobs()) === 0 ? true : undefined), timeoutMs);
}

/** performance.now() of the request that completed the last newest-head check. */
export function lastCheckCompletedAt(fake: FakeGitHub, pulls: readonly BurstPull[]): number {
  let last = 0;
  for (const pull of pulls) {
    for (const run of fake.checkRunsFor(newest(pull))) {
      const completing = fake.requests.find((r) => r.method === "PATCH" && r.path.endsWith(`/check-runs/${run.id}`) && (r.body as { status?: string } | undefined)?.status === "completed");
      const created = fake.requests.find((r) => r.method === "POST" && r.path.endsWith("/check-runs") && r.status === 201 && (r.body as { head_sha?: string } | undefined)?.head_sha === run.head_sha);
      last = Math.max(last, completing?.at ?? created?.at ?? 0);
    }
  }
  return last;
}

export { BOT_LOGIN, newest };
