/**
 * Which database each migrations folder runs on, and why (for verbose output and the check summary).
 * Order of trust: the config's `database:` (always wins) > a folder of the path named for a database > the driver
 * features of the Rust crate that runs the folder (sqlx, diesel) > the framework's connection settings
 * (config/database.yml production, else default; Django settings' DATABASES; Alembic's sqlalchemy.url) >
 * weaker readings of them (a committed sample, an ERB default, a development settings module) > MySQL-only
 * syntax in the folder's SQL migrations > PostgreSQL, assumed. Signals that disagree are named. Settings for test
 * runs decide only when no other file speaks for the database; set aside, they are named in the reason.
 */
import type { Config } from "../config.js";
import type { DetectedFile } from "../detect.js";
import type { Database, ParseProblem, SourceFile } from "../model.js";
import { mysqlReadsAll, mysqlSyntaxIn } from "./dialect-syntax.js";
import type { MigrationUnit } from "../group.js";
import { DATABASE_LABEL } from "./names.js";
import { folderPathDatabase } from "./dialect-file.js";

import { rubyReaders } from "../adapters/rails/ruby-readers.js";
import { isSignal, type DatabaseSignal, type DatabaseSilence, type SignalReading } from "./signal.js";
import { databasePathsFor, FRAMEWORKS_WITH_SIGNALS, isCiConfig, projectEvidencePaths, railsGemfile, railsRoot, signalKind } from "./signal-paths.js";
import { agreeingProjectSignals } from "./project-evidence.js";
import { isDevelopmentSettingsPath, isTestSettingsPath } from "./development-settings.js";
import { baseOf, dirOf } from "../paths.js";
import { railsMigrationsPath } from "../rails-migrations-path.js";
import { loadOnce } from "../load-once.js";
import type { NamedPostgresVersion } from "./postgres-version.js";
import type { CrateNamedDatabases } from "./crate-databases.js";

export interface DatabaseDecision {
  /** the migrations folder (db/migrate, app/migrations, migrations/) */
  folder: string;
  database: Database;
  /** from `database_version` */
  version?: string;
  /**
   * PostgreSQL: the version the repository's files name (postgres-version.ts), when neither `database_version` nor
   * `postgres_version` is configured: the rules judge and write fixes for it
   */
  namedVersion?: NamedPostgresVersion;
  /** one sentence: what decided it */
  reason: string;
  /** nothing in the repository decided it, or its signals disagree: the check summary says so */
  assumed: boolean;
  /**
   * the other databases the project supports (a CI matrix over databases, settings that choose the engine at run
   * time): the migrations run on those too, so a fix in PostgreSQL's own syntax must leave them their operation
   */
  alsoRunsOn?: Database[];
  /** one sentence: what says so */
  alsoReason?: string;
  /** the settings file that decided it (config/database.yml, a settings module): its history says when the database changed */
  decidedBy?: string;
}

/** The folder that holds a layout's migrations (diesel and Prisma keep one folder per migration). */
export function migrationFolder(file: Pick<DetectedFile, "path" | "layout">): string {
  // Rails runs every folder below a migrations path as that path's (db/migrate/archive/ is db/migrate)
  if (file.layout === "rails") return railsMigrationsPath(file.path) ?? dirOf(file.path);
  const dir = dirOf(file.path);
  if (file.layout === "prisma" || file.layout === "diesel" || (file.layout === "golang-migrate" && /\/(up|down)\.sql$/.test(file.path))) return dirOf(dir);
  if (file.layout === "sqitch") return dirOf(dir);
  return dir;
}

type Readers = typeof import("./signal-readers.js");
let readers: Readers | undefined;

/**
 * The readers of config/database.yml, settings and alembic.ini need YAML, Prism and tree-sitter: loaded (with the
 * parsers the given files need) only when such files are given.
 */
export async function loadSignalReaders(paths: Iterable<string>): Promise<void> {
  const kinds = new Set([...paths].map(signalKind).filter(Boolean));
  if (kinds.size === 0) return;
  // one after the other: concurrent dynamic imports of shared modules race under Jest's ESM loader
  if (kinds.has("rails-database-yml") || kinds.has("rails-database-sample") || kinds.has("gemfile")) await (await import("../adapters/rails/prism.js")).loadRubyParser();
  if (kinds.has("django-settings") || kinds.has("alembic-env")) await (await import("../adapters/python/parser.js")).loadPythonParser();
  await loadSignalReaderModule();
}

const loadSignalReaderModule = loadOnce(async () => {
  readers ??= await import("./signal-readers.js");
});

export function readSignal(file: SourceFile): SignalReading {
  if (!readers) return { path: file.path, why: "was not read (its readers were not loaded)" };
  return readers.readSignal(file);
}

const HOW_TO_SET = "set `database:` (postgresql, mysql, mariadb or sqlite) in .github/migguard.yml";
const describe = (s: DatabaseSignal) => `${s.path} (${s.says})`;

export interface FolderMigrations {
  folder: string;
  framework: DetectedFile["framework"];
  /** the folder's SQL migration files in this analysis (for the dialect sniff) */
  sql: readonly SourceFile[];
  /** the folder's migrations in this analysis (Alembic revisions that branch on the dialect) */
  sources?: readonly SourceFile[];
  /** a folder a Rust crate runs (sqlx, diesel): the databases its driver features connect to (crate-databases.ts) */
  crate?: CrateNamedDatabases;
}

/** Of the databases a crate compiles drivers for, the one whose rules judge the folder first: the others are its `alsoRunsOn`. */
const CRATE_PRIMARY: readonly Database[] = ["postgresql", "mysql", "mariadb", "sqlite"];

/** The decision the crate's driver features make: one database, or the first of several with the others beside it. */
function crateDecision(folder: string, crate: CrateNamedDatabases, version: string | undefined): DatabaseDecision {
  const [database, ...also] = [...crate.databases].sort((a, b) => CRATE_PRIMARY.indexOf(a) - CRATE_PRIMARY.indexOf(b));
  const decision: DatabaseDecision = { folder, database, version, reason: crate.says, assumed: false };
  if (also.length === 0) return decision;
  return { ...decision, reason: `${crate.says}: the folder runs on each database the crate is built for`, alsoRunsOn: also, alsoReason: `the project also runs on ${also.map((d) => DATABASE_LABEL[d]).join(" and ")}: ${crate.says}` };
}

export function decideDatabase(folder: FolderMigrations, signalFiles: ReadonlyMap<string, SourceFile>, config: Config, readings = new Map<string, SignalReading>()): DatabaseDecision {
  const version = config.database_version;
  if (config.database) return { folder: folder.folder, database: config.database, version, reason: `\`database: ${config.database}\` in the config`, assumed: false };

  // projects that support several databases keep one folder per dialect (Alembic's versions/postgresql and
  // versions/sqlite in Prefect, migrations/mysql beside migrations/postgres): the folder's own name decides it
  const named = folderPathDatabase(folder.folder);
  if (named) return { folder: folder.folder, database: named.database, version, reason: named.folder === folder.folder ? `the folder's name (${baseOf(folder.folder)})` : `the name of a folder of its path (${named.folder})`, assumed: false };
  // the Rust crate that runs the folder connects only to the databases it compiles drivers for
  if (folder.crate) return crateDecision(folder.folder, folder.crate, version);

  const listing = [...signalFiles.keys()];
  const paths = [...databasePathsFor(folder.framework, folder.folder, listing), ...projectEvidencePaths(folder.framework, folder.folder, listing)];
  const signals: DatabaseSignal[] = [];
  const silences: DatabaseSilence[] = [];
  for (const path of paths) {
    if (!readings.has(path)) readings.set(path, readSignal(signalFiles.get(path)!));
    const reading = readings.get(path);
    if (isSignal(reading)) signals.push(reading);
    else if (reading) silences.push(reading);
  }
  // env.py that sets the URL at run time overrides alembic.ini's, whatever the ini says ("sqlite:///will/be/overridden")
  if (silences.some((s) => s.overridesIni)) {
    const ini = signals.findIndex((s) => signalKind(s.path) === "alembic-ini");
    if (ini !== -1) silences.push({ path: signals[ini].path, why: `(${signals[ini].says}) is overridden` });
    if (ini !== -1) signals.splice(ini, 1);
  }
  if (folder.framework === "sql") {
    for (const file of folder.sql) {
      const evidence = mysqlSyntaxIn(file.content);
      if (evidence) {
        signals.push({ database: "mysql", path: file.path, says: `MySQL-only syntax on line ${evidence.line}: ${evidence.what}`, strength: "syntax" });
        break;
      }
    }
  }
  // the drivers installed and the URLs documented choose a database only when they all name the same one
  const { kept, disagreeing } = agreeingProjectSignals(signals);
  if (disagreeing) silences.push(disagreeing);
  signals.splice(0, signals.length, ...kept);
  // settings for test runs (SQLite in DefectDojo's unittests.py) say nothing of production once another file speaks
  // for the database, even a production settings module that reads the engine from the environment
  const forTests = signals.filter((s) => s.forTests);
  const otherwise = signals.length > forTests.length || silences.some((s) => signalKind(s.path) === "django-settings" && !isTestSettingsPath(s.path));
  const setAside = otherwise ? forTests : [];
  if (otherwise) signals.splice(0, signals.length, ...signals.filter((s) => !s.forTests));
  const testsSay = (database: Database) => {
    const differ = setAside.filter((s) => s.database !== database);
    return differ.length ? `; ${differ.map(describe).join(" and ")} ${differ.length > 1 ? "are settings" : "is a settings module"} for tests, not production` : "";
  };
  // production-named settings speak first among equals
  const production = (s: DatabaseSignal) => (/(?:^|[/_.-])prod(uction)?(?:[/_.-]|$)/.test(s.path) ? 0 : 1);
  const strongest = (["config", "fallback", "project", "syntax"] as const)
    .map((strength) => signals.filter((s) => s.strength === strength).sort((a, b) => production(a) - production(b)))
    .find((group) => group.length > 0);
  if (!strongest) {
    const silent = silences.length ? ` (${silences.map((s) => `${s.path} ${s.why}`).join("; ")})` : "";
    return {
      folder: folder.folder,
      database: "postgresql",
      version,
      reason: `assumed PostgreSQL: nothing in the repository names the database of ${folder.folder || "the root folder"}${silent}${testsSay("postgresql")}; ${HOW_TO_SET}`,
      assumed: true,
    };
  }
  const [chosen] = strongest;
  // a development settings module or a sample that differs is normal (SQLite on laptops), and so is a driver installed for
  // another use; only the config and the migrations' syntax can disagree
  const others = signals.filter((s) => s.database !== chosen.database && s.strength !== "fallback" && s.strength !== "project");
  if (others.length === 0)
    return { folder: folder.folder, database: chosen.database, version, reason: `${describe(chosen)}${testsSay(chosen.database)}`, assumed: false, ...(chosen.strength === "config" ? { decidedBy: chosen.path } : {}) };
  return {
    folder: folder.folder,
    database: chosen.database,
    version,
    reason: `assumed ${DATABASE_LABEL[chosen.database]} from ${describe(chosen)}, although ${others.map(describe).join(" and ")} ${others.length > 1 ? "say" : "says"} otherwise${testsSay(chosen.database)}; ${HOW_TO_SET}`,
    assumed: true,
  };
}

/**
 * A SQL folder assumed to be PostgreSQL whose files PostgreSQL's parser refuses but MySQL's reads whole
 * (MODIFY, DROP INDEX ... ON, ...) runs on MySQL: the decision is revised, its reason says which file showed it.
 */
export function reviseFromRefusals(decision: DatabaseDecision, refused: readonly MigrationUnit[], problems: (unit: MigrationUnit) => readonly ParseProblem[] = () => []): DatabaseDecision | undefined {
  if (!decision.assumed || decision.database !== "postgresql" || refused.length === 0) return undefined;
  // Django, Alembic: every statement PostgreSQL refused is one MySQL's grammar reads (adapters/sql/mysql/reads-as-mysql.ts).
  // Not Rails: its migrations test the database in Ruby (`if postgres?`), and MySQL SQL in the branch such a test gives
  // PostgreSQL is a bug of that branch, not evidence that the project runs MySQL (syntax-error's Rails cases); a Rails
  // project names its database in config/database.yml and the Gemfile, which the decision already reads
  if (refused.some((u) => u.file.framework === "rails")) return undefined;
  if (refused.some((u) => u.file.framework !== "sql")) {
    const all = refused.flatMap((u) => problems(u).map((p) => ({ unit: u, p })));
    if (all.length === 0 || !all.every(({ p }) => p.readsAsMysql)) return undefined;
    const [{ unit, p }] = all;
    return { ...decision, database: "mysql", assumed: false, reason: `${p.path ?? unit.file.path}: MySQL's grammar reads the SQL PostgreSQL's refuses (line ${p.line})` };
  }
  const files = refused.flatMap((u) => [{ path: u.file.path, content: u.content }, ...(u.downFile ? [u.downFile] : [])]);
  const shown = mysqlReadsAll(files);
  if (!shown) return undefined;
  return { ...decision, database: "mysql", assumed: false, reason: `${shown.path}: MySQL's grammar reads what PostgreSQL's refuses (line ${shown.line})` };
}

/** What withSupportedDatabases read of the signal files, kept across one analysis's folders: each file is parsed once. */
export type SupportReads = Map<string, unknown>;

function readOnce<T>(reads: SupportReads, key: string, read: () => T): T {
  if (!reads.has(key)) reads.set(key, read());
  return reads.get(key) as T;
}

/**
 * The databases the project supports besides the decided one: Django settings that choose the engine at run time
 * (production ones; test settings are not installations), and CI workflows whose job matrix runs on several.
 * `database:` in the config speaks for the installations: nothing is added to it.
 */
export function withSupportedDatabases(decision: DatabaseDecision, folder: FolderMigrations, signalFiles: ReadonlyMap<string, SourceFile>, reads: SupportReads = new Map()): DatabaseDecision {
  if (!readers || decision.reason.startsWith("`database:")) return decision;
  // a crate built for several databases said so already (crateDecision)
  const found = new Map<Database, string>((decision.alsoRunsOn ?? []).map((d) => [d, folder.crate?.says ?? decision.alsoReason ?? ""]));
  const listing = [...signalFiles.keys()];
  const settings = folder.framework === "django" ? databasePathsFor("django", folder.folder, listing).filter((p) => !isDevelopmentSettingsPath(p)) : [];
  for (const path of settings) {
    const read = readOnce(reads, `settings|${path}`, () => readers!.settingsDatabases(signalFiles.get(path)!));
    for (const database of read?.databases ?? []) if (!found.has(database)) found.set(database, `${path} (${read!.says})`);
  }
  const gemfilePath = folder.framework === "rails" ? railsGemfile(folder.folder, listing) : undefined;
  const gemfile = gemfilePath ? signalFiles.get(gemfilePath) : undefined;
  // an adapter gem that no connection of database.yml names is a library of the app, not its database (a sqlite3 gem
  // for a file export: dor-services-app), when every connection there is a literal; ERB may choose any, so then all count
  const databaseYml = gemfile ? signalFiles.get(`${railsRoot(folder.folder)}config/database.yml`) : undefined;
  const connectable = databaseYml ? readOnce(reads, `database-yml-adapters|${databaseYml.path}`, () => readers!.databaseYmlAdapters(databaseYml)) : undefined;
  const gems = (gemfile ? readOnce(reads, `gemfile|${gemfile.path}`, () => readers!.gemfileDatabases(gemfile)) : []).filter((database) => !connectable || connectable.has(database));
  // two adapter gems installed in production: the app runs on either
  if (gems.length > 1) for (const database of gems) if (!found.has(database)) found.set(database, `${gemfile!.path} (its production gems: ${gems.map((d) => DATABASE_LABEL[d]).join(", ")} adapters)`);
  // Alembic env.py and revisions that branch on the dialect
  if (folder.framework === "alembic") {
    const env = [...signalFiles.values()].filter((f) => signalKind(f.path) === "alembic-env" && dirOf(f.path) === dirOf(folder.folder));
    for (const file of [...env, ...(folder.sources ?? [])]) {
      if (!file.content.includes("dialect") && !file.content.includes("engine.name")) continue;
      for (const database of readers.dialectDatabases(file.content)) if (!found.has(database)) found.set(database, `${file.path} (compares the connection's dialect name with "${database}")`);
    }
  }
  // a Python project that installs the drivers of several databases, or offers them as extras (`mysql = ["PyMySQL"]`)
  for (const path of projectEvidencePaths(folder.framework, folder.folder, listing).filter((p) => signalKind(p) === "python-manifest")) {
    const drivers = readOnce(reads, `drivers|${path}`, () => readers!.manifestDrivers(signalFiles.get(path)!));
    const several = drivers.required.size > 1 || drivers.optional.size > 0;
    if (several)
      for (const [database, what] of [...drivers.required, ...drivers.optional]) if (!found.has(database)) found.set(database, `${path} (installs ${[...new Set(what)].join(", ")})`);
  }
  if (FRAMEWORKS_WITH_SIGNALS.has(folder.framework)) {
    // the same workflows for every folder: read once
    const workflows = readOnce(reads, "workflows", () =>
      listing
        .filter((p) => isCiConfig(signalKind(p)))
        .sort()
        .map((path) => ({ path, read: readers!.workflowDatabases(signalFiles.get(path)!) })),
    );
    for (const { path, read } of workflows) for (const database of read?.databases ?? []) if (!found.has(database)) found.set(database, `${path} (${read!.says})`);
  }
  const also = [...found.keys()].filter((d) => d !== decision.database);
  if (also.length === 0) return decision;
  const sources = [...new Set(also.map((d) => found.get(d)!))];
  return { ...decision, alsoRunsOn: also, alsoReason: `the project also runs on ${also.map((d) => DATABASE_LABEL[d]).join(" and ")}: ${sources.join("; ")}` };
}
