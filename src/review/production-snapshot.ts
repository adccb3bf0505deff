/**
 * Config `snapshot: PATH`: the production snapshot (`migguard snapshot`) the pull request is judged by, read
 * from the base branch like the config itself, so a pull request cannot shrink production to pass. One
 * contents call, in raw form (a snapshot of a large schema is over the JSON form's 1 MB).
 */
import { snapshotFromText, type ProductionSnapshot } from "../engine/production/snapshot-file.js";
import { fetchRawTextAt } from "../github-api/repo-contents.js";
import type { GitHub, ReviewTarget } from "../github-api/target.js";

export interface BaseSnapshot {
  snapshot?: ProductionSnapshot;
  /** for the check summary, when the configured snapshot could not be used */
  note?: string;
}

export async function readBaseSnapshot(octokit: GitHub, target: ReviewTarget, configured: string): Promise<BaseSnapshot> {
  const path = configured.replace(/^\.?\//, "");
  const text = await fetchRawTextAt(octokit, { owner: target.owner, repo: target.repo, path, ref: target.baseSha });
  const { snapshot, problem } = snapshotFromText(path, text);
  return problem ? { note: `**Production snapshot not used:** \`${path}\` on the base branch: ${problem}. The review ran without table sizes and data.` } : { snapshot };
}
