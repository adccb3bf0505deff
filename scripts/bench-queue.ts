/**
 * `tsx scripts/bench-queue.ts`: queue mode under a burst, the load test's scenario (test/queue/support/
 * burst.ts): 300 signed webhooks for 100 pull requests at once, the web process (`probot run`, its own
 * process) queuing into a real Redis (Debian's redis-server), worker processes reviewing against the
 * local GitHub API (in this process). Run with 1 and with 2 workers (concurrency 4 each), best of two
 * runs each; again with 50 ms added to every GitHub request (a distant api.github.com: reviews wait on
 * the network, which is what more workers buy); and the same burst without Redis (reviews inside the
 * webhook requests, the App harness in this process) for comparison. Figures: webhook response time
 * (p50/p99), time from the first webhook to the last newest-head check completed, reviews per second.
 *
 * Write pacing is off in the workers as in the tests (GitHub asks for >= 1 s between writes per
 * installation, which would dominate). All processes share this machine's cores.
 */
import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";
import { startApp } from "../test/github/support/app-harness.js";
import { FakeGitHub } from "../test/github/support/fake-github.js";
import { openApiValidator } from "../test/github/support/openapi.js";
import { BASE_FILES } from "../test/github/support/scenario.js";
import { lastCheckCompletedAt, newest, preparePulls, sendBurst, startCluster, waitForBurst, type BurstPull } from "../test/queue/support/burst.js";
import { waitFor } from "../test/queue/support/cluster.js";

const PULLS = 100;
const TIMEOUT_MS = 180_000;
const REPEATS = 2;
const DISTANT_API_MS = 50;

export interface QueueBenchRun {
  label: string;
  workers: number;
  webhooks: number;
  webhookP50Ms: number;
  webhookP99Ms: number;
  webhookMaxMs: number;
  /** first webhook sent -> last newest-head check completed */
  lastCheckMs: number;
  /** reviews that ran (check runs completed, older heads included) */
  reviews: number;
  reviewsPerSecond: number;
  failedDeliveries: number;
}

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

function summarise(label: string, workers: number, deliveries: Array<{ ms: number; status: number }>, startedAt: number, lastAt: number, reviews: number): QueueBenchRun {
  const ms = deliveries.map((d) => d.ms);
  const lastCheckMs = lastAt - startedAt;
  return {
    label,
    workers,
    webhooks: deliveries.length,
    webhookP50Ms: percentile(ms, 50),
    webhookP99Ms: percentile(ms, 99),
    webhookMaxMs: Math.max(...ms),
    lastCheckMs,
    reviews,
    reviewsPerSecond: reviews / (lastCheckMs / 1000),
    failedDeliveries: deliveries.filter((d) => d.status !== 200).length,
  };
}

async function queued(workers: number, apiLatencyMs = 0): Promise<QueueBenchRun> {
  const cluster = await startCluster({ workers, logLevel: "warn", apiLatencyMs });
  try {
    const pulls = preparePulls(cluster.fake, cluster.base, PULLS);
    const sent = await sendBurst(cluster.web, cluster.fake, pulls);
    await waitForBurst(cluster, pulls, TIMEOUT_MS);
    const reviews = cluster.fake.checkRuns.filter((r) => r.status === "completed").length;
    const label = `queue, ${workers} worker${workers === 1 ? "" : "s"}${apiLatencyMs ? `, API +${apiLatencyMs} ms` : ""}`;
    return summarise(label, workers, sent.deliveries, sent.startedAt, lastCheckCompletedAt(cluster.fake, pulls), reviews);
  } finally {
    await cluster.stop();
  }
}

/** The same burst without REDIS_URL: each webhook request runs its review before answering. */
async function inProcess(): Promise<QueueBenchRun> {
  const fake = new FakeGitHub();
  await fake.start();
  const app = await startApp({ baseUrl: fake.url, logLevel: "warn" });
  try {
    const base = fake.commit(BASE_FILES);
    fake.setBranch("master", base);
    const pulls: BurstPull[] = preparePulls(fake, base, PULLS);
    const sent = await sendBurst(app, fake, pulls);
    await waitFor("every newest-head check", () => (pulls.every((p) => fake.checkRunsFor(newest(p)).some((r) => r.status === "completed")) ? true : undefined), TIMEOUT_MS);
    const reviews = fake.checkRuns.filter((r) => r.status === "completed").length;
    return summarise("in-process (no Redis)", 0, sent.deliveries, sent.startedAt, lastCheckCompletedAt(fake, pulls), reviews);
  } finally {
    await app.stop();
    await fake.stop();
  }
}

export interface QueueBenchResult {
  pulls: number;
  runs: QueueBenchRun[];
}

export async function runQueueBench(): Promise<QueueBenchResult> {
  // the local API's request validator is the harness's cost: load it before timing
  openApiValidator();
  const runs: QueueBenchRun[] = [];
  for (const workers of [1, 2]) {
    const tries: QueueBenchRun[] = [];
    for (let i = 0; i < REPEATS; i++) tries.push(await queued(workers));
    runs.push(tries.reduce((best, run) => (run.lastCheckMs < best.lastCheckMs ? run : best)));
  }
  // waiting on the network, not the CPU: one run each is steady enough
  for (const workers of [1, 2]) runs.push(await queued(workers, DISTANT_API_MS));
  runs.push(await inProcess());
  return { pulls: PULLS, runs };
}

export function formatQueueBench(result: QueueBenchResult): string {
  const lines = [
    `migguard queue: ${result.runs[0]?.webhooks ?? 3 * result.pulls} webhooks for ${result.pulls} pull requests in one burst (opened, push, redelivery or push), local GitHub API, write pacing off, ${availableParallelism()} CPUs`,
    `  ${"mode".padEnd(32)} ${"webhook p50".padStart(11)} ${"p99".padStart(8)} ${"max".padStart(8)}   ${"last check".padStart(10)}   ${"reviews".padStart(7)}   reviews/s`,
  ];
  for (const run of result.runs) {
    lines.push(
      `  ${run.label.padEnd(32)} ${`${run.webhookP50Ms.toFixed(0)} ms`.padStart(11)} ${`${run.webhookP99Ms.toFixed(0)} ms`.padStart(8)} ${`${run.webhookMaxMs.toFixed(0)} ms`.padStart(8)}   ${`${(run.lastCheckMs / 1000).toFixed(1)} s`.padStart(10)}   ${String(run.reviews).padStart(7)}   ${run.reviewsPerSecond.toFixed(1).padStart(9)}` +
        (run.failedDeliveries ? `   ${run.failedDeliveries} webhooks not answered 200` : ""),
    );
  }
  lines.push(
    `  (local-API queue rows: best of ${REPEATS} runs; API +${DISTANT_API_MS} ms: every GitHub request of the workers delayed, as from a distant api.github.com;`,
    "   last check: from the first webhook sent; reviews: checks completed, older heads included;",
    "   queue mode skips a job whose pull request has moved on, in-process mode reviews every event inside its webhook request)",
  );
  return lines.join("\n");
}

/** For `npm run bench`: the figures as printable lines. */
export async function benchQueue(): Promise<string[]> {
  return formatQueueBench(await runQueueBench()).split("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runQueueBench();
  process.stdout.write(`${formatQueueBench(result)}\n`);
  if (result.runs.some((r) => r.failedDeliveries)) process.exitCode = 1;
}
