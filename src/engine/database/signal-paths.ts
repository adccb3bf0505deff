/**
 * Which repository files can say what database a migrations folder runs on, decided from paths alone so the
 * CLI and the App fetch only those: Rails' config/database.yml (and its committed samples), Django settings
 * modules, Alembic's alembic.ini and env.py.
 */
import { baseOf, dirOf } from "../paths.js";
import { isPythonManifestPath, pythonManifestDir } from "../repository/python-requirements.js";
import { isInstallationManifest } from "./python-drivers.js";
import { isInstallDocPath, isSampleConfigPath } from "./documented-urls.js";

export type SignalKind =
  | "rails-database-yml"
  | "rails-database-sample"
  | "django-settings"
  | "alembic-ini"
  | "alembic-env"
  | "ci-workflow"
  | "circleci-config"
  | "gemfile"
  | "python-manifest"
  | "documented-url";

/** Lock files list development packages too: only the files a project declares its installation in. */
const LOCK_FILES = new Set(["poetry.lock", "uv.lock", "Pipfile.lock", "Pipfile", "setup.py"]);

const RAILS_SAMPLES = new Set([
  "database.yml.sample",
  "database.yml.example",
  "database.yml.dist",
  "database.example.yml",
  "database.sample.yml",
  "database.docker.yml",
]);

export function signalKind(path: string): SignalKind | undefined {
  if (/(?:^|\/)(?:node_modules|vendor|\.git|site-packages|\.venv|venv)\//.test(path)) return undefined;
  const base = baseOf(path);
  const parent = baseOf(dirOf(path));
  // a CI job matrix over databases says which ones the project supports (database/ci-matrix.ts)
  if (parent === "workflows" && baseOf(dirOf(dirOf(path))) === ".github" && /\.ya?ml$/.test(base)) return "ci-workflow";
  // CircleCI's workflows run jobs over a matrix of parameters the same way (database/ci-matrix.ts)
  if (parent === ".circleci" && /^config\.ya?ml$/.test(base)) return "circleci-config";
  // the adapter gems a Rails app installs say which databases it runs on (database/gemfile-databases.ts)
  if (base === "Gemfile") return "gemfile";
  if (parent === "config" && base === "database.yml") return "rails-database-yml";
  if (parent === "config" && RAILS_SAMPLES.has(base)) return "rails-database-sample";
  if (base === "alembic.ini") return "alembic-ini";
  // any script location's env.py (aleph's aleph/migrate/env.py): its readers take only the one beside the `versions/`
  // folder they serve; a Django settings package's env.py (settings/env.py, envs/env.py) stays a settings module
  if (base === "env.py" && parent !== "settings" && parent !== "envs") return "alembic-env";
  // the drivers a Python project installs and the URLs its install guide gives (python-drivers.ts, documented-urls.ts)
  if (isPythonManifestPath(path) && !LOCK_FILES.has(base) && isInstallationManifest(path)) return "python-manifest";
  if (isInstallDocPath(path) || isSampleConfigPath(path)) return "documented-url";
  if (!base.endsWith(".py") || path.includes("/migrations/")) return undefined;
  if (base === "settings.py" || /^settings[_-]?\w*\.py$/.test(base) || parent === "settings" || parent === "envs") return "django-settings";
  return undefined;
}

/** The Rails application root of a db/migrate folder (`engines/x/db/migrate` -> `engines/x/`). */
export function railsRoot(migrationFolder: string): string {
  const at = migrationFolder.lastIndexOf("db/");
  return at === -1 ? "" : migrationFolder.slice(0, at);
}

/** Paths to read for a Rails folder without a listing: the database.yml and the usual samples beside it. */
export function railsSignalPaths(migrationFolder: string): string[] {
  const root = railsRoot(migrationFolder);
  return [`${root}config/database.yml`, ...[...RAILS_SAMPLES].map((s) => `${root}config/${s}`)];
}

/**
 * Ancestors of a folder, nearest first, ending with the repository root (""). A folder outside the working
 * directory (`../x/migrations`) stops before `..`: files found below the working directory are not its.
 */
export function ancestors(folder: string): string[] {
  const out: string[] = [];
  let dir = folder;
  while (dir && dir !== ".." && !dir.endsWith("/..")) {
    out.push(dir);
    dir = dirOf(dir);
  }
  if (!folder.startsWith("..")) out.push("");
  return out;
}

const under = (path: string, dir: string) => dir === "" || path.startsWith(`${dir}/`);

/**
 * The signal files that speak for a migration folder, nearest scope first: for Django, the settings modules
 * under the nearest ancestor that has any; for Alembic, env.py beside `versions/` and the nearest alembic.ini.
 */
/** The frameworks whose migrations folders have signal files (signalPathsFor names none for a SQL folder). */
export const FRAMEWORKS_WITH_SIGNALS: ReadonlySet<string> = new Set(["rails", "django", "alembic"]);

export function signalPathsFor(framework: string, migrationFolder: string, listing: readonly string[]): string[] {
  if (!FRAMEWORKS_WITH_SIGNALS.has(framework)) return [];
  const gemfile = framework === "rails" ? [railsGemfile(migrationFolder, listing) ?? []].flat() : [];
  return [
    ...databasePathsFor(framework, migrationFolder, listing),
    ...projectEvidencePaths(framework, migrationFolder, listing),
    ...gemfile,
    ...listing.filter((path) => isCiConfig(signalKind(path))),
  ];
}

export const isCiConfig = (kind: SignalKind | undefined) => kind === "ci-workflow" || kind === "circleci-config";

/**
 * The Gemfile of a Rails folder's application; an engine gem's folder (solidus' `core/db/migrate`) has none beside it
 * and is installed by the repository root's Gemfile, which lists the adapters its apps and CI run on.
 */
export function railsGemfile(migrationFolder: string, listing: readonly string[]): string | undefined {
  const own = `${railsRoot(migrationFolder)}Gemfile`;
  if (listing.includes(own)) return own;
  return listing.includes("Gemfile") ? "Gemfile" : undefined;
}

/** at most this many install guides and sample configs are read for a folder (the App fetches each) */
const MAX_DOCUMENTS = 12;

/**
 * Python projects (Alembic, Django): the installation's dependency files of the nearest folder above the migrations
 * that has any, and the install guides and sample configs of the repository (python-drivers.ts, documented-urls.ts).
 */
export function projectEvidencePaths(framework: string, migrationFolder: string, listing: readonly string[]): string[] {
  if (framework !== "alembic" && framework !== "django") return [];
  const kinds = listing.map((path) => ({ path, kind: signalKind(path) }));
  const manifests = kinds.filter((s) => s.kind === "python-manifest");
  let nearest: string[] = [];
  for (const dir of ancestors(dirOf(migrationFolder))) {
    nearest = manifests.filter((s) => pythonManifestDir(s.path) === dir).map((s) => s.path);
    if (nearest.length) break;
  }
  const documents = kinds.filter((s) => s.kind === "documented-url").map((s) => s.path).sort().slice(0, MAX_DOCUMENTS);
  return [...nearest, ...documents];
}

/** The files that name the folder's database (signalPathsFor adds the CI workflows that say which others it supports). */
export function databasePathsFor(framework: string, migrationFolder: string, listing: readonly string[]): string[] {
  const kinds = listing.map((path) => ({ path, kind: signalKind(path) })).filter((s) => s.kind);
  if (framework === "rails") {
    const root = railsRoot(migrationFolder);
    return kinds.filter((s) => (s.kind === "rails-database-yml" || s.kind === "rails-database-sample") && dirOf(s.path) === `${root}config`).map((s) => s.path);
  }
  if (framework === "django") {
    for (const dir of ancestors(dirOf(migrationFolder))) {
      const found = kinds.filter((s) => s.kind === "django-settings" && under(s.path, dir)).map((s) => s.path);
      if (found.length) return found.slice(0, 12);
    }
    return [];
  }
  if (framework === "alembic") {
    const scriptDir = dirOf(migrationFolder);
    const env = kinds.filter((s) => s.kind === "alembic-env" && dirOf(s.path) === scriptDir).map((s) => s.path);
    for (const dir of ancestors(scriptDir)) {
      const ini = kinds.find((s) => s.kind === "alembic-ini" && dirOf(s.path) === dir);
      if (ini) return [ini.path, ...env];
    }
    return env;
  }
  return [];
}
