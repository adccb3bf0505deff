/**
 * A table of an app label no settings module installs (adhocracy-plus' contrib 0001: `DROP TABLE IF EXISTS
 * background_task`, django-background-tasks' table, after the library left INSTALLED_APPS). Django names an app's
 * tables `<app_label>_<model>` (or the label alone, by db_table), so a table none of whose underscore-bounded
 * prefixes is the label of an installed app belongs to no app the project runs. Django's own tables (`django_site`,
 * `django_session`) carry no label of theirs and are left out. Values INSTALLED_APPS takes only at run time (a
 * deployment's `tuple(ADDITIONAL_APPS)` from a local module) are said, not guessed: the drop stays a note.
 */
import type { Migration } from "../../model.js";
import { mayInstallApp } from "../../repository/django-uninstalled-apps.js";

/** `background_task_completedtask` -> background, background_task, background_task_completedtask */
const prefixes = (table: string) => table.split("_").map((_, i, parts) => parts.slice(0, i + 1).join("_"));

/** Why no installed app holds `table` (for the message), or undefined when one may. */
export function uninstalledLabelOf(migration: Migration, table: string): string | undefined {
  const installed = migration.djangoInstalledApps;
  const name = table.split(".").pop()!.toLowerCase();
  if (!installed || name.startsWith("django_") || (migration.djangoLabel && prefixes(name).includes(migration.djangoLabel.toLowerCase()))) return undefined;
  // an entry whose module or AppConfig may be the app of that label (mayInstallApp reads `x.apps.FooConfig` too)
  if (prefixes(name).some((label) => installed.entries.some((entry) => mayInstallApp(entry, label) || entry.split(".").includes(label)))) return undefined;
  const runTime = installed.exact ? "" : " (beside the apps a deployment adds at run time, which the repository does not show)";
  const settings = installed.settings.length > 1 ? `${installed.settings.slice(0, -1).join(", ")} or ${installed.settings.at(-1)}` : installed.settings[0];
  return `no app installed by ${settings} has the label ${name} or one it starts with (Django names an app's tables <label>_<model>)${runTime}`;
}
