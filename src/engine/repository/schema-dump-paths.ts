/**
 * Which paths are schema dumps (Rails' schema.rb / structure.sql, dbmate's schema.sql, the config's
 * `schema_dumps`) and which migrations each describes. Paths only: the lint's code search and the review both ask.
 */
import picomatch from "picomatch";
import type { Config } from "../config.js";
import type { DetectedFile } from "../detect.js";
import { dirOf } from "../paths.js";
import { RailsDatabases } from "./rails-databases.js";

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

/**
 * `db/data_schema.rb` is the data_migrate gem's record of the data migrations it ran (`DataMigrate::Data.define(version:
 * ...)`), not a dump of a database named `data`: it holds no table, and the gem rewrites it on its own. A project whose
 * second database really is named `data` says so in `schema_dumps`.
 */
export const isDataMigrateSchema = (path: string): boolean => /(?:^|\/)db\/data_schema\.rb$/.test(path);

const dumpMatchers = new Map<string, (path: string) => boolean>();
/** The config's `schema_dumps` names the path. */
export function isConfiguredDump(path: string, globs: readonly string[]): boolean {
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
  if (isConfiguredDump(path, config.schema_dumps)) {
    // a configured dump describes the migrations of the project around it: below the folder that holds its folder
    const root = dirOf(dirOf(path));
    const format: DumpFormat = path.endsWith(".rb") ? "schema.rb" : "structure.sql";
    return { path, format, covers: (file) => root === "" || file.path.startsWith(`${root}/`) };
  }
  const rails = RAILS_DUMP.exec(path);
  if (rails && !isDataMigrateSchema(path)) {
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
