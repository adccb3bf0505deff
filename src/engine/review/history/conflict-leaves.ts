/**
 * The base-branch migrations that say whether a deleted Django migration was one leaf of a conflict: two migrations
 * of its app that nothing of the app depends on (no merge migration joined them), so `manage.py migrate` refused to
 * run ("Conflicting migrations detected"). Decided from paths (plan.ts reads them, the CLI dates them by the commits
 * that added them); the rule judges their dependencies (rules/deleted-migration/conflict-leaf.ts).
 */
import type { Config } from "../../config.js";
import type { DetectedFile } from "../../detect.js";
import { compareVersions } from "../../migration-versions.js";
import { dirOf } from "../../paths.js";
import { detectMigrationPath } from "../classify.js";
import { djangoMigrationName } from "./django-graph.js";

/**
 * At most this many migrations of the app numbered at or after the deleted one: a conflict stops every deploy, so it
 * is resolved within days, among the newest few; a migration with more after it was no leaf (and is not read).
 */
export const CONFLICT_NEIGHBOURS = 10;

/**
 * The deleted migration's path and those of its folder's base migrations numbered at or after it, when another of them
 * shares its number: makemigrations numbers a migration after its parent, so two branches grown on one parent both
 * start with the same number (lego's users 0050_alter_membership_role... and 0050_user_command_suggestions on 0049),
 * and a dependant is numbered after what it depends on, so these are every migration that can depend on it or be
 * the other leaf. Empty for anything else (a squash, a number nobody shares, too many after it).
 */
export function conflictLeafPaths(deleted: DetectedFile, basePaths: readonly string[], config: Config): string[] {
  if (deleted.framework !== "django" || deleted.version === undefined || /_squashed_/.test(djangoMigrationName(deleted.path))) return [];
  const folder = dirOf(deleted.path);
  const atOrAfter = basePaths.filter((path) => {
    if (path === deleted.path || dirOf(path) !== folder) return false;
    const file = detectMigrationPath(path, config);
    return file?.framework === "django" && file.version !== undefined && compareVersions(file.version, deleted.version!) >= 0;
  });
  const sharesNumber = atOrAfter.some((path) => detectMigrationPath(path, config)?.version === deleted.version);
  // a squash beside it stands in for the migrations it replaces (deleting those is Django's documented way, read apart)
  const squash = atOrAfter.some((path) => /_squashed_/.test(djangoMigrationName(path)));
  if (!sharesNumber || squash || atOrAfter.length > CONFLICT_NEIGHBOURS) return [];
  return [deleted.path, ...atOrAfter];
}
