/**
 * The engine's front door: files in, findings out. No I/O: callers (CLI, App) read the files and the
 * config and pass them in. Steps: detect + group -> adapter -> model -> rules -> config severities and
 * waivers -> findings sorted by file and line.
 */
import { alembicRevisionTreeOf } from "./migration-folders/alembic-revision-tree.js";
import { keepTemplates, templatedNames } from "./rules/support/keep-templates.js";
import { placeholderMasks, unmaskPlaceholders } from "./adapters/sql/layouts/templates.js";
import { alembicEnvFor, readAlembicTransactions, type AlembicTransactions } from "./database/alembic-env.js";
import { batchWithOnly, inPlaceOf } from "./rules/support/alembic-batch.js";
import { adapterFor, adaptersReady, loadAdapters, type DjangoProject } from "./adapters/index.js";
import type { ProjectFileReader } from "./adapters/python/project-modules.js";
import { segmentOperations, withSqlDialect } from "./adapters/sql/index.js";
import { isScriptPath, loadScriptSyntax, scriptSyntaxToLoad } from "./code/script-syntax-loader.js";
import { goParserLoaded, loadGoParser } from "./code/go-syntax.js";
import { isRustPath, loadRustParser, rustParserLoaded } from "./code/rust-syntax.js";
import { isJavaPath, javaColumnParserLoaded, loadJavaColumnParser } from "./code/java-syntax.js";
import { isGoPath } from "./code/go-column-uses.js";
import { isPrismaSchemaPath, loadPrismaSchema, prismaSchemaToLoad } from "./code/prisma-schema-loader.js";
import { forgetParsesAhead, parseAhead, rememberStatementTrees } from "./adapters/sql/pg-parser.js";
import { parserMisses, useParsesFrom, type PgParseOutcome } from "./adapters/sql/pg-query.js";
import { rememberPythonTrees } from "./adapters/python/parser.js";
import { djangoHeaderDateOf } from "./adapters/python/django-header.js";
import { withRevisionParameters } from "./rules/support/alembic-signature.js";
import { withCommitBeforeAutocommit, withEnvChangeForAutocommit } from "./rules/support/alembic-autocommit-under-env.js";
import type { Config, ConfigProblem } from "./config.js";
import { CONFIG_DEFAULTS } from "./config-defaults.js";
import { ruleOptions } from "./rule-settings.js";
import { detectByPath, detectFile, type DetectedFile } from "./detect.js";
import { daysBetween, migrationDate } from "./repository/migration-date.js";
import { HIDDEN_OPERATION, INVALID_CONFIG, SYNTAX_ERROR, TOO_COMPLEX, UNSUPPORTED_DATABASE, WAIVER_WITHOUT_REASON } from "./engine-rules.js";
import { enrichMigration } from "./enrich.js";
import { effectiveSeverity } from "./severity.js";
import { isWaived, peerWaiverOf } from "./waivers/waivers.js";
import { activeRecordSettingsRootOf, isActiveRecordSettingsPath } from "./adapters/rails/model-path.js";
import { projectRootOf } from "./repository/fact-paths.js";
import { runsOnPop } from "./repository/go-mod.js";
import { runsOnPostgresMigrations } from "./repository/node-runners.js";
import { runsOnSqlx } from "./repository/cargo-sqlx.js";
import { plannedSqlxFolders, rustCrateFiles, sqlxReaderToLoad } from "./repository/sqlx-plan.js";
import { ownerCrateDatabases } from "./database/crate-databases.js";
import { ignoredByPostgresMigrations, POSTGRES_MIGRATIONS_IGNORE } from "./adapters/sql/layouts/postgres-migrations.js";
import { withDrizzleJournal } from "./adapters/sql/drizzle-journal.js";
import { holdsDrizzleJournal, isDrizzleJournalPath, loadDrizzleJournalReader, readDrizzleJournal } from "./adapters/sql/layouts/drizzle.js";
import { dieselRunsOutsideTransaction } from "./adapters/sql/layouts/diesel.js";
import { groupMigrations, type MigrationUnit } from "./group.js";
import { isStackOverflow, TooComplexError } from "./limits.js";
import type { ChangeSizeNote, Framework, Migration, Operation, HiddenOperation, ParseProblem, ReportedFinding, SourceFile } from "./model.js";
import { computeFacts } from "./rules/support/facts.js";
import { ChangePlan, changePlanOf, type ChangedPaths, type UnreleasedBase } from "./rules/support/change-plan.js";
import { downConventions, type Conventions } from "./conventions.js";
import { RULES } from "./rules/index.js";
import type { Report, Rule, RuleMeta } from "./rules/support/rule.js";
import { byLocation } from "./finding-order.js";
import { namesUnknown, sayUnknownNames, usesUnknownName } from "./unknown-name.js";
import { isPostgresVersionPath, namedPostgresVersion, postgresVersionReaderToLoad, type NamedPostgresVersion } from "./database/postgres-version.js";
import { DEFAULT_POSTGRES_VERSION, postgresMajor } from "./database/postgres-syntax.js";
import { decideDatabase, withSupportedDatabases, loadSignalReaders, migrationFolder, readSignal, reviseFromRefusals, type DatabaseDecision, type FolderMigrations } from "./database/decide.js";
import { databaseSwitch, switchReason, type DatabaseHistory } from "./database/database-switch.js";
import { fileDatabase, pathDatabase, popGenericReading, popGenericTargetsIn, sqliteOnlyPopFilesIn, unreviewedDatabase } from "./database/dialect-file.js";
import { mayHoldEmbeddedMysql, mayHoldMysqlStatements, mayHoldMysqlSyntax } from "./database/dialect-syntax.js";
import { signalKind } from "./database/signal-paths.js";
import { routeDjangoFolders } from "./database/django-routed-folders.js";
import { uninstalledDjangoFolders, type UninstalledApp } from "./repository/django-uninstalled-apps.js";
import { asTestAppNote } from "./repository/django-test-apps.js";
import { loadMysqlGrammar } from "./adapters/sql/mysql/mysql-grammar.js";
import { appliesToDatabase, ruleDatabases } from "./rules/support/databases.js";
import { portableFinding } from "./portable-fixes/portable-fixes.js";
import { Production } from "./production/production.js";
import { RunObjects } from "./production/run-objects.js";
import { againstProduction } from "./production/size-aware.js";
import { againstTableAges } from "./production/young-tables.js";
import { againstSameDeployTables } from "./production/same-deploy-tables.js";
import { againstPreRelease, againstUnreleasedBase } from "./production/pre-release.js";
import { againstShippedMigration } from "./production/shipped-migration.js";
import { againstTablesOfTheChange } from "./production/tables-of-the-change.js";
import { ShippedTogether, type FirstReleases, type PreRelease } from "./production/shipped-together.js";
import { againstAuthorSize } from "./production/author-size.js";
import { againstSingletonTables } from "./production/singleton-tables.js";
import { againstHandFilledTables } from "./production/hand-filled-tables.js";
import type { ProductionSnapshot } from "./production/snapshot-file.js";
import type { ProductionContext } from "./rules/support/rule.js";
import { append } from "./append.js";
import { RepositoryFacts, type ApplicationCodeRead } from "./repository/repository-facts.js";
import { repositoryView, type RepositoryView } from "./repository/repository-view.js";
import { railsRunsFrom } from "./rules/support/rails-version.js";
import { SchemaHistory } from "./repository/schema-history.js";
import { againstRepositoryDump, type DumpReader, dumpReaderToLoad, leftoverReaderToLoad, repositoryDumpReader, repositoryDumps, withoutLeftoverDumps } from "./repository/head-dumps.js";
import { resolveModelTables } from "./repository/model-table-history.js";
import { nameRemovedForeignKeysFromHistory } from "./repository/removed-foreign-key-history.js";
import { dirOf } from "./paths.js";
import { DeployDecider, type DeployDecision, type DeployEvidence } from "./deploy/deploy-model.js";
import type { FlywayCommands } from "./deploy/flyway-commands.js";
import { underDeploy } from "./deploy/offline-notes.js";
import { underCodeOrder } from "./deploy/code-first-notes.js";
import { oldCodeGone, withoutOldCode } from "./deploy/old-code-gone.js";
import { popText } from "./adapters/sql/layouts/golang-migrate.js";
import { Baselines, flywaySchemaOf, type BaselineSummary } from "./baseline/baselines.js";
import { isSqlPath } from "./sql-file-names.js";

export interface FileError {
  path: string;
  message: string;
}

export interface AnalyzeInput {
  files: readonly SourceFile[];
  config?: Config;
  /** problems found while loading the config, reported as `invalid-config` findings on `configPath` */
  configProblems?: readonly ConfigProblem[];
  configPath?: string;
  /** files the user named explicitly: a .sql file among them is linted even outside a migrations folder */
  explicitPaths?: ReadonlySet<string>;
  /**
   * Application files (not migrations) rules may read: Rails models for `ignored_columns`, code that still
   * uses a dropped column. The edge decides how many to load; rules must cope with none.
   */
  codeFiles?: readonly SourceFile[];
  /**
   * Migrations that are not under review but give context: Django rebuilds a model's previous definition from
   * the earlier migrations of its app (AlterField, RenameField, RemoveField of a ForeignKey). Not linted.
   */
  contextMigrations?: readonly SourceFile[];
  /**
   * The context migrations are the whole folders of migrations named alone (a lint from a pre-commit hook): every one
   * joins the history, a Django app's too (its leaf nodes, where a fix's new migration goes), as a lint of the folder has them.
   */
  contextIsFolders?: boolean;
  /**
   * Paths of the repository's files (a review's base tree): its habits show in them even unread, such as a
   * golang-migrate folder of ups without a single .down.sql (conventions.ts).
   */
  repositoryPaths?: readonly string[];
  /**
   * Repository files that name the database (config/database.yml and its samples, Django settings modules,
   * alembic.ini, Alembic's env.py): `databaseSignalPaths` says which to read. Signal files among `files`,
   * `codeFiles` and `contextMigrations` count too.
   */
  projectFiles?: readonly SourceFile[];
  /**
   * Files that tell fixes the repository's names and types (see `isRepositoryFactPath`): Gemfile / Gemfile.lock
   * (strong_migrations), schema dumps (column types), Active Record models (class names), and the deploy files
   * (Dockerfile, entrypoint scripts, Kubernetes manifests: deploy/deploy-paths.ts). Not linted; may be empty.
   */
  repositoryFiles?: readonly SourceFile[];
  /**
   * The files the deploy is read from when reading them costs something (the CLI walks the repository for them),
   * instead of `repositoryFiles`: called at most once, and only when a finding's hazard depends on how the project
   * deploys (`RuleMeta.hazard`; a lint with no lock or old-code finding never walks).
   */
  deployFiles?: () => readonly SourceFile[];
  /**
   * The application's code when reading it costs something (lint walks app/, lib/, config/ or a Python project):
   * called at most once, when a rule first searches the code for readers of what a migration drops. Ignored
   * when `codeFiles` are given (a review's code). `complete`: no bound stopped the read.
   */
  applicationCode?: () => ApplicationCodeRead;
  /**
   * A repository file's text by its path, or undefined: where the Django adapter reads the project's own Python
   * modules a migration imports (a helper that returns SQL, a subclass of RunSQL), asked only for those paths.
   * The files given in this input are looked at first. `{ unread }`: the file exists but the edge could not read it
   * (too large, a failed fetch); the finding the module's code would have told is named with the reason.
   */
  readProjectFile?: ProjectFileReader;
  /** the `codeFiles` stopped at the App's limits (`max_code_files`, `max_code_bytes`): not all the code was searched */
  codeFilesCapped?: boolean;
  /**
   * The production snapshot (`migguard snapshot`), parsed by the edge with `parseSnapshot`: lock findings get
   * table sizes and time estimates, small tables drop to info, NULLs and duplicates predict failures, and a
   * table or column production lacks is drift. Without it nothing of this runs.
   */
  snapshot?: ProductionSnapshot;
  /**
   * Review: the paths of the migrations the change adds. They run one after the other on the same database,
   * so rules judge them as one plan (ChangePlan): a table an earlier one created holds no rows, a column a data
   * step filled may replace one the change drops.
   */
  changeAdds?: ReadonlySet<string>;
  /** Review with release tags: the base branch's migrations no version tag holds yet (they ship with the change), and the newest tag */
  unreleasedBase?: UnreleasedBase;
  /** Review: the change's own text that says its tables are small (review/change-size-note.ts), for the migrations it adds */
  changeSizeNote?: ChangeSizeNote;
  /**
   * Review: where the upgrade notes the change writes prescribe downtime for its migrations (review/change-downtime.ts):
   * with `deploy: auto`, its migrations are read as an offline deploy's, whatever the deploy files show
   */
  changeDowntime?: DeployEvidence;
  /** Review: the base branch's version of the application files the change edits (models whose ignored_columns it changes) */
  baseCodeFiles?: readonly SourceFile[];
  /** Review: the paths the change edits or removes, of any kind (with changeAdds: which head files the base branch has as they are) */
  changeEdits?: ReadonlySet<string>;
  /** Review: the base branch's version of the schema dumps the change edits, for the types of columns it removes from them */
  baseDumps?: readonly SourceFile[];
  /**
   * PostgreSQL parses done elsewhere (the CLI's parse workers on a large lint: src/cli/parse-pool.ts), asked for
   * each text before the parser runs here; undefined means parse here. An outcome is libpg-query's own for that
   * text (`parseOutcome`), so the findings are the same either way.
   */
  sqlParses?: (sql: string) => PgParseOutcome | undefined;
  /**
   * Lint: each migration's path to the id of the first-parent commit that added it to the checked-out branch (the
   * CLI's one `git log`; empty outside git). Migrations one commit added ship in the same deploy, whatever their dates.
   * A function is called only when a finding asks (lint's git processes are spent only then).
   */
  shippedWith?: ReadonlyMap<string, string> | (() => ReadonlyMap<string, string>);
  /**
   * Lint: the versions of a settings file and the migrations the repository held before a commit (the CLI's git):
   * migrations from before the project moved to PostgreSQL are judged as the old database's (database-switch.ts).
   * Asked only when a folder's settings file says PostgreSQL.
   */
  databaseHistory?: DatabaseHistory;
  /**
   * Lint: the migrations git shows among the first files of their folder (the oldest first-parent commit that added
   * a file there added them, and none modified them since), to that commit's id: a Django app's `0001_initial` among
   * them is the app's first migration, not a reset's (young-tables.ts). Called only when a finding asks.
   */
  foundedFolder?: ReadonlyMap<string, string> | (() => ReadonlyMap<string, string>);
  /**
   * Lint: when each migration reached the checked-out branch (its first-parent commit's time, ms): the age of a table
   * a numbered migration created, whose version carries no date (young-tables.ts). Called only when a finding asks.
   */
  addedAt?: ReadonlyMap<string, number> | (() => ReadonlyMap<string, number>);
  /** Lint: the migrations added in the repository's first weeks, before any tag (pre-release.ts). Called only when a finding asks. */
  preRelease?: ReadonlyMap<string, PreRelease> | (() => ReadonlyMap<string, PreRelease>);
  /**
   * Lint: which version tag first shipped a migration with the one that created its table (first-releases.ts).
   * Called only when a finding asks.
   */
  firstReleases?: FirstReleases | (() => FirstReleases);
}

export interface AnalysisResult {
  findings: ReportedFinding[];
  errors: FileError[];
  migrations: Migration[];
  /** the database of each migrations folder, and why */
  databases: DatabaseDecision[];
  /**
   * how the project deploys (config `deploy`, else its deploy files among `repositoryFiles` and `deployFiles`), and
   * why; `unread` when `deployFiles` were given and no finding needed them
   */
  deploy: DeployDecision;
  /** the migrations at or before a baseline (config `baseline`, StrongMigrations.start_after, Flyway's baselineVersion): not checked */
  baseline?: BaselineSummary;
  /**
   * Paths where the adapters looked for a project module a migration imports that neither the input's files nor
   * `readProjectFile` answered (most name no file: a dotted name is looked for in every folder above). An edge
   * that fetches files (the App) reads those that exist at head and analyses again with them.
   */
  missingProjectModules?: string[];
  /** what the history says around an analysed migration (its earlier migrations, columns before it): the review reads its deleted migrations' base versions with it */
  repositoryOf?: (path: string) => RepositoryView | undefined;
}

/**
 * Why a file is not text migguard can read, if it is not: NUL bytes (a binary file, or UTF-16, where every other
 * byte of ASCII text is NUL). Runners read migrations as UTF-8 by default, and PostgreSQL refuses NUL in a query.
 */
function notText(content: string): string | undefined {
  const first = content.indexOf("\u0000");
  if (first === -1) return undefined;
  let nuls = 0;
  for (let i = first; i < content.length; i++) if (content.charCodeAt(i) === 0) nuls++;
  if (nuls * 3 >= content.length) return "UTF-16 text (NUL bytes between the characters): migguard reads migrations as UTF-8, as the runners do by default; save the file as UTF-8";
  return "a binary file (it contains NUL bytes): not checked";
}
const normalise = (text: string) => text.replace(/\s+/g, " ").trim();

/** An op's statement on one line, once per op: every rule that reports on it asks (a long CREATE FUNCTION many times). */
const statementLines = new WeakMap<Operation, string>();
function statementLine(op: Operation | undefined): string {
  if (!op) return "";
  let line = statementLines.get(op);
  if (line === undefined) statementLines.set(op, (line = normalise(op.text ?? "")));
  return line;
}

/** Each rule's metadata by id: which databases it speaks for (portable-fixes.ts). */
const RULE_META = new Map(RULES.map((rule) => [rule.meta.id, rule.meta]));

interface Raw {
  finding: ReportedFinding;
  op?: Operation;
  /** what the hazard needs besides the migration (the report's, else the rule's `hazard`) */
  hazard?: RuleMeta["hazard"];
  /** the rule's `newCodeFailsToo`: a code-first deploy keeps it */
  newCodeFailsToo?: boolean;
  /** the report's message without its claim about running code, for a deploy where none runs while it migrates */
  withoutOldCode?: string;
  /** the report's fix for that deploy (Report.fixWithoutOldCode) */
  fixWithoutOldCode?: string;
  /** the finding under a code-before-migrate deploy (Report.underCodeFirst) */
  underCodeFirst?: Report["underCodeFirst"];
  /** what the statement does under the lock the finding is about, when the report says (Report.work) */
  work?: Report["work"];
  /** the report's fix under the project's own migrator's transaction (Report.fixUnderRunnerTransaction) */
  fixUnderRunnerTransaction?: (runner: string) => string | undefined;
  /** a rewrite's later steps under its lock, named in the message by `sentence` (Report.folds) */
  folds?: Report["folds"];
}

const SUPERSEDED_BY = new Map<string, string[]>();
for (const rule of RULES) for (const general of rule.meta.supersedes ?? []) SUPERSEDED_BY.set(general, [...(SUPERSEDED_BY.get(general) ?? []), rule.meta.id]);

/**
 * One hazard, one finding: a finding is dropped when a rule that supersedes its rule (meta.supersedes) reported the
 * same operation, and when the same rule already said the same thing about the same statement on the same line
 * (a helper inlined at several call sites reports its own line once).
 */
function oneFindingPerHazard(raw: Raw[]): Raw[] {
  const rulesByOp = new Map<Operation, Set<string>>();
  for (const { op, finding } of raw) if (op) rulesByOp.set(op, (rulesByOp.get(op) ?? new Set()).add(finding.rule));
  const seen = new Set<string>();
  return raw.filter(({ op, finding }) => {
    const specific = SUPERSEDED_BY.get(finding.rule);
    if (op && specific?.some((id) => rulesByOp.get(op)?.has(id))) return false;
    const key = [finding.rule, finding.path, finding.line, finding.message, finding.statement].join("\u0000");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The PostgreSQL the rules judge and write fixes for: the config's `postgres_version`, else the major version of the
 * folder's decided database version (the config's `database_version`, else what the repository's files name:
 * database/postgres-version.ts), else the default.
 */
function postgresVersionOf(config: Config, migration: Migration): number {
  if (config.postgres_version !== undefined) return config.postgres_version;
  const named = (migration.database ?? "postgresql") === "postgresql" ? postgresMajor(migration.databaseVersion) : undefined;
  // the oldest the rules know is 9 (the config's minimum): an 8.x is judged as 9
  return named === undefined ? DEFAULT_POSTGRES_VERSION : Math.max(9, named);
}

function runRule(
  rule: Rule,
  migration: Migration,
  config: Config,
  facts: ReturnType<typeof computeFacts>,
  codeFiles: readonly SourceFile[],
  production: ProductionContext | undefined,
  conventions: Conventions,
  repository: RepositoryView,
): Raw[] {
  const out: Raw[] = [];
  rule.check({
    migration,
    codeFiles,
    production,
    conventions,
    repository,
    framework: migration.framework,
    config,
    postgresVersion: postgresVersionOf(config, migration),
    options: ruleOptions(config, rule.meta.id),
    facts,
    report(report: Report) {
      const severity = effectiveSeverity(config, rule.meta, report.severity);
      if (!severity) return;
      const loc = report.loc ?? report.op?.loc ?? { line: 1, endLine: 1 };
      const unread = namesUnknown(report.op);
      // a fix, the report's own or the one for a deploy with no old code running: in the operation's place, and
      // never with the placeholder of a name the adapter could not read
      const shape = (given: string) => {
        const fix = rule.meta.fixReplacesOperation ? inPlaceOf(migration.framework, report.op, given) : given;
        return unread && usesUnknownName(fix) ? unreadNameFix(migration.path, fix) : fix;
      };
      out.push({
        op: report.op,
        hazard: report.hazard === "none" ? undefined : (report.hazard ?? rule.meta.hazard),
        newCodeFailsToo: rule.meta.newCodeFailsToo,
        withoutOldCode: report.withoutOldCode !== undefined && unread ? sayUnknownNames(report.withoutOldCode) : report.withoutOldCode,
        fixWithoutOldCode: report.fixWithoutOldCode === undefined ? undefined : shape(report.fixWithoutOldCode),
        underCodeFirst: report.underCodeFirst && codeFirstFinding(report.underCodeFirst, config, rule.meta, unread, shape),
        work: report.work,
        folds: report.folds && (unread ? { ...report.folds, sentence: sayUnknownNames(report.folds.sentence) } : report.folds),
        fixUnderRunnerTransaction: report.fixUnderRunnerTransaction && ((runner: string) => {
          const fix = report.fixUnderRunnerTransaction!(runner);
          return fix === undefined ? undefined : shape(fix);
        }),
        finding: {
          path: report.path ?? migration.path,
          line: loc.line,
          endLine: Math.max(loc.line, loc.endLine),
          rule: rule.meta.id,
          category: rule.meta.category,
          severity,
          message: unread ? sayUnknownNames(report.message) : report.message,
          fix: shape(report.fix),
          statement: statementLine(report.op),
          details: report.details ?? [],
        },
      });
    },
  });
  return out;
}

/** the deploy's evidence while a code-first message goes through sayUnknownNames: a path or command may hold a `?` */
const DEPLOY_SLOT = "\u0000deploy\u0000";

/**
 * A report's finding for a code-first deploy, shaped as its main finding is: its message says an unread name in
 * words (never the placeholder as a name), its fix is shaped alike, and its severity goes through the config. An
 * explicit severity in .github/migguard.yml wins over the report's variant for this deploy, as it wins over the
 * report's own (effectiveSeverity): that variant is the rule's judgement of the same hazard (rename-table's note where
 * no model at head maps the new name), and the team said what it wants for the rule. The deploy's own demotions
 * (offline, old code gone) are another matter: they say the hazard does not happen, and `deploy:` is their override.
 */
function codeFirstFinding(
  codeFirst: NonNullable<Report["underCodeFirst"]>,
  config: Config,
  meta: RuleMeta,
  unread: boolean,
  shape: (fix: string) => string,
): NonNullable<Report["underCodeFirst"]> {
  const said = unread ? sayUnknownNames(codeFirst.message(DEPLOY_SLOT)) : undefined;
  return {
    message: said === undefined ? codeFirst.message : (deploy: string) => said.split(DEPLOY_SLOT).join(deploy),
    fix: shape(codeFirst.fix),
    severity: codeFirst.severity && effectiveSeverity(config, meta, codeFirst.severity),
  };
}

/**
 * A fix built for an operation whose table or other name the adapter could not read would print the placeholder
 * as a name: instead, a comment says what is unknown (valid code in the file's language) and what the rule's fix
 * needs.
 */
function unreadNameFix(path: string, fix: string): string {
  const advice = fix.split("\n").filter((line) => /^\s*(#|--)/.test(line) && !usesUnknownName(line) && sayUnknownNames(line) === line && !line.trimEnd().endsWith(":")).map((line) => line.replace(/^\s*(#|--)\s?/, ""));
  return [
    "migguard could not read a name this operation uses (it is computed when the migration runs), so it does not write the fix with a guessed name.",
    "Write the name as a literal (or loop over a literal list) and migguard writes the fix for each.",
    ...advice,
  ]
    .map((line) => asComment(path, line))
    .join("\n");
}

/** Inline waivers and safety_assured blocks. */
/** An engine finding's advice as a comment of the file's own language, so every fix is valid code where it is shown. */
function asComment(path: string, text: string): string {
  const prefix = /\.(rb|py|ya?ml)$/.test(path) ? "#" : isSqlPath(path) ? "--" : "";
  return prefix ? `${prefix} ${text}` : text;
}

function applyWaivers(raw: Raw[], migration: Migration, config: Config, replacedBy?: Migration): ReportedFinding[] {
  const out: ReportedFinding[] = [];
  const waiverSeverity = effectiveSeverity(config, WAIVER_WITHOUT_REASON);
  for (const waiver of migration.waivers) {
    if (waiver.reason || waiver.peer || !waiverSeverity) continue;
    out.push({
      path: migration.path,
      line: waiver.line,
      endLine: waiver.line,
      rule: WAIVER_WITHOUT_REASON.id,
      category: WAIVER_WITHOUT_REASON.category,
      severity: waiverSeverity,
      message: `This waiver of ${waiver.rules.join(", ") || "every rule"} has no reason, so it does not apply: say why the hazard is acceptable.`,
      fix: asComment(migration.path, `migguard:ignore ${waiver.rules.join(",") || "RULE_ID"} <why this is safe here>`),
      statement: "",
      details: [],
    });
  }
  const shown = raw.map(({ finding, op }) => afterWaivers(finding, op, migration, replacedBy));
  for (const finding of withoutFoldedSteps(raw, shown)) if (finding) out.push(finding);
  return out;
}

/** A finding as shown after inline waivers, safety_assured, another linter's waiver and squashes: undefined when waived. */
function afterWaivers(finding: ReportedFinding, op: Operation | undefined, migration: Migration, replacedBy?: Migration): ReportedFinding | undefined {
  if (isWaived(finding, migration)) return undefined;
  if (op?.assured && finding.severity !== "info") {
    return { ...finding, severity: "info", message: `${finding.message} (waived by safety_assured)` };
  }
  // another linter's waiver: the team decided about this hazard, but gave no reason, so it stays visible as a note
  const peer = finding.severity !== "info" ? peerWaiverOf(finding, migration) : undefined;
  if (peer) {
    return { ...finding, severity: "info", message: `${finding.message} (waived by ${peer.peer} on line ${peer.line})` };
  }
  // a migration a Django squash replaces runs almost nowhere: a new database runs the squash, an up-to-date one
  // skips both; only one caught partway through the replaced set runs it (the squash's findings stand for its operations)
  if (replacedBy && finding.severity !== "info") {
    return { ...finding, severity: "info", message: `${finding.message} (replaced by the squashed migration ${replacedBy.path.split("/").pop()}: a new database runs the squash instead, and one that applied all it replaces skips both; Django runs this file only on a database that had applied part of the replaced set, not this migration, when the squash arrived)` };
  }
  // a squash replays history that every deployment already ran: it reaches a live table only on a database
  // that applied none of the migrations it replaces. A transaction error still breaks that fresh install
  if (migration.squashes > 0 && finding.severity !== "info" && finding.category !== "transaction") {
    return { ...finding, severity: "info", message: `${finding.message} (a squashed migration: it runs only on a database that applied none of the ${migration.squashes} migrations it replaces)` };
  }
  return finding;
}

const SEVERITY_RANK: Record<ReportedFinding["severity"], number> = { info: 0, warning: 1, error: 2 };

/** The lock rules whose finding on a step a rewrite runs under its lock is folded into the rewrite's (Report.folds). */
const FOLDED_RULES = new Set(["index-without-concurrently", "set-not-null", "constraint-without-not-valid", "unique-constraint-without-index"]);

/**
 * One hazard, one finding, for a table rewrite (rules/support/table-rewrite.ts), and for the other findings a report
 * says it folds (Report.folds' rules: a removed column's empty rollback): a later step of its transaction only
 * adds its time to the rewrite's outage, so its lock rule's finding is dropped when the rewrite's finding, which
 * names it, is shown and at least as loud after waivers and downgrades. A waived or downgraded rewrite (an inline
 * waiver, safety_assured, a small table) folds nothing: the steps keep their findings and its message stops
 * claiming they have none. `shown` is each raw finding as waivers leave it, in the same order.
 */
function withoutFoldedSteps(raw: readonly Raw[], shown: readonly (ReportedFinding | undefined)[]): (ReportedFinding | undefined)[] {
  const out = [...shown];
  raw.forEach(({ folds }, i) => {
    const rewrite = shown[i];
    if (!folds || !rewrite) return;
    const folded = folds.rules ? new Set(folds.rules) : FOLDED_RULES;
    const steps = raw.flatMap(({ op, finding }, j) => (op && folds.ops.includes(op) && folded.has(finding.rule) && shown[j] ? [j] : []));
    const carries = steps.every((j) => SEVERITY_RANK[rewrite.severity] >= SEVERITY_RANK[shown[j]!.severity]);
    if (carries) for (const j of steps) out[j] = undefined;
    else out[i] = { ...rewrite, message: rewrite.message.replace(folds.sentence, "") };
  });
  return out;
}

/** Go template or Jinja markers (`{{ .Schema }}`, `{% if %}`): the runner renders the file before PostgreSQL reads it. */
const TEMPLATE_MARKER = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/;

/**
 * A SQL template that still does not parse once its markers are filled neutrally (pg-parser's fillPlaceholders) may
 * be valid as rendered (a branch per condition, a name built from pieces): it is said as not analysed, a note,
 * never passed in silence and never called an error the rendered file may not have.
 */
function templateNotAnalysed(migration: Migration, e: ParseProblem): ReportedFinding | undefined {
  if (migration.framework !== "sql" || (e.path !== undefined && e.path !== migration.path) || !TEMPLATE_MARKER.test(migration.source ?? "")) return undefined;
  return {
    path: migration.path,
    line: e.line,
    endLine: e.endLine ?? e.line,
    rule: SYNTAX_ERROR.id,
    category: SYNTAX_ERROR.category,
    severity: "info",
    message: `Templated SQL, not analysed: the runner fills in this file's template markers ({{ ... }}, {% ... %}) before PostgreSQL reads it, and with them filled neutrally this statement still does not parse (${e.message}), so migguard checked nothing in it.`,
    fix: asComment(migration.path, "Check this statement as the template renders it (each branch), or write it so it parses with its markers filled in as names."),
    statement: "",
    details: [],
  };
}

const READS_AS_MYSQL = "This statement is valid MySQL (MySQL's grammar reads it) and was read as PostgreSQL's: if the project runs on MySQL, it is not an error there";
const READS_AS_MYSQL_FIX =
  "If this migration runs on MySQL, set `database: mysql` (or mariadb) in .github/migguard.yml and migguard checks it with MySQL's grammar and rules; if it runs on PostgreSQL, write the statement in PostgreSQL's syntax.";

function syntaxFindings(migration: Migration, config: Config): ReportedFinding[] {
  const severity = effectiveSeverity(config, SYNTAX_ERROR);
  if (!severity) return [];
  // a migration that ran on a database the project left did parse there (a new database loads the schema dump): what
  // the old database's grammar refuses is migguard's misreading (or the file never ran there), nothing to fix now
  const old = migration.ranOnOldDatabase;
  return migration.syntaxErrors.map((e) => templateNotAnalysed(migration, e) ?? ({
    path: e.path ?? migration.path,
    line: e.line,
    endLine: e.endLine ?? e.line,
    rule: SYNTAX_ERROR.id,
    category: SYNTAX_ERROR.category,
    severity: old ? "info" : severity,
    message: `Syntax error: ${e.message}${e.readsAsMysql ? `. ${READS_AS_MYSQL}` : ""}${old ? ` A note: ${old}, so it parsed where it ran and nothing runs it again.` : ""}`,
    fix: asComment(e.path ?? migration.path, e.readsAsMysql ? READS_AS_MYSQL_FIX : "Fix the statement so it parses; migguard could not check anything after it in this statement."),
    statement: "",
    details: [],
  }));
}

/** Parts of a file (or the whole file) nested deeper than migguard follows. */
function tooComplexFindings(path: string, problems: readonly ParseProblem[], config: Config): ReportedFinding[] {
  return problemFindings(TOO_COMPLEX, path, problems, config, (p) => ({
    message: `Not checked: ${p.message}.`,
    fix: asComment(p.path ?? path, "Write the construct flat (a list of statements, a variable per step, one SQL statement per operation) so it is nested a few dozen levels at most; migguard checks it then."),
  }));
}

/** Why a database's files are not read with PostgreSQL's grammar and rules, by its name as people write it. */
const UNREVIEWED_WHY: Readonly<Record<string, string>> = {
  CockroachDB: "its own grammar; it changes schemas online, so PostgreSQL's lock rules do not apply",
  SQLite: "its own grammar, with backtick quoting and an ALTER TABLE that rebuilds tables; it locks the whole database file, so PostgreSQL's syntax and lock rules do not apply",
};

/** One note per file migguard did not check because it runs on a database it does not review: never passed unread. */
function unreviewedFindings(files: Plan["unreviewed"], config: Config): ReportedFinding[] {
  const severity = effectiveSeverity(config, UNSUPPORTED_DATABASE);
  if (!severity) return [];
  return files.map(({ path, database }) =>
    notChecked(
      path,
      severity,
      `Not checked: this file runs on ${database}, which migguard does not review (${UNREVIEWED_WHY[database] ?? "its own grammar and locks"}). Review it by hand.`,
      `${database} migration: not checked by migguard; review it by hand`,
    ),
  );
}

/** One info per file the postgres-migrations runner skips: what was not checked, and why. */
function ignoredFindings(paths: readonly string[], config: Config): ReportedFinding[] {
  const severity = effectiveSeverity(config, UNSUPPORTED_DATABASE);
  if (!severity) return [];
  return paths.map((path) =>
    notChecked(
      path,
      severity,
      `Not checked: the file says \`${POSTGRES_MIGRATIONS_IGNORE}\`, so the project's postgres-migrations runner does not run its statements (supabase/storage's runs SELECT 1 in their place). migguard did not analyse it; if the marker goes, it will.`,
      "marked `postgres-migrations ignore`: the runner skips it, so migguard did not check it",
    ),
  );
}

/** The unsupported-database note on a file's first line: what was not checked, and a comment in its language that says so. */
function notChecked(path: string, severity: ReportedFinding["severity"], message: string, comment: string): ReportedFinding {
  return { path, line: 1, endLine: 1, rule: UNSUPPORTED_DATABASE.id, category: UNSUPPORTED_DATABASE.category, severity, message, fix: asComment(path, comment), statement: "", details: [] };
}

/** One unsupported-database note per Django folder of `folders`, on the folder's first migration: its message and comment. */
function folderNotes<T>(units: readonly MigrationUnit[], folders: ReadonlyMap<string, T>, config: Config, said: (folder: string, why: T) => { message: string; comment: string }): ReportedFinding[] {
  const severity = effectiveSeverity(config, UNSUPPORTED_DATABASE);
  if (!severity || folders.size === 0) return [];
  return [...folders].flatMap(([folder, why]) => {
    const path = units.filter((u) => migrationFolder(u.file) === folder).map((u) => u.file.path).sort()[0];
    if (!path) return [];
    const { message, comment } = said(folder, why);
    return [notChecked(path, severity, message, comment)];
  });
}

/** One info per Django folder whose app no database of the settings migrates. */
const unroutedFindings = (units: readonly MigrationUnit[], unrouted: ReadonlyMap<string, string>, config: Config): ReportedFinding[] =>
  folderNotes(units, unrouted, config, (folder, reason) => ({
    message: `Not checked: no database of the settings runs the migrations of ${folder}: ${reason}. migguard checks them on none (a database added at run time is not one it can name).`,
    comment: `${folder}: the database routers migrate this app on no database of DATABASES; not checked by migguard`,
  }));

/** One info per Django folder whose app no settings module installs: Django never runs them. */
const uninstalledFindings = (units: readonly MigrationUnit[], uninstalled: ReadonlyMap<string, UninstalledApp>, config: Config): ReportedFinding[] =>
  folderNotes(units, uninstalled, config, (folder, app) => ({
    message: `Not checked: the app ${app.label} (${app.appFolder}) is not in INSTALLED_APPS (${app.settings.join(", ")}): Django never runs the migrations of ${folder}, so what they would drop or lock stays as it is. To run them, install the app; its tables stay in the database until a migration that runs drops them.`,
    comment: `${app.label} is not in INSTALLED_APPS: Django never runs this migration; not checked by migguard`,
  }));

/**
 * A finding once per path, line, rule, message and fix (sorted, so equal ones are adjacent): the same cause reached
 * twice (a loop unrolled over a list, a helper called from two places) is one thing for the reader to fix. Findings
 * that say the same but fix different statements (two in one execute string) all stay.
 */
function oncePerPlace(sorted: ReportedFinding[]): ReportedFinding[] {
  const seen = new Set<string>();
  return sorted.filter((f, i) => {
    if (i > 0 && byLocation(sorted[i - 1], f) !== 0) seen.clear();
    const key = `${f.endLine}\0${f.fix}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Operations the code hides from a static reading (send, eval, getattr, SQL built at run time). */
function hiddenFindings(migration: Migration, config: Config): ReportedFinding[] {
  const generic = (p: HiddenOperation) => asComment(p.path ?? migration.path, "Call the migration method or operation by name with its arguments written out, and give it its SQL as a literal string, so reviewers and migguard see what runs.");
  return problemFindings(HIDDEN_OPERATION, migration.path, migration.hidden, config, (p) => ({
    message: `${p.message[0].toUpperCase()}${p.message.slice(1)}.`,
    fix: p.fix ?? generic(p),
  }));
}

function problemFindings<P extends ParseProblem>(meta: RuleMeta, path: string, problems: readonly P[], config: Config, text: (p: P) => { message: string; fix: string }): ReportedFinding[] {
  const severity = effectiveSeverity(config, meta);
  if (!severity) return [];
  return problems.map((p) => ({
    path: p.path ?? path,
    line: p.line,
    endLine: p.endLine ?? p.line,
    rule: meta.id,
    category: meta.category,
    severity,
    ...text(p),
    statement: "",
    details: [],
  }));
}

function configFindings(problems: readonly ConfigProblem[], path: string, config: Config): ReportedFinding[] {
  const severity = effectiveSeverity(config, INVALID_CONFIG);
  if (!severity) return [];
  return problems.map((p) => ({
    path,
    line: p.line ?? 1,
    endLine: p.line ?? 1,
    rule: INVALID_CONFIG.id,
    category: INVALID_CONFIG.category,
    severity,
    message: `Invalid config key \`${p.key}\`: ${p.message}. ${p.wholeConfig ? "The whole config is set aside: every key has its default." : p.message.startsWith("unknown") ? "It is ignored." : "Its default is used instead."}`,
    fix: "Fix or remove the key; `migguard rules` lists the rule ids and the README lists every key.",
    statement: "",
    details: [],
  }));
}

const ONLINE: DeployDecision = { mode: "online", source: "default" };

/** Run every rule over one migration of the model (`production`: the snapshot and the run's other migrations). */
export function checkMigration(
  migration: Migration,
  config: Config,
  errors: FileError[] = [],
  codeFiles: readonly SourceFile[] = [],
  snapshot?: ProductionContext,
  conventions: Conventions = {},
  /** names and types the repository tells the fixes (earlier migrations, schema dump, models, Gemfile) */
  repository: RepositoryView = repositoryView(migration, RepositoryFacts.none(), SchemaHistory.empty(), codeFiles),
  /** the change the migration belongs to (a review's added migrations, in run order) */
  change: ChangePlan = ChangePlan.none,
  /** offline: findings whose hazard needs traffic or old code become notes (a function: asked only when such a finding is found) */
  deploy: DeployDecision | (() => DeployDecision) = ONLINE,
): ReportedFinding[] {
  return reportMigration(migration, config, ruleFindings(migration, config, errors, codeFiles, snapshot, conventions, repository, change, change === ChangePlan.none ? ShippedTogether.none : undefined), deploy);
}

/** The rules' findings on one migration, before the deploy, waivers and syntax findings (`reportMigration`). */
function ruleFindings(
  migration: Migration,
  config: Config,
  errors: FileError[],
  codeFiles: readonly SourceFile[],
  snapshot: ProductionContext | undefined,
  conventions: Conventions,
  repository: RepositoryView,
  change: ChangePlan,
  /**
   * lint: no base branch says what is deployed, so a table created less than a day earlier, or by a migration git
   * says reached the branch in the same commit, is taken to ship with this migration (same-deploy-tables.ts)
   */
  sameDeployGuess: ShippedTogether | undefined,
  /** the change's own word on its tables' size, when the change adds this migration */
  changeSizeNote?: ChangeSizeNote,
): Raw[] {
  const facts = computeFacts(migration, change);
  // the Rails the project runs now: a fix's new code must run there (rules/support/rails-version.ts)
  if (migration.framework === "rails") migration.railsRuns ??= railsRunsFrom(migration, repository.lockedRailsVersion, () => repository.laterInFolder);
  // a production snapshot is PostgreSQL's catalogs: it says nothing about a MySQL or SQLite migration
  const production = (migration.database ?? "postgresql") === "postgresql" ? snapshot : undefined;
  let raw: Raw[] = [];
  for (const rule of RULES) {
    if (rule.meta.frameworks && !rule.meta.frameworks.includes(migration.framework)) continue;
    if (!appliesToDatabase(rule.meta, migration.database)) continue;
    if (!effectiveSeverity(config, rule.meta)) continue; // switched off: do not even look
    try {
      append(raw, runRule(rule, migration, config, facts, codeFiles, production, conventions, repository));
    } catch (error) {
      errors.push({ path: migration.path, message: `rule ${rule.meta.id} failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  if (production) raw = againstProduction(raw, production.production, config);
  if (sameDeployGuess) raw = againstSameDeployTables(raw, migration, facts.indexOf, repository, config, production?.production, sameDeployGuess);
  raw = againstSingletonTables(raw, migration, facts.indexOf, repository, production?.production);
  raw = againstTableAges(raw, migration, repository, config, production?.production, sameDeployGuess);
  // lint: a schema of the repository's first weeks, before any tag, was not released, nor a table created and changed
  // before the first version tag that holds either (a review's base branch says what is); after the young and
  // same-deploy tables, whose notes say more of the table when they apply
  if (sameDeployGuess) raw = againstPreRelease(raw, migration, facts.indexOf, repository, sameDeployGuess, production?.production);
  else {
    // review: a table an earlier migration of the change created is known to no deployed code, rows or not
    raw = againstTablesOfTheChange(raw, migration, facts.indexOf, change);
    // and one a base-branch migration created since the newest version tag is in no release either
    raw = againstUnreleasedBase(raw, migration, facts.indexOf, repository, change, production?.production);
  }
  // after the notes that say more of the table (one row, young, unreleased): a table no running code fills
  raw = againstHandFilledTables(raw, migration, repository, production?.production, change);
  raw = againstAuthorSize(raw, migration, production?.production, changeSizeNote);
  keepRunnerTemplates(raw, migration);
  keepPlaceholders(raw, migration);
  keepRevisionParameters(raw, migration);
  commitBeforeAutocommit(raw, migration, repository);
  // the operation as written, for the databases that keep it: a batch call within its block
  const asWritten = (op: Operation | undefined) => (op?.batchBlock && batchWithOnly(op, migration.source)) || op?.text;
  if (migration.alsoRunsOn?.length) for (const r of raw) r.finding = portableFinding(r.finding, migration, ruleDatabases(RULE_META.get(r.finding.rule) ?? {}), asWritten(r.op));
  // lint: a migration a version tag already shipped is not rewritten by its fix (installs ran it): the fix says so
  if (sameDeployGuess) raw = againstShippedMigration(raw, migration, sameDeployGuess, (rule) => RULE_META.get(rule)?.fixReplacesOperation === true || RULE_META.get(rule)?.fixRewritesMigration === true);
  return raw;
}

/**
 * A Flyway migration's empty U file, where the deploy files show Flyway run with `migrate` and nothing runs `undo`
 * (flyway-commands.ts): Flyway never runs it, so its emptiness cannot matter, and empty-down says nothing. Without
 * a command that shows how Flyway runs the finding stays: undo may be run from where migguard does not look.
 */
function withoutUnrunUndo(migration: Migration, raw: Raw[], flyway: () => FlywayCommands): Raw[] {
  if (migration.layout !== "flyway" || !raw.some((r) => r.finding.rule === "empty-down")) return raw;
  const { migrate, undo } = flyway();
  return migrate && !undo ? raw.filter((r) => r.finding.rule !== "empty-down") : raw;
}

/**
 * Fixes that cannot run in a transaction, where the project's own migrator runs the file in one (fider's
 * dbx.Migrate, concourse's runMigration: deploy/go-transaction-runner.ts), or a library that always does
 * (maragudk/migrate: gitness): the report's fix for that runner, which names the Exec or the call that shows it.
 */
function underOwnRunner(migration: Migration, raw: Raw[], runner: (path: string) => { path: string; line: number; library?: string } | undefined): Raw[] {
  const at = runner(migration.path);
  if (!at) return raw;
  // a library (maragudk/migrate) is named with the call that runs it: its file names alone look like golang-migrate's
  const who = at.library ? `${at.library} (called at ${at.path}:${at.line})` : `the project's own migrator (${at.path}:${at.line} Execs each file in a transaction it began)`;
  return raw.map((r) => {
    const fix = r.fixUnderRunnerTransaction?.(who);
    return fix === undefined ? r : { ...r, finding: { ...r.finding, fix } };
  });
}

const LOCK_TIMEOUT_RULE = "require-lock-timeout";

/**
 * require-lock-timeout's reminder where the project's own Go migrator sets lock_timeout on the connection it migrates
 * with (goalert's migrate.go: `set lock_timeout = 15000`, deploy/go-lock-timeout.ts): each statement already gives up
 * after that wait, so the reminder is a note naming the line that sets it.
 */
function withoutRunnerLockTimeout(migration: Migration, raw: Raw[], runner: (path: string) => { path: string; line: number } | undefined): Raw[] {
  if (migration.framework !== "sql" || !raw.some((r) => r.finding.rule === LOCK_TIMEOUT_RULE && r.finding.severity !== "info")) return raw;
  const at = runner(migration.path);
  if (!at) return raw;
  return raw.map((r) =>
    r.finding.rule === LOCK_TIMEOUT_RULE
      ? { ...r, finding: { ...r.finding, severity: "info", message: `${r.finding.message} The project's own migrator sets lock_timeout on the connection it migrates with (${at.path}:${at.line}), so the wait is bounded already.` } }
      : r,
  );
}

/** A finding that an offline deploy would make a note: the deploy is read only when one is there (it may walk the repository). */
const dependsOnDeploy = (raw: readonly Raw[]): boolean => raw.some((r) => (r.hazard || r.withoutOldCode) && r.finding.severity !== "info");

/** The findings of one migration as reported: the deploy's notes, waivers, syntax and hidden-statement findings. */
function reportMigration(
  migration: Migration,
  config: Config,
  rawFindings: Raw[],
  deploy: DeployDecision | (() => DeployDecision),
  /** lint: the Django squash whose `replaces` lists this migration */
  replacedBy?: Migration,
): ReportedFinding[] {
  let raw = rawFindings;
  // the database it ran on is gone, and a new one loads the schema dump: no table of it can be locked again, no
  // code of that time runs (a hazard that stands without traffic, data loss or a rollback, keeps its severity)
  const old = migration.ranOnOldDatabase;
  if (old)
    raw = raw.map((r) =>
      (r.hazard === "concurrency" || r.hazard === "old-code") && r.finding.severity !== "info"
        ? { ...r, finding: { ...r.finding, severity: "info" as const, message: `${r.finding.message} A note: ${old}, so this can no longer happen.` } }
        : r,
    );
  if (dependsOnDeploy(raw)) {
    const decision = typeof deploy === "function" ? deploy() : deploy;
    if (decision.mode === "offline") raw = raw.map((r) => ({ ...r, finding: underDeploy(r.finding, r.hazard, decision) }));
    // a data-loss message's claim about running code, where the deploy leaves none running while it migrates
    const gone = raw.some((r) => r.withoutOldCode) ? oldCodeGone(decision, migration.framework) : undefined;
    if (gone)
      raw = raw.map((r) =>
        r.withoutOldCode ? { ...r, finding: withoutOldCode(r.finding, { message: r.withoutOldCode, fix: r.fixWithoutOldCode, gone, nameKnown: !namesUnknown(r.op) }) } : r,
      );
    // the order of code and migration: old-code notes where only the new code is left, new-code findings only then
    raw = raw.flatMap((r) => {
      const finding = underCodeOrder(r.finding, r.hazard, r.newCodeFailsToo === true, migration.framework, decision, r.underCodeFirst);
      return finding ? [{ ...r, finding }] : [];
    });
  }
  const reported = [...applyWaivers(oneFindingPerHazard(raw), migration, config, replacedBy), ...syntaxFindings(migration, config), ...tooComplexFindings(migration.path, migration.tooComplex, config), ...hiddenFindings(migration, config).filter((f) => !isWaived(f, migration))];
  // an app only test settings install: Django runs its migrations on the test database alone
  const testOnly = migration.djangoInstalledApps?.testOnly;
  return testOnly ? reported.map((f) => asTestAppNote(f, { label: migration.djangoLabel, testOnly })) : reported;
}

/** SQL fixes keep the runner's templating of the names they repeat (rivermigrate's `/* TEMPLATE: schema *\/`). */
function keepRunnerTemplates(raw: Raw[], migration: Migration): void {
  if (migration.framework !== "sql") return;
  const downTexts = migration.down.status === "present" ? migration.down.ops.map((o) => o.text) : [];
  const names = templatedNames([migration.source ?? "", ...downTexts]);
  if (names.size === 0) return;
  for (const r of raw) r.finding = { ...r.finding, fix: keepTemplates(r.finding.fix, names) };
}

/**
 * Flyway, Liquibase and goose ENVSUB files are parsed with their `${placeholder}`s masked (layouts/templates.ts):
 * what a finding prints from the statements (a whole-file fix, a table's name) shows each as written again.
 */
function keepPlaceholders(raw: Raw[], migration: Migration): void {
  if (migration.framework !== "sql" || !migration.source?.includes("${")) return;
  const masks = placeholderMasks(migration.source);
  if (masks.size === 0) return;
  const unmask = (text: string) => unmaskPlaceholders(text, masks);
  for (const r of raw) {
    r.finding = { ...r.finding, message: unmask(r.finding.message), fix: unmask(r.finding.fix) };
    if (r.withoutOldCode !== undefined) r.withoutOldCode = unmask(r.withoutOldCode);
    if (r.fixWithoutOldCode !== undefined) r.fixWithoutOldCode = unmask(r.fixWithoutOldCode);
    // the code-first finding replaces the message and fix whole (underCodeOrder): it prints the placeholders too
    const codeFirst = r.underCodeFirst;
    if (codeFirst) r.underCodeFirst = { ...codeFirst, message: (deploy: string) => unmask(codeFirst.message(deploy)), fix: unmask(codeFirst.fix) };
  }
}

/** Alembic fixes that write `upgrade()`/`downgrade()` take the parameters the revision's own functions take. */
function keepRevisionParameters(raw: Raw[], migration: Migration): void {
  const parameters = migration.alembicParameters;
  if (migration.framework !== "alembic" || !parameters) return;
  for (const r of raw) if (r.finding.fix) r.finding = { ...r.finding, fix: withRevisionParameters(r.finding.fix, parameters) };
}

/**
 * Alembic fixes that leave the transaction with autocommit_block() commit first where an execute of env.py began a
 * transaction Alembic did not; where env.py began it with begin() they show env.py's change the block needs.
 */
function commitBeforeAutocommit(raw: Raw[], migration: Migration, repository: RepositoryView): void {
  const env = migration.alembicTransactions?.external;
  if (migration.framework !== "alembic" || !env) return;
  // env.py's own begin(): no revision can end that transaction, whatever SQLAlchemy's version
  if (env.begun) {
    for (const r of raw) if (r.finding.fix) r.finding = { ...r.finding, fix: withEnvChangeForAutocommit(r.finding.fix, env) };
    return;
  }
  const sqlalchemy2 = repository.sqlalchemyAtLeast("2.0");
  // SQLAlchemy 1.x (its dependency files say so) without future=True on env.py's engine: that execute begins no
  // transaction Alembic sees, and its Connection has no commit()
  const future = migration.alembicTransactions?.futureEngine === true;
  if (sqlalchemy2 === false && !future) return;
  const engine = sqlalchemy2 ? "sqlalchemy2" : future ? "future" : undefined;
  for (const r of raw) if (r.finding.fix) r.finding = { ...r.finding, fix: withCommitBeforeAutocommit(r.finding.fix, env, engine, () => repository.alembicAutocommitPrecedent) };
}

/** Alembic revisions learn from their env.py whether one upgrade's revisions share a transaction (split fixes need it). */
function attachAlembicTransactions(parsed: ReadonlyMap<MigrationUnit, Parsed>, files: ReadonlyMap<string, SourceFile>): void {
  const revisions = [...parsed.values()].flatMap((p) => (p && "migration" in p && p.migration.framework === "alembic" ? [p.migration] : []));
  if (revisions.length === 0) return;
  const read = new Map<string, AlembicTransactions | undefined>();
  for (const migration of revisions) {
    const env = alembicEnvFor(migration.path, files);
    if (!env) continue;
    if (!read.has(env.path)) {
      try {
        read.set(env.path, readAlembicTransactions(env.path, env.content));
      } catch {
        read.set(env.path, undefined); // an env.py the Python grammar cannot read says nothing
      }
    }
    const transactions = read.get(env.path);
    if (!transactions) continue;
    migration.alembicTransactions = transactions;
    // env.py's AUTOCOMMIT connection: Alembic's begin_transaction() begins nothing, each statement commits on its own
    if (transactions.autocommit) for (const op of [...migration.up, ...(migration.down.status === "present" ? migration.down.ops : [])]) op.inTransaction = false;
  }
}

/**
 * The env.py a revision reads its settings' conditions through (alembic-settings-dialect.ts), where the revision is
 * read as on PostgreSQL: on a folder decided for another database the conditions are not PostgreSQL's.
 */
function alembicEnvOn(unit: MigrationUnit, decision: DatabaseDecision | undefined, signals: ReadonlyMap<string, SourceFile> | undefined): SourceFile | undefined {
  if (!signals || (decision && decision.database !== "postgresql")) return undefined;
  return alembicEnvFor(unit.file.path, signals);
}

/** A unit parses into a migration, is too complex to check as a whole, or fails (an error of its own file). */
type Parsed = { migration: Migration } | { tooComplex: ParseProblem } | undefined;

function parseUnit(unit: MigrationUnit, errors: FileError[], decision: DatabaseDecision | undefined, djangoProject?: DjangoProject, projectFile?: ProjectFileReader, signals?: ReadonlyMap<string, SourceFile>, railsSettings?: RailsSettings, rubyFiles?: () => readonly SourceFile[]): Parsed {
  const adapter = adapterFor(unit.file.framework);
  if (!adapter) {
    errors.push({ path: unit.file.path, message: `${unit.file.framework} migrations are not supported by this build; the file was not analysed` });
    return undefined;
  }
  try {
    const migration = withSqlDialect(decision?.database, decision?.version, () => adapter.parse({ ...unit, database: decision?.database, databaseVersion: decision?.version, ...(unit.file.framework === "django" ? { djangoProject, projectFile } : unit.file.framework === "alembic" ? { projectFile, alembicEnv: alembicEnvOn(unit, decision, signals) } : unit.file.framework === "rails" ? { ...(railsSettings ? { railsSettings: railsSettings(unit.file.path) } : {}), projectFile, rubyFiles } : {}) }));
    migration.source ??= unit.content;
    if (unit.databaseReason) migration.ranOnOldDatabase = unit.databaseReason;
    if (decision) {
      migration.database = decision.database;
      if (decision.version) migration.databaseVersion = decision.version;
      else if (decision.database === "postgresql" && decision.namedVersion) migration.databaseVersion = decision.namedVersion.version;
      if (decision.alsoRunsOn?.length) migration.alsoRunsOn = decision.alsoRunsOn.filter((d) => d !== decision.database);
    }
    return { migration: enrichMigration(migration) };
  } catch (error) {
    if (error instanceof TooComplexError) return { tooComplex: { line: error.line, message: error.message } };
    // every walker over a tree is bounded (limits.ts); this is the net under one that is not
    if (isStackOverflow(error)) return { tooComplex: { line: 1, message: "a construct of this file is nested too deeply for migguard to follow" } };
    errors.push({ path: unit.file.path, message: `could not analyse (${unit.file.framework}/${unit.file.layout}): ${error instanceof Error ? error.message : String(error)}` });
    return undefined;
  }
}

/**
 * The analysis, pausing before each file: the async driver lets a parser instance that an earlier file broke be
 * replaced there (libpg-query's take a moment to create), so no file is parsed by a broken one.
 */
interface Plan {
  config: Config;
  errors: FileError[];
  readable: SourceFile[];
  units: MigrationUnit[];
  orphanDowns: ReturnType<typeof groupMigrations>["orphanDowns"];
  /** files for a database migguard does not review (pop's `x.cockroach.up.sql`): reported, never parsed */
  unreviewed: Array<{ path: string; database: string }>;
}

/** Which files are migrations, and how they pair up: what the parsers will be given. */
function plan(input: AnalyzeInput): Plan {
  const config = input.config ?? structuredClone(CONFIG_DEFAULTS);
  const errors: FileError[] = [];
  const readable: SourceFile[] = [];
  for (const file of input.files) {
    const looksLikeMigration = input.explicitPaths?.has(file.path) || detectByPath(file.path, config) !== undefined;
    if (!looksLikeMigration) continue;
    const unreadable = notText(file.content);
    if (unreadable) errors.push({ path: file.path, message: unreadable });
    else if (Buffer.byteLength(file.content) > config.max_file_bytes)
      errors.push({ path: file.path, message: `larger than ${config.max_file_bytes} bytes (max_file_bytes)` });
    else readable.push(file);
  }
  // earlier Django migrations of the same app let the adapter rebuild the model state (AlterField, RenameField)
  const context = [...(input.contextMigrations ?? []), ...(input.codeFiles ?? [])];
  const grouped = groupMigrations(readable, config, input.explicitPaths, context);
  const unreviewed: Plan["unreviewed"] = [];
  // pop's files without a dialect run on the databases their siblings leave them (dialect-file.ts): siblings a review
  // did not read are in the repository's listing
  const folderPaths = [...readable, ...(input.contextMigrations ?? [])].map((f) => f.path);
  const popGenericTargets = popGenericTargetsIn([...folderPaths, ...(input.repositoryPaths ?? [])]);
  const generic = (path: string) => popGenericReading(popGenericTargets(path));
  // pop's SQLite-only files beside server databases' files: development databases, nothing to review or note
  const sqliteOnly = sqliteOnlyPopFilesIn([...folderPaths, ...(input.repositoryPaths ?? [])]);
  const reviewed = (path: string) => {
    if (sqliteOnly(path)) return false;
    const reading = generic(path);
    const database = unreviewedDatabase(path) ?? (reading && "unreviewed" in reading ? reading.unreviewed : undefined);
    if (database) unreviewed.push({ path, database });
    return !database;
  };
  const units = grouped.units.filter((u) => reviewed(u.file.path));
  // the folders sqlx's migrator runs, read once when a SQL file may be one of them
  let folders: Map<string, string[]> | undefined;
  let rustFiles: SourceFile[] | undefined;
  const crateFiles = () => (rustFiles ??= rustCrateFiles(input.repositoryFiles, input.codeFiles));
  const sqlxFolders = () => (folders ??= plannedSqlxFolders(crateFiles()));
  for (const unit of units) {
    const targets = popGenericTargets(unit.file.path);
    const reading = popGenericReading(targets);
    if (reading && "database" in reading) unit.database = reading.database;
    // pop runs a dialect-less file too, in its transaction, where its go.mod says pop is the runner and no sibling
    // names a dialect (diesel's up.sql is no pop file)
    if (unit.file.layout === "golang-migrate" && (targets || (!/(?:^|\/)up\.sql$/.test(unit.file.path) && unit.file.path.endsWith(".sql") && runsOnPop(unit.file.path, input.repositoryFiles ?? [])))) unit.pop = true;
    // diesel leaves its transaction where the folder's metadata.toml says so (among the repository's files)
    if (unit.file.layout === "diesel") {
      const metadata = (input.repositoryFiles ?? []).find((f) => f.path === `${dirOf(unit.file.path)}/metadata.toml`);
      if (metadata && dieselRunsOutsideTransaction(metadata.content)) unit.noRunnerTransaction = true;
    }
    // plain SQL the postgres-migrations package runs (the nearest package.json depends on it): a transaction per file
    if (unit.file.layout === "plain-sql" && runsOnPostgresMigrations(unit.file.path, input.repositoryFiles ?? [])) unit.postgresMigrations = true;
    // golang-migrate's names in a Rust crate that depends on sqlx: sqlx's migrator runs them, a transaction per file
    const golangNames = unit.file.layout === "golang-migrate" && !unit.pop && !/(?:^|\/)(?:up|down)\.sql$/.test(unit.file.path);
    if (golangNames && runsOnSqlx(unit.file.path, input.repositoryFiles ?? [])) unit.sqlx = true;
    // any names (a simple `<version>_<name>.sql` too) in a folder a sqlx crate embeds (repository/sqlx-folders.ts)
    if ((golangNames || (unit.file.layout === "plain-sql" && !unit.postgresMigrations)) && sqlxFolders().has(dirOf(unit.file.path))) unit.sqlx = true;
    // the crates that run it (sqlx's that embed its folder, diesel's it lies in) connect only to the databases of their drivers
    if (unit.sqlx || unit.file.layout === "diesel") unit.crateDatabases = ownerCrateDatabases(unit.file.path, sqlxFolders().get(dirOf(unit.file.path)) ?? [], crateFiles());
    // Drizzle: the folder's journal gives the order (idx), the date (when) and the database (dialect)
    if (unit.file.layout === "drizzle") withDrizzleJournal(unit, input.repositoryFiles ?? []);
  }
  const orphanDowns = grouped.orphanDowns.filter((d) => reviewed(d.file.path));
  return { config, errors, readable, units, orphanDowns, unreviewed };
}

/** The frameworks whose parsers a plan needs (orphan down files are SQL). */
const frameworksOf = (planned: Plan): Framework[] => [...planned.units.map((u) => u.file.framework), ...(planned.orphanDowns.length ? ["sql" as const] : [])];

/**
 * The analysis as steps: each `yield` lets the driver wait for a replaced parser, and a yielded promise is a reader
 * the next step needs (the deploy files' YAML parser) that the driver waits for.
 */
function* analysisSteps(input: AnalyzeInput, planned: Plan, signals = signalFiles(input)): Generator<Promise<void> | void, AnalysisResult> {
  const { config, errors, readable } = planned;
  // a file marked `-- postgres-migrations ignore` never runs: reported as not checked, never analysed (the marker is a
  // comment PostgreSQL's scanner finds, loaded by now, not yet when the plan was made)
  const ignored = new Set(planned.units.filter((u) => u.postgresMigrations && ignoredByPostgresMigrations(u.content)).map((u) => u.file.path));
  const run = planned.units.filter((u) => !ignored.has(u.file.path));
  const migrations: Migration[] = [];
  const findings: ReportedFinding[] = [...unreviewedFindings(planned.unreviewed, config), ...ignoredFindings([...ignored], config)];
  // the PostgreSQL version the repository names (compose images, CI service containers, structure.sql's header), when
  // the config names none: the rules judge and write fixes for it (EXECUTE PROCEDURE before 11); YAML's reader first
  const versionFiles = config.postgres_version === undefined && config.database_version === undefined ? [...(input.projectFiles ?? []), ...(input.repositoryFiles ?? [])].filter((f) => isPostgresVersionPath(f.path)) : [];
  const versionReader = postgresVersionReaderToLoad(versionFiles);
  if (versionReader) yield versionReader;
  const databases = decideDatabases(run, readable, signals, config, namedPostgresVersion(versionFiles), input.contextMigrations);
  // SQL files that run on SQLite (diesel's migrations/sqlite, `database: sqlite`) are in SQLite's own grammar
  // (backticks) and locks: PostgreSQL's parser and rules would report what is not there. Noted, never passed unread.
  const onSqlite = (file: MigrationUnit["file"]) => file.framework === "sql" && decisionFor({ file, content: "" }, databases)?.database === "sqlite";
  const units = run.filter((u) => !onSqlite(u.file));
  const orphanDowns = planned.orphanDowns.filter((d) => !onSqlite(d.file));
  const sqliteFiles = [...run.filter((u) => onSqlite(u.file)), ...planned.orphanDowns.filter((d) => onSqlite(d.file))];
  findings.push(...unreviewedFindings(sqliteFiles.map((u) => ({ path: u.file.path, database: "SQLite" })), config));
  // the old database's grammar, which nothing else may have asked for (the settings name PostgreSQL alone now)
  if (input.databaseHistory && ranBeforeSwitch(units, databases, input.databaseHistory)) yield loadMysqlGrammar();
  const djangoProject = djangoProjectOf(units, signals);
  const railsSettings = railsSettingsOf(input);
  const missingProjectModules = new Set<string>();
  // Rails: where a migration's project base class is read (adapters/rails/project-base-class.ts)
  const projectFile = djangoProject || units.some((u) => u.file.framework === "alembic" || u.file.framework === "rails") ? projectFileReader(input, missingProjectModules) : undefined;
  const rubyFiles = rubyFilesOf(input);
  // Django apps the project's routers never migrate on PostgreSQL: their database, or none (not checked, said once)
  const unrouted = djangoProject ? routeDjangoFolders(units, databases, signals, projectFile) : new Map<string, string>();
  findings.push(...unroutedFindings(units, unrouted, config));
  // Django apps no settings module installs: migrate never loads their migrations (not checked, said once)
  const uninstalled = djangoProject ? uninstalledDjangoFolders([...new Set(units.filter((u) => u.file.framework === "django").map((u) => migrationFolder(u.file)))], signals) : new Map<string, UninstalledApp>();
  findings.push(...uninstalledFindings(units, uninstalled, config));
  // all parsing first, then all rules: two tight phases run measurably faster than alternating per file
  const parsed = new Map<MigrationUnit, Parsed>();
  const unitErrors = new Map<MigrationUnit, FileError[]>();
  const parseOnce = (unit: MigrationUnit) => {
    const own: FileError[] = [];
    parsed.set(unit, parseUnit(unit, own, decisionFor(unit, databases), djangoProject, projectFile, signals, railsSettings, rubyFiles));
    unitErrors.set(unit, own);
  };
  // a parse that found PostgreSQL's parser broken and not yet replaced (there are no spares before the first
  // break: pg-query.ts) runs once more, after the pause in which the driver readies the replacement and spares
  const parseInto = function* (unit: MigrationUnit): Generator<void, void> {
    const misses = parserMisses();
    parseOnce(unit);
    if (parserMisses() === misses) return;
    yield;
    parseOnce(unit);
  };
  for (const unit of units) {
    yield;
    yield* parseInto(unit);
  }
  attachAlembicTransactions(parsed, signals);
  // a folder assumed to be PostgreSQL whose refused files MySQL's grammar reads whole is MySQL's
  const refused = (unit: MigrationUnit) => {
    const result = parsed.get(unit);
    return result !== undefined && "migration" in result && result.migration.syntaxErrors.length > 0;
  };
  for (const [folder, decision] of databases) {
    const problems = (unit: MigrationUnit) => {
      const result = parsed.get(unit);
      return result !== undefined && "migration" in result ? result.migration.syntaxErrors : [];
    };
    const revised = reviseFromRefusals(decision, units.filter((u) => migrationFolder(u.file) === folder && refused(u)), problems);
    if (!revised) continue;
    databases.set(folder, revised);
    for (const unit of units) {
      if (migrationFolder(unit.file) !== folder) continue;
      yield;
      yield* parseInto(unit);
    }
  }
  for (const unit of units) {
    append(errors, unitErrors.get(unit) ?? []);
    const result = parsed.get(unit);
    if (result && "migration" in result) migrations.push(result.migration);
    else if (result) findings.push(...tooComplexFindings(unit.file.path, [result.tooComplex], config));
  }
  const production = input.snapshot ? { production: new Production(input.snapshot), run: new RunObjects(migrations) } : undefined;
  // a Rails application's dumps: the one it writes, not a leftover of the other format (head-dumps.ts)
  const leftoverReader = leftoverReaderToLoad(input.repositoryFiles ?? [], units.some((u) => u.file.framework === "rails"));
  if (leftoverReader) yield leftoverReader;
  const repositoryFiles = withoutLeftoverDumps(input.repositoryFiles ?? [], config);
  const facts = new RepositoryFacts(repositoryFiles, input.applicationCode, input.codeFilesCapped, input.baseDumps);
  const earlier = yield* historyOnly(input, units, parsed, config, databases);
  // the habits of the folders: their context migrations count too, with their downs as read (a review's siblings on
  // the base branch, review/sibling-downs-on-base.ts); a review's own new migrations never do (what the team did before it)
  const conventions = downConventions(migrations, [...(input.repositoryPaths ?? []), ...readable.map((f) => f.path)], config, earlier.map((e) => e.migration), input.changeAdds);
  // Flyway's and Spring's settings readers: the baselines below, and the schema Flyway runs the migrations in
  const baselineReaders = Baselines.readersToLoad(input.repositoryFiles ?? [], [...migrations, ...earlier.map((e) => e.migration)]);
  if (baselineReaders) yield baselineReaders;
  const history = new SchemaHistory(
    [
      ...units.flatMap((unit) => {
        const result = parsed.get(unit);
        return result && "migration" in result ? [{ file: unit.file, migration: result.migration }] : [];
      }),
      ...earlier,
    ],
    flywaySchemaOf(input.repositoryFiles ?? []),
  );
  // a gem's namespaced model (ActiveAdmin::Comment) works on the table the migrations before it created
  resolveModelTables(migrations, history);
  // a Rails remove_foreign_key by its target drops the key the earlier migrations left to it, whatever its column
  nameRemovedForeignKeysFromHistory(migrations, history);
  // migrations at or before the line a team declared ran everywhere: parsed for the history above, not checked
  const baselines = new Baselines(config, input.repositoryFiles ?? [], [...migrations, ...earlier.map((e) => e.migration)], input.configPath);
  const codeFiles = input.codeFiles ?? [];
  const change = changePlanFor(units, parsed, input.changeAdds, input.baseCodeFiles, input.unreleasedBase, input.changeAdds && input.changeEdits ? { added: input.changeAdds, edited: input.changeEdits } : undefined);
  const deploy = new DeployDecider(config, input.deployFiles ?? input.repositoryFiles ?? [], input.changeDowntime);
  // a migration ships together with another one: a lone migration (a one-file lint with no history) asks git nothing
  const shipped = migrations.length + earlier.length > 1 ? new ShippedTogether(input.shippedWith ?? new Map(), input.foundedFolder, input.addedAt, input.preRelease, input.firstReleases) : ShippedTogether.none;
  // lint only: the repository's own dumps (a review decides checks on the base branch's, review/guards/guards-on-base.ts)
  let dumpOf: DumpReader | undefined;
  if (input.changeAdds === undefined) {
    const dumps = repositoryDumps(repositoryFiles, config, input.repositoryPaths ?? []);
    const dumpReader = dumpReaderToLoad(dumps);
    if (dumpReader) yield dumpReader;
    dumpOf = repositoryDumpReader(dumps);
  }
  const detected = new Map(units.map((unit) => [unit.file.path, unit.file]));
  for (const migration of migrations) {
    // a migration a review adds is new, whatever its version says (a backdated one is judged by the history rules)
    if (!input.changeAdds?.has(migration.path) && baselines.covering(migration)) continue;
    const routedOff = detected.get(migration.path);
    if (routedOff && (unrouted.has(migrationFolder(routedOff)) || uninstalled.has(migrationFolder(routedOff)))) continue;
    const view = repositoryView(migration, facts, history, codeFiles);
    // a plain SQL drop searches the application's JavaScript/TypeScript with Babel: loaded for such a drop only,
    // when the code it searches (read now, as the drop rules would) holds a script
    if (migration.framework === "sql" && migration.up.some((op) => op.kind === "drop_column" || op.kind === "drop_table") && view.applicationCode().some((f) => isScriptPath(f.path))) {
      const load = scriptSyntaxToLoad();
      if (load) yield load;
    }
    if (migration.framework === "sql" && migration.up.some((op) => op.kind === "drop_column" || op.kind === "drop_table")) {
      const code = view.applicationCode();
      // and its Go with tree-sitter's grammar (go-column-uses.ts, go-table-uses.ts), when the code it searches holds Go
      if (!goParserLoaded() && code.some((f) => isGoPath(f.path))) yield loadGoParser();
      // and its Rust (rust-column-uses.ts: SQL, struct fields; comments and prose strings left out)
      if (!rustParserLoaded() && code.some((f) => isRustPath(f.path))) yield loadRustParser();
    }
    // and its Java (java-column-uses.ts, java-table-uses.ts: JPA entities, SQL), when the code it searches holds Java
    if (migration.framework === "sql" && migration.up.some((op) => op.kind === "drop_column" || op.kind === "drop_table") && !javaColumnParserLoaded() && view.applicationCode().some((f) => isJavaPath(f.path)))
      yield loadJavaColumnParser();
    // a Prisma migration's rules read its schema (what the client selects, the field a fix names): its parser is
    // loaded when the code read, or a review's base branch, holds one
    if (migration.layout === "prisma" && [...view.applicationCode(), ...change.baseCodeFiles].some((f) => isPrismaSchemaPath(f.path))) {
      const load = prismaSchemaToLoad();
      if (load) yield load;
    }
    const said = input.changeAdds?.has(migration.path) ? input.changeSizeNote : undefined;
    const linted = ruleFindings(migration, config, errors, codeFiles, production, conventions.get(migration) ?? {}, view, change, input.changeAdds === undefined ? shipped : undefined, said);
    // lint: statements under a check of a table the repository never has do nothing (a review decides its added
    // migrations' checks against the base branch's dump instead: review/guards/guards-on-base.ts)
    const file = detected.get(migration.path);
    const raw = dumpOf && file ? againstRepositoryDump(linted, migration, view, () => dumpOf(file, migration.database ? { name: migration.database, version: migration.databaseVersion } : undefined)) : linted;
    if (dependsOnDeploy(raw)) {
      // the deploy files may need a parser loaded first (YAML for a compose file): the driver waits for it
      const load = deploy.readersToLoad();
      if (load) yield load;
    }
    // lint only: a review that edits a replaced migration keeps edited-migration's finding as it is
    const replacedBy = input.changeAdds === undefined ? history.djangoSquashReplacing(migration.path) : undefined;
    let underRunner = raw;
    if (raw.some((r) => r.fixUnderRunnerTransaction || r.finding.rule === LOCK_TIMEOUT_RULE)) {
      const load = deploy.transactionalRunnerToLoad();
      if (load) yield load;
      underRunner = withoutRunnerLockTimeout(migration, raw, (path) => deploy.lockTimeoutRunner(path));
      if (underRunner.some((r) => r.fixUnderRunnerTransaction)) underRunner = underOwnRunner(migration, underRunner, (path) => deploy.transactionalRunner(path));
    }
    append(findings, reportMigration(migration, config, withoutUnrunUndo(migration, underRunner, deploy.flyway), deploy.get, replacedBy));
  }
  for (const down of orphanDowns) {
    yield;
    let result;
    try {
      const decision = decisionFor({ file: down.file, content: down.content }, databases);
      const segment = () => withSqlDialect(decision?.database, decision?.version, () => segmentOperations({ text: popText(down.file.path, down.content), transaction: "none" }));
      const misses = parserMisses();
      result = segment();
      // found the parser broken: again once it is replaced (as parseInto above)
      if (parserMisses() !== misses) {
        yield;
        result = segment();
      }
    } catch (error) {
      errors.push({ path: down.file.path, message: `could not analyse: ${error instanceof Error ? error.message : String(error)}` });
      continue;
    }
    append(findings, tooComplexFindings(down.file.path, result.tooComplex, config));
    const severity = effectiveSeverity(config, SYNTAX_ERROR);
    if (!severity) continue;
    for (const e of result.errors)
      findings.push({ path: down.file.path, line: e.line, endLine: e.line, rule: SYNTAX_ERROR.id, category: "syntax", severity, message: `Syntax error: ${e.message}`, fix: asComment(down.file.path, "Fix the statement so it parses."), statement: "", details: [] });
  }
  if (input.configProblems?.length) findings.push(...configFindings(input.configProblems, input.configPath ?? ".github/migguard.yml", config));
  const load = deploy.readersToLoadForResult();
  if (load) yield load;
  return {
    findings: oncePerPlace(findings.sort(byLocation)),
    errors,
    migrations,
    databases: [...databases.values()],
    deploy: deploy.result(),
    baseline: baselines.summary(),
    ...(missingProjectModules.size ? { missingProjectModules: [...missingProjectModules].sort() } : {}),
    repositoryOf: (path) => {
      const migration = migrations.find((m) => m.path === path);
      return migration && repositoryView(migration, facts, history, codeFiles);
    },
  };
}

/**
 * Migrations given for context only (review: the base's migrations written shortly before an added one), parsed
 * for the history (which tables they created: young-tables.ts) and never linted. Django's come as context for its
 * model state (group.ts), the app's every migration: those its makemigrations header dates within young_table.days
 * before an analysed migration of the app join the history too (registrar_statetribe, created 7 days before
 * manage.get.gov's 0191 rewrote it), and so do those the base branch's newest version tag lacks (review with
 * release tags); the rest only give the state.
 */
function* historyOnly(input: AnalyzeInput, units: readonly MigrationUnit[], parsed: ReadonlyMap<MigrationUnit, Parsed>, config: Config, databases: ReadonlyMap<string, DatabaseDecision>): Generator<void, Array<{ file: MigrationUnit["file"]; migration: Migration }>> {
  const analysed = new Set(units.map((u) => u.file.path));
  const recentDjango = recentDjangoContext(units, parsed, config);
  const files = (input.contextMigrations ?? []).filter((f) => {
    if (analysed.has(f.path)) return false;
    const file = detectFile(f.path, f.content, config);
    // and those no release holds yet: a table one created is in no release (production/pre-release.ts againstUnreleasedBase)
    return file?.framework !== "django" || input.contextIsFolders === true || recentDjango(file, f.content) || input.unreleasedBase?.paths.has(f.path) === true;
  });
  const out: Array<{ file: MigrationUnit["file"]; migration: Migration }> = [];
  for (const unit of groupMigrations(files, config, new Set(), input.contextMigrations ?? []).units) {
    yield;
    // a context file that does not parse only leaves the history shorter: its errors are not this run's
    const result = parseUnit(unit, [], decisionFor(unit, databases), undefined, undefined, undefined, railsSettingsOf(input));
    if (result && "migration" in result) out.push({ file: unit.file, migration: result.migration });
  }
  return out;
}

/**
 * Whether a Django context migration is dated (its makemigrations header) within young_table.days before an analysed
 * one of its folder. An analysed migration's header was read when the adapter parsed it (generatedOn); only a unit
 * that gave no migration (too complex, or it failed) is read again for it.
 */
function recentDjangoContext(units: readonly MigrationUnit[], parsed: ReadonlyMap<MigrationUnit, Parsed>, config: Config): (file: DetectedFile, content: string) => boolean {
  const newest = new Map<string, number>();
  for (const unit of units) {
    if (unit.file.framework !== "django") continue;
    const result = parsed.get(unit);
    const date = result && "migration" in result ? migrationDate(result.migration) : migrationDate({ ...unit.file, generatedOn: djangoHeaderDateOf(unit.content) });
    const folder = dirOf(unit.file.path);
    if (date && date.getTime() > (newest.get(folder) ?? -Infinity)) newest.set(folder, date.getTime());
  }
  return (file, content) => {
    const until = newest.get(dirOf(file.path));
    const date = config.young_table.days > 0 && until !== undefined ? migrationDate({ ...file, generatedOn: djangoHeaderDateOf(content) }) : undefined;
    return date !== undefined && date.getTime() <= until! && daysBetween(date, new Date(until!)) <= config.young_table.days;
  };
}

/** The change's added migrations in the order they run (ChangePlan). */
function changePlanFor(units: readonly MigrationUnit[], parsed: ReadonlyMap<MigrationUnit, Parsed>, adds: ReadonlySet<string> | undefined, baseCodeFiles: readonly SourceFile[] = [], release?: UnreleasedBase, files?: ChangedPaths): ChangePlan {
  return changePlanOf(units.flatMap((unit) => {
    const result = parsed.get(unit);
    return adds?.has(unit.file.path) && result && "migration" in result ? [{ file: unit.file, migration: result.migration }] : [];
  }), baseCodeFiles, release, files);
}

/**
 * The migrations a folder held before its settings file switched it to PostgreSQL from MySQL or MariaDB
 * (database-switch.ts) carry the old database: they are read with its grammar and judged by its rules. True when
 * any does.
 */
function ranBeforeSwitch(units: readonly MigrationUnit[], databases: ReadonlyMap<string, DatabaseDecision>, history: DatabaseHistory): boolean {
  let switched = false;
  for (const [folder, decision] of databases) {
    if (!decision.decidedBy || decision.assumed || decision.database !== "postgresql") continue;
    const change = databaseSwitch(decision, history, readSignal);
    if (!change) continue;
    const before = history.pathsBefore(change.commit);
    for (const unit of units) {
      if (migrationFolder(unit.file) !== folder || unit.database || !before.has(unit.file.path)) continue;
      unit.database = change.from;
      unit.databaseReason = switchReason(change);
      switched = true;
    }
  }
  return switched;
}

/** The folder's database, unless the file's own name says another (`x.mysql.up.sql` beside `x.postgres.up.sql`). */
function decisionFor(unit: MigrationUnit, databases: ReadonlyMap<string, DatabaseDecision>): DatabaseDecision | undefined {
  const folder = databases.get(migrationFolder(unit.file));
  const named = fileDatabase(unit.file.path) ?? unit.database;
  if (!named || !folder || folder.database === named || folder.reason.startsWith("`database:")) return folder;
  const reason = fileDatabase(unit.file.path) ? `the file name says ${named}` : (unit.databaseReason ?? unit.databaseNamedBy ?? `the files beside it give every other database its own file: pop runs this one on ${named}`);
  return { ...folder, database: named, assumed: false, reason };
}

/** A Rails migration's project settings files (config/application.rb, its initializers): where Active Record's table naming is set. */
type RailsSettings = (migrationPath: string) => SourceFile[];

function railsSettingsOf(input: AnalyzeInput): RailsSettings {
  const settings = [...(input.repositoryFiles ?? []), ...(input.codeFiles ?? [])].filter((f) => isActiveRecordSettingsPath(f.path));
  return (path) => {
    const root = projectRootOf(path) ?? "";
    const seen = new Set<string>();
    return settings.filter((f) => activeRecordSettingsRootOf(f.path) === root && !seen.has(f.path) && seen.add(f.path));
  };
}

/** The project's Ruby files the input holds (code and repository files), gathered on the first ask. */
function rubyFilesOf(input: AnalyzeInput): () => readonly SourceFile[] {
  let files: SourceFile[] | undefined;
  return () => (files ??= [...(input.codeFiles ?? []), ...(input.repositoryFiles ?? [])].filter((f) => f.path.endsWith(".rb")));
}

/** Every repository file given that can name the database, by path. */
export function signalFiles(input: AnalyzeInput): Map<string, SourceFile> {
  const out = new Map<string, SourceFile>();
  for (const file of [...(input.projectFiles ?? []), ...input.files, ...(input.contextMigrations ?? []), ...(input.codeFiles ?? [])])
    if (!out.has(file.path) && signalKind(file.path)) out.set(file.path, file);
  return out;
}

/** The input's files by path, then the edge's reader: where the project's Python modules are read. Paths neither answers go in `missing`. */
function projectFileReader(input: AnalyzeInput, missing: Set<string>): ProjectFileReader {
  // built on the first module a migration imports: most analyses ask for none
  let given: Map<string, string> | undefined;
  const read = input.readProjectFile;
  return (path) => {
    if (!given) {
      given = new Map();
      for (const file of [...input.files, ...(input.contextMigrations ?? []), ...(input.codeFiles ?? []), ...(input.projectFiles ?? []), ...(input.repositoryFiles ?? [])])
        if (!given.has(file.path)) given.set(file.path, file.content);
    }
    const answer = given.get(path) ?? read?.(path);
    if (answer === undefined) missing.add(path);
    return answer;
  };
}

/** Django's settings modules and each app folder's migrations, where the adapter reads the user model's table. */
function djangoProjectOf(units: readonly MigrationUnit[], signals: ReadonlyMap<string, SourceFile>): DjangoProject | undefined {
  const django = units.filter((u) => u.file.framework === "django");
  if (django.length === 0) return undefined;
  const settings = [...signals.values()].filter((f) => signalKind(f.path) === "django-settings");
  return { settings, folders: [...new Set(django.flatMap((u) => (u.history ? [u.history] : [])))] };
}

/** The database of each migrations folder of the units (engine/database/decide.ts). */
function decideDatabases(units: readonly MigrationUnit[], readable: readonly SourceFile[], signals: ReadonlyMap<string, SourceFile>, config: Config, namedVersion?: NamedPostgresVersion, context: readonly SourceFile[] = []): Map<string, DatabaseDecision> {
  const folders = new Map<string, FolderMigrations & { sql: SourceFile[]; sources: SourceFile[] }>();
  for (const unit of units) {
    const folder = migrationFolder(unit.file);
    if (!folders.has(folder)) folders.set(folder, { folder, framework: unit.file.framework, sql: [], sources: [] });
    if (unit.crateDatabases) folders.get(folder)!.crate ??= unit.crateDatabases;
    if (unit.file.framework === "alembic") folders.get(folder)!.sources.push({ path: unit.file.path, content: unit.content });
  }
  // a revision named alone: the other revisions of its tree (context, read by the CLI) branch on the dialect as
  // they would in a lint of the tree, and say the same of it (dstack's one 2025 revision runs on SQLite too)
  const contextTrees = alembicContextByTree(context, config);
  // the folder's SQL files in this analysis, downs included, for the dialect sniff; a pop file without a dialect
  // that its siblings give to another database (unit.database) speaks for itself, as a named one does
  const ownDatabase = new Set(units.filter((u) => u.database).map((u) => u.file.path));
  for (const file of readable) {
    if (ownDatabase.has(file.path)) continue;
    // a file whose name says its database (pop's x.mysql.up.sql) speaks for itself only, not for the files beside it:
    // ory/hydra's MySQL files made its whole folder MySQL, and its shared x.up.sql PostgreSQL files syntax errors
    if (!file.path.endsWith(".sql") || fileDatabase(file.path)) continue;
    const detected = detectByPath(file.path, config);
    const folder = detected && detected !== "sql-candidate" ? migrationFolder(detected) : dirOf(file.path);
    folders.get(folder)?.sql.push(file);
  }
  // each signal file is read once for all the folders
  const readings = new Map();
  const supportReads = new Map();
  const out = new Map<string, DatabaseDecision>();
  for (const folder of folders.values()) out.set(folder.folder, withSupportedDatabases(decideDatabase(folder, signals, config, readings), withRevisionTree(folder, folders, contextTrees), signals, supportReads));
  // a folder whose runner's own file names its database (drizzle-kit's journal): that file decides, unless the config does
  for (const unit of units) {
    const decision = out.get(migrationFolder(unit.file));
    if (unit.database && unit.databaseNamedBy && decision && !decision.reason.startsWith("`database:") && (decision.assumed || decision.database === unit.database))
      out.set(decision.folder, { ...decision, database: unit.database, reason: unit.databaseNamedBy, assumed: false });
  }
  if (namedVersion) for (const [folder, decision] of out) if (decision.database === "postgresql" && !decision.version) out.set(folder, { ...decision, namedVersion });
  return out;
}

/**
 * Whether this analysis may meet MySQL (so the MySQL grammar is worth loading): cheap tests on the raw text.
 * `refusedByPostgres`, when PostgreSQL's parser is loaded, narrows the syntax tests: MySQL-only syntax only
 * counts in a file PostgreSQL's parser refuses (dialect-syntax.ts looks no further in one it reads), so
 * PostgreSQL migrations that mention an engine or quote with backticks in a comment do not load the grammar.
 */
export function mayNeedMysql(
  input: Pick<AnalyzeInput, "files" | "config" | "projectFiles" | "codeFiles" | "contextMigrations" | "repositoryFiles">,
  refusedByPostgres: (sql: string) => boolean = () => true,
): boolean {
  const database = input.config?.database;
  if (database) return database === "mysql" || database === "mariadb";
  const names = /mysql|mariadb|trilogy/i;
  // drizzle-kit's journal names the dialect of its folder's migrations
  if ((input.repositoryFiles ?? []).some((file) => isDrizzleJournalPath(file.path) && readDrizzleJournal(file.content)?.database === "mysql")) return true;
  for (const file of [...(input.projectFiles ?? []), ...(input.codeFiles ?? []), ...(input.contextMigrations ?? []), ...input.files]) {
    if (signalKind(file.path) && names.test(file.content)) return true;
    // SQL that only MySQL writes, sent from a Python or Ruby migration (op.execute("ALTER TABLE ... MODIFY ..."))
    if ((file.path.endsWith(".py") || file.path.endsWith(".rb")) && mayHoldEmbeddedMysql(file.content)) return true;
    if (!file.path.endsWith(".sql")) continue;
    const named = pathDatabase(file.path);
    if (named === "mysql" || named === "mariadb" || ((mayHoldMysqlSyntax(file.content) || mayHoldMysqlStatements(file.content)) && refusedByPostgres(file.content))) return true;
  }
  return false;
}

/** The adapter takes the parse over (parseAhead): a PostgreSQL file is not parsed twice. */
function refusedByPostgres(sql: string): boolean {
  try {
    return parseAhead(sql).errors.length > 0;
  } catch {
    return true;
  }
}

/**
 * Analyse with parsers already loaded (see `loadEngine`). Synchronous: nothing replaces a PostgreSQL parser that a
 * statement broke, so a file parsed after one is reported as not analysed (`analyze` waits for the replacement).
 */
export function analyzeLoaded(input: AnalyzeInput): AnalysisResult {
  const forgetTrees = rememberStatementTrees();
  const forgetPythonTrees = rememberPythonTrees();
  const forgetParses = useParsesFrom(input.sqlParses);
  try {
    const steps = analysisSteps(input, plan(input));
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      // nothing can be waited for here: a reader the analysis needs must be loaded beforehand
      if (step.value) throw new Error("analyzeLoaded: the deploy, baseline or PostgreSQL version files need a reader that is not loaded (YAML for a compose file, properties for flyway.conf): call loadDeployReaders() first, or use analyze");
    }
  } finally {
    forgetParses();
    forgetTrees();
    forgetPythonTrees();
  }
}

/** Load the parsers (WASM) once per process: those of the given frameworks, or all of them (and Babel for plain SQL drops, the Prisma schema's). */
export const loadEngine = (frameworks?: Iterable<Framework>): Promise<void> =>
  frameworks === undefined ? Promise.all([loadAdapters(), loadScriptSyntax(), loadPrismaSchema(), loadDrizzleJournalReader()]).then(() => undefined) : loadAdapters(frameworks);

/** Analyse, loading only the parsers the given files need. */
export async function analyze(input: AnalyzeInput): Promise<AnalysisResult> {
  // the plan reads a Drizzle folder's journal (its order, dates and dialect)
  if (holdsDrizzleJournal(input.repositoryFiles)) await loadDrizzleJournalReader();
  // and which folders sqlx embeds, from a crate's `sqlx::migrate!("..")` read with the Rust grammar
  const sqlxReader = sqlxReaderToLoad(rustCrateFiles(input.repositoryFiles, input.codeFiles));
  if (sqlxReader) await sqlxReader;
  const planned = plan(input);
  const frameworks = frameworksOf(planned);
  await loadEngine(frameworks);
  // fixes rebuild statements from the trees the adapter parsed instead of parsing them again
  const forgetTrees = rememberStatementTrees();
  // and the Django/Alembic fixes read each module from the tree already parsed
  const forgetPythonTrees = rememberPythonTrees();
  // a large lint's parses, done by the CLI's worker threads while this thread works
  const forgetParses = useParsesFrom(input.sqlParses);
  try {
    const signals = signalFiles(input);
    // one after the other: concurrent dynamic imports of shared modules race under Jest's ESM loader
    if (mayNeedMysql(input, frameworks.includes("sql") ? refusedByPostgres : undefined)) await loadMysqlGrammar();
    await loadSignalReaders(signals.keys());
    const steps = analysisSteps(input, planned, signals);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (step.value) await step.value;
      await adaptersReady(frameworks);
    }
  } finally {
    forgetParses();
    forgetParsesAhead();
    forgetTrees();
    forgetPythonTrees();
  }
}

/** An Alembic folder's revision tree (dstack's versions/2023, versions/2024 are one). */
const revisionTreeOf = alembicRevisionTreeOf;

/**
 * An Alembic folder with the revisions of every folder of its revision tree: a revision of one year's folder that
 * branches on the dialect says what the whole tree runs on (dstack's 2023 folder has none, its 2024 one does).
 */
function withRevisionTree(folder: FolderMigrations, folders: ReadonlyMap<string, FolderMigrations>, context: ReadonlyMap<string, readonly SourceFile[]> = new Map()): FolderMigrations {
  if (folder.framework !== "alembic") return folder;
  const tree = revisionTreeOf(folder.folder);
  const siblings = [...folders.values()].filter((f) => f.framework === "alembic" && f.folder !== folder.folder && revisionTreeOf(f.folder) === tree);
  const read = new Set([folder, ...siblings].flatMap((f) => (f.sources ?? []).map((s) => s.path)));
  const unread = (context.get(tree) ?? []).filter((f) => !read.has(f.path));
  return siblings.length || unread.length ? { ...folder, sources: [...(folder.sources ?? []), ...siblings.flatMap((f) => f.sources ?? []), ...unread] } : folder;
}

/** The Alembic context revisions (never linted) by revision tree. */
function alembicContextByTree(context: readonly SourceFile[], config: Config): Map<string, SourceFile[]> {
  const trees = new Map<string, SourceFile[]>();
  for (const file of context) {
    const detected = detectByPath(file.path, config);
    if (!detected || detected === "sql-candidate" || detected.framework !== "alembic") continue;
    const tree = revisionTreeOf(migrationFolder(detected));
    const files = trees.get(tree) ?? [];
    if (!files.length) trees.set(tree, files);
    files.push(file);
  }
  return trees;
}
