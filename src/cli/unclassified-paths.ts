/**
 * The paths given to `migguard lint` that yielded no migration. A folder pointed at is meant to hold migrations:
 * if none of its files is one, nothing was checked and the lint must not pass as if all were well (an Alembic
 * versions/ folder whose script location went unseen once reported "no problems found"). A named file that is no
 * migration is said too; it fails the gate only when its text has the shape of a migration migguard left unread.
 */
import { resolve, sep } from "node:path";
import type { FileError } from "../engine/analyze.js";
import type { Config } from "../engine/config.js";
import { detectFile } from "../engine/detect.js";
import type { SourceFile } from "../engine/model.js";
import { displayPath } from "./collect-files.js";

export interface UnclassifiedPaths {
  /** folders with no migration, and named files that look like a migration migguard could not place: fail the gate */
  unanalysed: FileError[];
  /** named files that are no migration (a helper module, `__init__.py`): said, without failing the gate */
  skipped: FileError[];
}

/**
 * The framework a file's text declares, when its path did not say (a Rails migration outside db/migrate/, a Django
 * one outside migrations/ as seen from the working directory). Alembic revisions are placed by their text already.
 */
function declaredFramework(path: string, content: string): string | undefined {
  if (path.endsWith(".rb") && content.includes("ActiveRecord::Migration")) return "Rails";
  if (path.endsWith(".py") && content.includes("class Migration(") && content.includes("migrations")) return "Django";
  return undefined;
}

const FOLDER_MESSAGE =
  "no migration found under this folder, so nothing in it was analysed. migguard places files by their path from the working directory: " +
  "Rails' db/migrate/, Django's <app>/migrations/, Alembic's versions/ below a folder named for alembic or migrations or holding env.py and script.py.mako or alembic.ini " +
  "(or listed in alembic.ini's version_locations), SQL migration layouts; lint from the project's root, or name the folder under `paths` in the config";

export function unclassifiedPaths(
  given: readonly string[],
  files: readonly SourceFile[],
  /** files already reported as not analysed (unreadable, a link, too large): they count as found */
  reported: readonly FileError[],
  config: Config,
  explicit: ReadonlySet<string>,
  cwd: string,
): UnclassifiedPaths {
  const migrations = files.filter((f) => detectFile(f.path, f.content, config, { explicit: explicit.has(f.path) }) !== undefined).map((f) => f.path);
  const found = [...migrations, ...reported.map((e) => e.path)].map((path) => resolve(cwd, path));
  // a named file found is looked up, not sought among every file found (hundreds of files named: their count squared)
  const foundFiles = new Set(found);
  const result: UnclassifiedPaths = { unanalysed: [], skipped: [] };
  for (const path of new Set(given.map((p) => resolve(cwd, p)))) {
    if (foundFiles.has(path) || found.some((file) => file.startsWith(path.endsWith(sep) ? path : `${path}${sep}`))) continue;
    const shown = displayPath(path, cwd);
    const named = files.find((f) => f.path === shown);
    if (!named) result.unanalysed.push({ path: shown, message: FOLDER_MESSAGE });
    else {
      const framework = declaredFramework(named.path, named.content);
      if (framework)
        result.unanalysed.push({
          path: shown,
          message: `reads as a ${framework} migration, but its path does not place it in a ${framework} project as seen from the working directory, so it was not analysed: lint from the project's root, or name its folder under \`paths.${framework.toLowerCase()}\` in the config`,
        });
      else result.skipped.push({ path: shown, message: "not a migration migguard recognises; not analysed" });
    }
  }
  return result;
}
