/**
 * Files of a repository that tell fixes what the migrations alone do not: the dependency manifests (does the
 * project use strong_migrations?), the schema dumps (a column's real type) and the Active Record models (the
 * class of a namespaced table, config/application.rb's pluralize_table_names), and the files where a peer declares the baseline (baseline/declaration-paths.ts).
 * The edges read these paths and pass them as `repositoryFiles`.
 */
import { activeRecordSettingsRootOf, isActiveRecordSettingsPath, isInflectionsPath, isModelPath } from "../adapters/rails/model-path.js";
import { isPythonManifestPath, pythonManifestDir } from "./python-requirements.js";
import { isSchemaFormatSettingsPath, schemaFormatSettingsRootOf } from "./rails-schema-format-paths.js";
import { baseOf, dirOf } from "../paths.js";
import { deployDocPaths } from "../deploy/deploy-doc-paths.js";
import { deployPaths } from "../deploy/deploy-paths.js";
import { declarationAt } from "../baseline/declaration-paths.js";
import { headFileFolders, isAlembicHeadPath } from "./alembic-head-file.js";
import { isDieselMetadataPath } from "../adapters/sql/layouts/diesel.js";
import { drizzleFolderOfJournal, isDrizzleJournalPath } from "../adapters/sql/layouts/drizzle.js";

export { dirOf };

const MANIFESTS = new Set(["Gemfile", "Gemfile.lock", "gems.rb", "gems.locked"]);

export const isManifestPath = (path: string): boolean => MANIFESTS.has(baseOf(path));

/** A Go module's go.mod: it names the migration runner (gobuffalo/pop), nothing the fixes read. */
export const isGoModPath = (path: string): boolean => baseOf(path) === "go.mod";

/** A Rust crate's Cargo.toml: it names the migration runner (sqlx's migrator: cargo-sqlx.ts). */
export const isCargoManifestPath = (path: string): boolean => baseOf(path) === "Cargo.toml";

/** A Node project's package.json: its dependencies name the migration runner (postgres-migrations: node-runners.ts). */
export const isNodeManifestPath = (path: string): boolean => baseOf(path) === "package.json";

/** Rails' db/schema.rb, db/structure.sql (and db/<database>_schema.rb ...), dbmate's db/schema.sql. */
export const isSchemaDumpPath = (path: string): boolean => /(?:^|\/)db\/(?:(?:\w+_)?(?:schema\.rb|structure\.sql)|schema\.sql)$/.test(path);

/** A Django app's models: its models.py, or a module of its models/ package (review's django-models.ts reads them). */
export const isDjangoModelPath = (path: string): boolean => /(?:^|\/)models(?:\.py|\/.+\.py)$/.test(path);

/** A Django app's apps.py: its AppConfig's label, the name apps.get_model() takes (code/django-app-label.ts). */
export const isDjangoAppConfigPath = (path: string): boolean => baseOf(path) === "apps.py";

/** A path whose content fixes may use (see the module comment). */
export function isRepositoryFactPath(path: string, options: { models?: boolean } = {}): boolean {
  return isManifestPath(path) || isGoModPath(path) || isCargoManifestPath(path) || isNodeManifestPath(path) || isDieselMetadataPath(path) || isDrizzleJournalPath(path) || isAlembicHeadPath(path) || isPythonManifestPath(path) || isSchemaDumpPath(path) || isSchemaFormatSettingsPath(path) || declarationAt(path) !== undefined || (options.models !== false && (isModelPath(path) || isDjangoModelPath(path) || isDjangoAppConfigPath(path) || isInflectionsPath(path) || isActiveRecordSettingsPath(path)));
}

const upLevels = (path: string) => /^(?:\.\.(?:\/|$))*/.exec(path)![0].split("/").filter((s) => s === "..").length;

/**
 * `path` is in folder `dir` ("" is the root the paths are relative to). Paths may climb out of that root the
 * way the CLI shows them (`../Gemfile`): a folder made only of `..` holds every path that climbs no higher.
 */
export function isWithin(dir: string, path: string): boolean {
  if (/^\.\.(?:\/\.\.)*$/.test(dir)) return upLevels(path) <= upLevels(dir);
  if (dir === "") return upLevels(path) === 0;
  return path === dir || path.startsWith(`${dir}/`);
}

/**
 * From a listing of the repository, the fact files that concern the given migrations: the manifests of the
 * folders above them, the schema dumps and models of the project around them, and the deploy files (`models: false` leaves the
 * models out, for an edge that pays one request per file).
 */
export function repositoryFactPaths(listing: readonly string[], migrationPaths: readonly string[], options: { models?: boolean } = {}): string[] {
  const roots = new Set(migrationPaths.map(projectRootOf).filter((r): r is string => r !== undefined));
  // how the project deploys (Dockerfile, entrypoint scripts, Kubernetes manifests): the repository's, wherever they are
  // and the upgrade procedure its documentation writes (documented-upgrade.ts)
  const deploy = [...deployPaths(listing), ...deployDocPaths(listing)];
  // a Django app's apps.py beside its migrations/ folder: its AppConfig's label, which apps.get_model() takes (one file
  // per changed app, read with the facts even when the models are left out, as the CLI reads it: cli/repository-files.ts)
  const djangoApps = new Set(migrationPaths.flatMap((m) => (/(?:^|\/)migrations\/[^/]+\.py$/.test(m) ? [dirOf(dirOf(m))] : [])));
  let workspaces: Set<string> | undefined;
  const workspaceManifests = () => (workspaces ??= cargoWorkspaceManifests(listing, migrationPaths));
  const facts = listing.filter((path) => {
    if (isDjangoAppConfigPath(path) && djangoApps.has(dirOf(path))) return true;
    if (!isRepositoryFactPath(path, options)) return false;
    // a Python project's dependency files: in a folder above a migration (Django has no db/ to root the project)
    if (isPythonManifestPath(path)) return migrationPaths.some((m) => isWithin(pythonManifestDir(path), m));
    // an Alembic project's file naming its head revision: beside the revisions' folder
    if (isAlembicHeadPath(path)) return migrationPaths.some((m) => m.endsWith(".py") && headFileFolders(m).includes(dirOf(path)));
    // a diesel migration's metadata.toml (run_in_transaction = false): in its own folder
    if (isDieselMetadataPath(path)) return migrationPaths.some((m) => dirOf(m) === dirOf(path) && /(?:^|\/)up\.sql$/.test(m));
    // drizzle-kit's journal (the migrations' order, dates and dialect): below its migrations' folder
    if (isDrizzleJournalPath(path)) return migrationPaths.some((m) => m.endsWith(".sql") && dirOf(m) === drizzleFolderOfJournal(path));
    // a Go module's go.mod names its migration runner (gobuffalo/pop): in a folder above a migration
    if (isGoModPath(path)) return migrationPaths.some((m) => isWithin(dirOf(path), m));
    // a Rust crate's Cargo.toml names its runner (sqlx: cargo-sqlx.ts): in a folder above a SQL migration, and every
    // crate's of its workspace, which say which crates reach the migrations' database (code/cargo-crate-graph.ts)
    if (isCargoManifestPath(path)) return migrationPaths.some((m) => m.endsWith(".sql") && isWithin(dirOf(path), m)) || workspaceManifests().has(path);
    // a Node project's package.json names its runner (postgres-migrations): in a folder above a SQL migration
    if (isNodeManifestPath(path)) return migrationPaths.some((m) => m.endsWith(".sql") && isWithin(dirOf(path), m));
    // a peer's baseline (StrongMigrations.start_after, Flyway's baselineVersion): over the migrations it speaks for
    const declaration = declarationAt(path);
    if (declaration) return migrationPaths.some((m) => isWithin(declaration.scope, m));
    // config/application.rb and the initializers (inflections.rb among them) name the tables of the project above config/
    // config/application.rb and config/environments/*.rb say which dump the application writes (rails-schema-format.ts)
    const root = isManifestPath(path) ? dirOf(path) : isActiveRecordSettingsPath(path) ? activeRecordSettingsRootOf(path) : isSchemaFormatSettingsPath(path) ? schemaFormatSettingsRootOf(path) : projectRootOf(path);
    return root !== undefined && [...roots].some((r) => isWithin(root, r));
  });
  return [...new Set([...facts, ...deploy])];
}

/** Cargo.toml files of a workspace read at most (lemmy has 41) */
const MAX_WORKSPACE_MANIFESTS = 100;

/** The Cargo.toml files below the outermost Cargo.toml above each SQL migration (its workspace's root), the shallowest first, bounded. */
function cargoWorkspaceManifests(listing: readonly string[], migrationPaths: readonly string[]): Set<string> {
  const manifests = listing.filter(isCargoManifestPath);
  const roots = new Set<string>();
  for (const migration of migrationPaths.filter((m) => m.endsWith(".sql"))) {
    const outermost = manifests.filter((p) => isWithin(dirOf(p), migration)).sort((a, b) => a.length - b.length)[0];
    if (outermost !== undefined) roots.add(dirOf(outermost));
  }
  const depth = (path: string) => path.split("/").length;
  const below = manifests.filter((p) => [...roots].some((r) => isWithin(r, p))).sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
  return new Set(below.slice(0, MAX_WORKSPACE_MANIFESTS));
}

/**
 * The folder of the project a migration, dump or model belongs to: what is above its `db/` (Rails, dbmate) or
 * its `app/models/`; undefined for a path under neither.
 */
export function projectRootOf(path: string): string | undefined {
  const marker = (name: string) => (path.startsWith(name) ? 0 : path.lastIndexOf(`/${name}`) >= 0 ? path.lastIndexOf(`/${name}`) + 1 : -1);
  const models = marker("app/models/");
  const cut = models >= 0 ? models : marker("db/");
  if (cut < 0) return undefined;
  return path.slice(0, cut).replace(/\/$/, "");
}
