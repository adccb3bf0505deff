/**
 * `npm run worker`: a review worker. Takes review jobs from the queue the web process fills (REDIS_URL),
 * authenticates as each job's installation through Probot, and serves /healthz, /readyz and /metrics on
 * METRICS_PORT. Run as many replicas as the load needs; they share the queue and a per-pull-request lock.
 * SIGTERM: stop taking jobs, finish the ones in hand within SHUTDOWN_TIMEOUT_MS, hand the rest back.
 */
import { hostname } from "node:os";
import { pathToFileURL } from "node:url";
import { pino, type Logger } from "pino";
import { createProbot, type ProbotOctokit } from "probot";
import { loadReviewEngine } from "../engine/review/review.js";
import { closeDefaultExecutor, warmUp } from "../execute/default-executor.js";
import { appLogin } from "../github-api/app-identity.js";
import { createMetrics, watchQueue } from "../ops/metrics.js";
import { opsHandler, type Readiness } from "../ops/ops-routes.js";
import { startOpsServer } from "../ops/ops-server.js";
import { loadWorkerSettings, SettingsError, type WorkerSettings } from "../ops/settings.js";
import { onShutdown } from "../ops/shutdown.js";
import { redisClient } from "../queue/redis-client.js";
import { RedisKeyedLock } from "../queue/redis-lock.js";
import { ReviewQueue } from "../queue/review-queue.js";
import { startReviewWorker, type ReviewWorker } from "../queue/review-worker.js";
import type { ReviewServices } from "../review/run-review.js";

export interface WorkerStartOptions {
  env?: NodeJS.ProcessEnv;
  /** Octokit class for Probot (tests pass one without write pacing); Probot's own by default */
  Octokit?: typeof ProbotOctokit;
  log?: Logger;
  /** install SIGTERM/SIGINT handling (the CLI does) */
  handleSignals?: boolean;
}

export interface RunningWorker {
  name: string;
  settings: WorkerSettings;
  /** base URL of /healthz, /readyz, /metrics */
  opsUrl: string;
  reviews: ReviewWorker;
  /** graceful stop: as on SIGTERM, without exiting */
  stop(): Promise<void>;
}

/** Comment syncs of one pull request wait this long for another worker's to finish. */
const PR_LOCK_WAIT_MS = 120_000;

export async function startWorker(options: WorkerStartOptions = {}): Promise<RunningWorker> {
  const env = options.env ?? process.env;
  const settings = loadWorkerSettings(env);
  const name = `${hostname()}-${process.pid}`;
  const log = options.log ?? pino({ level: settings.logLevel, name: "migguard-worker", base: { worker: name } });

  // Probot reads APP_ID, PRIVATE_KEY(_PATH), GHE_HOST/GHE_PROTOCOL, and REDIS_URL (write pacing shared
  // by all replicas through Redis) from the same environment
  const app = createProbot({ env, overrides: { log, ...(options.Octokit ? { Octokit: options.Octokit } : {}) } });
  await loadReviewEngine();
  // the test database migrations run in, started once for every review this process takes
  const database = await warmUp().catch((error: unknown) => {
    log.warn({ err: error }, "the test database did not start; reviews will note that migrations were not run");
    return undefined;
  });

  const queue = new ReviewQueue(settings, log, `migguard-worker-${name}`);
  const metrics = createMetrics("worker");
  watchQueue(metrics, queue);
  const locks = new RedisKeyedLock(queue.redis, { prefix: `migguard:${settings.queueName}:pr-lock`, ttlMs: settings.lockMs, waitMs: PR_LOCK_WAIT_MS });
  const services: ReviewServices = { locks, ownLogin: appLogin(app, log), metrics, executionLimits: settings.execution };
  const connection = redisClient(settings.redisUrl, { blocking: true, name: `migguard-worker-${name}-jobs` }, log);
  const reviews = startReviewWorker({ settings, app, services, connection, log, name });

  const readiness: Readiness = { shuttingDown: false, check: () => queue.ping() };
  const ops = await startOpsServer(opsHandler(metrics, readiness), { port: settings.metricsPort, host: settings.host });

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      readiness.shuttingDown = true;
      log.info({ graceMs: settings.shutdownTimeoutMs }, "worker stopping: no new jobs; finishing the ones in hand");
      await reviews.close(settings.shutdownTimeoutMs);
      await queue.close();
      await connection.quit().catch(() => connection.disconnect());
      await ops.close();
      await closeDefaultExecutor();
      log.info("worker stopped");
    })());
  if (options.handleSignals) onShutdown(stop, { deadlineMs: settings.shutdownTimeoutMs + 10_000, log });

  log.info({ queue: settings.queueName, concurrency: settings.concurrency, opsUrl: ops.url, database }, "worker ready");
  return { name, settings, opsUrl: ops.url, reviews, stop };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  startWorker({ handleSignals: true }).catch((error: unknown) => {
    process.stderr.write(`${error instanceof SettingsError ? error.message : `migguard worker failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`}\n`);
    process.exit(1);
  });
}
