/** `migguard lint [--format text|json|sarif] [--config FILE] [--execute] PATH...` */
import { projectFileReader } from "./project-file-reader.js";
import { analyze } from "../engine/analyze.js";
import { gateExitCode } from "./exit-status.js";
import { collectFiles } from "./collect-files.js";
import { loadCliConfig } from "./config-file.js";
import { formatResult, type OutputFormat } from "./output.js";
import { collectProjectFiles } from "./project-files.js";
import { withDjangoMigrationModules } from "../engine/migration-folders/django-migration-modules.js";
import { loadPythonParser } from "../engine/adapters/python/parser.js";
import type { Config } from "../engine/config.js";
import { detectByPath } from "../engine/detect.js";
import { FRAMEWORKS_WITH_SIGNALS } from "../engine/database/signal-paths.js";
import { databaseLines } from "../engine/database/notes.js";
import { readRepositoryFiles, withDeployFiles } from "./repository-files.js";
import type { FileError } from "../engine/analyze.js";
import type { DatabaseDecision } from "../engine/database/decide.js";
import type { ReportedFinding, SourceFile } from "../engine/model.js";
import { deployNote, type DeployDecision } from "../engine/deploy/deploy-model.js";
import { parseWorkersNote, startParseWorkers } from "./parse-workers.js";
import { readApplicationCode } from "./application-code.js";
import type { BaselineSummary } from "../engine/baseline/baselines.js";
import { baselineNote } from "../engine/baseline/baseline-note.js";
import { migrationCommits, type MigrationCommits } from "./shipped-with.js";
import { databaseHistory } from "./database-history.js";
import { preReleaseMigrations } from "./pre-release.js";
import { firstReleases } from "./first-releases.js";
import { unclassifiedPaths } from "./unclassified-paths.js";
import { siblingMigrations } from "./sibling-migrations.js";
import { pathsFrom, rootToLintFrom, shownFrom } from "./lint-root.js";
import { resolve } from "node:path";
import { readFileSync } from "node:fs";
import { isAlembicRevisionModule } from "../engine/adapters/python/alembic-revision-module.js";
import { literalGlob } from "../engine/paths.js";

export interface LintOptions {
  paths: string[];
  format: OutputFormat;
  config?: string;
  cwd?: string;
  /** also run the migrations up -> down -> up in a database and measure their locks */
  execute?: boolean;
  /** text output ends with the database of each migrations folder and why */
  verbose?: boolean;
  /** production snapshot file (`migguard snapshot`); default: config `snapshot` */
  snapshot?: string;
}

export interface CommandResult {
  output: string;
  exitCode: number;
}

/** Whether a collected file may be a migration of a framework that reads signal files (anything but SQL). */
function mayReadSignals(path: string, config: Config): boolean {
  const detected = detectByPath(path, config);
  if (detected === undefined) return !path.endsWith(".sql");
  return detected !== "sql-candidate" && FRAMEWORKS_WITH_SIGNALS.has(detected.framework);
}

/** What a lint found, before it is formatted: also read by `npm run audit-fixes` (the database of each folder). */
export interface LintAnalysis {
  config: Config;
  findings: ReportedFinding[];
  errors: FileError[];
  /** the migrations that could not be analysed: they fail the gate */
  unanalysed: FileError[];
  databases: DatabaseDecision[];
  /** how the project deploys, and why (an offline deploy makes lock findings notes) */
  deploy: DeployDecision;
  /** `--execute`'s text report */
  executedText?: string;
  /** the migrations at or before a baseline, not checked */
  baseline?: BaselineSummary;
}


export async function lintAnalysis(options: LintOptions): Promise<LintAnalysis> {
  return analysisFrom(options, true);
}

/** The candidates (paths from `cwd`) whose module is an Alembic revision; the Python grammar is loaded only for some. */
async function alembicRevisionsAmong(candidates: readonly string[], cwd: string): Promise<string[]> {
  if (!candidates.length) return [];
  await loadPythonParser();
  return candidates.filter((path) => {
    try {
      return isAlembicRevisionModule(readFileSync(resolve(cwd, path), "utf8"));
    } catch {
      return false; // unreadable or too deep for the grammar: left unplaced, and said so like any other file
    }
  });
}

/** `mayReroot`: a lint run inside a migrations folder may be run again from the repository's root (lint-root.ts). */
async function analysisFrom(options: LintOptions, mayReroot: boolean): Promise<LintAnalysis> {
  const cwd = options.cwd ?? process.cwd();
  const loaded = await loadCliConfig(options.config, cwd);
  // the walk for database.yml and settings modules, once: for MIGRATION_MODULES and the database
  let project: SourceFile[] | undefined;
  const projectFiles = () => (project ??= collectProjectFiles(cwd));
  let collected = collectFiles(options.paths, loaded.config, cwd);
  if (collected.movedDjango) {
    // a numbered module outside migrations/ (DefectDojo's dojo/db_migrations): the settings say whether it is one
    await loadPythonParser();
    const config = withDjangoMigrationModules(collected.config, projectFiles());
    if (config !== collected.config) collected = collectFiles(options.paths, config, cwd);
  }
  // Python modules named (or directly in a named folder) that no path marks: Alembic revisions where Flask-Alembic
  // keeps them (zeus/migrations/*.py) when their module says so, read with the Python grammar
  const revisions = await alembicRevisionsAmong(collected.alembicCandidates, cwd);
  if (revisions.length) collected = collectFiles(options.paths, { ...collected.config, paths: { ...collected.config.paths, alembic: [...collected.config.paths.alembic, ...revisions.map(literalGlob)] } }, cwd);
  // a folder or named file that yielded no migration is said, never passed over in silence
  const unclassified = unclassifiedPaths(options.paths, collected.files, collected.errors, collected.config, collected.explicit, cwd);
  // run inside a migrations folder: placed from the repository's root, shown from here
  const root = mayReroot ? rootToLintFrom(options.paths, collected.config, cwd, unclassified.unanalysed) : undefined;
  if (root) return rerooted(options, root, cwd);
  // a large lint's SQL is parsed in worker threads as well, started as soon as the files are read
  const parseWorkers = await startParseWorkers(collected.files);
  // the snapshot reader (and its zod schema) loads only when there is a snapshot to read
  const wantsSnapshot = options.snapshot !== undefined || loaded.config.snapshot !== undefined;
  const production = wantsSnapshot ? await (await import("./snapshot-option.js")).lintSnapshot(options.snapshot, loaded.config.snapshot, loaded.path, cwd) : { errors: [] };
  const repositoryFiles = readRepositoryFiles(
    collected.files.map((f) => f.path),
    collected.config,
    cwd,
    options.verbose === true,
  );
  // a Rails, Alembic or Django migration named alone is judged with its folder's history, as a lint of the folder judges it
  const context = siblingMigrations(collected.files, collected.explicit, collected.config, cwd, collected.alembicInis);
  let commits: MigrationCommits | undefined;
  // one git log answers both questions, asked when a finding first needs either
  const linted = [...collected.files, ...context].map((f) => f.path);
  const gitFacts = (): MigrationCommits => (commits ??= migrationCommits(linted, cwd));
  const result = await analyze({
    snapshot: production.snapshot,
    files: collected.files,
    config: collected.config,
    configProblems: loaded.problems,
    configPath: loaded.path,
    explicitPaths: collected.explicit,
    contextMigrations: context,
    contextIsFolders: true,
    // the walk for database.yml and settings modules: only Rails, Django and Alembic folders read them
    projectFiles: collected.files.some((f) => mayReadSignals(f.path, collected.config)) ? projectFiles() : [],
    // Gemfile, schema dumps and models around the migrations: the names and types the fixes use
    repositoryFiles,
    // the deploy files cost a walk of the repository: read only when a finding's hazard depends on the deploy
    // (with --verbose always, above: its last line says how the deploy was read)
    deployFiles: options.verbose ? undefined : () => withDeployFiles(repositoryFiles, cwd, collected.config),
    // the code a planned removal searches for readers: walked only when a rule asks, i.e. a migration drops something
    applicationCode: () => readApplicationCode(collected.files.map((f) => f.path), collected.config, cwd),
    // the project's own Python modules a Django migration imports (a helper returning SQL), read when asked
    readProjectFile: projectFileReader(cwd),
    sqlParses: parseWorkers?.pool.parsed,
    // which first-parent commit added each migration: those one commit added ship in the same deploy (git runs
    // only when a finding reaches that question)
    shippedWith: () => gitFacts().shippedWith,
    // when the project moved to PostgreSQL from MySQL, from its settings file's history: asked only for such folders
    databaseHistory: databaseHistory(cwd),
    // which of them founded their folder: a Django app's 0001_initial there is its first migration, not a reset's
    foundedFolder: () => gitFacts().foundedFolder,
    // when each reached the branch: the date of a numbered migration (young tables)
    addedAt: () => gitFacts().addedAt,
    // which reached it in the repository's first weeks, before any tag: nothing was released yet (a few more git calls)
    preRelease: () => preReleaseMigrations(gitFacts()),
    // which version tag first shipped each with the migration that created its table (two more git calls)
    firstReleases: () => firstReleases(gitFacts(), linted),
  }).finally(() => parseWorkers?.pool.close());
  const workersNote = parseWorkersNote(parseWorkers);
  if (workersNote) process.stderr.write(`migguard: ${workersNote}\n`);
  const executed = options.execute ? await (await import("./execute-option.js")).executeLint({ files: collected.files, analysis: result, config: collected.config, cwd, snapshot: production.snapshot }) : undefined;
  return {
    config: collected.config,
    findings: executed?.findings ?? result.findings,
    errors: [...collected.errors, ...unclassified.unanalysed, ...unclassified.skipped, ...production.errors, ...result.errors, ...(executed?.errors ?? [])],
    unanalysed: [...collected.errors, ...unclassified.unanalysed, ...result.errors],
    databases: result.databases,
    deploy: result.deploy,
    executedText: executed?.text,
    baseline: result.baseline,
  };
}

/** The lint of `options` run from the repository's root, its paths shown from the working directory. */
async function rerooted(options: LintOptions, root: string, cwd: string): Promise<LintAnalysis> {
  const fromRoot = (path: string | undefined) => (path === undefined ? undefined : resolve(cwd, path));
  const analysis = await analysisFrom({ ...options, cwd: root, paths: pathsFrom(root, options.paths, cwd), config: fromRoot(options.config), snapshot: fromRoot(options.snapshot) }, false);
  const shown = shownFrom(root, cwd);
  const reshown = <T extends { path: string }>(items: readonly T[]) => items.map((item) => ({ ...item, path: shown(item.path) }));
  return { ...analysis, findings: reshown(analysis.findings), errors: reshown(analysis.errors), unanalysed: reshown(analysis.unanalysed) };
}

/** Once per run, in text, how many migrations a baseline left unchecked and which line. */
export function baselineLine(summary: BaselineSummary | undefined): string {
  const note = baselineNote(summary);
  return note ? `${note}\n` : "";
}

/** Once per run, how the deploy was read: always when offline or code-first (findings changed), with --verbose when online for a reason. */
export function deployLine(decision: DeployDecision, verbose = false): string {
  const note = decision.mode !== "online" || verbose ? deployNote(decision) : undefined;
  return note ? `${note}\n` : "";
}

export async function lintCommand(options: LintOptions): Promise<CommandResult> {
  const { config, findings, errors, unanalysed, databases: decisions, deploy, executedText, baseline } = await lintAnalysis(options);
  const output = await formatResult(options.format, findings, errors, config.docs_url, baseline);
  const databases = options.verbose && options.format === "text" ? `${databaseLines(decisions).map((line) => `database: ${line}`).join("\n")}\n` : "";
  return {
    output: `${options.format === "text" && executedText ? `${output}${executedText}` : output}${databases}${options.format === "text" ? `${baselineLine(baseline)}${deployLine(deploy, options.verbose)}` : ""}`,
    exitCode: gateExitCode(findings, unanalysed),
  };
}
