/**
 * What a runner records an applied migration under, which decides whether a moved file is still the migration
 * databases ran: Django by app label and migration name (the app's migrations package is found through the app,
 * wherever its folder lies: OWASP Nest's backend/apps/ → backend/src/apps/ with src/ on the import path), Rails by
 * version (in the database its folder feeds), Alembic by the revision id the file declares, Liquibase by changelog
 * path (so any move is a new changelog), the SQL layouts by the version and name in the file name. A move that
 * keeps it is no rename; one that changes it (renumbered, another folder name without an AppConfig `label`) is.
 */
import type { DetectedFile } from "../../detect.js";
import type { Migration } from "../../model.js";
import { djangoAppOf } from "../../paths.js";
import type { RailsDatabases } from "../../repository/rails-databases.js";
import { djangoMigrationName } from "./django-graph.js";

/**
 * Which of the application's databases a Rails migration folder feeds, by its name alone (`` for db/migrate,
 * `animals` for db/animals_migrate): a whole application moved into a subfolder (`backend/db/migrate`) migrates the
 * same database.
 */
function railsDatabaseName(path: string, databases: RailsDatabases): string {
  const database = databases.databaseOf(path) ?? "";
  return database.slice(database.lastIndexOf("db/") + 3);
}

/**
 * The identity of a migration file: `model` is its analysed model (the Django label Django's dependencies use, the
 * Alembic revision id), when there is one. undefined when the identity cannot be told (an Alembic file not read).
 */
export function migrationIdentity(file: DetectedFile, model: Migration | undefined, databases: RailsDatabases): string | undefined {
  switch (file.layout) {
    case "django":
      return `django\u0000${model?.djangoLabel ?? djangoAppOf(file.path)}\u0000${djangoMigrationName(file.path)}`;
    case "rails":
      return file.version === undefined ? undefined : `rails\u0000${railsDatabaseName(file.path, databases)}\u0000${file.version}`;
    case "alembic":
      return model?.revision ? `alembic\u0000${model.revision.id}` : undefined;
    case "liquibase":
      return `liquibase\u0000${file.path}`;
    default:
      return `${file.layout}\u0000${file.role}\u0000${file.version ?? ""}\u0000${file.name ?? ""}`;
  }
}

/**
 * A rename that keeps what the runner knows the migration by: the same framework and layout, and the same identity
 * before and after (the base branch's model for the old path, the head's for the new one).
 */
export function keepsIdentity(
  previous: { file: DetectedFile; model?: Migration },
  current: { file: DetectedFile; model?: Migration },
  databases: RailsDatabases,
): boolean {
  if (previous.file.framework !== current.file.framework || previous.file.layout !== current.file.layout) return false;
  const before = migrationIdentity(previous.file, previous.model, databases);
  return before !== undefined && before === migrationIdentity(current.file, current.model, databases);
}
