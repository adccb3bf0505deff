/**
 * The CLI's file access: walk the given paths, keep what may be a migration, read it, and add the
 * companion files (a .down.sql, a Flyway undo, a sqitch revert) the engine pairs with it.
 */
import { withAlembicScriptLocations } from "../engine/migration-folders/alembic-script-locations.js";
import { mayBeMovedDjangoMigration } from "../engine/migration-folders/django-migration-modules.js";
import { withDjangoSqlCopies } from "../engine/migration-folders/django-sql-copies.js";
import { withAlembicVersionLocations } from "../engine/migration-folders/alembic-version-locations.js";
import { withMarkedSqlFolders } from "../engine/migration-folders/marked-sql-folders.js";
import { lstatSync, readdirSync, readFileSync, statSync } from "node:fs";
import { alembicInisAbove, scriptLocationFilesAbove } from "./alembic-above.js";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { FileError } from "../engine/analyze.js";
import type { Config } from "../engine/config.js";
import { companionPaths, detectByPath, inFixtureFolder } from "../engine/detect.js";
import { literalGlob } from "../engine/paths.js";
import type { SourceFile } from "../engine/model.js";
import { SYMLINK_NOT_READ } from "../engine/limits.js";
import { CommandFailure, UsageError } from "./usage-error.js";
import { walkFiles } from "./walk-files.js";

// callers written before usage-error.ts existed import them from here
export { CommandFailure, UsageError };

const SKIPPED_DIRS = new Set(["node_modules", ".git", "vendor", "dist", ".venv", "venv", "__pycache__", "target"]);

/**
 * Paths as the user sees them: relative to the working directory, with forward slashes. A path inside the
 * working directory (nearly every one, thousands per lint) is cut from it instead of going through relative().
 */
export function displayPath(absolute: string, cwd = process.cwd()): string {
  const inside = absolute.startsWith(cwd) && absolute[cwd.length] === sep && !cwd.endsWith(sep) ? absolute.slice(cwd.length + 1) : undefined;
  // relative() also normalises: a path with "." or ".." segments or stray separators goes through it
  const shown = inside !== undefined && !/(^|[\\/])\.\.?([\\/]|$)|[\\/]{2}|^[\\/]|[\\/]$/.test(inside) ? inside : relative(cwd, absolute);
  return (sep === "/" ? shown : shown.split(sep).join("/")) || ".";
}

/** Every file under `dir`; a link is listed, never followed: if it looks like a migration it is reported as not analysed. */
const allFilesUnder = (dir: string): string[] =>
  walkFiles(dir, { enter: (name) => !SKIPPED_DIRS.has(name), keep: (_path, entry) => entry.isFile() || entry.isSymbolicLink() });

/** The Alembic files above a linted path (script location, alembic.ini), as the engine's SourceFiles and paths. */
function alembicAbove(walked: readonly string[], from: string, cwd: string, looked: AlembicLooked): { inis: SourceFile[]; locationFiles: string[] } {
  return {
    inis: alembicInisAbove(walked, from, cwd, looked.inis).map((ini) => ({ path: displayPath(ini.path, cwd), content: ini.content })),
    locationFiles: scriptLocationFilesAbove(from, cwd, looked.locations).map((file) => displayPath(file, cwd)),
  };
}

interface AlembicLooked {
  /** alembic.ini paths already read or found absent */
  inis: Set<string>;
  /** folders already looked at for env.py and script.py.mako */
  locations: Set<string>;
}

export interface CollectedFiles {
  /**
   * the config, with the revisions of any Alembic script location the walk found (alembic-script-locations.ts)
   * and the folders Django's MIGRATION_MODULES names (django-migration-modules.ts)
   */
  config: Config;
  files: SourceFile[];
  explicit: Set<string>;
  /**
   * Python files named on the command line, or directly in a folder named there, that no path marks as a migration:
   * Alembic revisions where Flask-Alembic keeps them (zeus/migrations/*.py), if their module says so (lint-command.ts)
   */
  alembicCandidates: string[];
  errors: FileError[];
  /**
   * a numbered Python module outside `migrations/` was left out: Django's MIGRATION_MODULES may name its folder
   * (read the settings modules, then collect again with `withDjangoMigrationModules`)
   */
  movedDjango: boolean;
  /** the alembic.ini files read above the named paths: their version_locations are one revision tree (sibling-migrations.ts) */
  alembicInis: SourceFile[];
}

/** A named folder inside a test-data folder (fixtures/, testdata/, stub/): its files are read as migrations all the same. */
function withNamedFixtureFolder(config: Config, folder: string): Config {
  if (!inFixtureFolder(`${folder}/.`)) return config;
  return { ...config, paths: { ...config.paths, fixtures: [...(config.paths.fixtures ?? []), `${literalGlob(folder)}/**`] } };
}

/** localeCompare's order (ECMA-402: a collator of the default locale), from one collator: 800 paths sort in 1.5 ms, not 6-18 ms */
const PATH_ORDER = new Intl.Collator();

/** The names in a folder, none when it cannot be read. */
function siblingNames(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export function collectFiles(paths: readonly string[], given: Config, cwd = process.cwd()): CollectedFiles {
  const found = new Map<string, boolean>(); // absolute path -> named explicitly
  let config = given;
  let movedDjango = false;
  const looked: AlembicLooked = { inis: new Set(), locations: new Set() };
  const alembicInis: SourceFile[] = [];
  const alembicCandidates = new Set<string>();
  // the folders of named .sql files whose listing was read for the files that mark them: read once per folder, not
  // once per file (700 files of one folder named on the command line listed it 700 times; the marks only add globs)
  const markedFoldersRead = new Set<string>();
  for (const given of paths) {
    const absolute = resolve(cwd, given);
    let stat;
    try {
      stat = statSync(absolute);
    } catch {
      throw new UsageError(`no such file or directory: ${given}`);
    }
    if (stat.isDirectory()) {
      const all = allFilesUnder(absolute);
      // a folder inside a script location (its versions/): the env.py and script.py.mako above it mark it
      const above = alembicAbove(all, dirname(absolute), cwd, looked);
      const walked = all.map((file) => displayPath(file, cwd));
      config = withAlembicScriptLocations(config, [...walked, ...above.locationFiles]);
      config = withAlembicVersionLocations(config, above.inis);
      alembicInis.push(...above.inis);
      // the .sql files beside Django's migration modules are copies for review, never run (django-sql-copies.ts)
      config = withDjangoSqlCopies(config, walked);
      // tern.conf, atlas.sum and drizzle-kit's meta/_journal.json mark their runner's folders (marked-sql-folders.ts)
      config = withMarkedSqlFolders(config, walked);
      // a folder named on the command line that is itself test data (or inside some): the user asks for its migrations
      config = withNamedFixtureFolder(config, displayPath(absolute, cwd));
      for (const file of all) {
        const path = displayPath(file, cwd);
        if (detectByPath(path, config) !== undefined) {
          if (!found.has(file)) found.set(file, false);
        } else {
          movedDjango ||= mayBeMovedDjangoMigration(path);
          if (file.endsWith(".py") && dirname(file) === absolute) alembicCandidates.add(path);
        }
      }
    } else {
      const above = alembicAbove([], dirname(absolute), cwd, looked);
      config = withAlembicScriptLocations(config, above.locationFiles);
      config = withAlembicVersionLocations(config, above.inis);
      alembicInis.push(...above.inis);
      // a named .sql file's folder may hold tern.conf or atlas.sum, or drizzle-kit's meta/_journal.json
      const folder = dirname(absolute);
      if (absolute.endsWith(".sql") && !markedFoldersRead.has(folder)) {
        markedFoldersRead.add(folder);
        config = withMarkedSqlFolders(config, [...siblingNames(folder), ...siblingNames(join(folder, "meta")).map((name) => `meta/${name}`)].map((name) => displayPath(join(folder, name), cwd)));
      }
      found.set(absolute, true);
      const unplaced = detectByPath(displayPath(absolute, cwd), config) === undefined;
      movedDjango ||= unplaced && mayBeMovedDjangoMigration(displayPath(absolute, cwd));
      if (unplaced && absolute.endsWith(".py")) alembicCandidates.add(displayPath(absolute, cwd));
    }
  }
  // companions, so `migguard lint 001_x.up.sql` still sees its down
  // a folder's listing, read once: a Flyway folder of 300 migrations would otherwise be listed 300 times
  const listings = new Map<string, string[]>();
  const siblingsOf = (dir: string): string[] => {
    let siblings = listings.get(dir);
    if (!siblings) {
      try {
        siblings = readdirSync(dir).map((name) => displayPath(join(dir, name), cwd));
      } catch {
        siblings = [];
      }
      listings.set(dir, siblings);
    }
    return siblings;
  };
  for (const file of [...found.keys()]) {
    const detected = detectByPath(displayPath(file, cwd), config);
    if (!detected || detected === "sql-candidate") continue;
    const siblings = detected.layout === "flyway" ? siblingsOf(dirname(file)) : [];
    for (const companion of companionPaths(detected, siblings)) {
      const absolute = resolve(cwd, companion);
      if (!found.has(absolute) && statSync(absolute, { throwIfNoEntry: false })?.isFile()) found.set(absolute, false);
    }
  }
  const files: SourceFile[] = [];
  const explicit = new Set<string>();
  const errors: FileError[] = [];
  for (const [absolute, named] of found) {
    const path = displayPath(absolute, cwd);
    try {
      const stat = lstatSync(absolute);
      // named on the command line, or a companion: a link is never read (its target may be outside the
      // repository, like a PR's `db/migrations/1_x.up.sql -> ../../.git/config`); walking never lists one
      if (stat.isSymbolicLink()) {
        errors.push({ path, message: SYMLINK_NOT_READ });
        continue;
      }
      const size = stat.size;
      if (size > config.max_file_bytes) {
        errors.push({ path, message: `larger than ${config.max_file_bytes} bytes (max_file_bytes)` });
        continue;
      }
      files.push({ path, content: readFileSync(absolute, "utf8") });
      if (named) explicit.add(path);
    } catch (error) {
      errors.push({ path, message: `cannot read: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  files.sort((a, b) => PATH_ORDER.compare(a.path, b.path));
  return { config, files, explicit, errors, movedDjango, alembicInis, alembicCandidates: [...alembicCandidates] };
}
