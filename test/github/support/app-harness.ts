/**
 * The App running for real: Probot with migguard's app function behind Probot's own Node middleware on a
 * random localhost port, talking to the fake GitHub API. Logs are kept (as pino JSON lines) for assertions.
 * The test database migrations run in is the process's shared one: started by the first app of a test file,
 * closed when the file ends (test/support/close-executor.ts).
 */
import { generateKeyPairSync } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { pino } from "pino";
import { createNodeMiddleware, Probot, ProbotOctokit } from "probot";
import { createMigguardApp } from "../../../src/github/index.js";
import { loadSettings } from "../../../src/ops/settings.js";

export const WEBHOOK_SECRET = "test-webhook-secret";

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
  const middleware = await createNodeMiddleware(migguardApp, { probot });
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
