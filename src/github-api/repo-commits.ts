/**
 * A path's history through the REST API: the newest commit of a commit's history that touched it (`GET /commits`
 * with `sha` and `path`), and a file's blob id at a commit (`GET /contents`, its `sha`). The App's way to the
 * deletions `migguard review` reads from git (review/removed-on-base.ts).
 */
import type { GitHub } from "./target.js";

export interface TouchingCommit {
  sha: string;
  /** its committer date, ISO 8601 */
  date?: string;
  /** its first parent */
  parent?: string;
}

const isNotFound = (error: unknown) => typeof error === "object" && error !== null && "status" in error && (error as { status: unknown }).status === 404;

/** The newest commit of `sha`'s history that changed `path`, one commit per page; undefined when none did. */
export async function lastCommitTouching(octokit: GitHub, repo: { owner: string; repo: string }, sha: string, path: string): Promise<TouchingCommit | undefined> {
  const { data } = await octokit.rest.repos.listCommits({ owner: repo.owner, repo: repo.repo, sha, path, per_page: 1 });
  const commit = data[0];
  if (!commit) return undefined;
  return { sha: commit.sha, date: commit.commit.committer?.date ?? undefined, parent: commit.parents[0]?.sha };
}

/** git's blob id of the file at `path` in commit `ref`; undefined when there is no such file. */
export async function blobAt(octokit: GitHub, repo: { owner: string; repo: string }, path: string, ref: string): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({ owner: repo.owner, repo: repo.repo, path, ref });
    return !Array.isArray(data) && data.type === "file" && data.path === path ? data.sha : undefined;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
