/**
 * migguard as it runs with a queue: a real Redis, the local GitHub API of the App's tests, the web process
 * (Probot with migguard's app in queue mode, in this process, on a random port) and worker processes
 * (child processes running the worker entry). Logs of every part are kept as parsed pino JSON lines.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { Writable } from "node:stream";
import { pino } from "pino";
import { createNodeMiddleware, Probot, ProbotOctokit } from "probot";
import { createMigguardApp } from "../../../src/github/index.js";
import { loadSettings, type Settings } from "../../../src/ops/settings.js";
import { freePort, killOnExit } from "./redis-server.js";
import { WEBHOOK_SECRET } from "../../github/support/app-harness.js";

// the App harness' secret, so the same deliveries serve both modes
export { WEBHOOK_SECRET } from "../../github/support/app-harness.js";
const ROOT = join(import.meta.dirname, "..", "..", "..");
const WORKER_ENTRY = join(import.meta.dirname, "worker-process.ts");

let privateKey: string | undefined;
export const testPrivateKey = () =>
  (privateKey ??= generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString());

export type LogLine = Record<string, unknown>;

/** Bounded polling: `probe` until it returns something other than undefined, or fail after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Settings for a test run: a queue of its own, short locks so a dead worker's job comes back in seconds. */
export function queueEnv(redisUrl: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    REDIS_URL: redisUrl,
    QUEUE_NAME: `test-${randomUUID().slice(0, 8)}`,
    WORKER_CONCURRENCY: "4",
    JOB_ATTEMPTS: "3",
    JOB_BACKOFF_MS: "200",
    JOB_LOCK_MS: "3000",
    JOB_STALLED_CHECK_MS: "1000",
    SHUTDOWN_TIMEOUT_MS: "10000",
    METRICS_PORT: "0",
    HOST: "127.0.0.1",
    ...overrides,
  };
}

function logSink(lines: LogLine[]) {
  return new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) if (line.trim().startsWith("{")) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
}

export interface RunningWeb {
  origin: string;
  webhookUrl: string;
  settings: Settings;
  logs: LogLine[];
  stop(): Promise<void>;
}

/** The web process: Probot's Node middleware with migguard's app, configured from `env` (REDIS_URL, ...). */
export async function startWeb(baseUrl: string, env: Record<string, string>, logLevel: "info" | "warn" = "info"): Promise<RunningWeb> {
  const logs: LogLine[] = [];
  const settings = loadSettings(env);
  const probot = new Probot({
    appId: 1,
    privateKey: testPrivateKey(),
    secret: WEBHOOK_SECRET,
    baseUrl,
    log: pino({ level: logLevel }, logSink(logs)),
    Octokit: ProbotOctokit.defaults((instanceOptions: Record<string, unknown>) => ({
      ...instanceOptions,
      retry: { enabled: false },
      throttle: { ...(instanceOptions.throttle as object | undefined), enabled: false },
    })),
  });
  const app = createMigguardApp(settings);
  const middleware = await createNodeMiddleware(app, { probot });
  const server: Server = createServer((req, res) => {
    void middleware(req, res, () => {
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    webhookUrl: `${origin}/api/github/webhooks`,
    settings,
    logs,
    async stop() {
      await app.shutdown();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface WebProcess extends RunningWeb {
  child: ChildProcess;
  /** resolves once the process has exited and its output has been read to the end */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Collects a child's stdout as pino JSON lines (a line may arrive in several chunks). */
function jsonLines(child: ChildProcess, into: LogLine[]): void {
  let partial = "";
  child.stdout!.on("data", (chunk) => {
    const lines = (partial + String(chunk)).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) if (line.startsWith("{")) into.push(JSON.parse(line) as LogLine);
  });
}

/**
 * The web process exactly as `npm start` runs it (`probot run` on the app, from source through tsx), in
 * production mode with Probot's own Octokit: in queue mode it makes no GitHub request of its own.
 */
export async function spawnWeb(apiUrl: string, env: Record<string, string>, logLevel: "info" | "warn" = "info"): Promise<WebProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", "--import", "tsx", "node_modules/probot/bin/probot.js", "run", "./src/github/index.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      APP_ID: "1",
      PRIVATE_KEY: testPrivateKey(),
      WEBHOOK_SECRET,
      PORT: String(port),
      LOG_LEVEL: logLevel,
      LOG_FORMAT: "json",
      GHE_HOST: new URL(apiUrl).host,
      GHE_PROTOCOL: "http",
      ...env,
      HOST: "127.0.0.1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  killOnExit(child);
  const logs: LogLine[] = [];
  const stderr: string[] = [];
  jsonLines(child, logs);
  child.stderr!.on("data", (chunk) => stderr.push(String(chunk)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("close", (code, signal) => resolve({ code, signal })));
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      "the web process to be ready",
      async () => {
        if (child.exitCode !== null) throw new Error(`the web process exited: ${stderr.join("").slice(0, 2000)}`);
        return (await fetch(`${origin}/readyz`).then((r) => r.status, () => 0)) === 200 ? true : undefined;
      },
      60_000,
    );
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return {
    child,
    exited,
    origin,
    webhookUrl: `${origin}/api/github/webhooks`,
    settings: loadSettings(env),
    logs,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

export interface WorkerProcess {
  child: ChildProcess;
  /** the worker's BullMQ name, stored on the jobs it takes (processedBy) */
  name: string;
  opsUrl: string;
  logs: LogLine[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A worker process against `apiUrl` (the local GitHub API, or a proxy in front of it). */
export async function spawnWorker(apiUrl: string, env: Record<string, string>, logLevel: "info" | "warn" | "debug" = "info"): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", "--import", "tsx", WORKER_ENTRY], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      APP_ID: "1",
      PRIVATE_KEY: testPrivateKey(),
      GHE_HOST: new URL(apiUrl).host,
      GHE_PROTOCOL: "http",
      LOG_LEVEL: logLevel,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  killOnExit(child);
  const logs: LogLine[] = [];
  const stderr: string[] = [];
  jsonLines(child, logs);
  child.stderr!.on("data", (chunk) => stderr.push(String(chunk)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("close", (code, signal) => resolve({ code, signal })));
  let gone = false;
  void exited.then(() => (gone = true));
  let ready: LogLine;
  try {
    ready = await waitFor(
      "the worker to be ready",
      () => {
        if (gone) throw new Error(`the worker exited before it was ready: ${stderr.join("").slice(0, 2000)}`);
        return logs.find((l) => l.msg === "test worker ready");
      },
      // a worker starts its test database (PGlite, seconds) before it takes jobs
      120_000,
    );
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return { child, name: String(ready.worker), opsUrl: String(ready.opsUrl), logs, stderr, exited };
}

/** SIGTERM (graceful) or SIGKILL (a crash), then wait for the exit. */
export async function stopWorker(worker: WorkerProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill(signal);
  const killer = setTimeout(() => worker.child.kill("SIGKILL"), 30_000);
  try {
    return await worker.exited;
  } finally {
    clearTimeout(killer);
  }
}
