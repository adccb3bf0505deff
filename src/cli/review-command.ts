/**
 * `migguard review --base REF [--format text|json|sarif] [--config FILE]`: the review the GitHub App runs on
 * a pull request, on the local repository. The change is what differs between the merge base of REF and
 * HEAD and the working tree (renames detected, untracked files included); "the base branch" is REF itself
 * (its migrations and schema dumps, the base version of edited files); application code comes from the
 * working tree. Same engine, same JSON contract and exit codes as `lint`.
 */
import { projectFileReader } from "./project-file-reader.js";
import { lstatSync, readFileSync, realpathSync } from "node:fs";
import type { FileError } from "../engine/analyze.js";
import { basename, join, relative, resolve, sep } from "node:path";
import type { Config } from "../engine/config.js";
import type { SourceFile } from "../engine/model.js";
import { SYMLINK_NOT_READ } from "../engine/limits.js";
import { regulatedWaiverFindings } from "../engine/regulated/approval.js";
import { isSearchableCodePath, isSearchableContent } from "../engine/code/searchable.js";
import { planReview } from "../engine/review/plan.js";
import { detectMigrationPath, unreadMayBeMigration } from "../engine/review/classify.js";
import { conflictLeafPaths } from "../engine/review/history/conflict-leaves.js";
import { loadPythonParser } from "../engine/adapters/python/parser.js";
import { migrationModuleSettingsPaths, withDjangoMigrationModules } from "../engine/migration-folders/django-migration-modules.js";
import { alembicIniPaths, withAlembicVersionLocations } from "../engine/migration-folders/alembic-version-locations.js";
import { review, type ReviewInput } from "../engine/review/review.js";
import { loadCliConfig } from "./config-file.js";
import { addingCommits, type AddingCommit, changeMessages, changedFiles, commitDate, mergeBase, readBlobs, repoRoot, resolveCommit, treePaths, workingTreePaths } from "./git.js";
import { gateExitCode } from "./exit-status.js";
import { releaseLineOnBase, releaseTags, tagsMergedInto, unreleasedMigrations, withNewestReleaseDate } from "./release-tags.js";
import type { ReleaseTags } from "../engine/review/releases.js";
import { baselineLine, deployLine, type CommandResult } from "./lint-command.js";
import { snapshotFromConfig, snapshotFromFlag, type LoadedSnapshot } from "./snapshot-option.js";
import { formatResult, type OutputFormat } from "./output.js";
import { readRepositoryFiles } from "./repository-files.js";
import { removedOnBase } from "./removed-on-base.js";

export interface ReviewOptions {
  base: string;
  format: OutputFormat;
  config?: string;
  cwd?: string;
  /** production snapshot file (`migguard snapshot`); default: config `snapshot`, read from the base branch */
  snapshot?: string;
}

interface WorkingTreeRead {
  files: SourceFile[];
  /** why a file could not be read: a symbolic link, not a regular file, too large, unreadable */
  skipped: FileError[];
}

/**
 * Working-tree files by repository path. A symbolic link is never read, nor a file reached through a linked
 * folder: its target may lie outside the repository (a PR's `app/settings.yml -> ../.git/config` would print
 * the checkout's token in a report). Files that vanished are left out.
 */
function readWorkingTree(root: string, paths: Iterable<string>, maxBytes: number): WorkingTreeRead {
  const read: WorkingTreeRead = { files: [], skipped: [] };
  const realRoot = realpathSync(root);
  for (const path of paths) {
    const absolute = join(root, path);
    const stat = lstatSync(absolute, { throwIfNoEntry: false });
    if (!stat) continue;
    const skip = (message: string) => read.skipped.push({ path, message });
    if (stat.isSymbolicLink()) {
      skip(SYMLINK_NOT_READ);
      continue;
    }
    if (!stat.isFile()) {
      skip("not a regular file; not analysed");
      continue;
    }
    if (stat.size > maxBytes) {
      skip(`${stat.size} bytes, more than max_file_bytes (${maxBytes}); skipped`);
      continue;
    }
    try {
      if (realpathSync(absolute) !== join(realRoot, path)) {
        skip("inside a linked folder: migguard never follows links (the target may be outside the repository); not analysed");
        continue;
      }
      read.files.push({ path, content: readFileSync(absolute, "utf8") });
    } catch (error) {
      skip(`cannot read: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return read;
}

/** Application code of the working tree, for the usage search (links and unreadable files are not searched). */
function readCode(root: string, config: Config): SourceFile[] {
  const candidates = workingTreePaths(root).filter((path) => isSearchableCodePath(path, config));
  return readWorkingTree(root, candidates, config.max_file_bytes).files.filter((f) => isSearchableContent(f.content, config, f.path));
}

/** The release tags asked about deleted and edited migrations, with the base branch's unreleased migrations when read. */
function withUnreleased(tags: ReleaseTags | undefined, unreleased: { onBase: string[]; unreleased: string[] } | undefined): ReleaseTags | undefined {
  if (!unreleased) return tags;
  return { ...(tags ?? { onBase: unreleased.onBase, shippedIn: {} }), unreleasedOnBase: unreleased.unreleased };
}

export async function reviewCommand(options: ReviewOptions): Promise<CommandResult> {
  const cwd = options.cwd ?? process.cwd();
  const root = repoRoot(cwd);
  const loaded = await loadCliConfig(options.config, cwd);
  const baseTip = resolveCommit(root, options.base);
  const head = resolveCommit(root, "HEAD");
  const forkPoint = mergeBase(root, baseTip, head);
  const changes = changedFiles(root, forkPoint);
  const basePaths = treePaths(root, baseTip);
  // the folders Django's MIGRATION_MODULES names, from the settings modules as the change leaves them
  const settings = migrationModuleSettingsPaths(changes.map((c) => c.path), [...new Set([...basePaths, ...changes.map((c) => c.path)])]);
  if (settings.length) await loadPythonParser();
  const withSettings = settings.length ? withDjangoMigrationModules(loaded.config, readWorkingTree(root, settings, loaded.config.max_file_bytes).files) : loaded.config;
  // and the folders alembic.ini's version_locations lists
  const inis = alembicIniPaths(changes.map((c) => c.path), [...new Set([...basePaths, ...changes.map((c) => c.path)])], withSettings);
  const config = inis.length ? withAlembicVersionLocations(withSettings, readWorkingTree(root, inis, withSettings.max_file_bytes).files) : withSettings;
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
  // a changed file that cannot be read is a migration not analysed; a companion or context file is optional
  const underReview = new Set(changes.filter((c) => c.status !== "removed").map((c) => c.path));
  const headFiles = readWorkingTree(root, plan.head, config.max_file_bytes);
  const unanalysed = headFiles.skipped.filter((e) => underReview.has(e.path) && unreadMayBeMigration(e.path, config));
  const deletedMigrations = changes.flatMap((c) => (c.status === "removed" && detectMigrationPath(c.path, config) ? [c.path] : []));
  // a renamed migration is gone from the base branch under its old name, as a deleted one is
  const renamedFrom = changes.flatMap((c) => (c.status === "renamed" && c.previousPath && detectMigrationPath(c.previousPath, config) ? [c.previousPath] : []));
  // an edited one is asked about too: an edit before any release reaches no production database
  const editedMigrations = changes.flatMap((c) => (c.status === "modified" && detectMigrationPath(c.path, config) ? [c.path] : []));
  // the first-parent commit that added each to the base branch, for all of them in one walk
  const goneFromBase = [...new Set([...deletedMigrations, ...renamedFrom])];
  const askedAbout = [...new Set([...goneFromBase, ...editedMigrations])];
  // and the base migrations a deleted Django migration may have been a conflicting leaf beside: which came first
  const conflictNeighbours = deletedMigrations.flatMap((path) => {
    const file = detectMigrationPath(path, config);
    return file ? conflictLeafPaths(file, basePaths, config).slice(1) : [];
  });
  const dated = [...new Set([...askedAbout, ...conflictNeighbours])];
  const addedToBase = dated.length ? addingCommits(root, baseTip, dated) : new Map<string, AddingCommit>();
  // the base branch's tags, read once for both release questions below (up to a thousand tags: a for-each-ref --merged walk)
  let mergedTags: string[] | undefined;
  const tagsOnBase = () => (mergedTags ??= releaseLineOnBase(root, tagsMergedInto(root, baseTip), head));
  const input: ReviewInput = {
    changes,
    head: headFiles.files,
    base: [...base].map(([path, content]) => ({ path, content })),
    basePaths: plan.baseTree ? basePaths : undefined,
    config,
    configProblems: loaded.problems,
    configPath: loaded.path ? toRepoPath(loaded.path) : undefined,
    contextMigrations: readWorkingTree(root, plan.context, config.max_file_bytes).files,
    // the project's own Python modules a Django migration imports (a helper returning SQL), read when asked
    readProjectFile: projectFileReader(root),
    snapshot: production.snapshot,
    // the working tree is at hand: the fixes may read the models too, not only plan.facts
    // (a deleted Django migration's too: its project's dependency files may declare the package a vendored app came from)
    repositoryFiles: readRepositoryFiles(
      changes.filter((c) => c.status !== "removed" || detectMigrationPath(c.path, config)?.framework === "django").map((c) => c.path),
      config,
      root,
    ),
    // how young each deleted migration is: the change's date against the commit that added it to the base branch
    dates: {
      change: commitDate(root, head),
      addedOnBase: Object.fromEntries([...deletedMigrations, ...conflictNeighbours].flatMap((path) => (addedToBase.has(path) ? [[path, addedToBase.get(path)!.date]] : []))),
    },
    // the change's own word (a commit that says its tables are small): the App reads the pull request's title and description
    baseRef: options.base,
    // the clone's folder: the project's name, which its notes may write for the application
    repository: basename(root),
    changeText: changeMessages(root, forkPoint, head).map(({ commit, message }) => ({ from: `the message of commit ${commit}`, text: message })),
    // the added migrations the base branch's history deleted, with the text it deleted: a revert restores them, not new
    removedOnBase: removedOnBase(root, forkPoint, changes, config),
    // whether a deleted, renamed or edited migration ever shipped: the release tags that contain the commit that added it;
    // and the base branch's migrations no release holds yet, which ship with the change; with the newest tag's date
    // (tags a year behind the change say nothing of what shipped)
    releases: withNewestReleaseDate(
      root,
      withUnreleased(
        askedAbout.length ? releaseTags(root, tagsOnBase(), head, new Map(askedAbout.flatMap((path) => (addedToBase.has(path) ? [[path, addedToBase.get(path)!.commit]] : []))), new Set(editedMigrations)) : undefined,
        changes.some((c) => c.status === "added" && detectMigrationPath(c.path, config)) ? unreleasedMigrations(root, tagsOnBase(), basePaths.filter((path) => detectMigrationPath(path, config))) : undefined,
      ),
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
      [...production.errors, ...unanalysed, ...result.errors].map((e) => ({ ...e, path: e.path.startsWith("(") ? e.path : shown(e.path) })),
      config.docs_url,
      result.baseline,
    ) + (options.format === "text" ? `${baselineLine(result.baseline)}${deployLine(result.deploy)}` : ""),
    exitCode: gateExitCode(findings, [...unanalysed, ...result.errors]),
  };
}
