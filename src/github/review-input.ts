/**
 * Everything a review needs, gathered from GitHub before the engine runs: the changed files, the migration
 * files at the head commit with the files that belong to them (the down of an up), the base versions of
 * migrations the pull request edits, and the config. Posting lives elsewhere (publish-*.ts), so new inputs
 * (base-branch history, schema dumps, application code) are added here without touching how results are
 * posted.
 */
import type { FileError } from "../engine/analyze.js";
import type { ConfigProblem } from "../engine/config.js";
import { companionPaths, detectByPath, type DetectedFile } from "../engine/detect.js";
import type { SourceFile } from "../engine/model.js";
import { inlineCode } from "../report/markdown.js";
import { mapConcurrent } from "./concurrency.js";
import { listPullRequestFiles, PR_FILES_LISTING_LIMIT, type PullRequestFile } from "./pr-files.js";
import { fetchFileAt, listDirectory, type FetchedFile } from "./repo-contents.js";
import { checkProposedConfig, CONFIG_PATHS, loadRepoConfig, type RepoConfig } from "./repo-config.js";
import type { GitHub, ReviewTarget } from "./target.js";

export interface ReviewInput {
  target: ReviewTarget;
  /** the base branch's config: the one that judges this pull request */
  config: RepoConfig;
  changedFiles: PullRequestFile[];
  /** GitHub listed only part of the changed files */
  fileListTruncated: boolean;
  /** migration files at the head commit, with their companions (a down the pull request did not touch) */
  files: SourceFile[];
  /** base-branch versions of migrations this pull request modifies or renames (for edited-history checks) */
  baseFiles: SourceFile[];
  /** migrations this pull request deletes */
  removedMigrations: string[];
  /** files that could not be read as text (binary, too large, vanished) */
  skipped: FileError[];
  /** the config as this pull request proposes to change it, when it does */
  proposedConfig?: { path: string; removed: boolean; problems: ConfigProblem[] };
}

const FETCH_CONCURRENCY = 8;
const dirOf = (path: string) => (path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "");

interface Fetch {
  path: string;
  ref: string;
  /** what the file is to this review, to report a failure sensibly */
  role: "migration" | "companion" | "base" | "config";
}

/** Which changed files are migrations (by path, with the engine's own detection) and which are gone. */
function classify(files: readonly PullRequestFile[], config: RepoConfig) {
  const migrations: Array<{ file: PullRequestFile; detected: DetectedFile | "sql-candidate" }> = [];
  const removed: string[] = [];
  for (const file of files) {
    const detected = detectByPath(file.path, config.config);
    if (detected === undefined) continue;
    if (file.status === "removed") removed.push(file.path);
    else migrations.push({ file, detected });
  }
  return { migrations, removed };
}

/** The files that belong to the changed migrations but are not in the pull request (an unchanged down). */
async function companionFetches(octokit: GitHub, target: ReviewTarget, migrations: ReturnType<typeof classify>["migrations"], changed: ReadonlySet<string>): Promise<Fetch[]> {
  const listings = new Map<string, Promise<string[]>>();
  const listing = (dir: string) => {
    let pending = listings.get(dir);
    if (!pending) {
      pending = listDirectory(octokit, { owner: target.owner, repo: target.repo, path: dir, ref: target.headSha });
      listings.set(dir, pending);
    }
    return pending;
  };
  const wanted = new Set<string>();
  for (const { detected } of migrations) {
    if (detected === "sql-candidate" || detected.role !== "up") continue;
    if (detected.layout === "flyway") {
      // Flyway undo files may be named freely: look at the folder, and fetch only what exists
      const siblings = await listing(dirOf(detected.path));
      for (const path of companionPaths(detected, siblings)) if (siblings.includes(path)) wanted.add(path);
    } else {
      for (const path of companionPaths(detected)) wanted.add(path);
    }
  }
  return [...wanted].filter((path) => !changed.has(path)).map((path) => ({ path, ref: target.headSha, role: "companion" as const }));
}

function fetchProblem(fetched: FetchedFile, fetch: Fetch): FileError | undefined {
  if (fetched.status === "skipped") return { path: fetched.path, message: fetched.reason };
  // a companion that does not exist is normal (the engine reports a missing down); a changed file that
  // vanished means the branch moved while we read it
  if (fetched.status === "missing" && fetch.role === "migration") return { path: fetched.path, message: `not found at ${fetch.ref.slice(0, 7)} (was the branch force-pushed?)` };
  return undefined;
}

export interface BuildHooks {
  /** called as soon as the config is known, so a later failure is reported with the config's conclusion */
  onConfig?: (config: RepoConfig) => void;
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
  const maxBytes = config.config.max_file_bytes;
  const changedPaths = new Set(listing.files.filter((f) => f.status !== "removed").map((f) => f.path));
  const removedPaths = new Set(listing.files.filter((f) => f.status === "removed").map((f) => f.path));
  const { migrations, removed } = classify(listing.files, config);

  const fetches: Fetch[] = migrations.map(({ file }) => ({ path: file.path, ref: target.headSha, role: "migration" }));
  fetches.push(...(await companionFetches(octokit, target, migrations, new Set([...changedPaths, ...removedPaths]))));
  for (const { file } of migrations) {
    if (file.status === "modified" || file.status === "renamed" || file.status === "changed")
      fetches.push({ path: file.previousPath ?? file.path, ref: target.baseSha, role: "base" });
  }
  const configChange = listing.files.find((f) => CONFIG_PATHS.includes(f.path));
  if (configChange && configChange.status !== "removed") fetches.push({ path: configChange.path, ref: target.headSha, role: "config" });

  const fetched = await mapConcurrent(fetches, FETCH_CONCURRENCY, (fetch) =>
    fetchFileAt(octokit, { owner: target.owner, repo: target.repo, path: fetch.path, ref: fetch.ref }, maxBytes),
  );

  const input: ReviewInput = {
    target,
    config,
    changedFiles: listing.files,
    fileListTruncated: listing.truncated,
    files: [],
    baseFiles: [],
    removedMigrations: removed,
    skipped: [],
  };
  fetched.forEach((file, i) => {
    const fetch = fetches[i];
    const problem = fetchProblem(file, fetch);
    if (problem && fetch.role !== "base") input.skipped.push(problem);
    if (file.status !== "text") return;
    if (fetch.role === "base") input.baseFiles.push({ path: file.path, content: file.content });
    else if (fetch.role === "config") input.proposedConfig = { path: file.path, removed: false, problems: checkProposedConfig(file.content).problems };
    else input.files.push({ path: file.path, content: file.content });
  });
  if (configChange?.status === "removed") input.proposedConfig = { path: configChange.path, removed: true, problems: [] };
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
