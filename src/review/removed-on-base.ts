/**
 * `ReviewInput.removedOnBase` for the App, as `migguard review` reads it from git (cli/removed-on-base.ts): for each
 * migration the pull request adds that the base branch's tree lacks, the newest commit of the base's history that
 * touched its path and the blob in that commit's parent. When the path is there in the parent, that commit deleted
 * it, and the engine compares the blob with the added file (engine/review/history/restored-migrations.ts). Two calls
 * for an added migration the base's history deleted, one for any other, at most MAX_ASKED of them; a failed call
 * leaves that file out (reviewed as new).
 */
import type { Config } from "../engine/config.js";
import { detectMigrationPath } from "../engine/review/classify.js";
import type { RemovedOnBaseMap } from "../engine/review/history/restored-migrations.js";
import { blobAt, lastCommitTouching } from "../github-api/repo-commits.js";
import type { GitHub, ReviewTarget } from "../github-api/target.js";

/** a revert of a squash restores dozens; more than this and the rest are reviewed as new */
const MAX_ASKED = 40;

export async function fetchRemovedOnBase(
  octokit: GitHub,
  target: Pick<ReviewTarget, "owner" | "repo" | "baseSha">,
  changedFiles: ReadonlyArray<{ path: string; status: string }>,
  config: Config,
  basePaths: readonly string[] | undefined,
): Promise<RemovedOnBaseMap | undefined> {
  // without the base tree, the newest commit touching a path may be an edit of a file the base still has
  if (!basePaths) return undefined;
  const onBase = new Set(basePaths);
  const asked = changedFiles.filter((f) => f.status === "added" && !onBase.has(f.path) && detectMigrationPath(f.path, config)).slice(0, MAX_ASKED);
  if (asked.length === 0) return undefined;
  const found = await Promise.all(
    asked.map(async ({ path }) => {
      try {
        const last = await lastCommitTouching(octokit, target, target.baseSha, path);
        const blob = last?.parent ? await blobAt(octokit, target, path, last.parent) : undefined;
        return blob ? [[path, { blob, commit: last!.sha, ...(last!.date ? { date: last!.date } : {}) }] as const] : [];
      } catch {
        return [];
      }
    }),
  );
  const entries = found.flat();
  return entries.length ? Object.fromEntries(entries) : undefined;
}
