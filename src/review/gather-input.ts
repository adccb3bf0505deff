/**
 * What a review starts from, gathered from GitHub before the engine runs: the base branch's config and the
 * pull request's changed files (with their diffs). Which files the engine then needs, and fetching them, is
 * review mode's plan (review-sources.ts); posting lives in publish-*.ts.
 */
import { KNOWN_RULE_IDS } from "../engine/catalogue.js";
import { loadConfig, type ConfigProblem } from "../engine/config.js";
import { inlineCode } from "../report/markdown.js";
import { listPullRequestFiles, PR_FILES_LISTING_LIMIT, type PullRequestFile } from "../github-api/pr-files.js";
import { fetchFileAt } from "../github-api/repo-contents.js";
import { CONFIG_PATHS, loadRepoConfig, type RepoConfig } from "../github-api/repo-config.js";
import type { GitHub, ReviewTarget } from "../github-api/target.js";

export interface ReviewInput {
  target: ReviewTarget;
  /** the base branch's config: the one that judges this pull request */
  config: RepoConfig;
  changedFiles: PullRequestFile[];
  /** GitHub listed only part of the changed files */
  fileListTruncated: boolean;
  /** the config as this pull request proposes to change it, when it does (unreadable: why it could not be read) */
  proposedConfig?: { path: string; removed: boolean; problems: ConfigProblem[]; unreadable?: string };
}

export interface BuildHooks {
  /** called as soon as the config is known, so a later failure is reported with the config's conclusion */
  onConfig?: (config: RepoConfig) => void;
}

/** The config file as the pull request proposes it, read at the head commit. */
async function proposedConfig(octokit: GitHub, target: ReviewTarget, change: PullRequestFile, maxBytes: number): Promise<ReviewInput["proposedConfig"]> {
  if (change.status === "removed") return { path: change.path, removed: true, problems: [] };
  const file = await fetchFileAt(octokit, { owner: target.owner, repo: target.repo, path: change.path, ref: target.headSha }, maxBytes);
  if (file.status === "text") return { path: file.path, removed: false, problems: loadConfig(file.content, KNOWN_RULE_IDS).problems };
  // not a migration: what it proposes is said in a note, and the gate does not depend on it
  return file.status === "skipped" ? { path: file.path, removed: false, problems: [], unreadable: file.reason } : undefined;
}

export async function buildReviewInput(octokit: GitHub, target: ReviewTarget, hooks: BuildHooks = {}): Promise<ReviewInput> {
  // both at once; wait for both to settle so the config is known even when the listing fails
  const [configLoad, listingLoad] = await Promise.allSettled([
    loadRepoConfig(octokit, { owner: target.owner, repo: target.repo, ref: target.baseRef }),
    listPullRequestFiles(octokit, target),
  ]);
  if (configLoad.status === "rejected") throw configLoad.reason;
  const config = configLoad.value;
  hooks.onConfig?.(config);
  if (listingLoad.status === "rejected") throw listingLoad.reason;
  const listing = listingLoad.value;

  const input: ReviewInput = { target, config, changedFiles: listing.files, fileListTruncated: listing.truncated };
  const configChange = listing.files.find((f) => CONFIG_PATHS.includes(f.path));
  if (configChange) input.proposedConfig = await proposedConfig(octokit, target, configChange, config.config.max_file_bytes);
  return input;
}

/** Markdown notes about the input itself, for the check summary. */
export function inputNotes(input: ReviewInput): string[] {
  const notes: string[] = [];
  const { proposedConfig } = input;
  if (proposedConfig) {
    const base = `the base branch ${inlineCode(input.target.baseRef)}`;
    const lines = proposedConfig.removed
      ? [`**Config change:** this pull request deletes ${inlineCode(proposedConfig.path)}. It was reviewed with the config of ${base}; a pull request cannot change the rules that judge it.`]
      : [`**Config change:** this pull request changes ${inlineCode(proposedConfig.path)}. It was reviewed with the config of ${base}; the new config applies to pull requests after it is merged.`];
    if (proposedConfig.unreadable) lines.push("", `The proposed config could not be read: ${proposedConfig.unreadable}.`);
    if (proposedConfig.problems.length) {
      lines.push("", "The proposed config has problems (each key would fall back to its default):");
      for (const p of proposedConfig.problems) lines.push(`- ${inlineCode(p.key)}: ${p.message}`);
    }
    notes.push(lines.join("\n"));
  }
  if (input.fileListTruncated) {
    const total = input.target.changedFiles !== undefined ? ` of ${input.target.changedFiles}` : "";
    notes.push(`**Partial review:** GitHub lists only the first ${PR_FILES_LISTING_LIMIT.toLocaleString("en-US")}${total} changed files of a pull request, so migrations among the rest were not reviewed. Split the pull request, or run \`migguard lint\` on the migrations folder in CI.`);
  }
  return notes;
}
