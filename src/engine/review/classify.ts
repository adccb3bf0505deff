/**
 * Which paths of a change the review cares about: migrations (by the engine's own detection) and schema
 * dumps. Works from paths alone where it can, so the App can plan its fetches before reading any file.
 */
import picomatch from "picomatch";
import type { Config } from "../config.js";
import { detectByPath, detectFile, type DetectedFile } from "../detect.js";
import { dirOf } from "../paths.js";
import { RailsDatabases } from "./rails-databases.js";

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

export type DumpFormat = "schema.rb" | "structure.sql";

export interface SchemaDumpPath {
  path: string;
  format: DumpFormat;
  /** does this dump describe the migration at `path`? */
  covers(file: DetectedFile): boolean;
}

// Rails: db/schema.rb and db/structure.sql for the primary database, db/<name>_schema.rb for the others
// (see RailsDatabases). dbmate: db/schema.sql beside db/migrations.
const RAILS_DUMP = /^(.*?)(?:^|\/)db\/(?:(\w+)_)?(schema\.rb|structure\.sql)$/;
const DBMATE_DUMP = /^(.*?)(?:^|\/)db\/schema\.sql$/;

const prefixOf = (root: string) => (root ? `${root}/` : "");

const dumpMatchers = new Map<string, (path: string) => boolean>();
function configuredDump(path: string, globs: readonly string[]): boolean {
  return globs.some((glob) => {
    let matcher = dumpMatchers.get(glob);
    if (!matcher) dumpMatchers.set(glob, (matcher = picomatch(glob, { dot: true })));
    return matcher(path);
  });
}

/**
 * The path is a schema dump: the config's `schema_dumps` first (so a project can always say what its dumps
 * describe), then Rails' and dbmate's conventions. `databases` knows the repository's named Rails databases
 * (without it, every `db/*migrate*` folder but the dump's own named one counts as the primary database's).
 */
export function schemaDumpOf(path: string, config: Pick<Config, "schema_dumps">, databases: RailsDatabases = new RailsDatabases([path])): SchemaDumpPath | undefined {
  if (configuredDump(path, config.schema_dumps)) {
    // a configured dump describes the migrations of the project around it: below the folder that holds its folder
    const root = dirOf(dirOf(path));
    const format: DumpFormat = path.endsWith(".rb") ? "schema.rb" : "structure.sql";
    return { path, format, covers: (file) => root === "" || file.path.startsWith(`${root}/`) };
  }
  const rails = RAILS_DUMP.exec(path);
  if (rails) {
    const database = RailsDatabases.databaseOfDump(path);
    return {
      path,
      format: rails[3] === "schema.rb" ? "schema.rb" : "structure.sql",
      covers: (file) => file.framework === "rails" && databases.databaseOf(file.path) === database,
    };
  }
  const dbmate = DBMATE_DUMP.exec(path);
  if (dbmate) {
    const migrations = `${prefixOf(dbmate[1])}db/migrations/`;
    return { path, format: "structure.sql", covers: (file) => file.framework === "sql" && file.path.startsWith(migrations) };
  }
  return undefined;
}
