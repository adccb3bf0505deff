/**
 * Alembic's script_location can be any folder (Netflix dispatch: `src/dispatch/database/revisions/core`), named
 * only in alembic.ini. What marks it is its own pair of files: `env.py`, which runs the revisions, and
 * `script.py.mako`, the template `alembic revision` writes them from, or alembic.ini itself beside env.py (agenta's
 * core_oss keeps no template: its revisions are written by hand). Its `versions/` folder holds the revisions.
 * Read from paths alone, so the review plans with the base tree's listing and the CLI with its walk.
 */
import type { Config } from "../config.js";
import { baseOf, dirOf } from "../paths.js";

/** The second file that, beside env.py, marks a folder as Alembic's script location. */
export const SCRIPT_LOCATION_MARKS = ["script.py.mako", "alembic.ini"] as const;

/** The folders holding env.py and script.py.mako (or alembic.ini): Alembic script locations. */
export function alembicScriptLocations(paths: Iterable<string>): string[] {
  const envs = new Set<string>();
  const templates = new Set<string>();
  for (const path of paths) {
    if (baseOf(path) === "env.py") envs.add(dirOf(path));
    else if ((SCRIPT_LOCATION_MARKS as readonly string[]).includes(baseOf(path))) templates.add(dirOf(path));
  }
  return [...envs].filter((dir) => templates.has(dir)).sort();
}

/**
 * A revision if some folder above its `versions/` turns out to be a script location: only the tree's listing
 * can tell, so a review that lists no tree for the change's other files asks for it (review-change.ts).
 */
export const mayBeScriptLocationRevision = (path: string): boolean => /(^|\/)versions\/(.+\/)?[^/]+\.py$/.test(path);

/** `config` whose `paths.alembic` also names the revisions of every script location among `paths`. */
export function withAlembicScriptLocations(config: Config, paths: Iterable<string>): Config {
  const globs = alembicScriptLocations(paths)
    // `versions/`, or the `<name>_versions/` folders alembic.ini's version_locations names (fief: main_versions)
    .flatMap((dir) => [`${dir ? `${dir}/` : ""}versions/**/*.py`, `${dir ? `${dir}/` : ""}*_versions/**/*.py`])
    .filter((glob) => !config.paths.alembic.includes(glob));
  return globs.length ? { ...config, paths: { ...config.paths, alembic: [...config.paths.alembic, ...globs] } } : config;
}
