/**
 * Django identifies a migration by its module's name and never runs a .sql file. Projects keep the SQL of each
 * migration beside it for review (`sqlmigrate` output: CourtListener's `0060_x.sql` and `0060_x_customers.sql` next
 * to `0060_x.py`); read as a plain-SQL layout those copies were "migrations" sharing a version (duplicate-version
 * errors), and the same DROP TABLE was judged a second and third time. In a folder that is a Django migrations
 * package (its `__init__.py` and Django migration modules) the .sql files are not migrations. Nothing is said about
 * them: the module beside them is the migration, reviewed as Django runs it. A folder `paths.sql` names stays SQL.
 * Read from paths alone, so the review decides with the base tree's listing and the CLI with its walk.
 */
import type { Config } from "../config.js";
import { detectByPath, matchesAny } from "../detect.js";
import { baseOf, dirOf, literalGlob } from "../paths.js";

/**
 * The folders among `paths` holding an `__init__.py` and a module migguard reads as a Django migration, or that are
 * the `migrations` package of a Django app (beside its `apps.py`): the module Django imports for that app's
 * migrations, even when it holds only SQL (CourtListener's cl/oauth/migrations, sqlmigrate copies of
 * django-oauth-toolkit's migrations). `within` (when given) limits the answer to those folders, so a review of a
 * whole tree detects only the modules beside its .sql files.
 */
export function djangoMigrationPackages(paths: Iterable<string>, config: Pick<Config, "paths">, within?: ReadonlySet<string>): string[] {
  const packages = new Set<string>();
  const modules = new Set<string>();
  const apps = new Set<string>();
  for (const path of paths) {
    if (!path.endsWith(".py")) continue;
    const dir = dirOf(path);
    // an app's apps.py sits beside (not in) its migrations package: gathered from every folder
    if (baseOf(path) === "apps.py") apps.add(dir);
    else if (within && !within.has(dir)) continue;
    else if (baseOf(path) === "__init__.py") packages.add(dir);
    else if (!modules.has(dir)) {
      const detected = detectByPath(path, config);
      if (detected !== undefined && detected !== "sql-candidate" && detected.framework === "django") modules.add(dir);
    }
  }
  for (const dir of packages) if (baseOf(dir) === "migrations" && apps.has(dirOf(dir))) modules.add(dir);
  return [...modules].filter((dir) => packages.has(dir)).sort();
}

/** `config` whose `paths.exclude` also names the .sql files of every Django migrations package among `paths`. */
export function withDjangoSqlCopies(config: Config, paths: Iterable<string>): Config {
  const all = [...paths];
  const sqlFiles = new Map<string, string[]>();
  for (const path of all) {
    if (!path.endsWith(".sql")) continue;
    const dir = dirOf(path);
    const inDir = sqlFiles.get(dir);
    if (inDir) inDir.push(path);
    else sqlFiles.set(dir, [path]);
  }
  if (sqlFiles.size === 0) return config; // no .sql file: nothing to exclude, no Django module to detect
  const globs = djangoMigrationPackages(all, config, new Set(sqlFiles.keys()))
    .filter((dir) => !sqlFiles.get(dir)!.some((path) => matchesAny(path, config.paths.sql)))
    .map((dir) => `${dir ? `${literalGlob(dir)}/` : ""}*.sql`)
    .filter((glob) => !config.paths.exclude.includes(glob));
  return globs.length ? { ...config, paths: { ...config.paths, exclude: [...config.paths.exclude, ...globs] } } : config;
}
