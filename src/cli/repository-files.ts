/**
 * The repository files fixes read (`repositoryFiles`: manifests, schema dumps, models), found on disk around
 * the migrations being linted: the dumps in each project's `db/`, its `app/models/`, and the nearest Gemfile /
 * Gemfile.lock in the project's folder or above it (up to the repository root), and the repository's deploy files.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Config } from "../engine/config.js";
import type { SourceFile } from "../engine/model.js";
import { isRepositoryFactPath, projectRootOf } from "../engine/repository/fact-paths.js";
import { isPythonManifestPath } from "../engine/repository/python-requirements.js";
import { displayPath } from "./collect-files.js";
import { walkFiles } from "./walk-files.js";
import { readDeployFiles } from "./deploy-files.js";
import { readCargoWorkspaceFiles } from "./cargo-workspace-files.js";
import { readPostgresVersionFiles } from "./postgres-version-files.js";
import { detectByPath } from "../engine/detect.js";
import { headFileFolders, isAlembicHeadPath } from "../engine/repository/alembic-head-file.js";
import { DRIZZLE_JOURNAL } from "../engine/adapters/sql/layouts/drizzle.js";
import { isSqlPath } from "../engine/sql-file-names.js";

/** more model files than this in one project are not read (a fix then names the table, not the class) */
const MAX_MODEL_FILES = 5000;

/** Up to `limit` files under `dir` whose names end with `extension`. */
const filesUnder = (dir: string, limit: number, extension = ".rb"): string[] =>
  walkFiles(dir, { keep: (path, entry) => entry.isFile() && entry.name.endsWith(extension), maxFiles: limit });

/** The files named `names` in the nearest folder at or above `dir` that has any, not climbing past a repository root (`.git`). */
function nearestAbove(dir: string, names: readonly string[]): string[] {
  for (let current = dir; ; current = dirname(current)) {
    const found = names.map((name) => join(current, name)).filter((p) => existsSync(p));
    if (found.length || existsSync(join(current, ".git")) || dirname(current) === current) return found;
  }
}

/** The nearest folder at or above `dir` that has a manifest. */
const manifestsAbove = (dir: string): string[] => nearestAbove(dir, ["Gemfile", "Gemfile.lock", "gems.rb", "gems.locked"]);

/** A Python project's dependency files in `dir`: requirements*.txt, pyproject.toml, lock files, and a requirements/ folder's files. */
function pythonManifestsIn(dir: string): string[] {
  const out: string[] = [];
  for (const name of safeList(dir)) if (isPythonManifestPath(name)) out.push(join(dir, name));
  for (const name of safeList(join(dir, "requirements"))) if (isPythonManifestPath(`requirements/${name}`)) out.push(join(dir, "requirements", name));
  return out;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** The nearest folder at or above a Python migration's folder with dependency files, not climbing past a repository root. */
function pythonManifestsAbove(dir: string, seen: Map<string, string[]>): string[] {
  const climbed: string[] = [];
  for (let current = dir; ; current = dirname(current)) {
    const known = seen.get(current);
    const found = known ?? pythonManifestsIn(current);
    climbed.push(current);
    if (known || found.length || existsSync(join(current, ".git")) || dirname(current) === current) {
      for (const d of climbed) seen.set(d, found);
      return found;
    }
  }
}

/** Where Flyway's and Spring's settings sit in a folder: a baseline they declare may cover the migrations below it. */
const FLYWAY_SETTINGS = ["flyway.conf", "flyway.toml", "conf/flyway.conf", "conf/flyway.toml", ...["properties", "yml", "yaml"].map((ext) => `src/main/resources/application.${ext}`)];

/** The Flyway and Spring settings files in the folders from a Flyway migration's up to the repository root. */
function flywaySettingsAbove(dir: string, seen: Set<string>): string[] {
  const out: string[] = [];
  for (let current = dir; !seen.has(current); current = dirname(current)) {
    seen.add(current);
    for (const name of FLYWAY_SETTINGS) if (existsSync(join(current, name))) out.push(join(current, name));
    if (existsSync(join(current, ".git")) || dirname(current) === current) break;
  }
  return out;
}

/** `withDeploy: false` leaves out the deploy files, for a caller that reads them only when a finding needs them (`readDeployFiles`). */
export function readRepositoryFiles(migrationPaths: readonly string[], config: Config, cwd = process.cwd(), withDeploy = true): SourceFile[] {
  const absolute = new Set<string>();
  for (const root of new Set(migrationPaths.map(projectRootOf))) {
    if (root === undefined) continue;
    const project = resolve(cwd, root);
    const db = join(project, "db");
    for (const name of existsSync(db) ? readdirSync(db) : []) absolute.add(join(db, name));
    for (const path of filesUnder(join(project, "app", "models"), MAX_MODEL_FILES)) absolute.add(path);
    // the project's own inflections name its models' tables (criterion/criteria), config/application.rb and the
    // initializers how Active Record names them all (pluralize_table_names, table_name_prefix); strong_migrations'
    // start_after, the line before which its migrations ran everywhere (baseline/baselines.ts), is an initializer too
    const application = join(project, "config", "application.rb");
    if (existsSync(application)) absolute.add(application);
    // config/environments/*.rb may set the schema_format, which says which dump the application writes
    const environments = join(project, "config", "environments");
    for (const name of safeList(environments)) if (name.endsWith(".rb")) absolute.add(join(environments, name));
    const initializers = join(project, "config", "initializers");
    for (const name of safeList(initializers)) if (name.endsWith(".rb")) absolute.add(join(initializers, name));
    for (const path of manifestsAbove(project)) absolute.add(path);
  }
  // Python projects (Django's migrations have no db/ folder): the dependency files that say the Django version
  const seen = new Map<string, string[]>();
  for (const dir of new Set(migrationPaths.filter((p) => p.endsWith(".py")).map((p) => dirname(resolve(cwd, p)))))
    for (const path of pythonManifestsAbove(dir, seen)) absolute.add(path);
  // a Django app's models (its models.py or models/ package, beside its migrations/ folder): what the code still declares
  for (const app of new Set(migrationPaths.filter((p) => /(?:^|\/)migrations\/[^/]+\.py$/.test(p)).map((p) => dirname(dirname(resolve(cwd, p)))))) {
    if (existsSync(join(app, "models.py"))) absolute.add(join(app, "models.py"));
    // its AppConfig names the app's label (apps.get_model's first argument), which need not be the folder's name
    if (existsSync(join(app, "apps.py"))) absolute.add(join(app, "apps.py"));
    for (const path of filesUnder(join(app, "models"), MAX_MODEL_FILES, ".py")) absolute.add(path);
  }
  // an Alembic project's file naming its head revision (.current-alembic-head), beside its versions/ folder
  for (const dir of new Set(migrationPaths.filter((p) => p.endsWith(".py")).flatMap((p) => headFileFolders(p)))) {
    const folder = resolve(cwd, dir);
    for (const name of safeList(folder)) if (isAlembicHeadPath(name)) absolute.add(join(folder, name));
  }
  // Flyway's baselineVersion and schema, in flyway.conf / flyway.toml or Spring's spring.flyway.baseline-version / schemas
  const climbed = new Set<string>();
  for (const path of migrationPaths) {
    const detected = detectByPath(path, config);
    // and a .sql file whose layout its content decides: Flyway runs files of another prefix (spring.flyway.sql-migration-prefix=), in the schema those settings name
    if (detected === "sql-candidate" || (detected !== undefined && detected.layout === "flyway")) for (const found of flywaySettingsAbove(dirname(resolve(cwd, path)), climbed)) absolute.add(found);
  }
  // Go projects: the nearest go.mod above a SQL migration names its runner (gobuffalo/pop)
  for (const dir of new Set(migrationPaths.filter((p) => isSqlPath(p) || p.endsWith(".fizz")).map((p) => dirname(resolve(cwd, p))))) {
    for (const goMod of nearestAbove(dir, ["go.mod"])) absolute.add(goMod);
  }
  // Rust projects: the nearest Cargo.toml above a SQL migration names its runner (sqlx's migrator)
  for (const dir of new Set(migrationPaths.filter(isSqlPath).map((p) => dirname(resolve(cwd, p))))) {
    for (const manifest of nearestAbove(dir, ["Cargo.toml"])) absolute.add(manifest);
  }
  // Node projects: the nearest package.json above a SQL migration names its runner (postgres-migrations)
  for (const dir of new Set(migrationPaths.filter(isSqlPath).map((p) => dirname(resolve(cwd, p))))) {
    for (const manifest of nearestAbove(dir, ["package.json"])) absolute.add(manifest);
  }
  // diesel: a migration folder's metadata.toml says whether diesel runs its up.sql in a transaction
  for (const path of migrationPaths.filter((p) => /(?:^|\/)up\.sql$/.test(p))) {
    const metadata = join(dirname(resolve(cwd, path)), "metadata.toml");
    if (existsSync(metadata)) absolute.add(metadata);
  }
  // Drizzle: the journal below a migration's folder gives the migrations' order, dates and dialect
  for (const dir of new Set(migrationPaths.filter((p) => p.endsWith(".sql")).map((p) => dirname(resolve(cwd, p))))) {
    const journal = join(dir, DRIZZLE_JOURNAL);
    if (existsSync(journal)) absolute.add(journal);
  }
  const out: SourceFile[] = [];
  for (const path of absolute) {
    const shown = displayPath(path, cwd);
    if (!isRepositoryFactPath(shown)) continue;
    try {
      const stat = statSync(path);
      if (!stat.isFile() || stat.size > config.max_file_bytes) continue;
      out.push({ path: shown, content: readFileSync(path, "utf8") });
    } catch {
      // unreadable: the fixes fall back to what the migrations say
    }
  }
  // Rust workspaces: their manifests and the sources that embed migrations (which folders sqlx runs, which crates reach them)
  for (const file of readCargoWorkspaceFiles(migrationPaths, cwd, config.max_file_bytes)) if (!out.some((o) => o.path === file.path)) out.push(file);
  // the PostgreSQL version the repository names (compose images, CI service containers), when the config names none:
  // the rules need it before they run, while the deploy walk waits for a finding that needs the deploy
  if (config.postgres_version === undefined && config.database_version === undefined)
    for (const file of readPostgresVersionFiles(cwd, config.max_file_bytes)) if (!out.some((o) => o.path === file.path)) out.push(file);
  return withDeploy ? withDeployFiles(out, cwd, config) : out.sort((a, b) => a.path.localeCompare(b.path));
}

/** `files` and the repository's deploy files (a walk of the repository), by path: how the project deploys. */
export function withDeployFiles(files: readonly SourceFile[], cwd: string, config: Pick<Config, "max_file_bytes">): SourceFile[] {
  // an entrypoint that migrates and then starts the server makes lock findings notes
  const deploy = readDeployFiles(cwd, config.max_file_bytes).filter((f) => !files.some((o) => o.path === f.path));
  return [...files, ...deploy].sort((a, b) => a.path.localeCompare(b.path));
}
