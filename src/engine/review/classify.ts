/**
 * Which paths of a change the review cares about: migrations (by the engine's own detection) and schema
 * dumps. Works from paths alone where it can, so the App can plan its fetches before reading any file.
 */
import type { Config } from "../config.js";
import { detectByPath, detectFile, type DetectedFile } from "../detect.js";
import { dirOf } from "../paths.js";
import { RailsDatabases } from "../repository/rails-databases.js";
import { schemaDumpOf } from "../repository/schema-dump-paths.js";

/** Migration detection for a path whose content may not be at hand (a base tree listing). */
export function detectMigrationPath(path: string, config: Config, content?: string): DetectedFile | undefined {
  if (content !== undefined) return detectFile(path, content, config);
  const byPath = detectByPath(path, config);
  if (byPath === undefined) return undefined;
  // a .sql file whose layout only its content tells: numbered files in a migrations folder are migrations
  return byPath === "sql-candidate" ? detectFile(path, "", config) : byPath;
}

/**
 * A changed file migguard could not read (over max_file_bytes, a link) still counts as a migration not analysed, which
 * fails the check, when it may be one: a file whose path says migration, or a .sql file in a migrations folder or
 * where the config's sql globs point, or a schema dump. A .sql file elsewhere (bluebottle's 2 MB testdata.sql at the repository root, a
 * pg_dump for tests) is a migration only by its content, which a file too large to read cannot show: not one.
 */
export function unreadMayBeMigration(path: string, config: Config): boolean {
  const byPath = detectByPath(path, config);
  if (byPath === undefined) return !path.endsWith(".sql");
  if (byPath !== "sql-candidate") return true;
  return detectFile(path, "", config) !== undefined || /(?:^|\/)[^/]*migrat[^/]*\//i.test(path) || schemaDumpOf(path, config) !== undefined;
}

/**
 * A folder per migration with up.sql/down.sql: diesel's (its folder names), or another runner's of the same shape
 * (read as golang-migrate), run like Rails: every pending version.
 */
export const isDieselFile = (file: DetectedFile): boolean => file.layout === "diesel" || (file.layout === "golang-migrate" && /(?:^|\/)(?:up|down)\.sql$/.test(file.path));

/** Files of one migration share a key; a migration's up (or only file) carries its version. */
export const isPrimaryFile = (file: DetectedFile): boolean => file.role === "up" || file.role === "combined";


/**
 * Migrations whose versions are ordered against each other: the same folder, or for layouts with one
 * folder per migration (Prisma, Diesel) the folder above it. Rails orders every migration folder of one
 * database together (`db/migrate` and `db/post_migrate` are one sequence).
 */
export function migrationSetKey(file: DetectedFile, databases: RailsDatabases = new RailsDatabases()): string {
  if (file.framework === "rails") {
    const database = databases.databaseOf(file.path);
    if (database !== undefined) return `rails:${database}`;
  }
  const dir = dirOf(file.path);
  const perMigrationFolder = file.layout === "prisma" || /(?:^|\/)(?:up|down)\.sql$/.test(file.path);
  return `${file.framework}:${perMigrationFolder ? dirOf(dir) : dir}`;
}

