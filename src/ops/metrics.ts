/**
 * Prometheus metrics (prom-client), one registry per process role, served on /metrics:
 * reviews by outcome, review duration, findings by rule, GitHub API calls and errors, jobs and their
 * waiting time, and (where a queue is known) its depth and the age of its oldest waiting job.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { ProbotOctokit } from "probot";

/** What a finished review tells the metrics (the review service's outcome has these fields). */
export interface ReviewOutcomeMetrics {
  /** the check's conclusion, or "not-completed" */
  conclusion: string;
  failure?: string;
  durationMs: number;
  findingsByRule?: Record<string, number>;
}

export interface Metrics {
  registry: Registry;
  reviews: Counter<"outcome">;
  reviewDuration: Histogram<"outcome">;
  findings: Counter<"rule">;
  githubRequests: Counter<"method" | "route" | "status">;
  githubErrors: Counter<"method" | "route" | "status">;
  jobs: Counter<"result">;
  jobWait: Histogram;
}

/** What a queue tells the gauges; read when Prometheus scrapes. */
export interface QueueProbe {
  ping(): Promise<void>;
  counts(): Promise<Record<string, number>>;
  /** milliseconds since the oldest waiting job was enqueued; 0 when none waits */
  oldestWaitingAgeMs(): Promise<number>;
}

export function createMetrics(role: "web" | "worker"): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ role });
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    reviews: new Counter({ name: "migguard_reviews_total", help: "Reviews finished, by outcome: the check's conclusion, error (check completed with the reason), not-completed, superseded, closed, gave-up", labelNames: ["outcome"], registers }),
    reviewDuration: new Histogram({
      name: "migguard_review_duration_seconds",
      help: "Time from the start of a review to its end (check completed, comments synced)",
      labelNames: ["outcome"],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers,
    }),
    findings: new Counter({ name: "migguard_findings_total", help: "Findings reported on check runs, by rule", labelNames: ["rule"], registers }),
    githubRequests: new Counter({ name: "migguard_github_requests_total", help: "GitHub API requests (after Octokit's retries), by route and final status", labelNames: ["method", "route", "status"], registers }),
    githubErrors: new Counter({ name: "migguard_github_request_errors_total", help: "GitHub API requests that ended in an error (status 0: no answer)", labelNames: ["method", "route", "status"], registers }),
    jobs: new Counter({ name: "migguard_jobs_total", help: "Queue side of reviews: queued, collapsed or duplicate (web); done, retried, requeued or failed (worker)", labelNames: ["result"], registers }),
    jobWait: new Histogram({
      name: "migguard_job_wait_seconds",
      help: "Time a review job waited in the queue before a worker started it",
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900],
      registers,
    }),
  };
}

/** Queue depth by state and the oldest waiting job's age, read from Redis at scrape time. */
export function watchQueue(metrics: Metrics, probe: QueueProbe): void {
  const registers = [metrics.registry];
  new Gauge({
    name: "migguard_queue_up",
    help: "1 when the queue's Redis answers",
    registers,
    async collect() {
      this.set(
        await probe.ping().then(
          () => 1,
          () => 0,
        ),
      );
    },
  });
  new Gauge({
    name: "migguard_queue_jobs",
    help: "Review jobs in the queue, by state",
    labelNames: ["state"],
    registers,
    async collect() {
      try {
        const counts = await probe.counts();
        for (const [state, count] of Object.entries(counts)) this.set({ state }, count);
      } catch {
        // migguard_queue_up says why; the last values stay
      }
    },
  });
  new Gauge({
    name: "migguard_queue_oldest_job_age_seconds",
    help: "Age of the oldest job waiting for a worker (0 when none waits)",
    registers,
    async collect() {
      try {
        this.set((await probe.oldestWaitingAgeMs()) / 1000);
      } catch {
        // migguard_queue_up says why
      }
    },
  });
}

export function recordReview(metrics: Metrics | undefined, outcome: ReviewOutcomeMetrics): void {
  if (!metrics) return;
  const label = outcome.failure && outcome.conclusion !== "not-completed" ? "error" : outcome.conclusion;
  metrics.reviews.inc({ outcome: label });
  metrics.reviewDuration.observe({ outcome: label }, outcome.durationMs / 1000);
  for (const [rule, count] of Object.entries(outcome.findingsByRule ?? {})) metrics.findings.inc({ rule }, count);
}

const instrumented = new WeakSet<object>();

interface RequestOptions {
  method?: string;
  url?: string;
}

/**
 * The route as a template, so label values stay few: Octokit passes "/repos/{owner}/{repo}/pulls/{pull_number}"
 * for most calls, but paginated calls arrive expanded ("https://host/api/v3/repos/o/r/pulls/7/files?page=2").
 */
export function routeOf(url: string | undefined): string {
  if (!url) return "unknown";
  const path = url.split("?")[0].replace(/^https?:\/\/[^/]+/, "").replace(/^\/api\/v3(?=\/)/, "");
  if (path.includes("{")) return path;
  return path
    .replace(/^\/repos\/[^/]+\/[^/]+/, "/repos/{owner}/{repo}")
    .replace(/\/contents\/.*$/, "/contents/{path}")
    .replace(/\/[0-9a-f]{40}(?=\/|$)/g, "/{sha}")
    .replace(/\/\d+(?=\/|$)/g, "/{number}");
}

/** Count an Octokit instance's requests; each instance once. */
export function instrumentOctokit(metrics: Metrics | undefined, octokit: Pick<ProbotOctokit, "hook">): void {
  if (!metrics || instrumented.has(octokit)) return;
  instrumented.add(octokit);
  octokit.hook.wrap("request", async (request, options) => {
    const labels = { method: String((options as RequestOptions).method ?? "GET"), route: routeOf((options as RequestOptions).url) };
    try {
      const response = await request(options);
      metrics.githubRequests.inc({ ...labels, status: String(response.status) });
      return response;
    } catch (error) {
      const status = String((error as { status?: number }).status ?? 0);
      metrics.githubRequests.inc({ ...labels, status });
      metrics.githubErrors.inc({ ...labels, status });
      throw error;
    }
  });
}
