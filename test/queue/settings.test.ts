/**
 * Settings are validated at start-up: defaults when unset (or empty, as in a copied .env.example), and a
 * message naming each bad variable with its value. Both processes refuse to start with bad settings.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "@jest/globals";
import { loadSettings, loadWorkerSettings, SettingsError } from "../../src/ops/settings.js";
import { testPrivateKey } from "./support/cluster.js";

const ROOT = join(import.meta.dirname, "..", "..");

const problemsOf = (load: () => unknown): string[] => {
  try {
    load();
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
  throw new Error("the settings were accepted");
};

describe("settings", () => {
  it("defaults to in-process reviews with sensible queue and worker values", () => {
    expect(loadSettings({ REDIS_URL: "", WORKER_CONCURRENCY: " " })).toEqual({
      queueName: "migguard-reviews",
      concurrency: 4,
      attempts: 3,
      backoffMs: 5000,
      lockMs: 30000,
      stalledCheckMs: 30000,
      maxStalls: 2,
      enqueueTimeoutMs: 5000,
      shutdownTimeoutMs: 25000,
      metricsPort: 9464,
      host: "localhost",
      execution: { budgetMs: 60000, memoryMb: 1024 },
    });
  });

  it("reads every variable", () => {
    const settings = loadSettings({ REDIS_URL: "rediss://:secret@cache.internal:6380/2", QUEUE_NAME: "reviews-eu", WORKER_CONCURRENCY: "16", JOB_ATTEMPTS: "5", METRICS_PORT: "9100", HOST: "0.0.0.0", SHUTDOWN_TIMEOUT_MS: "0", EXECUTE_BUDGET_MS: "20000", EXECUTE_MEMORY_MB: "512" });
    expect(settings).toMatchObject({ redisUrl: "rediss://:secret@cache.internal:6380/2", queueName: "reviews-eu", concurrency: 16, attempts: 5, metricsPort: 9100, host: "0.0.0.0", shutdownTimeoutMs: 0, execution: { budgetMs: 20000, memoryMb: 512 } });
  });

  it("names each bad variable, says what is expected and shows the value", () => {
    const problems = problemsOf(() => loadSettings({ REDIS_URL: "localhost:6379", WORKER_CONCURRENCY: "lots", JOB_ATTEMPTS: "0", METRICS_PORT: "70000", QUEUE_NAME: "a:b" }));
    expect(problems).toEqual([
      'REDIS_URL: expected a redis:// or rediss:// URL, e.g. redis://redis:6379/0 (got "localhost:6379")',
      'QUEUE_NAME: letters, digits, \'.\', \'_\' and \'-\' only (got "a:b")',
      'WORKER_CONCURRENCY: expected a whole number (got "lots")',
      'JOB_ATTEMPTS: must be at least 1 (got "0")',
      'METRICS_PORT: must be at most 65535 (got "70000")',
    ]);
    expect(new SettingsError(problems).message).toMatch(/^migguard cannot start, invalid settings:\n {2}- REDIS_URL: /);
  });

  it("asks the worker for Redis and the App's identity", () => {
    expect(problemsOf(() => loadWorkerSettings({}))).toEqual([
      "REDIS_URL: required: the worker takes its jobs from Redis",
      "APP_ID: required: the App ID from the app's settings page",
      "PRIVATE_KEY or PRIVATE_KEY_PATH: required: the App's private key (PEM text, or the path to the .pem file)",
    ]);
    // Probot types LOG_LEVEL; the environment is whatever the operator typed
    const typo = { REDIS_URL: "redis://r:6379", APP_ID: "abc", PRIVATE_KEY_PATH: "/k.pem", LOG_LEVEL: "loud" } as Record<string, string> as NodeJS.ProcessEnv;
    expect(problemsOf(() => loadWorkerSettings(typo))).toEqual([
      'APP_ID: expected a whole number (got "abc")',
      expect.stringMatching(/^LOG_LEVEL: .* \(got "loud"\)$/),
    ]);
    expect(loadWorkerSettings({ REDIS_URL: "redis://r:6379", APP_ID: "12", PRIVATE_KEY: "pem" })).toMatchObject({ redisUrl: "redis://r:6379", logLevel: "info" });
  });

  it("the worker process refuses to start with bad settings, naming the variable", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/worker/main.ts"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, REDIS_URL: "redis://127.0.0.1:1", APP_ID: "1", PRIVATE_KEY: testPrivateKey(), WORKER_CONCURRENCY: "0" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('migguard cannot start, invalid settings:\n  - WORKER_CONCURRENCY: must be at least 1 (got "0")');
  });

  it("the web process (npm start) refuses to start with bad settings, naming the variable", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "node_modules/probot/bin/probot.js", "run", "./src/github/index.ts"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, NODE_ENV: "production", APP_ID: "1", PRIVATE_KEY: testPrivateKey(), WEBHOOK_SECRET: "s", PORT: "0", HOST: "127.0.0.1", LOG_FORMAT: "json", REDIS_URL: "http://cache:6379" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).not.toBe(0);
    expect(`${run.stdout}${run.stderr}`).toContain("REDIS_URL: expected a redis:// or rediss:// URL");
  });
});
