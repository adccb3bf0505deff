/**
 * A review as a queue job: what the web process hands to the workers. Validated when a worker reads it
 * back, since it crossed a process boundary (and maybe a version upgrade).
 *
 * Job ids: pushes are keyed by repository + pull request + head commit, so a redelivered webhook or a
 * second event for the same commit collapses into the review already waiting or running. An explicit
 * re-run (the Re-run button, `/migguard recheck`) is a request to look again, so it gets its own job.
 */
import { z } from "zod";
import type { ReviewTarget } from "../github-api/target.js";

const TargetSchema = z.object({
  owner: z.string().min(1),
  repo: z.string().min(1),
  pullNumber: z.number().int().positive(),
  headSha: z.string().min(7),
  baseSha: z.string().min(7),
  baseRef: z.string().min(1),
  changedFiles: z.number().int().nonnegative().optional(),
  trigger: z.string(),
  author: z.string().min(1).optional(),
  description: z.object({ title: z.string(), body: z.string().optional() }).optional(),
}) satisfies z.ZodType<ReviewTarget>;

export const ReviewJobData = z.object({
  installationId: z.number().int().positive(),
  /** the webhook delivery that asked for the review (logs, redelivery detection) */
  deliveryId: z.string().min(1),
  target: TargetSchema,
  /** an explicit re-run: reviewed even when the pull request has moved on */
  rerun: z.boolean(),
  /** epoch milliseconds when the web process queued it */
  enqueuedAt: z.number(),
  /** the check run the first attempt created: later attempts complete it instead of adding another */
  checkRunId: z.number().int().positive().optional(),
});
export type ReviewJobData = z.infer<typeof ReviewJobData>;

export const REVIEW_JOB_NAME = "review";

/** pull_request.* events follow pushes; anything else (check_run.rerequested, recheck by @x) is a re-run. */
export const isRerun = (target: ReviewTarget) => !target.trigger.startsWith("pull_request.");

/** BullMQ job ids may not contain ":"; GitHub owner and repository names cannot either. */
export function reviewJobId(data: Pick<ReviewJobData, "target" | "rerun" | "deliveryId">): string {
  const { owner, repo, pullNumber, headSha } = data.target;
  const key = `${owner}/${repo}#${pullNumber}@${headSha}`;
  return (data.rerun ? `${key}+rerun-${data.deliveryId}` : key).replaceAll(":", "_");
}
