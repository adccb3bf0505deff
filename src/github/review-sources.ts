/**
 * The App's side of review mode: the files the engine's review plan asks for, fetched with as few API calls
 * as the plan allows, then the engine's review.
 *   - the base commit's tree, once (`git/trees?recursive=1`): versions to order against, schema dumps, and
 *     which companions (a down, a Flyway undo) exist, so none is asked for in vain;
 *   - the head commit's tree, once, when the pull request adds planned files: their content then comes from
 *     the diff already listed (checked against the head's blob ids), not a call each (planned-files.ts);
 *   - the other planned files: edited migrations at head and on the base, changed schema dumps, Django
 *     squashed migrations; the other migrations of a changed Django app (model state), one by one when few,
 *     else from the tarball;
 *   - the head's code, as ONE tarball streamed and filtered on the fly, only when the first pass says
 *     something is dropped or renamed (`codeSearch.needed`) and the head has code to search;
 *   - the pull request's reviews and the approvers' permissions, only when regulated data is waived.
 */
import type { FileError } from "../engine/analyze.js";
import { byLocation } from "../engine/finding-order.js";
import type { Config, ConfigProblem } from "../engine/config.js";
import type { SourceFile } from "../engine/model.js";
import { regulatedWaiverFindings, type RegulatedApproval } from "../engine/regulated/approval.js";
import type { RegulatedWaiver } from "../engine/regulated/waivers.js";
import { planReview } from "../engine/review/plan.js";
import { review, type ReviewInput as EngineReviewInput, type ReviewResult } from "../engine/review/review.js";
import { fetchHeadArchive, hasNoSearchableCode } from "./head-archive.js";
import { mayComeFromDiff, readPlanned, type DiffFile, type Wanted } from "./planned-files.js";
import { approvalNote, fetchRegulatedApproval } from "./regulated-approval.js";
import { databaseNote } from "../engine/database/notes.js";
import { fetchTree } from "./repo-tree.js";
import type { GitHub, ReviewTarget } from "./target.js";

/** more Django context migrations than this come from the head tarball (one call) instead of one call each */
const CONTEXT_FETCH_LIMIT = 10;

export interface EngineReviewOptions {
  /** the pull request's files as listed (`pulls.listFiles`): an added file's content comes from its patch */
  changedFiles: readonly DiffFile[];
  config: Config;
  configProblems?: readonly ConfigProblem[];
  configPath?: string;
  /** files already at hand, at head and on the base branch; fetched only when missing */
  have?: { head?: readonly SourceFile[]; base?: readonly SourceFile[] };
}

export interface EngineReview {
  result: ReviewResult;
  /** the head files the review read (for suggestions that keep a line's indentation) */
  head: SourceFile[];
  /** planned files that could not be read (binary, too large, vanished) */
  skipped: FileError[];
  /** for the check summary */
  notes: string[];
  /** regulated data waived in the pull request, and whether it is signed off */
  approval?: { waivers: RegulatedWaiver[]; decision: RegulatedApproval };
}

export async function reviewChange(octokit: GitHub, target: ReviewTarget, options: EngineReviewOptions): Promise<EngineReview> {
  const { config, changedFiles } = options;
  const notes: string[] = [];
  const head = new Map((options.have?.head ?? []).map((f) => [f.path, f]));
  const base = new Map((options.have?.base ?? []).map((f) => [f.path, f]));

  // without the base tree the plan already names every changed file it will read: enough to know whether
  // the head's tree would save calls; both trees are asked for at once
  const draft = planReview(changedFiles, config);
  const draftHead = new Set(draft.head.filter((path) => !head.has(path)));
  const wantsHeadTree = changedFiles.some((f) => draftHead.has(f.path) && mayComeFromDiff(f));
  const [baseTree, headTree] = await Promise.all([
    draft.baseTree ? fetchTree(octokit, target, target.baseSha) : undefined,
    wantsHeadTree ? fetchTree(octokit, target, target.headSha) : undefined,
  ]);
  if (baseTree?.truncated) notes.push("**Partial base listing:** GitHub truncated the base branch's file tree, so version order and schema dumps were checked against part of it.");
  const basePaths = baseTree ? [...baseTree.blobs.keys()] : undefined;
  const plan = planReview(changedFiles, config, basePaths);

  // many Django context migrations: take them, and the code, from one tarball instead of a call each
  const archive = plan.context.length > CONTEXT_FETCH_LIMIT ? await fetchHeadArchive(octokit, target, config, new Set(plan.context)) : undefined;
  const context = new Map((archive?.files ?? []).map((f) => [f.path, f]));
  const wanted: Wanted[] = [
    ...plan.head.filter((path) => !head.has(path)).map((path) => ({ path, side: "head" as const })),
    ...plan.base.filter((path) => !base.has(path)).map((path) => ({ path, side: "base" as const })),
    ...(archive ? [] : plan.context.filter((path) => !head.has(path)).map((path) => ({ path, side: "context" as const }))),
  ];
  const { read, skipped } = await readPlanned(octokit, target, { changedFiles, maxBytes: config.max_file_bytes, headTree }, wanted);
  for (const file of read) ({ head, base, context })[file.side].set(file.path, { path: file.path, content: file.content });

  const input: EngineReviewInput = {
    changes: changedFiles,
    head: [...head.values()],
    base: [...base.values()],
    basePaths,
    config,
    configProblems: options.configProblems,
    configPath: options.configPath,
    contextMigrations: [...context.values()],
    codeFiles: archive?.code,
  };
  let result = await review(input);
  if (result.codeSearch.needed) {
    const codeFiles = hasNoSearchableCode(headTree, config) ? [] : (await fetchHeadArchive(octokit, target, config)).code;
    result = await review({ ...input, codeFiles });
  }

  const assumedDatabase = databaseNote(result.databases);
  if (assumedDatabase) notes.push(assumedDatabase);
  const done = { head: input.head.slice(), skipped, notes };
  if (result.regulatedWaivers.length === 0) return { result, ...done };
  const decision = await fetchRegulatedApproval(octokit, target);
  notes.push(approvalNote(target, result.regulatedWaivers, decision));
  const findings = [...result.findings, ...regulatedWaiverFindings(result.regulatedWaivers, decision)].sort(byLocation);
  return { result: { ...result, findings }, ...done, approval: { waivers: result.regulatedWaivers, decision } };
}
