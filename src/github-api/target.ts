/** What one review is about: a pull request of the base repository at one head commit. */
import type { ProbotOctokit } from "probot";

export type GitHub = ProbotOctokit;

export interface ReviewTarget {
  /** the base repository: files are read from here even for pull requests from forks */
  owner: string;
  repo: string;
  pullNumber: number;
  headSha: string;
  baseSha: string;
  /** the base branch: the config is read from here */
  baseRef: string;
  /** files changed according to the pull request, to notice GitHub's 3,000-file listing limit */
  changedFiles?: number;
  /** what started the review, for logs: "pull_request.synchronize", "recheck by @octocat", ... */
  trigger: string;
  /** the pull request's author (their own approval never signs off a waiver) */
  author?: string;
  /** the pull request's title and description: its author's word on the tables' size (review/change-size-note.ts) */
  description?: { title: string; body?: string };
}

/** The fields of a pull request object (webhook payload or REST answer) a review needs. */
export interface PullRequestLike {
  number: number;
  state?: string;
  changed_files?: number;
  head: { sha: string };
  base: { sha: string; ref: string };
  user?: { login: string } | null;
  /** absent from a check run's pull request list */
  title?: string;
  body?: string | null;
}

/** A description longer than this is cut: a sentence about the tables' size comes early, and the queue job stays small. */
const DESCRIPTION_LIMIT = 8_000;

export function targetFromPullRequest(owner: string, repo: string, pr: PullRequestLike, trigger: string): ReviewTarget {
  return {
    owner,
    repo,
    pullNumber: pr.number,
    headSha: pr.head.sha,
    baseSha: pr.base.sha,
    baseRef: pr.base.ref,
    changedFiles: pr.changed_files,
    trigger,
    ...(pr.user?.login ? { author: pr.user.login } : {}),
    ...(pr.title !== undefined ? { description: { title: pr.title, ...(pr.body ? { body: pr.body.slice(0, DESCRIPTION_LIMIT) } : {}) } } : {}),
  };
}

export const targetKey = (t: Pick<ReviewTarget, "owner" | "repo" | "pullNumber">) => `${t.owner}/${t.repo}#${t.pullNumber}`;
