/**
 * The review rules: judged on a change (base -> head) rather than on one migration. Migration rules stay in
 * `rules/index.ts`; these run only in review mode (`migguard review`, the GitHub App).
 */
import conflictingDjangoMigrations from "./conflicting-django-migrations/conflicting-django-migrations.js";
import deletedMigration from "./deleted-migration/deleted-migration.js";
import droppedObjectStillUsed from "./dropped-object-still-used/dropped-object-still-used.js";
import duplicateMigrationVersion from "./duplicate-migration-version/duplicate-migration-version.js";
import editedMigration from "./edited-migration/edited-migration.js";
import migrationVersionOrder from "./migration-version-order/migration-version-order.js";
import renamedMigration from "./renamed-migration/renamed-migration.js";
import restoredMigration from "./restored-migration/restored-migration.js";
import type { ReviewRule } from "../review-rule.js";
import schemaDumpNotUpdated from "./schema-dump-not-updated/schema-dump-not-updated.js";
import schemaDumpVersion from "./schema-dump-version/schema-dump-version.js";
import schemaDumpWithoutMigration from "./schema-dump-without-migration/schema-dump-without-migration.js";
import uninstalledAppTables from "./uninstalled-app-tables/uninstalled-app-tables.js";

export const REVIEW_RULES: readonly ReviewRule[] = [
  // history
  editedMigration,
  renamedMigration,
  deletedMigration,
  restoredMigration,
  migrationVersionOrder,
  duplicateMigrationVersion,
  conflictingDjangoMigrations,
  uninstalledAppTables,
  // drift
  schemaDumpNotUpdated,
  schemaDumpWithoutMigration,
  schemaDumpVersion,
  // breaking changes
  droppedObjectStillUsed,
];
