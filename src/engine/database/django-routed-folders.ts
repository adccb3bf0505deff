/**
 * Django app folders whose database the project's routers decide (django-routers.ts): a folder the settings put on
 * PostgreSQL whose app the routers never migrate there runs on the database they do migrate it on, or on none.
 */
import { historyOf } from "../adapters/python/django-history.js";
import { projectModulesFor, type ProjectFileReader } from "../adapters/python/project-modules.js";
import type { MigrationUnit } from "../group.js";
import type { SourceFile } from "../model.js";
import { migrationFolder, type DatabaseDecision } from "./decide.js";
import { folderPathDatabase } from "./dialect-file.js";
import { isDevelopmentSettingsPath, isTestSettingsPath } from "./development-settings.js";
import { routedDatabase } from "./django-routers.js";
import { databasePathsFor } from "./signal-paths.js";

/**
 * Revises `databases` in place for the Django folders routed off PostgreSQL, and returns the folders no alias
 * migrates, with why (their migrations are not checked against a database that does not run them).
 */
export function routeDjangoFolders(units: readonly MigrationUnit[], databases: Map<string, DatabaseDecision>, signals: ReadonlyMap<string, SourceFile>, projectFile: ProjectFileReader | undefined): Map<string, string> {
  const unrouted = new Map<string, string>();
  const modules = projectModulesFor(projectFile);
  if (!modules) return unrouted;
  const listing = [...signals.keys()];
  const firstOf = new Map<string, MigrationUnit>();
  for (const unit of units) if (unit.file.framework === "django" && !firstOf.has(migrationFolder(unit.file))) firstOf.set(migrationFolder(unit.file), unit);
  for (const [folder, unit] of firstOf) {
    const decision = databases.get(folder);
    // the config's `database:` and a folder named after its database speak for themselves
    if (!decision || decision.database !== "postgresql" || decision.reason.startsWith("`database:") || folderPathDatabase(folder)) continue;
    const settings = databasePathsFor("django", folder, listing)
      .filter((path) => !isTestSettingsPath(path) && !isDevelopmentSettingsPath(path))
      .flatMap((path) => signals.get(path) ?? [])
      .filter((file) => file.content.includes("DATABASE_ROUTERS"));
    if (settings.length === 0) continue;
    let label: string;
    try {
      label = historyOf(unit.history, modules).appLabel(unit.file.path);
    } catch {
      continue; // a migration that cannot be read reports its own error
    }
    const routed = routedDatabase(label, settings, (dotted, from) => modules.moduleFile(dotted, from));
    if (!routed) continue;
    if (routed.database === undefined) unrouted.set(folder, routed.reason);
    else databases.set(folder, { folder, database: routed.database, version: decision.version, reason: routed.reason, assumed: false });
  }
  return unrouted;
}
