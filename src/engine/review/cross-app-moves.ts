/**
 * A Django migration that git or GitHub lists as renamed into another app's migrations folder is not that
 * migration under a new name. Django knows a migration by its app label and name: the old one is gone from its
 * app (deleted-migration judges that) and the new one is a new migration of the other app, on that app's tables
 * (mit-learn 866c95733d: articles/0002_alter_article_created_on.py matched website_content/0004_alter_websitecontent_created_on.py
 * at 66% similarity when the articles app was replaced).
 */
import type { Config } from "../config.js";
import { djangoAppOf } from "../paths.js";
import type { Change } from "./changes.js";
import { detectMigrationPath } from "./classify.js";

const isDjango = (path: string, config: Config): boolean => detectMigrationPath(path, config)?.framework === "django";

/** Whether a rename moves a Django migration to another app (a different folder above `migrations/`). */
function movesToAnotherDjangoApp(change: Change, config: Config): boolean {
  if (change.status !== "renamed" || !change.previousPath) return false;
  return isDjango(change.path, config) && isDjango(change.previousPath, config) && djangoAppOf(change.path) !== djangoAppOf(change.previousPath);
}

/** The changes with each move to another Django app read as the deletion of the old file and the addition of the new one. */
export function splitCrossAppMoves(changes: readonly Change[], config: Config): Change[] {
  return changes.flatMap((change) =>
    movesToAnotherDjangoApp(change, config)
      ? [
          { path: change.previousPath!, status: "removed" as const },
          { path: change.path, status: "added" as const },
        ]
      : [change],
  );
}
