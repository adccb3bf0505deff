/**
 * Review mode: what a change (a pull request, or `migguard review --base REF`) does, judged from the base
 * branch to the head. The changed migrations go through `analyze` exactly as `lint` sees them; review rules
 * add what only the change shows (edited history, version order, schema dumps, code still using what is
 * dropped). Pure: the edge fetches the files `planReview` names and passes them in.
 */
import { sqliteOnlyPopFilesIn } from "../database/dialect-file.js";
import { runsOnPop } from "../repository/go-mod.js";
import { migrationDate } from "../repository/migration-date.js";
import { currentReleases, ReleaseTags, unreleased, unreleasedOnBase } from "./releases.js";
import type { UnreleasedBase } from "../rules/support/change-plan.js";
import { changeSizeNote, type ChangeText } from "./change-size-note.js";
import { changeDowntime } from "./change-downtime.js";
import { isChangeNotePath } from "./change-note-paths.js";
import { analyze, loadEngine, mayNeedMysql, signalFiles, type AnalysisResult, type FileError } from "../analyze.js";
import { loadSignalReaders } from "../database/decide.js";
import { loadMysqlGrammar } from "../adapters/sql/mysql/mysql-grammar.js";
import { loadPythonParser } from "../adapters/python/parser.js";
import type { ProjectFileReader } from "../adapters/python/project-modules.js";
import { loadRubyParser } from "../adapters/rails/prism.js";
import { defaultConfig, type Config, type ConfigProblem } from "../config.js";
import { companionPaths, type DetectedFile } from "../detect.js";
import type { Migration, ReportedFinding, SourceFile } from "../model.js";
import { regulatedWaivers, type RegulatedWaiver } from "../regulated/waivers.js";
import { isWaived } from "../waivers/waivers.js";
import type { Change, ChangedFile } from "./changes.js";
import { reviewedChanges } from "./reviewed-changes.js";
import { detectMigrationPath } from "./classify.js";
import { schemaDumpOf } from "../repository/schema-dump-paths.js";
import { readOncePerDump } from "../repository/head-dumps.js";
import { readCodeModels } from "../code/read-code-models.js";
import { isSearchableCodePath, isSearchableContent } from "../code/searchable.js";
import { searchUsages, type Usage } from "../code/usage-search.js";
import { isGoPath } from "../code/go-column-uses.js";
import { loadGoParser } from "../code/go-syntax.js";
import { isRustPath, loadRustParser } from "../code/rust-syntax.js";
import { isJavaPath, loadJavaColumnParser } from "../code/java-syntax.js";
import { railsRecordNames, referencesIn, removedRailsRecordNames, type Reference } from "../code/usage-reference.js";
import { railsModelReader } from "../code/rails-includes.js";
import { djangoModelMethods } from "../code/django-model-methods.js";
import { apiFieldSources } from "../code/api-field-sources.js";
import type { UsageTarget } from "../code/usage-targets.js";
import { changedTargets } from "../code/usage-targets.js";
import { judgeEdit, type EditJudgement } from "./history/edit-judgement.js";
import { markValidationMoves } from "./history/validated-later.js";
import { inlinedConstants } from "./history/inlined-constants.js";
import { movedFunctions } from "./history/moved-functions.js";
import { djangoMigrationName, readDjangoGraphNode, type DjangoGraphNode } from "./history/django-graph.js";
import { djangoAppRemovals } from "./history/django-app-removal.js";
import { installedAppFor, installedOnBase, uninstallCandidates, type DjangoAppUninstall } from "./history/django-app-uninstall.js";
import { leftoverTables } from "./history/app-tables-left.js";
import { readInstalledApps } from "../repository/django-installed-apps.js";
import { mayInstallApp } from "../repository/django-uninstalled-apps.js";
import { asTestAppNote } from "../repository/django-test-apps.js";
import { databasePathsFor } from "../database/signal-paths.js";
import { baseOf, dirOf, djangoAppOf } from "../paths.js";
import { loadDumpReaders } from "./dumps/dump-versions.js";
import { dumpMirrors } from "./dumps/dump-mirrors.js";
import { leftoverRailsDumps } from "./dumps/leftover-dumps.js";
import { isSchemaFormatSettingsPath } from "../repository/rails-schema-format-paths.js";
import { rubyReaders, rubyReadersLoaded } from "../adapters/rails/ruby-readers.js";
import type { RailsReplica } from "../database/rails-replicas.js";
import { signalKind } from "../database/signal-paths.js";
import { counterpartPaths, isBaseCodePath } from "./plan.js";
import { untouchedHalvesOnBase } from "./untouched-halves.js";
import { RailsDatabases } from "../repository/rails-databases.js";
import { failuresOnEveryDatabase, withoutMissingColumnUses } from "./missing-column-drops.js";
import { guardedNoOp } from "./rules/deleted-migration/guarded-no-op.js";
import { foldSafeDrops } from "./safe-drop.js";
import { dumpObjects, type DumpObjects } from "./guards/dump-objects.js";
import { foldSkippedOnBase, onBaseDecision, skippedOnBase } from "./guards/guards-on-base.js";
import { compareVersions } from "../migration-versions.js";
import type { ChangedMigration, ReviewFacts, SchemaDumpState } from "./review-rule.js";
import { REVIEW_RULES } from "./rules/index.js";
import { changePlanOf } from "../rules/support/change-plan.js";
import { inRunOrder } from "../run-order.js";
import { effectiveSeverity } from "../severity.js";
import { byLocation } from "../finding-order.js";
import type { ProductionSnapshot } from "../production/snapshot-file.js";
import { oneDjangoDatabaseIn } from "../database/django-one-database.js";
import { packagedDjangoApps } from "./history/packaged-app.js";
import { RemovedOnBaseMap, restoredFiles, withoutRestoredFindings } from "./history/restored-migrations.js";

export interface ReviewInput {
  /** the change's files, as GitHub lists them (`pulls.listFiles`) or `git diff --name-status -M` shows them */
  changes: readonly ChangedFile[];
  /** contents at head of the files `planReview(...).head` names (those that exist) */
  head: readonly SourceFile[];
  /** contents on the base branch of the files `planReview(...).base` names */
  base?: readonly SourceFile[];
  /** every path of the base branch's tree; without it, version order and unchanged schema dumps are not checked */
  basePaths?: readonly string[];
  config?: Config;
  configProblems?: readonly ConfigProblem[];
  configPath?: string;
  /** application code at head for the usage search; pass it when a first review says `codeSearch.needed` */
  codeFiles?: readonly SourceFile[];
  /** the `codeFiles` stopped at `max_code_files` / `max_code_bytes`: a drop nothing read names may still be used in the rest */
  codeFilesCapped?: boolean;
  /** a file's text at head by path, for the project's Python modules a Django migration imports (AnalyzeInput.readProjectFile) */
  readProjectFile?: ProjectFileReader;
  /** `planReview(...).context` at head: earlier Django migrations the adapter rebuilds model state from (not reviewed) */
  contextMigrations?: readonly SourceFile[];
  /** the production snapshot (config `snapshot` on the base branch, or `--snapshot`): see AnalyzeInput.snapshot */
  snapshot?: ProductionSnapshot;
  /** `planReview(...).facts` at head: Gemfile, schema dumps, models the fixes read names and types from (`AnalyzeInput.repositoryFiles`) */
  repositoryFiles?: readonly SourceFile[];
  /**
   * When the change was made (its head commit's date) and when the base branch's history added each migration the
   * change deletes (the adding commit's date), ISO 8601: how young a deleted migration is (a quick revert)
   */
  dates?: { change?: string; addedOnBase?: Readonly<Record<string, string>> };
  /** the base branch's tags and the tags that shipped each deleted migration (the CLI reads them from git; the App only the newest release and unreleasedOnBase) */
  releases?: ReleaseTags;
  /**
   * The change's own text: the pull request's title and description (the App), the messages of its commits (the
   * CLI). A sentence there that says the tables are small speaks for the migrations it adds (change-size-note.ts)
   */
  changeText?: readonly ChangeText[];
  /** how the developer names the base (`origin/main`, the base commit): what a fix that reverts a file checks it out from */
  baseRef?: string;
  /** the repository's name (the App's `owner/name`, the CLI's clone): the project's own name, which its notes may write for the application */
  repository?: string;
  /**
   * Per migration the change adds whose path the base branch's history deleted: the blob id of its text just before
   * the last deletion, and that deletion's commit (history/restored-migrations.ts). The CLI reads it from git, the App
   * from GitHub's commits list; an added file with that text is restored, not new.
   */
  removedOnBase?: RemovedOnBaseMap;
}

/** The base branch's unreleased migrations as the change's plan reads them. */
function baseRelease(releases: ReleaseTags | undefined): UnreleasedBase | undefined {
  const base = unreleasedOnBase(releases);
  return base && { newestTag: base.newestTag, paths: new Set(base.paths) };
}

/** `ReviewInput.releases` checked against its schema: a caller's malformed tags are an error that says so. */
function readReleases(releases: unknown): ReleaseTags | undefined {
  if (releases === undefined) return undefined;
  const parsed = ReleaseTags.safeParse(releases);
  if (!parsed.success) throw new Error(`ReviewInput.releases is malformed: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

/** `ReviewInput.removedOnBase` checked against its schema: a caller's malformed entry is an error that says so. */
function readRemovedOnBase(removed: unknown): RemovedOnBaseMap | undefined {
  if (removed === undefined) return undefined;
  const parsed = RemovedOnBaseMap.safeParse(removed);
  if (!parsed.success) throw new Error(`ReviewInput.removedOnBase is malformed: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** An ISO 8601 date given to the review, when it is one. */
function validDate(iso: string | undefined): Date | undefined {
  const date = iso ? new Date(iso) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/** Days from when the base branch added `migration` (its commit date, else its version date) to the change. */
function ageOnBase(dates: ReviewInput["dates"], migration: Migration): { days: number; by: "commit" | "version" } | undefined {
  const change = dates?.change ? new Date(dates.change) : undefined;
  if (!change || Number.isNaN(change.getTime())) return undefined;
  const committed = dates?.addedOnBase?.[migration.path] ? new Date(dates.addedOnBase[migration.path]) : undefined;
  const added = committed && !Number.isNaN(committed.getTime()) ? committed : migrationDate(migration);
  if (!added) return undefined;
  return { days: Math.max(0, (change.getTime() - added.getTime()) / DAY_MS), by: added === committed ? "commit" : "version" };
}

export interface CodeSearchRequest {
  /** the change drops or renames something and no code was given: fetch the head's code and review again */
  needed: boolean;
  /** the words that will be searched */
  identifiers: string[];
}

export interface ReviewResult extends AnalysisResult {
  codeSearch: CodeSearchRequest;
  /** waived regulated-data statements: the App decides with `decideRegulatedApproval` + `regulatedWaiverFindings` */
  regulatedWaivers: RegulatedWaiver[];
}

const graphOf = (file: DetectedFile | undefined, content: string | undefined): DjangoGraphNode | undefined =>
  file?.framework === "django" && content !== undefined ? readDjangoGraphNode(content) : undefined;

/**
 * A Django "rename" whose old file a squash of the base branch replaces and whose new file has another name is git's
 * similarity pairing of two changes: the squashed-away file deleted (the squash's clean-up) and an unrelated new
 * migration added (Baserow 9758c56eb0: 0031_formcontainerelement "renamed" 51 % to 0015_refreshdatasourceworkflowaction).
 */
function withSquashedAwayRenamesSplit(changes: Change[], config: Config, contents: Contents, context: readonly SourceFile[] = []): Change[] {
  const renamed = changes.filter((c) => c.status === "renamed" && c.previousPath !== undefined);
  if (renamed.length === 0) return changes;
  const replaced = new Set<string>();
  for (const [path, content] of [...contents.base, ...context.map((f) => [f.path, f.content] as const)])
    for (const r of graphOf(detectMigrationPath(path, config, content), content)?.replaces ?? []) replaced.add(`${djangoAppOf(path)}/${r.name}`);
  if (replaced.size === 0) return changes;
  return changes.flatMap((c) => {
    if (c.status !== "renamed" || c.previousPath === undefined) return [c];
    const before = detectMigrationPath(c.previousPath, config, contents.base.get(c.previousPath));
    const after = detectMigrationPath(c.path, config, contents.head.get(c.path));
    if (before?.framework !== "django" || after?.framework !== "django") return [c];
    const oldName = djangoMigrationName(c.previousPath);
    if (oldName === djangoMigrationName(c.path) || !replaced.has(`${djangoAppOf(c.previousPath)}/${oldName}`)) return [c];
    return [{ path: c.previousPath, status: "removed" as const }, { path: c.path, status: "added" as const }];
  });
}

/** The head model a changed file belongs to: its own, or the up it is the down of. */
function modelFor(path: string, migrations: readonly Migration[]): Migration | undefined {
  return migrations.find((m) => m.path === path) ?? migrations.find((m) => m.down.status !== "missing" && "path" in m.down && m.down.path === path);
}

/**
 * A finding as the base and head versions of one file would both say it: its rule and message, with the line
 * numbers the edit shifted left out ("the schema change of t on line 27").
 */
const sameFindingKey = (f: ReportedFinding) => `${f.path}\u0000${f.rule}\u0000${f.message.replace(/\b(lines?) \d+(?:[-–]\d+)?/g, "$1 N")}`;

interface Contents {
  head: ReadonlyMap<string, string>;
  base: ReadonlyMap<string, string>;
}

/** An edit that changed nothing: every lint finding in the file was there before (a migration moved unchanged). */
const NOTHING_EDITED: EditJudgement = { parts: new Set(), details: [], changedOps: [], options: [], swaps: [] };

/** A rename git or GitHub reports with the same file name and the same text on both sides. */
function isUnchangedMove(change: Change, baseContent: string | undefined, headContent: string | undefined): boolean {
  return change.previousPath !== undefined && baseOf(change.previousPath) === baseOf(change.path) && baseContent !== undefined && baseContent === headContent;
}

/**
 * `baseModule(path)`: a project file as the base branch has it, when read (for the constants an edited Python
 * migration imported: inlined-constants.ts)
 */
function changedMigrations(
  changes: readonly Change[],
  config: Config,
  contents: Contents,
  headModels: readonly Migration[],
  baseModels: readonly Migration[],
  baseModule: (path: string) => string | undefined,
  headModule: (path: string) => string | undefined,
): ChangedMigration[] {
  const out: ChangedMigration[] = [];
  for (const original of changes) {
    let change = original;
    const headContent = change.status === "removed" ? undefined : contents.head.get(change.path);
    // a renamed migration is judged like an edit of its previous version: what the rename left alone was reviewed when it was added
    const basePath = change.status === "renamed" ? change.previousPath : change.status === "removed" || change.status === "modified" ? change.path : undefined;
    const baseContent = basePath === undefined ? undefined : contents.base.get(basePath);
    const file = detectMigrationPath(change.path, config, change.status === "removed" ? baseContent : headContent);
    const previousFile = change.previousPath ? detectMigrationPath(change.previousPath, config) : undefined;
    if (!file && !previousFile) continue;
    // a migration moved unchanged, under its own name, from a folder migguard does not read as one (caseflow's
    // db/etl/migrate, run by a setting outside what it reads, to db/etl_migrate): the same migration moved, not a new one
    const movedUnchanged = change.status === "renamed" && !previousFile && file !== undefined && isUnchangedMove(change, baseContent, headContent);
    // a file moved into a migrations folder is new there; one moved out of it is gone from there
    if (change.status === "renamed" && !previousFile && !movedUnchanged) change = { path: change.path, status: "added" };
    if (change.status === "renamed" && !file) {
      out.push({ change: { path: change.previousPath!, status: "removed" }, file: previousFile! });
      continue;
    }
    const head = change.status === "removed" ? undefined : modelFor(change.path, headModels);
    const base = basePath === undefined ? undefined : baseModels.find((m) => m.path === basePath);
    const python = head?.framework === "django" || head?.framework === "alembic";
    const inlined = python && baseContent !== undefined && headContent !== undefined ? inlinedConstants(change.path, baseContent, headContent, baseModule) : undefined;
    const moved = python && baseContent !== undefined && headContent !== undefined ? movedFunctions(change.path, baseContent, headContent, baseModule, headModule) : [];
    const edit = movedUnchanged
      ? NOTHING_EDITED
      : base && head && head.path === change.path && baseContent !== undefined && headContent !== undefined ? judgeEdit(base, head, baseContent, headContent, inlined, moved) : undefined;
    out.push({
      edit,
      ...(movedUnchanged ? { movedUnchanged } : {}),
      change,
      file: file!,
      previousFile: change.status === "renamed" ? previousFile : undefined,
      head,
      base,
      headContent,
      baseContent,
      headGraph: graphOf(file, headContent),
      baseGraph: graphOf(change.status === "renamed" ? previousFile : file, baseContent),
    });
  }
  return out;
}

function dumpStates(
  changes: readonly Change[],
  config: Config,
  contents: Contents,
  basePaths: readonly string[] | undefined,
  databases: RailsDatabases,
  replicas: readonly RailsReplica[],
  repositoryFiles: readonly SourceFile[],
): SchemaDumpState[] {
  const states = new Map<string, SchemaDumpState>();
  for (const path of basePaths ?? []) {
    const dump = schemaDumpOf(path, config, databases);
    if (dump) states.set(path, { dump, onBase: true, baseContent: contents.base.get(path) });
  }
  const onBase = new Set(basePaths ?? []);
  const touch = (path: string, change: Change) => {
    const dump = schemaDumpOf(path, config, databases);
    if (!dump) return;
    const state = states.get(path) ?? { dump, onBase: basePaths ? onBase.has(path) : change.status !== "added" };
    state.change = change;
    if (change.status !== "removed") state.headContent = contents.head.get(path);
    states.set(path, state);
  };
  for (const change of changes) {
    touch(change.path, change);
    if (change.status === "renamed" && change.previousPath) touch(change.previousPath, { path: change.previousPath, status: "removed" });
  }
  // a dump the change leaves alone is the same at head, where the repository facts read it
  const unchanged = new Map(repositoryFiles.map((f) => [f.path, f.content]));
  for (const state of states.values()) if (!state.change && state.onBase) state.headContent = unchanged.get(state.dump.path);
  const mirrors = dumpMirrors([...states.values()], replicas, unchanged);
  return [...states.values()].map((state) => (mirrors.has(state.dump.path) ? { ...state, mirrorOf: mirrors.get(state.dump.path) } : state));
}

/** The Rails dumps of the repository nothing writes any more, each with why (dumps/leftover-dumps.ts). */
function leftoverDumpsOf(input: ReviewInput, contents: Contents, config: Config, siblings: readonly string[]): Map<string, string> {
  const atHead = new Map([...(input.contextMigrations ?? []), ...(input.repositoryFiles ?? []), ...input.head].map((f) => [f.path, f.content]));
  const removed = new Set(input.changes.filter((c) => c.status === "removed").map((c) => c.path));
  const paths = new Set([...siblings, ...atHead.keys()].filter((path) => !removed.has(path) && schemaDumpOf(path, config)));
  if (paths.size < 1) return new Map();
  const candidates = [...paths].map((path) => ({ path, content: atHead.get(path) ?? contents.base.get(path) }));
  const settings = [...atHead].flatMap(([path, content]) => (isSchemaFormatSettingsPath(path) ? [{ path, content }] : []));
  return leftoverRailsDumps(candidates, settings, config);
}

/** The replica databases of every config/database.yml at hand (the change's, else the one read for context). */
function replicasOf(files: readonly SourceFile[]): RailsReplica[] {
  if (!rubyReadersLoaded()) return [];
  const seen = new Set<string>();
  return files.flatMap((file) => {
    if (seen.has(file.path) || signalKind(file.path) !== "rails-database-yml") return [];
    seen.add(file.path);
    return rubyReaders().railsReplicas(file.path, file.content);
  });
}

/** Migrations in the order they run: by version, then path. */
const byVersion = (a: Migration, b: Migration) => compareVersions(a.version ?? "", b.version ?? "") || a.path.localeCompare(b.path);

/**
 * The base branch's dump that describes a migration, read once: only the base version is evidence of what
 * production has (the head's dump already holds the migration under review, see guards-on-base.ts).
 */
function baseDumpReader(dumps: readonly SchemaDumpState[], config: Config, contents: Contents, repositoryFiles: readonly SourceFile[]): (migration: Migration) => DumpObjects | undefined {
  // a dump the change leaves alone is the same at head, where the repository facts read it (a base branch that
  // moved on since the change branched off may hold a newer one: then this is the schema at the branch point)
  const unchanged = new Map(repositoryFiles.map((f) => [f.path, f.content]));
  const baseContent = (state: SchemaDumpState) => state.baseContent ?? (state.onBase && !state.change ? unchanged.get(state.dump.path) : undefined);
  const once = readOncePerDump();
  return (migration) => {
    const file = detectMigrationPath(migration.path, config, contents.head.get(migration.path));
    const state = file && dumps.find((d) => baseContent(d) !== undefined && d.dump.covers(file));
    if (!state) return undefined;
    return once(state.dump.path, () => dumpObjects(state.dump.path, state.dump.format, baseContent(state)!, { name: migration.database, version: migration.databaseVersion }));
  };
}

/** Each usage of a target with whether it can be that table's, file by file (usage-reference.ts). */
function usageJudge(code: readonly SourceFile[], removedPaths: readonly string[]): (target: UsageTarget, usages: readonly Usage[]) => Array<Usage & { reference: Reference }> {
  const files = new Map(code.map((f) => [f.path, f]));
  const context = { railsRecords: railsRecordNames(files.keys()), removedRailsRecords: removedRailsRecordNames(removedPaths, files.keys()), railsModels: railsModelReader(files), djangoMethods: djangoModelMethods(files), apiFieldSource: apiFieldSources(code), goFiles: code.filter((f) => isGoPath(f.path)), javaFiles: code.filter((f) => isJavaPath(f.path)) };
  return (target, usages) => {
    const byPath = new Map<string, Usage[]>();
    for (const usage of usages) byPath.set(usage.path, [...(byPath.get(usage.path) ?? []), usage]);
    const verdicts = new Map([...byPath].map(([path, list]) => {
      const file = files.get(path);
      return [path, file ? referencesIn(target, file, list, context) : new Map<number, Reference>()] as const;
    }));
    return usages.map((usage) => ({ ...usage, reference: verdicts.get(usage.path)?.get(usage.line) ?? "unsure" }));
  };
}

/** Django migrations replaced by a squashed one we have the text of (`app/name` -> the squash's path). */
function squashes(migrations: readonly ChangedMigration[], config: Config, contents: Contents, context: readonly SourceFile[] = []): Map<string, string> {
  const out = new Map<string, string>();
  const record = (path: string, graph: DjangoGraphNode | undefined) => {
    for (const replaced of graph?.replaces ?? []) {
      out.set(`${replaced.app}/${replaced.name}`, path);
      out.set(`${djangoAppOf(path)}/${replaced.name}`, path);
    }
  };
  for (const m of migrations) record(m.change.path, m.baseGraph ?? m.headGraph);
  // the base branch's squashes, and the app's other migrations the change leaves alone (read at head for context:
  // unchanged, so as the base branch has them)
  for (const [path, content] of [...contents.base, ...context.map((f) => [f.path, f.content] as const)]) {
    if (migrations.some((m) => m.change.path === path)) continue;
    record(path, graphOf(detectMigrationPath(path, config, content), content));
  }
  return out;
}

/**
 * Review with parsers already loaded (see `loadReviewEngine`). Async because the analysis waits, between files,
 * for a parser instance that a hostile file broke to be replaced (analyze.ts).
 */
/**
 * The Django apps the change takes out of INSTALLED_APPS while their migrations folder stays (history/django-app-uninstall.ts):
 * installed by the base branch's settings, by none at head (read whole), with the tables their migrations that ran
 * leave. Their migrations are parsed here, only for such an app (rare): the review's own analyses skip them.
 */
async function djangoAppUninstalls(input: ReviewInput, config: Config, contents: Contents, migrations: readonly ChangedMigration[], touched: ReadonlySet<string>, baseMigrations: readonly DetectedFile[] | undefined): Promise<Map<string, DjangoAppUninstall>> {
  const out = new Map<string, DjangoAppUninstall>();
  const atHead = new Map<string, SourceFile>();
  for (const file of [...input.head, ...(input.contextMigrations ?? []), ...(input.repositoryFiles ?? [])]) if (!atHead.has(file.path) && signalKind(file.path) === "django-settings") atHead.set(file.path, file);
  const candidates = uninstallCandidates(migrations, atHead);
  if (candidates.length === 0) return out;
  const listing = [...atHead.keys()];
  const headApps = listing.flatMap((path) => readInstalledApps(atHead.get(path)!.content));
  const changedPaths = new Set(migrations.map((m) => m.change.path));
  for (const folder of candidates) {
    const settings = databasePathsFor("django", folder, listing);
    const installedIn = installedOnBase(folder, settings, (path) => contents.base.get(path) ?? (touched.has(path) ? undefined : atHead.get(path)?.content));
    if (!installedIn) continue; // never installed: the migrations' note says it all
    // the app's migrations as the base branch has them: those the change leaves alone, and the base side of the rest
    const ran = [
      ...(input.contextMigrations ?? []).filter((f) => dirOf(f.path) === folder && !changedPaths.has(f.path)),
      ...[...contents.base].filter(([path]) => dirOf(path) === folder).map(([path, content]) => ({ path, content })),
    ].filter((f) => detectMigrationPath(f.path, config, f.content)?.framework === "django");
    // a base migration of the app the review did not read: what its tables are is not known
    const onBase = (baseMigrations ?? []).filter((f) => dirOf(f.path) === folder && f.version !== undefined);
    if (ran.length === 0 || onBase.some((f) => !ran.some((r) => r.path === f.path))) continue;
    const parsed = await analyze({ files: ran, config, projectFiles: [...atHead.values()], readProjectFile: input.readProjectFile });
    const entries = parsed.migrations.flatMap((migration) => {
      const file = detectMigrationPath(migration.path, config, ran.find((r) => r.path === migration.path)?.content);
      return file ? [{ file, migration, path: migration.path }] : [];
    });
    const left = leftoverTables(entries);
    // a migration the change adds to an installed app that drops them (a RunSQL): nothing is left behind
    const dropped = (table: string) =>
      migrations.some((m) => m.change.status === "added" && dirOf(m.change.path) !== folder && m.head?.up.some((op) => op.kind === "drop_table" && op.tables.some((t) => t.toLowerCase() === table.toLowerCase())));
    const tables = left.tables.filter((t) => !dropped(t));
    if (tables.length === 0) continue;
    const added = migrations.flatMap((m) => (m.change.status === "added" ? [m.file] : []));
    const installedApp = installedAppFor(left.keys.filter((k) => tables.includes(k.table)), [...(baseMigrations ?? []), ...added], new Set(candidates), (f) => headApps.some((app) => mayInstallApp(app.entry, dirOf(f))));
    out.set(folder, {
      label: baseOf(dirOf(folder)),
      folder,
      installedIn,
      neverRun: migrations.filter((m) => m.change.status === "added" && dirOf(m.change.path) === folder).map((m) => m.change.path),
      tables,
      keys: left.keys.filter((k) => tables.includes(k.table)),
      ...(installedApp ? { installedApp } : {}),
    });
  }
  return out;
}

export async function reviewLoaded(input: ReviewInput): Promise<ReviewResult> {
  // revisions in an Alembic script location of any name (found by its env.py and script.py.mako) are migrations;
  // a migration "renamed" into another Django app is a deletion there and a new migration here
  const listed = reviewedChanges(input.changes, input.config ?? defaultConfig(), [...(input.basePaths ?? []), ...input.head.map((f) => f.path)]);
  const config = listed.config;
  const contents: Contents = {
    head: new Map(input.head.map((f) => [f.path, f.content])),
    base: new Map((input.base ?? []).map((f) => [f.path, f.content])),
  };
  const changes = withSquashedAwayRenamesSplit(listed.changes, config, contents, input.contextMigrations);
  const errors: FileError[] = [];
  // tags far behind the change are no evidence: the branch itself is deployed (releases.ts)
  const releases = currentReleases(readReleases(input.releases), input.dates?.change);

  // 1. the changed migrations, with the other half of each, through the same engine as lint
  const changed = new Set(changes.filter((c) => c.status !== "removed").map((c) => c.path));
  // files the change restores as the base branch deleted them: history every database that ran it recorded, not new
  const restored = restoredFiles(changes, contents.head, readRemovedOnBase(input.removedOnBase));
  // the migrations the change adds run one after the other: their steps are judged as one plan (ChangePlan)
  const adds = new Set(changes.filter((c) => c.status === "added" && !restored.has(c.path)).map((c) => c.path));
  // application files the change edits, as the base branch has them (planReview asks for changed models)
  // (and, for plain SQL migrations, the other code it edits: plan.ts asks for it)
  const baseCodeFiles = [...contents.base].flatMap(([path, content]) =>
    isBaseCodePath(path) || (isSearchableCodePath(path, config) && isSearchableContent(content, config, path)) ? [{ path, content }] : [],
  );
  const siblings = [...new Set([...(input.basePaths ?? []), ...contents.head.keys()])];
  // the dumps the application no longer writes (a schema.rb left beside the structure.sql a `:sql` application
  // writes): no rule reads them as the dump, neither for its columns nor as a file to update
  const leftovers = leftoverDumpsOf(input, contents, config, siblings);
  const repositoryFiles = (input.repositoryFiles ?? []).filter((f) => !leftovers.has(f.path));
  const toAnalyse = new Set<string>();
  for (const path of changed) {
    const content = contents.head.get(path);
    if (content === undefined || schemaDumpOf(path, config) || isChangeNotePath(path)) continue;
    toAnalyse.add(path);
    const file = detectMigrationPath(path, config, content);
    if (file) for (const other of [...companionPaths(file, siblings), ...counterpartPaths(file, siblings)]) if (contents.head.has(other)) toAnalyse.add(other);
  }
  // the change's own upgrade notes may stop the application for its migrations: an offline deploy for them
  // (they may name the project for the application: its repository's name, its manifests' at head)
  const downtime = await changeDowntime(changes, contents.head, contents.base, config, { repository: input.repository, files: [...repositoryFiles, ...input.head] });
  const analysis = await analyze({
    files: [...toAnalyse].sort().map((path) => ({ path, content: contents.head.get(path)! })),
    config,
    configProblems: input.configProblems,
    configPath: input.configPath,
    codeFiles: input.codeFiles,
    codeFilesCapped: input.codeFilesCapped,
    contextMigrations: input.contextMigrations,
    repositoryPaths: siblings,
    snapshot: input.snapshot,
    repositoryFiles: input.repositoryFiles && repositoryFiles,
    readProjectFile: input.readProjectFile,
    changeAdds: adds,
    // with the adds, the head files the base branch does not have as they are (its code is the rest and baseCodeFiles)
    changeEdits: new Set(changes.filter((c) => c.status !== "added").flatMap((c) => [c.path, ...(c.previousPath ? [c.previousPath] : [])])),
    unreleasedBase: baseRelease(releases),
    changeSizeNote: changeSizeNote(input.changeText),
    changeDowntime: downtime,
    baseCodeFiles,
    baseDumps: [...contents.base].flatMap(([path, content]) => (changed.has(path) && schemaDumpOf(path, config) && !leftovers.has(path) ? [{ path, content }] : [])),
  });
  errors.push(...analysis.errors);
  // the project's Python modules as the base branch has them: a file the change touches is read there (unknown when
  // the review has no base copy of it), any other is the same at head. The base side of an edited migration then
  // reads a project field class (Baserow's FormulaField, a TextField subclass) through its bases as the head side
  // does, instead of as a column of unknown type that the edit seems to change
  const touchedPaths = new Set(changes.flatMap((c) => [c.path, ...(c.previousPath ? [c.previousPath] : [])]));
  const readHeadProjectFile = input.readProjectFile;
  const readBaseProjectFile: ProjectFileReader | undefined = readHeadProjectFile && ((path) => contents.base.get(path) ?? (touchedPaths.has(path) ? undefined : readHeadProjectFile(path)));
  // the base side of edited and deleted migrations, and the base migrations the plan read for context (newer
  // than an added one), read with the same context as the head side so that both see the same model state (a
  // Django AlterField is only precise with the app's earlier migrations)
  const baseMigrationFiles = [...contents.base].flatMap(([path, content]) => (schemaDumpOf(path, config) === undefined && detectMigrationPath(path, config, content) ? [{ path, content }] : []));
  const baseAnalysis = await analyze({
    // with the halves of edited migrations the change leaves alone, the same on both sides (untouched-halves.ts)
    files: [...baseMigrationFiles, ...untouchedHalvesOnBase(baseMigrationFiles, contents.head, touchedPaths, siblings, config)],
    config,
    contextMigrations: input.contextMigrations,
    // the base branch's listing, as the head side has the head's: a folder's downs read from the paths alike on both
    repositoryPaths: input.basePaths,
    // the same files name the database of the base versions
    projectFiles: [...(input.contextMigrations ?? []), ...input.head],
    readProjectFile: readBaseProjectFile,
  });
  const baseModels = baseAnalysis.migrations;
  // modules only the base side asked for, an edge fetches at head too (those the change touches are not the base's)
  const missingProjectModules = [...new Set([...(analysis.missingProjectModules ?? []), ...(baseAnalysis.missingProjectModules ?? []).filter((path) => !touchedPaths.has(path))])].sort();

  // 2. what the change does to history, dumps and code
  // a project file as the base branch has it: read there when the change edits it, else the same at head
  const atHead = new Map([...(input.codeFiles ?? []), ...(input.repositoryFiles ?? []), ...(input.contextMigrations ?? [])].map((f) => [f.path, f.content]));
  const baseModule = (path: string) => contents.base.get(path) ?? (touchedPaths.has(path) ? undefined : atHead.get(path));
  // the same at head, read where the review has it: the CLI reads any project file; the App only those it fetched
  // (the modules the engine asked for), so there a module it did not fetch is unknown and an import of a function
  // moved to it stays an edit
  const projectFileAtHead = (path: string) => {
    const read = input.readProjectFile?.(path);
    return typeof read === "string" ? read : undefined;
  };
  const headModule = (path: string) => contents.head.get(path) ?? atHead.get(path) ?? projectFileAtHead(path);
  // pop's SQLite-only files beside server databases' files are development databases' (dialect-file.ts): their edits,
  // deletions and versions reach no production database
  const sqliteOnly = sqliteOnlyPopFilesIn([...siblings, ...(input.contextMigrations ?? []).map((f) => f.path)]);
  const migrations = changedMigrations(changes, config, contents, analysis.migrations, baseModels, baseModule, headModule).filter((m) => !sqliteOnly(m.change.path) && !(m.change.previousPath && sqliteOnly(m.change.previousPath)));
  for (const m of migrations) if (restored.has(m.change.path)) m.restored = restored.get(m.change.path);
  // an edited migration whose base version could run nowhere: edited-migration says no database has it
  for (const m of migrations) {
    const failures = (m.edit || m.change.status === "removed") && m.base ? failuresOnEveryDatabase(baseAnalysis.findings, m.base.path) : [];
    if (failures.length) m.baseFailures = failures;
    const noOp = m.change.status === "removed" && m.base ? guardedNoOp(m.base, baseAnalysis.repositoryOf?.(m.base.path)) : undefined;
    if (noOp) m.baseNoOp = noOp;
  }
  // edits that only move constraint validations between the edited migrations end every database alike
  markValidationMoves(migrations);
  // an edited merged migration: only the operations the edit touched are linted again
  const edits = new Map(migrations.flatMap((m) => (m.edit ? [[m.change.path, m.edit] as const] : [])));
  // what the base version was already told ran long ago: an edit elsewhere in the file does not make it new
  // (a renamed migration's base findings are keyed by its new path)
  const headPathOf = new Map(migrations.flatMap((m) => (m.edit && m.change.previousPath ? [[m.change.previousPath, m.change.path] as const] : [])));
  const baseSays = new Set(
    baseAnalysis.findings.flatMap((f) => {
      const path = headPathOf.get(f.path) ?? f.path;
      return edits.has(path) ? [sameFindingKey({ ...f, path })] : [];
    }),
  );
  const touchedByEdit = (f: ReportedFinding) => {
    const edit = edits.get(f.path);
    return !edit || (edit.changedOps.some((loc) => loc.line <= f.endLine && f.line <= loc.endLine) && !baseSays.has(sameFindingKey(f)));
  };
  const databases = new RailsDatabases([...(input.basePaths ?? []), ...changes.flatMap((c) => [c.path, ...(c.previousPath ? [c.previousPath] : [])])]);
  const addedEntries = analysis.migrations.flatMap((migration) => {
    const file = adds.has(migration.path) ? detectMigrationPath(migration.path, config, contents.head.get(migration.path)) : undefined;
    return file ? [{ file, migration }] : [];
  });
  const change = changePlanOf(addedEntries, baseCodeFiles);
  // a restored migration drops nothing production still has: its drops ran there before the deletion
  const targets = changedTargets(migrations.filter((m) => !m.restored), change);
  const identifiers = [...new Set(targets.flatMap((t) => t.identifiers))].sort();
  const code = input.codeFiles?.filter((f) => isSearchableCodePath(f.path, config) && isSearchableContent(f.content, config, f.path));
  const facts: ReviewFacts = {
    config,
    changes,
    migrations,
    baseMigrations: input.basePaths?.flatMap((p) => {
      const file = detectMigrationPath(p, config);
      return file && !sqliteOnly(p) ? [file] : [];
    }),
    dumps: dumpStates(changes, config, contents, input.basePaths, databases, replicasOf([...input.head, ...(input.contextMigrations ?? [])]), repositoryFiles).filter((state) => !leftovers.has(state.dump.path)),
    railsDatabases: databases,
    codeFiles: code ?? [],
    usages: code ? searchUsages(code, identifiers) : undefined,
    judgeUsages: code ? usageJudge(code, changes.filter((c) => c.status === "removed").map((c) => c.path)) : undefined,
    models: code
      ? readCodeModels(code, {
          rails: targets.some((t) => t.kind === "drop_column" && t.migration.framework !== "django"),
          // a dropped column's model, the relations that share a removed many-to-many field's reverse accessor, and a
          // deleted model's class the code may declare again (stillDefinedNames)
          django: targets.some((t) => (t.kind === "drop_column" || t.reverseAccessor !== undefined || (t.kind === "drop_table" && t.ormModel !== undefined)) && t.migration.framework === "django"),
        }, baseCodeFiles)
      : undefined,
    squashedBy: new Map(),
    baseModels: new Map(baseModels.map((m) => [m.path, m])),
    change,
    runsOnPop: (path) => runsOnPop(path, input.repositoryFiles ?? []),
    ageOnBase: (migration) => ageOnBase(input.dates, migration),
    addedOnBase: (path) => validDate(input.dates?.addedOnBase?.[path]),
    unreleased: (path) => unreleased(releases, path),
    baseRef: input.baseRef,
    // every settings module of the tree as the change leaves it (not only the app's nearest: galaxy_ng's are in dev/ and docker/)
    oneDjangoDatabase: () => {
      if (!input.basePaths) return undefined;
      const gone = new Set(changes.filter((c) => c.status === "removed" || c.previousPath).flatMap((c) => (c.status === "removed" ? [c.path] : [c.previousPath!])));
      return oneDjangoDatabaseIn(siblings.filter((p) => !gone.has(p)), headModule);
    },
  };
  facts.squashedBy = squashes(migrations, config, contents, input.contextMigrations);
  facts.removedDjangoApps = djangoAppRemovals({
    config,
    migrations,
    baseMigrations: facts.baseMigrations,
    baseFiles: input.base ?? [],
    headFiles: [...input.head, ...(input.contextMigrations ?? [])],
  });
  facts.uninstalledDjangoApps = await djangoAppUninstalls(input, config, contents, migrations, touchedPaths, facts.baseMigrations);
  facts.packagedDjangoApps = packagedDjangoApps({
    changes,
    migrations,
    baseMigrations: facts.baseMigrations,
    headFiles: [...(input.repositoryFiles ?? []), ...input.head],
    baseFiles: input.base ?? [],
  });

  // 3. review rules, with config severities and inline waivers
  const reviewed: ReportedFinding[] = [];
  for (const rule of REVIEW_RULES) {
    if (!effectiveSeverity(config, rule.meta)) continue;
    try {
      rule.check({
        ...facts,
        report(report) {
          const severity = effectiveSeverity(config, rule.meta, report.severity);
          if (!severity) return;
          const finding: ReportedFinding = {
            path: report.path,
            line: report.line,
            endLine: Math.max(report.line, report.endLine ?? report.line),
            rule: rule.meta.id,
            category: rule.meta.category,
            severity,
            message: report.message,
            fix: report.fix,
            statement: (report.statement ?? "").replace(/\s+/g, " ").trim(),
            details: report.details ?? [],
          };
          const migration = analysis.migrations.find((m) => m.path === finding.path);
          if (isWaived(finding, migration)) return;
          // an app only test settings install: its migrations run on the test database alone
          const testOnly = migration?.djangoInstalledApps?.testOnly;
          reviewed.push(testOnly ? asTestAppNote(finding, { label: migration.djangoLabel, testOnly }) : finding);
        },
      });
    } catch (error) {
      errors.push({ path: "(review)", message: `rule ${rule.meta.id} failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  // lint findings of the changed files only (a companion fetched for pairing is not under review), and for
  // an applied migration only those on what the edit changed
  const linted = analysis.findings.filter((f) => (changed.has(f.path) && touchedByEdit(f)) || f.path === input.configPath);
  // a column the deployed code no longer reads: one finding, drop-column's, lowered with the review's reason
  // a drop of a column its table never had: no code uses it, whatever names the same word
  const folded = foldSafeDrops(linted, withoutMissingColumnUses(linted, reviewed));
  // an added migration's statements that an existence check keeps from running on the base schema: notes
  // in the order they run (the change plan's), one whose file was not detected after them by version
  const runsAt = new Map(inRunOrder(addedEntries).map((e, i) => [e.migration, i]));
  const added = analysis.migrations.filter((m) => adds.has(m.path)).sort((a, b) => (runsAt.get(a) ?? runsAt.size) - (runsAt.get(b) ?? runsAt.size) || byVersion(a, b));
  const skipped = skippedOnBase(added, baseDumpReader(facts.dumps, config, contents, repositoryFiles), onBaseDecision);
  const changedModels = analysis.migrations.filter((m) => changed.has(m.path));
  const frameworkOf = (path: string) => analysis.migrations.find((m) => m.path === path)?.framework;
  // a code-first deploy: a column a changed Django or Alembic migration adds may be read by the models at head, which
  // the App reads with the code (the CLI has a Django app's models beside its migrations already)
  const addsDjangoFields =
    analysis.deploy.mode === "code-before-migrate" &&
    changedModels.some(
      (m) => (m.framework === "django" || m.framework === "alembic" || m.layout === "prisma") && m.up.some((op) => op.kind === "add_column" && (m.framework !== "django" || op.ormModel !== undefined)),
    );
  return {
    findings: withoutRestoredFindings(foldSkippedOnBase([...folded.lint, ...folded.reviewed], added, skipped), restored).sort(byLocation),
    errors,
    migrations: analysis.migrations,
    databases: analysis.databases,
    deploy: analysis.deploy,
    baseline: analysis.baseline,
    ...(missingProjectModules.length ? { missingProjectModules } : {}),
    // a Django column whose default stays in Python breaks only inserts of the deployed code: the code says whether it makes any
    codeSearch: { needed: (identifiers.length > 0 || addsDjangoFields || linted.some((f) => f.rule === "required-column-without-default" && (frameworkOf(f.path) === "django" || frameworkOf(f.path) === "rails"))) && input.codeFiles === undefined, identifiers },
    regulatedWaivers: regulatedWaivers(changedModels, config),
  };
}

/** Load every parser the review uses (SQL, Ruby, Python) once per process. */
export async function loadReviewEngine(): Promise<void> {
  await Promise.all([loadEngine(), loadRubyParser(), loadPythonParser(), loadDumpReaders()]);
}

export async function review(input: ReviewInput): Promise<ReviewResult> {
  await loadReviewEngine();
  if (mayNeedMysql({ files: input.head, config: input.config, codeFiles: input.codeFiles, contextMigrations: input.contextMigrations })) await loadMysqlGrammar();
  await loadSignalReaders(signalFiles({ files: input.head, codeFiles: input.codeFiles, contextMigrations: input.contextMigrations }).keys());
  // Go and Java code beside SQL migrations: the usage search ties a column to its table by the structs and JPA
  // entities that map it (go-column-uses.ts, java-column-uses.ts)
  const sqlMigrations = input.head.some((f) => f.path.endsWith(".sql"));
  if (sqlMigrations && input.codeFiles?.some((f) => isGoPath(f.path))) await loadGoParser();
  if (sqlMigrations && input.codeFiles?.some((f) => isRustPath(f.path))) await loadRustParser();
  if (sqlMigrations && input.codeFiles?.some((f) => isJavaPath(f.path))) await loadJavaColumnParser();
  return reviewLoaded(input);
}
