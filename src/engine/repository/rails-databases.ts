/**
 * Which database a Rails migration feeds. Rails runs every folder of `config.paths["db/migrate"]` as one
 * sequence of versions for one database and dumps them all into its schema: `db/migrate` plus, in Mastodon
 * and GitLab, `db/post_migrate` (post-deployment migrations). A second database keeps its own
 * `db/<name>_migrate` and `db/<name>_schema.rb` (or `_structure.sql`). So a `db/<x>_migrate` folder belongs
 * to database `<x>` only when that database has a dump of its own; every other migration folder under `db/`
 * belongs to the primary database.
 */
const RAILS_DUMP = /^(.*?)(?:^|\/)db\/(?:(\w+)_)?(?:schema\.rb|structure\.sql)$/;
// at any depth below the folder: Rails loads db/migrate/archive/*.rb as db/migrate's (rails-migrations-path.ts)
const RAILS_MIGRATION = /^(.*?)(?:^|\/)db\/([^/]*migrate[^/]*)\/(?:[^/]+\/)*[^/]+\.rb$/;

const prefixOf = (root: string) => (root ? `${root}/` : "");

export class RailsDatabases {
  /** `<root>db/<name>` of every named database that has a dump */
  private readonly named = new Set<string>();

  /** `paths`: every known path of the repository (the base tree and the change), to find the named dumps */
  constructor(paths: Iterable<string> = []) {
    for (const path of paths) {
      const dump = RAILS_DUMP.exec(path);
      // data_migrate's db/data_schema.rb names no database (schema-dump-paths.ts)
      if (dump?.[2] && !(dump[2] === "data" && path.endsWith("schema.rb"))) this.named.add(`${prefixOf(dump[1])}db/${dump[2]}`);
    }
  }

  /** The database key of a Rails migration (`<root>db/` primary, `<root>db/<name>` named), or undefined outside `db/`. */
  databaseOf(migrationPath: string): string | undefined {
    const m = RAILS_MIGRATION.exec(migrationPath);
    if (!m) return undefined;
    const db = `${prefixOf(m[1])}db/`;
    const named = /^(\w+)_migrate$/.exec(m[2]);
    if (named && this.named.has(`${db}${named[1]}`)) return `${db}${named[1]}`;
    return db;
  }

  /** The primary database's key of the Rails application a database key belongs to (`x/db/cache` -> `x/db/`). */
  static primaryOf(database: string): string {
    return database.slice(0, database.lastIndexOf("db/") + "db/".length);
  }

  /** The database key a dump describes: its own name, or the primary database of its `db/` folder. */
  static databaseOfDump(dumpPath: string): string | undefined {
    const m = RAILS_DUMP.exec(dumpPath);
    if (!m) return undefined;
    return `${prefixOf(m[1])}db/${m[2] ?? ""}`;
  }
}
