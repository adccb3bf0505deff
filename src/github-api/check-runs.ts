/**
 * The check run on the head commit: created `in_progress` the moment a review starts, completed with the
 * report, and completed anyway (with the reason) when the review fails.
 */
import { annotationBatches, type CheckRunOutput } from "../report/check-run.js";
import type { GitHub, ReviewTarget } from "./target.js";

export const CHECK_NAME = "migguard";
const EXTERNAL_ID_PREFIX = "migguard-pr:";

/** The pull request number a check run was created for, read back when someone presses Re-run. */
export function pullNumberOfCheck(externalId: string | null | undefined): number | undefined {
  if (!externalId?.startsWith(EXTERNAL_ID_PREFIX)) return undefined;
  const n = Number(externalId.slice(EXTERNAL_ID_PREFIX.length));
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export async function startCheckRun(octokit: GitHub, target: ReviewTarget): Promise<number> {
  const { data } = await octokit.rest.checks.create({
    owner: target.owner,
    repo: target.repo,
    name: CHECK_NAME,
    head_sha: target.headSha,
    status: "in_progress",
    started_at: new Date().toISOString(),
    external_id: `${EXTERNAL_ID_PREFIX}${target.pullNumber}`,
    output: { title: "Reviewing migrations…", summary: `migguard is reviewing the migrations of #${target.pullNumber} at \`${target.headSha.slice(0, 7)}\`.` },
  });
  return data.id;
}

const outputFields = (output: CheckRunOutput) => ({ title: output.title, summary: output.summary, ...(output.text ? { text: output.text } : {}) });

/** Complete the check with the first batch of annotations; returns the batches still to append. */
export async function completeCheckRun(octokit: GitHub, target: ReviewTarget, checkRunId: number, output: CheckRunOutput) {
  const [first, ...rest] = annotationBatches(output.annotations);
  await octokit.rest.checks.update({
    owner: target.owner,
    repo: target.repo,
    check_run_id: checkRunId,
    status: "completed",
    conclusion: output.conclusion,
    completed_at: new Date().toISOString(),
    output: { ...outputFields(output), ...(first ? { annotations: first } : {}) },
  });
  return rest;
}

/** Annotations beyond the first 50: GitHub appends each batch to the check run. */
export async function appendAnnotations(octokit: GitHub, target: ReviewTarget, checkRunId: number, output: CheckRunOutput, batches: CheckRunOutput["annotations"][]) {
  for (const annotations of batches) {
    await octokit.rest.checks.update({ owner: target.owner, repo: target.repo, check_run_id: checkRunId, output: { ...outputFields(output), annotations } });
  }
}

/** Replace the summary (e.g. to add a note after the check completed), keeping title and text. */
export async function updateCheckSummary(octokit: GitHub, target: ReviewTarget, checkRunId: number, output: CheckRunOutput) {
  await octokit.rest.checks.update({ owner: target.owner, repo: target.repo, check_run_id: checkRunId, output: outputFields(output) });
}

/** Complete a failed review's check; creates it already completed when it could not be created before. */
export async function completeFailedCheckRun(octokit: GitHub, target: ReviewTarget, checkRunId: number | undefined, output: CheckRunOutput) {
  const fields = { status: "completed" as const, conclusion: output.conclusion, completed_at: new Date().toISOString(), output: outputFields(output) };
  if (checkRunId !== undefined) {
    await octokit.rest.checks.update({ owner: target.owner, repo: target.repo, check_run_id: checkRunId, ...fields });
    return;
  }
  await octokit.rest.checks.create({
    owner: target.owner,
    repo: target.repo,
    name: CHECK_NAME,
    head_sha: target.headSha,
    external_id: `${EXTERNAL_ID_PREFIX}${target.pullNumber}`,
    ...fields,
  });
}
