/**
 * A vendored Django app replaced by the same app installed as a package (galaxy_ng fdfbee475d: its copy of
 * django-automated-logging in galaxy_ng/_vendor/automated_logging deleted, `django-automated-logging~=6.2` added to
 * setup.py and the requirements files). The app keeps its label, and the package ships its migrations under that
 * label: `migrate` loads them from site-packages, and databases keep the history django_migrations records. It is that
 * replacement when, in the same change:
 *   - every migration of the app's folder on the base branch is deleted and none is added there;
 *   - the app's package goes too (its `__init__.py` beside the migrations folder is deleted): the repository no
 *     longer provides the module, so the import finds the installed one;
 *   - a dependency file of the project at head declares a package named after the app's module (`automated_logging`:
 *     `automated-logging` or `django-automated-logging`, compared as PEP 503 names), read with the real parsers
 *     (python-requirements.ts `manifestNames`: TOML, the Python grammar for setup.py, requirement lines).
 * A package migguard cannot tie to the app by its name (django-filter provides `django_filters`) leaves the deletion
 * an error: nothing here says the migrations still exist.
 */
import type { SourceFile } from "../../model.js";
import type { DetectedFile } from "../../detect.js";
import { baseOf, dirOf } from "../../paths.js";
import { isWithin } from "../../repository/fact-paths.js";
import { isPythonManifestPath, manifestNames, normalisedPackageName, pythonManifestDir } from "../../repository/python-requirements.js";
import type { Change } from "../changes.js";
import type { ChangedMigration } from "../review-rule.js";

export interface PackagedApp {
  /** the app's module (its folder's name), which is also its label unless its AppConfig says otherwise */
  module: string;
  /** the package as the dependency file writes it, normalised */
  package: string;
  /** the dependency files at head that declare it */
  declaredIn: string[];
  /** none of those files declared it on the base branch (as far as the base versions were read) */
  addedByChange: boolean;
}

export interface PackagedAppInput {
  changes: readonly Change[];
  migrations: readonly ChangedMigration[];
  /** every migration file of the base branch (its tree listing) */
  baseMigrations: readonly DetectedFile[] | undefined;
  /** dependency files at head (the facts the plan read) */
  headFiles: readonly SourceFile[];
  /** files as the base branch has them (the dependency files the change edits) */
  baseFiles: readonly SourceFile[];
}

/** The project folder a dependency file speaks for: a requirements/ folder's files (requirements.common.txt too) speak for the folder above. */
export const manifestProjectDir = (path: string): string => (baseOf(dirOf(path)) === "requirements" ? dirOf(dirOf(path)) : pythonManifestDir(path));

/** The package names that may provide a module: its own, and the `django-` prefixed one most Django apps publish under. */
const packageNamesFor = (module: string): string[] => [normalisedPackageName(module), normalisedPackageName(`django-${module}`)];

/** The vendored Django apps the change replaces by a declared package, by migrations folder. */
export function packagedDjangoApps(input: PackagedAppInput): Map<string, PackagedApp> {
  const out = new Map<string, PackagedApp>();
  if (!input.baseMigrations) return out;
  const removed = new Set(input.changes.filter((c) => c.status === "removed").map((c) => c.path));
  const folders = new Set(input.migrations.filter((m) => m.change.status === "removed" && m.file.framework === "django" && m.file.version !== undefined).map((m) => dirOf(m.change.path)));
  for (const folder of folders) {
    const onBase = input.baseMigrations.filter((f) => f.framework === "django" && f.version !== undefined && dirOf(f.path) === folder);
    if (onBase.length === 0 || onBase.some((f) => !removed.has(f.path))) continue;
    if (input.migrations.some((m) => m.change.status !== "removed" && dirOf(m.change.path) === folder)) continue;
    const app = dirOf(folder);
    if (!removed.has(app ? `${app}/__init__.py` : "__init__.py")) continue;
    const module = baseOf(app);
    const wanted = new Set(packageNamesFor(module));
    // the dependency files of the project the app was in: their folder holds it
    const manifests = input.headFiles.filter((f) => isPythonManifestPath(f.path) && isWithin(manifestProjectDir(f.path), folder));
    let found: string | undefined;
    const declaredIn: string[] = [];
    for (const file of manifests) {
      const name = [...manifestNames(file.path, file.content)].find((n) => wanted.has(n));
      if (!name) continue;
      found ??= name;
      if (name === found) declaredIn.push(file.path);
    }
    if (!found) continue;
    // new where the change adds the file, or edits one whose base version did not name it; a file it leaves alone had it
    const status = new Map(input.changes.map((c) => [c.path, c.status]));
    const baseOfFile = new Map(input.baseFiles.map((f) => [f.path, f.content]));
    const isNew = (path: string) => status.get(path) === "added" || (status.get(path) === "modified" && baseOfFile.has(path) && !manifestNames(path, baseOfFile.get(path)!).has(found!));
    const addedByChange = declaredIn.every(isNew);
    out.set(folder, { module, package: found, declaredIn: declaredIn.sort(), addedByChange });
  }
  return out;
}
