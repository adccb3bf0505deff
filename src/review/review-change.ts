/**
 * The App's side of review mode: the files the engine's review plan asks for, fetched with as few API calls
 * as the plan allows, then the engine's review.
 *   - the base commit's tree, once (`git/trees?recursive=1`): versions to order against, schema dumps, and
 *     which companions (a down, a Flyway undo) exist, so none is asked for in vain; when GitHub truncates it, the
 *     changed migrations' folders again, one level at a time (a call per folder on the way);
 *   - the head commit's tree, once, when the pull request adds planned files: their content then comes from
 *     the diff already listed (checked against the head's blob ids), not a call each (planned-files.ts);
 *   - the other planned files: edited migrations at head and on the base, changed schema dumps, Django
 *     squashed migrations; the other migrations of a changed Django app (model state), one by one when few,
 *     else from the tarball; the base migrations newer than an added one, one by one when few, else from one
 *     tarball of the base commit (archive-files.ts);
 *   - the head's code, as ONE tarball streamed and filtered on the fly, only when the first pass says
 *     something is dropped or renamed (`codeSearch.needed`) and the head has code to search;
 *   - the earlier migrations of each changed SQL migration's folder (config `execute`), which the executor
 *     applies before running it up -> down -> up: one call each when few, else from that same tarball;
 *   - the code an application that migrates itself at start needs (the engine's `planDeployCode`: the Go files of a
 *     module whose go.mod requires golang-migrate or goose, a Node project's start code when its package.json
 *     depends on knex, umzug, TypeORM, drizzle-orm or Sequelize, the start files of its workspace packages by name
 *     (apps/api/src/main.ts), the Python files beside a console script's module
 *     that a deploy file runs), from ONE tarball of the head, only then;
 *   - the production snapshot config `snapshot` names, on the base branch, one call when configured;
 *   - when the pull request adds a migration or deletes, renames or edits one of the base branch's, the repository's
 *     tags and a comparison of the few highest version tags with the base commit (release-tags.ts): the newest release
 *     and the migrations merged since, as the CLI reads them;
 *   - the settings modules at head, one call each, only when a numbered Python module outside migrations/
 *     changes (Django's MIGRATION_MODULES may name its folder); the alembic.ini files above a changed Python
 *     file in no known folder, at most 4 calls (version_locations may list its folder);
 *   - the project's Python modules a changed Django migration or Alembic revision imports, one call each, only those
 *     the engine looked for that exist at head (project-module-fetch.ts), then the review again;
 *   - the pull request's reviews and the approvers' permissions, only when regulated data is waived.
 */
import type { FileError } from "../engine/analyze.js";
import { byLocation } from "../engine/finding-order.js";
import { detectMigrationPath, unreadMayBeMigration } from "../engine/review/classify.js";
import { normaliseChanges } from "../engine/review/changes.js";
import type { Config, ConfigProblem } from "../engine/config.js";
import type { SourceFile } from "../engine/model.js";
import { regulatedWaiverFindings, type RegulatedApproval } from "../engine/regulated/approval.js";
import type { RegulatedWaiver } from "../engine/regulated/waivers.js";
import { foldersToList, planDeployCode, planReview } from "../engine/review/plan.js";
import { loadPythonParser } from "../engine/adapters/python/parser.js";
import { setupPyReaderToLoad } from "../engine/deploy/deploy-readers.js";
import { migrationModuleSettingsPaths, withDjangoMigrationModules } from "../engine/migration-folders/django-migration-modules.js";
import { alembicIniCandidates, withAlembicVersionLocations } from "../engine/migration-folders/alembic-version-locations.js";
import { review, type ReviewInput as EngineReviewInput, type ReviewResult } from "../engine/review/review.js";
import type { ExecutionLimits } from "../execute/executor.js";
import type { VerifyResult } from "../execute/verify.js";
import { verifyOrSkip } from "../execute/verify-or-skip.js";
import { headListing, planExecution } from "./execution-plan.js";
import { fetchArchiveFiles } from "./archive-files.js";
import { cappedCodeNote, fetchHeadArchive, hasNoSearchableCode } from "./head-archive.js";
import { mayComeFromDiff, readPlanned, type DiffFile, type Wanted } from "./planned-files.js";
import { approvalNote, fetchRegulatedApproval } from "./regulated-approval.js";
import { databaseNote } from "../engine/database/notes.js";
import { deploySummaryNote, isDeployFile } from "../engine/deploy/deploy-model.js";
import { fetchTree, listFolders } from "../github-api/repo-tree.js";
import type { GitHub, ReviewTarget } from "../github-api/target.js";
import { readBaseSnapshot } from "./production-snapshot.js";
import { fetchReleaseTags } from "./release-tags.js";
import { fetchRemovedOnBase } from "./removed-on-base.js";
import { headBlobs, PROJECT_MODULE_ROUNDS, ProjectModuleFetch } from "./project-module-fetch.js";

/** more Django context migrations than this come from the head tarball (one call) instead of one call each */
const CONTEXT_FETCH_LIMIT = 10;

/**
 * The base branch's migrations the change deletes, renames (by their old path) or edits: whether a release shipped
 * each decides deleted-, renamed- and edited-migration's findings, as `migguard review` asks (cli/review-command.ts).
 */
function baseMigrationsChanged(files: readonly DiffFile[], config: Config): string[] {
  const paths = normaliseChanges(files).flatMap((c) => (c.status === "removed" || c.status === "modified" ? [c.path] : c.status === "renamed" && c.previousPath ? [c.previousPath] : []));
  return [...new Set(paths.filter((path) => detectMigrationPath(path, config)))];
}

/** The head's blob of each of `paths` the change edits: a maintenance release holding that very blob released the edit, not the base's file. */
function editedBlobs(files: readonly DiffFile[], paths: readonly string[]): Map<string, string> {
  const asked = new Set(paths);
  return new Map(files.flatMap((f) => (f.status === "modified" && f.sha && asked.has(f.path) ? [[f.path, f.sha] as const] : [])));
}

export interface EngineReviewOptions {
  /** the pull request's files as listed (`pulls.listFiles`): an added file's content comes from its patch */
  changedFiles: readonly DiffFile[];
  config: Config;
  configProblems?: readonly ConfigProblem[];
  configPath?: string;
  /** files already at hand, at head and on the base branch; fetched only when missing */
  have?: { head?: readonly SourceFile[]; base?: readonly SourceFile[] };
  /** limits of running the migrations (config `execute`): per statement, per review, memory */
  limits?: Partial<ExecutionLimits>;
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
  /** the changed migrations run up -> down -> up (config `execute`): what ran, the measured locks */
  execution?: VerifyResult;
}

export async function reviewChange(octokit: GitHub, target: ReviewTarget, options: EngineReviewOptions): Promise<EngineReview> {
  const { changedFiles } = options;
  let config = options.config;
  const notes: string[] = [];
  const head = new Map((options.have?.head ?? []).map((f) => [f.path, f]));
  const base = new Map((options.have?.base ?? []).map((f) => [f.path, f]));

  // without the base tree the plan already names every changed file it will read: enough to know whether
  // the head's tree would save calls; both trees are asked for at once
  // a changed Python file in no known folder: an alembic.ini above it may list its folder in version_locations
  // (asked for at head, one call each, before planning: the plan depends on it)
  const inis = new Map<string, SourceFile>();
  const iniPaths = alembicIniCandidates(changedFiles.filter((f) => f.status !== "removed").map((f) => f.path), config);
  if (iniPaths.length) {
    const { read } = await readPlanned(octokit, target, { changedFiles, maxBytes: config.max_file_bytes }, iniPaths.map((path) => ({ path, side: "context" as const })));
    for (const file of read) inis.set(file.path, { path: file.path, content: file.content });
    config = withAlembicVersionLocations(config, [...inis.values()]);
  }
  const draft = planReview(changedFiles, config);
  const draftHead = new Set(draft.head.filter((path) => !head.has(path)));
  const wantsHeadTree = changedFiles.some((f) => draftHead.has(f.path) && mayComeFromDiff(f));
  const listBase = draft.baseTree;
  // as `migguard review`: the releases are asked about when the change adds a migration (tables no release has yet)
  // or deletes, renames or edits one of the base branch's (whether a release shipped it)
  const addsMigration = changedFiles.some((f) => f.status === "added" && detectMigrationPath(f.path, config));
  const askedAbout = baseMigrationsChanged(changedFiles, config);
  const [baseTree, headTree, production, releases] = await Promise.all([
    listBase ? fetchTree(octokit, target, target.baseSha) : undefined,
    wantsHeadTree ? fetchTree(octokit, target, target.headSha) : undefined,
    config.snapshot ? readBaseSnapshot(octokit, target, config.snapshot) : undefined,
    addsMigration || askedAbout.length ? fetchReleaseTags(octokit, target, askedAbout, editedBlobs(changedFiles, askedAbout)) : undefined,
  ]);
  if (production?.note) notes.push(production.note);
  // a truncated listing: the changed migrations' folders are listed in full, one level at a time
  const folders = baseTree?.truncated ? foldersToList(changedFiles, config) : [];
  if (folders.length) for (const [path, blob] of await listFolders(octokit, target, target.baseSha, folders)) baseTree!.blobs.set(path, blob);
  if (baseTree?.truncated)
    notes.push(
      `**Partial base listing:** GitHub truncated the base branch's file tree${folders.length ? `; the folders of the changed migrations (${folders.map((f) => `\`${f}\``).join(", ")}) were listed in full, the rest of the tree only in part` : ", so version order and schema dumps were checked against part of it"}.`,
    );
  const basePaths = baseTree ? [...baseTree.blobs.keys()] : undefined;
  // the added migrations the base branch's history deleted (a revert restores them), asked while the files are read
  const removedOnBase = addsMigration ? fetchRemovedOnBase(octokit, target, changedFiles, config, basePaths) : undefined;
  // a numbered module outside migrations/: the settings modules at head say whether MIGRATION_MODULES names its folder
  const settingsPaths = basePaths ? migrationModuleSettingsPaths(changedFiles.map((f) => f.path), [...new Set([...basePaths, ...changedFiles.map((f) => f.path)])]) : [];
  const settings = new Map<string, SourceFile>(inis);
  if (settingsPaths.length) {
    const [{ read }] = await Promise.all([readPlanned(octokit, target, { changedFiles, maxBytes: config.max_file_bytes, headTree }, settingsPaths.map((path) => ({ path, side: "context" as const }))), loadPythonParser()]);
    for (const file of read) settings.set(file.path, { path: file.path, content: file.content });
    config = withDjangoMigrationModules(config, [...settings.values()]);
  }

  const plan = planReview(changedFiles, config, basePaths);

  // many Django context migrations: take them, and the code, from one tarball instead of a call each; many base
  // files (every migration merged since the branch left, to order against): from one tarball of the base
  const baseWanted = plan.base.filter((path) => !base.has(path));
  const [headArchive, baseArchive] = await Promise.all([
    plan.context.length > CONTEXT_FETCH_LIMIT ? fetchHeadArchive(octokit, target, config, new Set(plan.context)) : undefined,
    baseWanted.length > CONTEXT_FETCH_LIMIT ? fetchArchiveFiles(octokit, target, target.baseSha, new Set(baseWanted), config.max_file_bytes) : [],
  ]);
  let archive = headArchive;
  // settings modules and alembic.ini files already read are the database signals of a folder too
  const context = new Map([...(archive?.files ?? []), ...plan.context.flatMap((path) => settings.get(path) ?? [])].map((f) => [f.path, f]));
  for (const file of baseArchive) base.set(file.path, file);
  const wanted: Wanted[] = [
    ...plan.head.filter((path) => !head.has(path)).map((path) => ({ path, side: "head" as const })),
    // what the archive left out (too large, binary) is asked for by itself, which says why it cannot be read
    ...baseWanted.filter((path) => !base.has(path)).map((path) => ({ path, side: "base" as const })),
    ...(archive ? [] : plan.context.filter((path) => !head.has(path) && !context.has(path)).map((path) => ({ path, side: "context" as const }))),
    ...plan.facts.map((path) => ({ path, side: "facts" as const })),
  ];
  const planned = await readPlanned(octokit, target, { changedFiles, maxBytes: config.max_file_bytes, headTree }, wanted);
  const read = planned.read;
  // a .sql file too large to read outside the migration folders (a test data dump) is no migration left unanalysed
  const skipped = planned.skipped.filter((e) => unreadMayBeMigration(e.path, config));
  const history = new Map<string, SourceFile>();
  const facts = new Map<string, SourceFile>();
  const place = (file: { path: string; content: string; side: Wanted["side"] }) => ({ head, base, context, history, facts })[file.side].set(file.path, { path: file.path, content: file.content });
  read.forEach(place);
  // an application that may migrate itself at start (a go.mod or package.json among the facts names a migrator):
  // the code the deploy needs, from one tarball of the head (none asked for otherwise)
  // a setup.py among them declares its console scripts in Python: the reader that finds their code loads first
  if (basePaths) await setupPyReaderToLoad([...facts.values()]);
  const deployCode = basePaths ? planDeployCode(config, [...facts.values()], headListing(changedFiles, basePaths, headTree && !headTree.truncated ? [...headTree.blobs.keys()] : undefined)) : [];
  if (deployCode.length) for (const file of await fetchArchiveFiles(octokit, target, target.headSha, new Set(deployCode), config.max_file_bytes)) if (isDeployFile(file)) facts.set(file.path, file);

  let input: EngineReviewInput = {
    changes: changedFiles,
    head: [...head.values()],
    base: [...base.values()],
    basePaths,
    config,
    configProblems: options.configProblems,
    configPath: options.configPath,
    contextMigrations: [...context.values()],
    codeFiles: archive?.code,
    snapshot: production?.snapshot,
    repositoryFiles: [...facts.values()],
    // the App reviews the pull request as it is now; how long ago the base branch added a migration it deletes is
    // told by that migration's version date (no commit history is fetched)
    dates: { change: new Date().toISOString() },
    // the base commit: what a fix that reverts an edited migration checks it out from
    baseRef: target.baseSha,
    repository: `${target.owner}/${target.repo}`,
    // the newest version tag, the changed migrations it does not hold, and (for a change that adds one) the base
    // branch's migrations merged since it (tables no release has yet)
    releases: releases && { ...releases, unreleasedOnBase: addsMigration ? releases.unreleasedOnBase?.filter((path) => detectMigrationPath(path, config)) : undefined },
    // the added migrations as the base branch deleted them: restored ones are history, not new
    removedOnBase: await removedOnBase,
    // the author's word on the tables' size, where a pull request says it
    changeText: target.description
      ? [
          { from: "the pull request's title", text: target.description.title },
          { from: "the pull request's description", text: target.description.body ?? "" },
        ]
      : undefined,
  };
  let result = await review(input);

  // the project's modules the changed migrations import (a helper returning SQL, a RunSQL subclass), as the CLI reads
  // them: the engine names where it looked, those at head are fetched and it reviews again (again when they import more)
  if (result.missingProjectModules) {
    const listing = headTree && !headTree.truncated ? headTree.blobs : baseTree && !baseTree.truncated ? headBlobs(changedFiles, baseTree) : undefined;
    const modules = new ProjectModuleFetch(octokit, target, listing);
    for (let round = 0; round < PROJECT_MODULE_ROUNDS && result.missingProjectModules && (await modules.fetch(result.missingProjectModules)); round++) {
      input = { ...input, readProjectFile: modules.reader };
      result = await review(input);
    }
  }

  // the second fetch: the head's code when something is dropped or renamed, and the earlier migrations the
  // executor applies first; one tarball for both when that saves calls
  const needsCode = result.codeSearch.needed && !hasNoSearchableCode(headTree, config);
  const atHand = (path: string) => head.has(path) || context.has(path);
  const execution = config.execute && basePaths ? planExecution(result.migrations, changedFiles, new Map([...head].map(([p, f]) => [p, f.content])), headListing(changedFiles, basePaths, headTree && !headTree.truncated ? [...headTree.blobs.keys()] : undefined), config) : undefined;
  const missingHistory = (execution?.history ?? []).filter((path) => !atHand(path));
  if (needsCode || missingHistory.length > CONTEXT_FETCH_LIMIT) {
    archive = await fetchHeadArchive(octokit, target, config, new Set(missingHistory));
    for (const file of archive.files) history.set(file.path, file);
  } else if (missingHistory.length) {
    const fetched = await readPlanned(octokit, target, { changedFiles, maxBytes: config.max_file_bytes, headTree }, missingHistory.map((path) => ({ path, side: "history" as const })));
    fetched.read.forEach(place);
  }
  if (result.codeSearch.needed) {
    result = await review({ ...input, codeFiles: needsCode ? (archive?.code ?? []) : [], codeFilesCapped: needsCode && archive?.capped !== undefined });
    if (needsCode && archive?.capped) notes.push(cappedCodeNote(archive.capped, config));
  }

  let ran: VerifyResult | undefined;
  if (execution?.targets.length) {
    const files = [...head.values(), ...context.values(), ...history.values()];
    ran = await verifyOrSkip({ files, targets: execution.targets, config, findings: result.findings, limits: options.limits, snapshot: production?.snapshot, databases: result.databases });
    result = { ...result, findings: ran.findings };
  }

  const assumedDatabase = databaseNote(result.databases);
  if (assumedDatabase) notes.push(assumedDatabase);
  const deploy = deploySummaryNote(result.deploy);
  if (deploy) notes.push(deploy);
  const done = { head: input.head.slice(), skipped, notes, ...(ran ? { execution: ran } : {}) };
  if (result.regulatedWaivers.length === 0) return { result, ...done };
  const decision = await fetchRegulatedApproval(octokit, target);
  notes.push(approvalNote(target, result.regulatedWaivers, decision));
  const findings = [...result.findings, ...regulatedWaiverFindings(result.regulatedWaivers, decision)].sort(byLocation);
  return { result: { ...result, findings }, ...done, approval: { waivers: result.regulatedWaivers, decision } };
}
