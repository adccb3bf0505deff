/**
 * migguard's own settings (queue, worker, operations), read from the environment and validated with zod at
 * start-up, so a typo fails the start with the variable's name instead of misbehaving later. Probot's own
 * variables (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, PORT, ...) are read by Probot; the worker checks the ones
 * it needs too. An empty variable counts as unset (`REDIS_URL=` in a copied .env.example).
 */
import { z } from "zod";

const unsetIfEmpty = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, "expected a whole number")
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const withDefault = <T extends z.ZodTypeAny>(schema: T, fallback: string) => z.preprocess(unsetIfEmpty, schema.optional()).transform((v) => v ?? schema.parse(fallback));

const redisUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      return ["redis:", "rediss:"].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, "expected a redis:// or rediss:// URL, e.g. redis://redis:6379/0");

/** Every variable, with its default. Durations are milliseconds. */
const EnvSchema = z.object({
  /** the job queue; without it the web process reviews in-process */
  REDIS_URL: z.preprocess(unsetIfEmpty, redisUrl.optional()),
  /** BullMQ queue name (shared by web and workers); no ":" (BullMQ uses it in Redis keys) */
  QUEUE_NAME: withDefault(z.string().trim().regex(/^[A-Za-z0-9._-]+$/, "letters, digits, '.', '_' and '-' only"), "migguard-reviews"),
  /** reviews one worker process runs at the same time (mostly waiting on GitHub) */
  WORKER_CONCURRENCY: withDefault(wholeNumber(1, 100), "4"),
  /** attempts per review job before its check is completed with the failure */
  JOB_ATTEMPTS: withDefault(wholeNumber(1, 20), "3"),
  /** first retry delay; doubles each attempt */
  JOB_BACKOFF_MS: withDefault(wholeNumber(0, 3_600_000), "5000"),
  /** how long a job's lock lives without renewal: a dead worker's job is retried after about this long */
  JOB_LOCK_MS: withDefault(wholeNumber(1000, 600_000), "30000"),
  /** how often workers look for jobs whose worker died */
  JOB_STALLED_CHECK_MS: withDefault(wholeNumber(500, 600_000), "30000"),
  /** times a job may take its worker down (crash, OOM kill) before its check is completed with the reason */
  JOB_MAX_STALLS: withDefault(wholeNumber(1, 20), "2"),
  /** the web process answers a webhook with an error when Redis does not take the job within this time */
  ENQUEUE_TIMEOUT_MS: withDefault(wholeNumber(100, 9000), "5000"),
  /** SIGTERM: time to finish the jobs in hand before they are put back in the queue */
  SHUTDOWN_TIMEOUT_MS: withDefault(wholeNumber(0, 600_000), "25000"),
  /** the worker's HTTP port for /healthz, /readyz and /metrics (the web process serves them on PORT) */
  METRICS_PORT: withDefault(wholeNumber(0, 65_535), "9464"),
  /** interface the worker's HTTP server listens on (the same variable Probot uses) */
  HOST: withDefault(z.string().trim().min(1), "localhost"),
  /** total time one review may spend running its migrations (config `execute`); what is left is an execute-skipped note */
  EXECUTE_BUDGET_MS: withDefault(wholeNumber(1000, 600_000), "60000"),
  /** the test database is stopped when the process grows by more than this during a run */
  EXECUTE_MEMORY_MB: withDefault(wholeNumber(64, 65_536), "1024"),
});

export interface Settings {
  redisUrl?: string;
  queueName: string;
  concurrency: number;
  attempts: number;
  backoffMs: number;
  lockMs: number;
  stalledCheckMs: number;
  maxStalls: number;
  enqueueTimeoutMs: number;
  shutdownTimeoutMs: number;
  metricsPort: number;
  host: string;
  /** limits of running a review's migrations; 5 s per statement is fixed */
  execution: { budgetMs: number; memoryMb: number };
}

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`migguard cannot start, invalid settings:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "SettingsError";
  }
}

function problemsOf(error: z.ZodError, env: NodeJS.ProcessEnv): string[] {
  return error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "environment");
    const value = env[name];
    return `${name}: ${issue.message}${value !== undefined ? ` (got ${JSON.stringify(value)})` : ""}`;
  });
}

export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new SettingsError(problemsOf(parsed.error, env));
  const e = parsed.data;
  return {
    ...(e.REDIS_URL ? { redisUrl: e.REDIS_URL } : {}),
    queueName: e.QUEUE_NAME,
    concurrency: e.WORKER_CONCURRENCY,
    attempts: e.JOB_ATTEMPTS,
    backoffMs: e.JOB_BACKOFF_MS,
    lockMs: e.JOB_LOCK_MS,
    stalledCheckMs: e.JOB_STALLED_CHECK_MS,
    maxStalls: e.JOB_MAX_STALLS,
    enqueueTimeoutMs: e.ENQUEUE_TIMEOUT_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    metricsPort: e.METRICS_PORT,
    host: e.HOST,
    execution: { budgetMs: e.EXECUTE_BUDGET_MS, memoryMb: e.EXECUTE_MEMORY_MB },
  };
}

const WorkerEnvSchema = z.object({
  APP_ID: z.preprocess(unsetIfEmpty, wholeNumber(1, Number.MAX_SAFE_INTEGER).optional()),
  GHE_PROTOCOL: z.preprocess(unsetIfEmpty, z.enum(["http", "https"]).optional()),
  LOG_LEVEL: z.preprocess(unsetIfEmpty, z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).optional()),
});

/** Variables a worker cannot run without, with what they are. */
const WORKER_REQUIRED: Array<[names: string[], what: string]> = [
  [["REDIS_URL"], "the worker takes its jobs from Redis"],
  [["APP_ID"], "the App ID from the app's settings page"],
  [["PRIVATE_KEY", "PRIVATE_KEY_PATH"], "the App's private key (PEM text, or the path to the .pem file)"],
];

export interface WorkerSettings extends Settings {
  redisUrl: string;
  logLevel: "trace" | "debug" | "info" | "warn" | "error" | "fatal" | "silent";
}

/** The worker's settings: the shared ones plus what a worker cannot run without (Redis, the App's identity). */
export function loadWorkerSettings(env: NodeJS.ProcessEnv = process.env): WorkerSettings {
  const problems: string[] = [];
  for (const [names, what] of WORKER_REQUIRED)
    if (names.every((name) => unsetIfEmpty(env[name]) === undefined)) problems.push(`${names.join(" or ")}: required: ${what}`);
  let shared: Settings | undefined;
  try {
    shared = loadSettings(env);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    problems.push(...error.problems);
  }
  const own = WorkerEnvSchema.safeParse(env);
  if (!own.success) problems.push(...problemsOf(own.error, env));
  if (problems.length || !shared?.redisUrl || !own.success) throw new SettingsError(problems);
  return { ...shared, redisUrl: shared.redisUrl, logLevel: own.data.LOG_LEVEL ?? "info" };
}
