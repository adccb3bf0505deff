/**
 * Django migrations folders whose app no settings module installs. Django loads migrations only of the apps in
 * INSTALLED_APPS: `migrate` never runs the others, so what they would drop or lock is never dropped or locked
 * (webkom/lego's forums 0002 deleted its models in the change that took the app out of INSTALLED_APPS: nothing
 * dropped the tables). Said only when every settings module the folder's project has that builds INSTALLED_APPS
 * was read whole (django-installed-apps.ts); any value known only at run time leaves the app installed.
 */
import type { SourceFile } from "../model.js";
import { baseOf, dirOf } from "../paths.js";
import { databasePathsFor } from "../database/signal-paths.js";
import { namesApp, readInstalledAppsExactly, type InstalledAppsReading } from "./django-installed-apps.js";
import { isTestSettings, testOnlySettings } from "./django-test-apps.js";

export interface UninstalledApp {
  /** the app's folder (`lego/apps/forums`) */
  appFolder: string;
  /** the app's label as its folder names it */
  label: string;
  /** the settings modules read, none of which installs it */
  settings: string[];
}

/** settings modules databasePathsFor names at most: that many may be a cut list, and a cut list proves nothing */
const SETTINGS_LISTED = 12;

/**
 * Whether an entry may install the app in `appFolder`: its module path or an AppConfig in it (namesApp), or an
 * AppConfig class of another module named after the app (`config.apps.ForumsConfig` whose `name` is the app: the
 * class is not read, so the name is the only clue, and a clue keeps the app installed).
 */
export function mayInstallApp(entry: string, appFolder: string): boolean {
  if (namesApp(entry, appFolder)) return true;
  const last = entry.slice(entry.lastIndexOf(".") + 1);
  if (!/^[A-Z]/.test(last)) return false;
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
  const app = squash(baseOf(appFolder));
  const cls = squash(last.replace(/(App)?Config$/, ""));
  return cls.length > 0 && (cls === app || app.startsWith(cls) || cls.startsWith(app));
}

/**
 * The Django migrations folders (`<app>/migrations`) of `folders` whose app no settings module installs, read from
 * `files` (settings modules among them: signal-paths.ts). A folder named by MIGRATION_MODULES (not `migrations`),
 * a project whose settings were not all read exactly, or one whose INSTALLED_APPS names none of Django's own apps
 * (a plugin's additions to its host's list) is left out: installed.
 */
export function uninstalledDjangoFolders(folders: readonly string[], files: ReadonlyMap<string, SourceFile>): Map<string, UninstalledApp> {
  const out = new Map<string, UninstalledApp>();
  const read = installedAppsReader(files);
  for (const folder of folders) {
    if (baseOf(folder) !== "migrations") continue;
    const installed = read(folder);
    // migrations silenced only on a whole reading: an app added at run time may be this one
    if (!installed?.exact) continue;
    const appFolder = dirOf(folder);
    if (installed.entries.some((entry) => mayInstallApp(entry, appFolder))) continue;
    out.set(folder, { appFolder, label: baseOf(appFolder), settings: installed.settings });
  }
  return out;
}

/** Everything the settings modules of a migrations folder's project install, when that is known whole. */
export interface InstalledApps {
  /** the INSTALLED_APPS entries, as written */
  entries: string[];
  /** the settings modules that build INSTALLED_APPS */
  settings: string[];
  /** every value INSTALLED_APPS is built from was read (false: some are known only at run time, `tuple(ADDITIONAL_APPS)` of a local module) */
  exact: boolean;
  /** the test settings modules that alone install the folder's app (django-test-apps.ts): its migrations never run in production */
  testOnly?: string[];
}

/**
 * What the settings modules of each folder's project install (databasePathsFor), read from `files`: undefined for a
 * folder whose INSTALLED_APPS names none of Django's own apps (a plugin's additions to its host's list: pulp's
 * galaxy_ng), since then the list is not the project's; `exact` false when some of its values are known only at run time.
 */
export function installedAppsReader(files: ReadonlyMap<string, SourceFile>): (folder: string) => InstalledApps | undefined {
  // a module named like settings that builds no INSTALLED_APPS (adhocracy-plus' apps/contrib/templatetags/settings.py,
  // nearer the app than the project's settings) says nothing about what is installed
  const listing = [...files.values()].filter((f) => f.content.includes("INSTALLED_APPS")).map((f) => f.path);
  const readings = new Map<string, InstalledAppsReading>();
  const readingOf = (path: string) => readings.get(path) ?? readings.set(path, readInstalledAppsExactly(files.get(path)?.content ?? "")).get(path)!;
  return (folder) => {
    const settings = databasePathsFor("django", folder, listing);
    if (settings.length === 0 || settings.length >= SETTINGS_LISTED) return undefined;
    const read = settings.map(readingOf);
    if (!read.some((r) => r.apps.some((app) => app.entry.startsWith("django.contrib.")))) return undefined;
    // the test settings beside the app (tests/settings.py) are its scope: the project's own are further out
    const outer = settings.every(isTestSettings) ? databasePathsFor("django", folder, listing.filter((p) => !settings.includes(p))) : [];
    const scopes = [...settings, ...(outer.length < SETTINGS_LISTED ? outer : [])];
    const testOnly = testOnlySettings(folder, scopes.map((path) => ({ path, reading: readingOf(path) })), mayInstallApp);
    return { entries: read.flatMap((r) => r.apps.map((app) => app.entry)), settings: settings.filter((_, i) => read[i].apps.length > 0), exact: read.every((r) => r.exact), ...(testOnly ? { testOnly } : {}) };
  };
}
