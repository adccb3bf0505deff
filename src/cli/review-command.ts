/**
 * `migguard review --base REF [--format text|json|sarif] [--config FILE]`: the review the GitHub App runs on
 * a pull request, on the local repository. The change is what differs between the merge base of REF and
 * HEAD and the working tree (renames detected, untracked files included); "the base branch" is REF itself
 * (its migrations and schema dumps, the base version of edited files); application code comes from the
 * working tree. Same engine, same JSON contract and exit codes as `lint`.
 */
import { readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import type { Config } from "../engine/config.js";
import type { SourceFile } from "../engine/model.js";
import { regulatedWaiverFindings } from "../engine/regulated/approval.js";
import { isSearchableCodePath, isSearchableContent } from "../engine/review/code/searchable.js";
import { planReview } from "../engine/review/plan.js";
import { review, type ReviewInput } from "../engine/review/review.js";
import { loadCliConfig } from "./config-file.js";
import { changedFiles, mergeBase, readBlobs, repoRoot, resolveCommit, treePaths, workingTreePaths } from "./git.js";
import type { CommandResult } from "./lint-command.js";
import { snapshotFromConfig, snapshotFromFlag, type LoadedSnapshot } from "./snapshot-option.js";
import { formatResult, type OutputFormat } from "./output.js";
import { readRepositoryFiles } from "./repository-files.js";

export interface ReviewOptions {
  base: string;
  format: OutputFormat;
  config?: string;
  cwd?: string;
  /** production snapshot file (`migguard snapshot`); default: config `snapshot`, read from the base branch */
  snapshot?: string;
}

/** Working-tree files by repository path; files that vanished, are not regular files or are too large are left out. */
function readWorkingTree(root: string, paths: Iterable<string>, maxBytes: number): SourceFile[] {
  const out: SourceFile[] = [];
  for (const path of paths) {
    const absolute = join(root, path);
    const stat = statSync(absolute, { throwIfNoEntry: false });
    if (!stat?.isFile() || stat.size > maxBytes) continue;
    try {
      out.push({ path, content: readFileSync(absolute, "utf8") });
    } catch {
      // unreadable (permissions, a race with an editor): the review goes on without it
    }
  }
  return out;
}

/** Application code of the working tree, for the usage search. */
function readCode(root: string, config: Config): SourceFile[] {
  const candidates = workingTreePaths(root).filter((path) => isSearchableCodePath(path, config));
  return readWorkingTree(root, candidates, config.max_file_bytes).filter((f) => isSearchableContent(f.content, config));
}

export async function reviewCommand(options: ReviewOptions): Promise<CommandResult> {
  const cwd = options.cwd ?? process.cwd();
  const root = repoRoot(cwd);
  const loaded = await loadCliConfig(options.config, cwd);
  const config = loaded.config;
  const baseTip = resolveCommit(root, options.base);
  const head = resolveCommit(root, "HEAD");
  const changes = changedFiles(root, mergeBase(root, baseTip, head));
  const basePaths = treePaths(root, baseTip);
  const plan = planReview(changes, config, basePaths);
  const base = readBlobs(root, baseTip, plan.base);
  // like the config, the snapshot the change is judged against comes from the base branch
  const snapshotPath = config.snapshot?.replace(/^\.?\//, "");
  const production: LoadedSnapshot = options.snapshot
    ? { snapshot: await snapshotFromFlag(options.snapshot, cwd), errors: [] }
    : snapshotPath
      ? await snapshotFromConfig(snapshotPath, readBlobs(root, baseTip, [snapshotPath]).get(snapshotPath))
      : { errors: [] };
  const toRepoPath = (path: string) => relative(root, resolve(cwd, path)).split(sep).join("/");
  const input: ReviewInput = {
    changes,
    head: readWorkingTree(root, plan.head, config.max_file_bytes),
    base: [...base].map(([path, content]) => ({ path, content })),
    basePaths: plan.baseTree ? basePaths : undefined,
    config,
    configProblems: loaded.problems,
    configPath: loaded.path ? toRepoPath(loaded.path) : undefined,
    contextMigrations: readWorkingTree(root, plan.context, config.max_file_bytes),
    snapshot: production.snapshot,
    // the working tree is at hand: the fixes may read the models too, not only plan.facts
    repositoryFiles: readRepositoryFiles(
      changes.filter((c) => c.status !== "removed").map((c) => c.path),
      config,
      root,
    ),
  };
  let result = await review(input);
  if (result.codeSearch.needed) result = await review({ ...input, codeFiles: readCode(root, config) });

  // nobody can approve a pull request here: waived regulated data gets a note saying what the App will require
  const findings = [...result.findings, ...regulatedWaiverFindings(result.regulatedWaivers)];
  // paths as the user sees them: relative to the working directory, like lint
  const shown = (path: string) => relative(cwd, join(root, path)).split(sep).join("/") || path;
  return {
    output: await formatResult(
      options.format,
      findings.map((f) => ({ ...f, path: shown(f.path) })),
      [...production.errors, ...result.errors].map((e) => ({ ...e, path: e.path.startsWith("(") ? e.path : shown(e.path) })),
      config.docs_url,
    ),
    exitCode: findings.some((f) => f.severity === "error") ? 1 : 0,
  };
}
