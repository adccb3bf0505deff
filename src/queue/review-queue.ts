/**
 * The producer side (the web process): a review becomes a BullMQ job. Redeliveries of one webhook are
 * recognised by delivery id across web replicas; pushes of the same commit collapse into the job already
 * waiting or running (see review-job.ts for the keys). The webhook is answered with an error when Redis
 * does not take the job in time, so GitHub shows the delivery as failed and it can be redelivered.
 */
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Settings } from "../ops/settings.js";
import type { QueueProbe } from "../ops/metrics.js";
import { redisClient } from "./redis-client.js";
import { REVIEW_JOB_NAME, reviewJobId, type ReviewJobData } from "./review-job.js";
import { withTimeout } from "./timeout.js";

export type QueuedReview =
  | { status: "queued"; jobId: string }
  /** the same commit is already waiting or under review */
  | { status: "collapsed"; jobId: string }
  /** this delivery was queued before (GitHub redelivered it) */
  | { status: "duplicate-delivery"; jobId: string };

const DELIVERY_MEMORY_SECONDS = 24 * 3600;

export type QueueSettings = Pick<Settings, "queueName" | "attempts" | "backoffMs" | "enqueueTimeoutMs"> & { redisUrl: string };

/** Job options shared by producer and tests: retries with exponential backoff, finished jobs cleaned up. */
export const jobOptions = (settings: Pick<Settings, "attempts" | "backoffMs">) => ({
  attempts: settings.attempts,
  backoff: { type: "exponential" as const, delay: settings.backoffMs },
  // a finished push job must not swallow a later event for the same commit (reopened, say)
  removeOnComplete: true,
  // failed jobs stay a day for inspection; enqueue() replaces one when the commit is asked for again
  removeOnFail: { age: 24 * 3600, count: 1000 },
});

export class ReviewQueue implements QueueProbe {
  readonly queue: Queue<ReviewJobData>;
  readonly #redis: Redis;
  readonly #settings: QueueSettings;
  /** host:port, never the password */
  readonly #where: string;

  constructor(settings: QueueSettings, log?: Pick<Logger, "warn">, role = "migguard-web") {
    this.#settings = settings;
    this.#redis = redisClient(settings.redisUrl, { blocking: false, name: role }, log);
    this.queue = new Queue<ReviewJobData>(settings.queueName, { connection: this.#redis, defaultJobOptions: jobOptions(settings) });
    // connection errors are logged (rate-limited) by redisClient; BullMQ re-emits them here
    this.queue.on("error", () => undefined);
    const url = new URL(settings.redisUrl);
    this.#where = `${url.hostname}:${url.port || "6379"}`;
  }

  get redis(): Redis {
    return this.#redis;
  }

  enqueue(data: ReviewJobData): Promise<QueuedReview> {
    return withTimeout(this.#enqueue(data), this.#settings.enqueueTimeoutMs, `Redis at ${this.#where} did not take the review job within ${this.#settings.enqueueTimeoutMs} ms`);
  }

  async #enqueue(data: ReviewJobData): Promise<QueuedReview> {
    const jobId = reviewJobId(data);
    const deliveryKey = `migguard:${this.#settings.queueName}:delivery:${data.deliveryId}`;
    if ((await this.#redis.set(deliveryKey, jobId, "EX", DELIVERY_MEMORY_SECONDS, "NX")) !== "OK") return { status: "duplicate-delivery", jobId };
    try {
      await this.queue.add(REVIEW_JOB_NAME, data, { jobId });
      const stored = await this.queue.getJob(jobId);
      if (!stored || stored.data.deliveryId === data.deliveryId) return { status: "queued", jobId };
      const state = await stored.getState();
      if (state !== "completed" && state !== "failed") return { status: "collapsed", jobId };
      // a finished job kept for inspection: this event asks for the commit again
      await stored.remove();
      await this.queue.add(REVIEW_JOB_NAME, data, { jobId });
      return { status: "queued", jobId };
    } catch (error) {
      // forget the delivery, so GitHub's redelivery of it is queued
      await this.#redis.del(deliveryKey).catch(() => undefined);
      throw error;
    }
  }

  async ping(timeoutMs = 1000): Promise<void> {
    try {
      await withTimeout(this.#redis.ping(), timeoutMs, `no answer to PING within ${timeoutMs} ms`);
    } catch (error) {
      const reason = this.#redis.status === "ready" ? (error instanceof Error ? error.message : String(error)) : `connection ${this.#redis.status}`;
      throw new Error(`Redis at ${this.#where} does not answer (${reason})`);
    }
  }

  counts(): Promise<Record<string, number>> {
    return this.queue.getJobCounts("waiting", "active", "delayed", "prioritized", "failed");
  }

  async oldestWaitingAgeMs(): Promise<number> {
    const [oldest] = await this.queue.getJobs(["waiting"], 0, 0, true);
    return oldest ? Math.max(0, Date.now() - oldest.timestamp) : 0;
  }

  async close(): Promise<void> {
    if (this.#redis.status !== "ready") {
      // nothing to flush; quit() would wait for a connection that may never come
      this.#redis.disconnect();
      await withTimeout(this.queue.close(), 2000, "queue close").catch(() => undefined);
      return;
    }
    await this.queue.close();
    await this.#redis.quit().catch(() => this.#redis.disconnect());
  }
}
