/**
 * Which paths of a change the review cares about: migrations (by the engine's own detection) and schema
 * dumps. Works from paths alone where it can, so the App can plan its fetches before reading any file.
 */
import type { Config } from "../config.js";
import { detectByPath, detectFile, type DetectedFile } from "../detect.js";
import { dirOf } from "../paths.js";
import { RailsDatabases } from "../repository/rails-databases.js";

/** Migration detection for a path whose content may not be at hand (a base tree listing). */
export function detectMigrationPath(path: string, config: Config, content?: string): DetectedFile | undefined {
  if (content !== undefined) return detectFile(path, content, config);
  const byPath = detectByPath(path, config);
  if (byPath === undefined) return undefined;
  // a .sql file whose layout only its content tells: numbered files in a migrations folder are migrations
  return byPath === "sql-candidate" ? detectFile(path, "", config) : byPath;
}

/** diesel's layout (a folder per migration with up.sql/down.sql), read as golang-migrate but run like Rails: every pending version. */
export const isDieselFile = (file: DetectedFile): boolean => file.layout === "golang-migrate" && /(?:^|\/)(?:up|down)\.sql$/.test(file.path);

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

