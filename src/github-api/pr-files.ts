/** The files a pull request changes, every page of them (GitHub lists at most 3,000). */
import type { GitHub, ReviewTarget } from "./target.js";

export type FileStatus = "added" | "removed" | "modified" | "renamed" | "copied" | "changed" | "unchanged";

export interface PullRequestFile {
  path: string;
  status: FileStatus;
  /** the path before a rename */
  previousPath?: string;
  /** the unified diff; absent for binary files and diffs too large for GitHub to show */
  patch?: string;
  /** git blob id of the file at head (of the base version for a removed file) */
  sha?: string;
}

/** GitHub's own cap on the pull request files listing. */
export const PR_FILES_LISTING_LIMIT = 3000;

export interface PullRequestFiles {
  files: PullRequestFile[];
  /** GitHub stopped listing: some changed files are not in `files` */
  truncated: boolean;
}

export async function listPullRequestFiles(octokit: GitHub, target: ReviewTarget): Promise<PullRequestFiles> {
  const raw = await octokit.paginate(octokit.rest.pulls.listFiles, {
    owner: target.owner,
    repo: target.repo,
    pull_number: target.pullNumber,
    per_page: 100,
  });
  const files = raw.map((f) => ({
    path: f.filename,
    status: f.status,
    ...(f.previous_filename ? { previousPath: f.previous_filename } : {}),
    ...(f.patch !== undefined ? { patch: f.patch } : {}),
    ...(f.sha ? { sha: f.sha } : {}),
  }));
  const truncated = files.length >= PR_FILES_LISTING_LIMIT || (target.changedFiles !== undefined && target.changedFiles > files.length);
  return { files, truncated };
}
