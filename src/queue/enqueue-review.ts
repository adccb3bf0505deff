/** The web process with REDIS_URL: a review request becomes a queue job, answered as soon as Redis has it. */
import type { Logger } from "probot";
import type { Metrics } from "../ops/metrics.js";
import { isRerun, type ReviewJobData } from "./review-job.js";
import type { QueuedReview, ReviewQueue } from "./review-queue.js";
import type { ReviewTarget } from "../github-api/target.js";

export interface EnqueueScope {
  id: string;
  log: Logger;
  payload?: { installation?: { id: number } | null };
}

export async function enqueueReview(queue: ReviewQueue, metrics: Metrics | undefined, event: EnqueueScope, target: ReviewTarget): Promise<QueuedReview> {
  const installationId = event.payload?.installation?.id;
  // every event migguard subscribes to comes from an installation; without one no worker could authenticate
  if (!installationId) throw new Error(`delivery ${event.id} carries no installation id; migguard cannot review ${target.owner}/${target.repo}#${target.pullNumber} without one`);
  const data: ReviewJobData = { installationId, deliveryId: event.id, target, rerun: isRerun(target), enqueuedAt: Date.now() };
  const queued = await queue.enqueue(data);
  metrics?.jobs.inc({ result: queued.status });
  event.log.info({ delivery: event.id, repo: `${target.owner}/${target.repo}`, pr: target.pullNumber, head: target.headSha.slice(0, 7), trigger: target.trigger, job: queued.jobId, status: queued.status }, "review queued for a worker");
  return queued;
}
