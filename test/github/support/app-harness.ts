/**
 * The App running for real: Probot with migguard's app function behind the webhook middleware Probot builds
 * (@octokit/webhooks') on a random localhost port, talking to the fake GitHub API. Logs are kept (as pino JSON lines) for assertions.
 * The test database migrations run in is the process's shared one: started by the first app of a test file,
 * closed when the file ends (test/support/close-executor.ts).
 */
import { generateKeyPairSync } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { pino } from "pino";
import { createNodeMiddleware } from "@octokit/webhooks";
import { Probot, ProbotOctokit } from "probot";
import { createMigguardApp } from "../../../src/github/index.js";
import { loadSettings } from "../../../src/ops/settings.js";

export const WEBHOOK_SECRET = "test-webhook-secret";
/** how long a delivery may wait for its review (jest's own timeout stops a test sooner) */
const DELIVERY_WAIT_MS = 30 * 60_000;

export interface AppOptions {
  /** GitHub API base URL (the fake) */
  baseUrl: string;
  /** Octokit's retry: off by default so tests do not wait; `{ retryAfterBaseValue: 1 }` retries in milliseconds */
  retry?: { enabled: boolean; retryAfterBaseValue?: number };
  logLevel?: "debug" | "info" | "warn" | "error" | "silent";
}

export interface RunningApp {
  webhookUrl: string;
  origin: string;
  logs: Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

let privateKey: string | undefined;
const testPrivateKey = () =>
  (privateKey ??= generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString());

export async function startApp(options: AppOptions): Promise<RunningApp> {
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const probot = new Probot({
    appId: 1,
    privateKey: testPrivateKey(),
    secret: WEBHOOK_SECRET,
    baseUrl: options.baseUrl,
    log: pino({ level: options.logLevel ?? "info" }, sink),
    // A function, not an object: Probot passes its own throttle options down the defaults chain, and an
    // object default would be overwritten by them. The real pacing waits 1 s between writes; tests and the
    // bench measure the app, not the pacing.
    Octokit: ProbotOctokit.defaults((instanceOptions: Record<string, unknown>) => ({
      ...instanceOptions,
      retry: options.retry ?? { enabled: false },
      throttle: { ...(instanceOptions.throttle as object | undefined), enabled: false },
    })),
  });
  // what `npm start` loads (src/github/index.ts's default export), without its signal handlers
  const migguardApp = createMigguardApp(loadSettings({}));
  // Probot's createNodeMiddleware, built here only to pass the response timeout it leaves at @octokit/webhooks'
  // 9 s: past it the delivery is answered 202 "still processing" while the review goes on (right for GitHub's 10 s
  // window, and test/github/probot-run.test.ts shows it), and a test on a loaded machine would then read the
  // check run mid-review. Here each delivery is answered when its review is done, however slow the machine.
  const handlers: Array<(req: IncomingMessage, res: ServerResponse) => unknown> = [];
  await probot.load(migguardApp, { cwd: process.cwd(), addHandler: (handler) => void handlers.push(handler) });
  handlers.push(createNodeMiddleware(probot.webhooks, { path: "/api/github/webhooks", log: probot.log, timeout: DELIVERY_WAIT_MS }));
  const middleware = async (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    for (const handler of handlers) if (await handler(req, res)) return;
    next();
  };
  // as a load balancer waits for /readyz: parsers loaded and the test database started (once per process)
  await migguardApp.ready();
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
    logs,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
