/**
 * The App's side of review mode: what the engine's review plan asks for beyond the changed migrations,
 * fetched with as few API calls as the plan allows, then the engine's review.
 *   - the base branch's tree, once (`git/trees?recursive=1`): versions to order against, schema dumps;
 *   - planned files not fetched yet (schema dumps, the up of a changed down, Django squashed migrations);
 *   - the other migrations of a changed Django app (model state): one by one when few, else from the tarball;
 *   - the head's code, as ONE tarball streamed and filtered on the fly, only when the first pass says
 *     something is dropped or renamed (`codeSearch.needed`);
 *   - the pull request's reviews and the approvers' permissions, only when regulated data is waived.
 * `buildReviewInput` (review-input.ts) already fetched the migrations; pass them in `have`.
 */
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { FileError } from "../engine/analyze.js";
import type { Config, ConfigProblem } from "../engine/config.js";
import type { SourceFile } from "../engine/model.js";
import { approversToCheck, decideRegulatedApproval, regulatedWaiverFindings, type PullRequestReview, type RegulatedApproval } from "../engine/regulated/approval.js";
import type { RegulatedWaiver } from "../engine/regulated/waivers.js";
import type { ChangedFile } from "../engine/review/changes.js";
import { isSearchableCodePath, isSearchableContent } from "../engine/review/code/searchable.js";
import { planReview } from "../engine/review/plan.js";
import { review, type ReviewInput as EngineReviewInput, type ReviewResult } from "../engine/review/review.js";
import { mapConcurrent } from "./concurrency.js";
import { fetchFileAt } from "./repo-contents.js";
import { readTarball } from "./tarball.js";
import type { GitHub, ReviewTarget } from "./target.js";

const FETCH_CONCURRENCY = 8;
/** more Django context migrations than this come from the head tarball (one call) instead of one call each */
const CONTEXT_FETCH_LIMIT = 10;

export interface BaseTree {
  paths: string[];
  /** GitHub cut the listing short (over 100,000 entries): some base migrations may be missing */
  truncated: boolean;
}

/** Every file path of the base commit, in one call. */
export async function fetchBaseTree(octokit: GitHub, target: ReviewTarget): Promise<BaseTree> {
  const { data } = await octokit.rest.git.getTree({ owner: target.owner, repo: target.repo, tree_sha: target.baseSha, recursive: "true" });
  return { paths: data.tree.filter((entry) => entry.type === "blob" && entry.path).map((entry) => entry.path!), truncated: data.truncated };
}

export interface HeadArchive {
  /** application code for the usage search */
  code: SourceFile[];
  /** other files asked for by path (Django context migrations) */
  files: SourceFile[];
}

/** Application code (and any `wanted` paths) at the head commit, from one streamed tarball filtered on the fly. */
export async function fetchHeadArchive(octokit: GitHub, target: ReviewTarget, config: Config, wanted: ReadonlySet<string> = new Set()): Promise<HeadArchive> {
  const response = await octokit.request("GET /repos/{owner}/{repo}/tarball/{ref}", {
    owner: target.owner,
    repo: target.repo,
    ref: target.headSha,
    request: { parseSuccessResponseBody: false },
  });
  const stream = Readable.fromWeb(response.data as unknown as WebReadableStream<Uint8Array>);
  const entries = await readTarball(stream, (path, size) => size <= config.max_file_bytes && (wanted.has(path) || isSearchableCodePath(path, config)));
  const archive: HeadArchive = { code: [], files: [] };
  for (const entry of entries) {
    const content = entry.content.toString("utf8");
    if (wanted.has(entry.path)) archive.files.push({ path: entry.path, content });
    else if (isSearchableContent(content, config)) archive.code.push({ path: entry.path, content });
  }
  return archive;
}

/** Reviews of the pull request and the role of each approver (maintain/admin sign off regulated data). */
export async function fetchRegulatedApproval(octokit: GitHub, target: ReviewTarget): Promise<RegulatedApproval> {
  const raw = await octokit.paginate(octokit.rest.pulls.listReviews, { owner: target.owner, repo: target.repo, pull_number: target.pullNumber, per_page: 100 });
  const reviews: PullRequestReview[] = raw.flatMap((r) => (r.user ? [{ user: r.user.login, state: r.state, commitId: r.commit_id ?? undefined }] : []));
  const roles: Record<string, string | undefined> = {};
  for (const user of approversToCheck(reviews)) {
    // role_name, not the legacy `permission` field, which reports maintain as "write"
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner: target.owner, repo: target.repo, username: user });
    roles[user] = data.role_name;
  }
  return decideRegulatedApproval({ reviews, roles, headSha: target.headSha });
}

export interface EngineReviewOptions {
  changedFiles: readonly ChangedFile[];
  config: Config;
  configProblems?: readonly ConfigProblem[];
  configPath?: string;
  /** files already fetched: at head (migrations, companions) and on the base branch (edited migrations) */
  have: { head: readonly SourceFile[]; base: readonly SourceFile[] };
}

export interface EngineReview {
  result: ReviewResult;
  /** planned files that could not be read (binary, too large) */
  skipped: FileError[];
  /** for the check summary */
  notes: string[];
  /** regulated data waived in the pull request, and whether it is signed off */
  approval?: { waivers: RegulatedWaiver[]; decision: RegulatedApproval };
}

export async function reviewChange(octokit: GitHub, target: ReviewTarget, options: EngineReviewOptions): Promise<EngineReview> {
  const { config } = options;
  const notes: string[] = [];
  const skipped: FileError[] = [];
  const needsTree = planReview(options.changedFiles, config).baseTree;
  const tree = needsTree ? await fetchBaseTree(octokit, target) : undefined;
  if (tree?.truncated) notes.push("**Partial base listing:** GitHub truncated the base branch's file tree, so version order and schema dumps were checked against part of it.");
  const plan = planReview(options.changedFiles, config, tree?.paths);

  const have = { head: new Map(options.have.head.map((f) => [f.path, f])), base: new Map(options.have.base.map((f) => [f.path, f])) };
  // many Django context migrations: take them, and the code, from one tarball instead of a call each
  const archive = plan.context.length > CONTEXT_FETCH_LIMIT ? await fetchHeadArchive(octokit, target, config, new Set(plan.context)) : undefined;
  const missing = [
    ...plan.head.filter((p) => !have.head.has(p)).map((path) => ({ path, ref: target.headSha, side: "head" as const })),
    ...plan.base.filter((p) => !have.base.has(p)).map((path) => ({ path, ref: target.baseSha, side: "base" as const })),
    ...(archive ? [] : plan.context.filter((p) => !have.head.has(p)).map((path) => ({ path, ref: target.headSha, side: "context" as const }))),
  ];
  const context = new Map((archive?.files ?? []).map((f) => [f.path, f]));
  const fetched = await mapConcurrent(missing, FETCH_CONCURRENCY, (m) => fetchFileAt(octokit, { owner: target.owner, repo: target.repo, path: m.path, ref: m.ref }, config.max_file_bytes));
  fetched.forEach((file, i) => {
    const side = missing[i].side;
    if (file.status === "text") (side === "context" ? context : have[side]).set(file.path, { path: file.path, content: file.content });
    else if (file.status === "skipped" && side !== "context") skipped.push({ path: file.path, message: file.reason });
  });

  const input: EngineReviewInput = {
    changes: options.changedFiles,
    head: [...have.head.values()],
    base: [...have.base.values()],
    basePaths: tree?.paths,
    config,
    configProblems: options.configProblems,
    configPath: options.configPath,
    contextMigrations: [...context.values()],
    codeFiles: archive?.code,
  };
  let result = await review(input);
  if (result.codeSearch.needed) result = await review({ ...input, codeFiles: (await fetchHeadArchive(octokit, target, config)).code });

  if (result.regulatedWaivers.length === 0) return { result, skipped, notes };
  const decision = await fetchRegulatedApproval(octokit, target);
  const findings = [...result.findings, ...regulatedWaiverFindings(result.regulatedWaivers, decision)];
  return { result: { ...result, findings }, skipped, notes, approval: { waivers: result.regulatedWaivers, decision } };
}
