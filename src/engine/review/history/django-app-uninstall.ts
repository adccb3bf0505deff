/**
 * A Django app taken out of INSTALLED_APPS while its migrations folder stays (webkom/lego 62ade5903d: the forums app
 * left INSTALLED_APPS in the change that added its DeleteModel migration). Django loads migrations only of installed
 * apps, so that migration never runs and no later one of the app will: its tables stay, with their rows and their
 * foreign keys to the tables of apps that stay. Django no longer knows those models, so deleting a user, a group,
 * a tag that a leftover row references no longer cascades to it: the key fails the delete (IntegrityError, at
 * commit: Django's keys are DEFERRABLE INITIALLY DEFERRED). The whole-folder removal is django-app-removal.ts; both
 * replay the tables left with app-tables-left.ts.
 */
import type { SourceFile } from "../../model.js";
import type { DetectedFile } from "../../detect.js";
import { baseOf, dirOf } from "../../paths.js";
import { readInstalledApps } from "../../repository/django-installed-apps.js";
import { mayInstallApp, uninstalledDjangoFolders } from "../../repository/django-uninstalled-apps.js";
import { compareVersions } from "../../migration-versions.js";
import type { ChangedMigration } from "../review-rule.js";
import type { LeftoverKey } from "./app-tables-left.js";

export interface DjangoAppUninstall {
  /** the app's label, as its folder names it */
  label: string;
  /** its migrations folder */
  folder: string;
  /** where the base branch installed it */
  installedIn: { path: string; entry: string; line: number };
  /** the migrations the change adds to the app: they never run */
  neverRun: string[];
  /** tables its migrations that ran (the base branch's) created and did not drop, in the order created */
  tables: string[];
  /** their foreign keys to tables outside the app */
  keys: LeftoverKey[];
  /** a migration of an installed app the fix can follow: its folder, label and newest migration's name */
  installedApp?: { folder: string; label: string; newest: string; nextNumber: string };
}

/** The app folders this change may uninstall: Django folders with a migration the change adds or edits, whose app the head's settings do not install. */
export function uninstallCandidates(migrations: readonly ChangedMigration[], headFiles: ReadonlyMap<string, SourceFile>): string[] {
  const folders = [...new Set(migrations.filter((m) => m.change.status !== "removed" && m.file.framework === "django").map((m) => dirOf(m.change.path)))];
  return [...uninstalledDjangoFolders(folders, headFiles).keys()];
}

/** Where the base branch's settings (the base version of those the change edits) install the app; undefined when none does. */
export function installedOnBase(folder: string, settingsPaths: readonly string[], baseContent: (path: string) => string | undefined): { path: string; entry: string; line: number } | undefined {
  const appFolder = dirOf(folder);
  for (const path of settingsPaths) {
    const content = baseContent(path);
    const app = content === undefined ? undefined : readInstalledApps(content).find((a) => mayInstallApp(a.entry, appFolder));
    if (app) return { path, ...app };
  }
  return undefined;
}

/**
 * An installed app's migrations folder for the migration that drops the tables: the app of a table they reference
 * (`users` for users_abakusgroup), else the first installed one; its newest migration on the base branch or added by
 * the change. Undefined when the repository shows none.
 */
export function installedAppFor(keys: readonly LeftoverKey[], djangoMigrations: readonly DetectedFile[], uninstalled: ReadonlySet<string>, installed: (folder: string) => boolean): DjangoAppUninstall["installedApp"] {
  const byFolder = new Map<string, DetectedFile[]>();
  for (const file of djangoMigrations) {
    const folder = dirOf(file.path);
    if (file.version === undefined || baseOf(folder) !== "migrations" || uninstalled.has(folder) || !installed(folder)) continue;
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  const folders = [...byFolder.keys()].sort();
  const labelOf = (folder: string) => baseOf(dirOf(folder));
  const folder = folders.find((f) => keys.some((k) => k.references.toLowerCase().startsWith(`${labelOf(f).toLowerCase()}_`))) ?? folders[0];
  if (!folder) return undefined;
  const newest = byFolder.get(folder)!.sort((a, b) => compareVersions(a.version!, b.version!)).at(-1)!;
  const number = /^\d+/.exec(baseOf(newest.path))?.[0];
  const nextNumber = number ? String(Number(number) + 1).padStart(number.length, "0") : "";
  return { folder, label: labelOf(folder), newest: baseOf(newest.path).replace(/\.py$/, ""), nextNumber };
}
