/**
 * Reading the files review mode's plan names, with as few calls as possible: a file the pull request adds
 * comes from its diff when the head's tree confirms the diff's blob is the one at the reviewed commit (the
 * listing follows the pull request, which may have moved on since this review's event); a file the head's
 * tree says is absent, too large or a symbolic link (mode 120000) is not asked for; the rest come from the
 * contents API, by SHA.
 */
import type { FileError } from "../engine/analyze.js";
import { SYMLINK_NOT_READ } from "../engine/limits.js";
import type { ChangedFile } from "../engine/review/changes.js";
import { mapConcurrent } from "./concurrency.js";
import { addedFileContent } from "./patch-content.js";
import type { PullRequestFile } from "../github-api/pr-files.js";
import { fetchFileAt, oversizeReason } from "../github-api/repo-contents.js";
import { existsIn, type RepoTree } from "../github-api/repo-tree.js";
import type { GitHub, ReviewTarget } from "../github-api/target.js";

const FETCH_CONCURRENCY = 8;

export type DiffFile = ChangedFile & Partial<Pick<PullRequestFile, "patch" | "sha">>;

export interface Wanted {
  path: string;
  /**
   * head: changed files and companions; base: base versions; context: other Django migrations, at head;
   * history: earlier migrations the executor applies first, at head; facts: Gemfile, schema dumps, at head.
   * Context, history and facts are optional.
   */
  side: "head" | "base" | "context" | "history" | "facts";
}

export interface PlannedRead {
  read: Array<Wanted & { content: string }>;
  /** files under review that could not be read (context, history and facts files are optional and never reported) */
  skipped: FileError[];
}

/** An added file whose diff may stand in for a fetch (what makes the head's tree worth its call). */
export const mayComeFromDiff = (file: DiffFile): boolean => file.status === "added" && Boolean(file.patch) && Boolean(file.sha);

export async function readPlanned(
  octokit: GitHub,
  target: ReviewTarget,
  options: { changedFiles: readonly DiffFile[]; maxBytes: number; headTree?: RepoTree },
  wanted: readonly Wanted[],
): Promise<PlannedRead> {
  const { maxBytes, headTree } = options;
  const changed = new Map(options.changedFiles.map((f) => [f.path, f]));
  const underReview = (want: Wanted) => want.side === "head" && changed.has(want.path) && changed.get(want.path)!.status !== "removed";
  // a planned companion that does not exist is normal (the engine reports a missing down); a changed file
  // that is not there means the branch was rewritten after the event
  const vanished = (path: string): FileError => ({ path, message: `not found at ${target.headSha.slice(0, 7)} (was the branch force-pushed?)` });
  const result: PlannedRead = { read: [], skipped: [] };
  const toFetch: Wanted[] = [];
  for (const want of wanted) {
    if (want.side === "base" || !headTree) {
      toFetch.push(want);
      continue;
    }
    if (existsIn(headTree, want.path) === false) {
      if (underReview(want)) result.skipped.push(vanished(want.path));
      continue;
    }
    const blob = headTree.blobs.get(want.path);
    if (blob?.symlink) {
      if (want.side === "head") result.skipped.push({ path: want.path, message: SYMLINK_NOT_READ });
      continue;
    }
    if (blob && blob.size > maxBytes) {
      if (want.side === "head") result.skipped.push({ path: want.path, message: oversizeReason(blob.size, maxBytes) });
      continue;
    }
    const change = want.side === "head" ? changed.get(want.path) : undefined;
    const fromDiff = change && blob && change.sha === blob.sha ? addedFileContent(change) : undefined;
    if (fromDiff === undefined) toFetch.push(want);
    else result.read.push({ ...want, content: fromDiff });
  }
  const fetched = await mapConcurrent(toFetch, FETCH_CONCURRENCY, (want) =>
    fetchFileAt(octokit, { owner: target.owner, repo: target.repo, path: want.path, ref: want.side === "base" ? target.baseSha : target.headSha }, maxBytes),
  );
  fetched.forEach((file, i) => {
    const want = toFetch[i];
    if (file.status === "text") result.read.push({ ...want, content: file.content });
    else if (file.status === "skipped" && (want.side === "head" || want.side === "base")) result.skipped.push({ path: file.path, message: file.reason });
    else if (file.status === "missing" && underReview(want)) result.skipped.push(vanished(file.path));
  });
  return result;
}
