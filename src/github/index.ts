/**
 * migguard's GitHub App (Probot). `npm start` runs `probot run ./dist/github/index.js`; Probot reads its
 * standard environment (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET, PORT, ...), migguard its
 * own (src/ops/settings.ts). Without REDIS_URL it reviews in this process; with it, it only queues reviews
 * for the workers (`npm run worker`, src/worker/main.ts). Either way it serves /healthz, /readyz, /metrics.
 * Thin on purpose: events -> fetch -> engine -> report -> post. No analysis happens in this folder.
 */
import type { ApplicationFunctionOptions, Probot } from "probot";
import { loadReviewEngine } from "../engine/review/review.js";
import { closeDefaultExecutor, warmUp } from "../execute/default-executor.js";
import { InFlight } from "../ops/in-flight.js";
import { createMetrics, watchQueue } from "../ops/metrics.js";
import { opsHandler, type Readiness } from "../ops/ops-routes.js";
import { loadSettings, type Settings } from "../ops/settings.js";
import { onShutdown } from "../ops/shutdown.js";
import { ReviewQueue } from "../queue/review-queue.js";
import { createAppServices } from "./app-services.js";
import { onCheckRerequested } from "./on-check-rerequested.js";
import { onPullRequest } from "./on-pull-request.js";
import { onPullRequestReview } from "./on-pull-request-review.js";
import { onRecheckCommand } from "./on-recheck-command.js";

export interface MigguardApp {
  (app: Probot, options?: Partial<ApplicationFunctionOptions>): void;
  /** stop taking reviews, wait (bounded) for the ones running here, close the queue's connection */
  shutdown(): Promise<void>;
  /** settles once the process is warm (parsers loaded, test database started or failed to); at once in queue mode */
  ready(): Promise<void>;
}

export function createMigguardApp(settings: Settings, options: { handleSignals?: boolean } = {}): MigguardApp {
  const stops: Array<() => Promise<void>> = [];
  const warming: Array<Promise<unknown>> = [];
  const appFn = (app: Probot, appOptions: Partial<ApplicationFunctionOptions> = {}) => {
    const metrics = createMetrics("web");
    const queue = settings.redisUrl ? new ReviewQueue({ ...settings, redisUrl: settings.redisUrl }, app.log) : undefined;
    if (queue) watchQueue(metrics, queue);
    const inFlight = new InFlight();
    const readiness: Readiness = { shuttingDown: false, ...(queue ? { check: () => queue.ping() } : {}) };
    const services = createAppServices(app, { metrics, queue, inFlight, executionLimits: settings.execution });
    onPullRequest(app, services);
    onPullRequestReview(app, services);
    onCheckRerequested(app, services);
    onRecheckCommand(app, services);
    try {
      appOptions.addHandler?.(opsHandler(metrics, readiness));
    } catch (error) {
      // Probot.load() without a server: nothing to serve the endpoints on
      app.log.debug({ err: error }, "no HTTP server for /healthz, /readyz and /metrics");
    }

    const stop = async () => {
      readiness.shuttingDown = true;
      const running = inFlight.size;
      const drained = await inFlight.drain(settings.shutdownTimeoutMs);
      app.log.info({ running, drained }, drained ? "reviews in hand finished" : "shutdown timeout: reviews in hand abandoned (their checks stay in progress)");
      // the webhook requests of those reviews are answered right after them: let the answers go out
      if (running) await new Promise((resolve) => setTimeout(resolve, 250));
      await queue?.close();
      // the test database (PGlite's worker thread, or a server's admin connection)
      if (!queue) await closeDefaultExecutor();
    };
    stops.push(stop);
    if (options.handleSignals) onShutdown(stop, { deadlineMs: settings.shutdownTimeoutMs + 5000, log: app.log });

    if (queue) {
      app.log.info({ queue: settings.queueName }, "migguard app loaded: reviews are queued for the workers");
      return;
    }
    // load the parsers (WebAssembly) and start the test database now rather than in the first review, and
    // answer /readyz 503 until then; a failure shows in the reviews (a database that will not start:
    // execute-skipped notes)
    readiness.starting = true;
    const warm = Promise.all([
      loadReviewEngine().then(
        () => app.log.info("migguard app loaded, parsers ready"),
        (error: unknown) => app.log.error({ err: error }, "migguard could not load its parsers"),
      ),
      warmUp().then(
        (database) => app.log.info({ database }, "test database ready for running migrations"),
        (error: unknown) => app.log.warn({ err: error }, "the test database did not start; reviews will note that migrations were not run"),
      ),
    ]).then(() => {
      readiness.starting = false;
    });
    warming.push(warm);
  };
  return Object.assign(appFn, {
    shutdown: async () => void (await Promise.all(stops.map((stop) => stop()))),
    ready: async () => void (await Promise.all(warming)),
  });
}

export default function migguardApp(app: Probot, options: Partial<ApplicationFunctionOptions> = {}): void {
  let settings: Settings;
  try {
    settings = loadSettings(process.env);
  } catch (error) {
    app.log.fatal(error instanceof Error ? error.message : String(error));
    throw error;
  }
  createMigguardApp(settings, { handleSignals: true })(app, options);
}
