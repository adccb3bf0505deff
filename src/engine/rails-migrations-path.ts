/**
 * Rails loads each migrations path's migrations from every folder below it: MigrationContext#migration_files globs
 * `#{path}/**\/[0-9]*_*.rb`. So db/migrate/archive/20150210025312_create_database.rb is a migration of db/migrate
 * with its version, and moving old migrations into such a subfolder (panoptes moved 260) changes nothing Rails runs.
 */

// an engine's migration copied into the app keeps its scope: 20260223105922_create_noticed_tables.noticed.rb
export const RAILS_MIGRATION_PATH = /(?:^|\/)db\/[^/]*migrate[^/]*\/(?:[^/]+\/)*(\d+)_(\w+)(?:\.\w+)?\.rb$/;

const MIGRATIONS_PATH = /^(.*?(?:^|\/)db\/[^/]*migrate[^/]*)\//;

/**
 * The migrations path that holds a Rails migration at any depth below it (`<root>db/migrate` for
 * `<root>db/migrate/archive/1_x.rb`); undefined for a file under no `db/*migrate*` folder (one a `paths` glob names).
 */
export function railsMigrationsPath(path: string): string | undefined {
  return MIGRATIONS_PATH.exec(path)?.[1];
}
