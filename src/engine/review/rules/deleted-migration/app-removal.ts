/**
 * What deleted-migration says when the deletion is a whole Django app removed the way Django documents
 * (history/django-app-removal.ts): not history lost, but what stays in the database. A note when the app's own
 * migrations had already dropped its tables (the documented order: a migration deletes the models, a later release
 * removes the app); a warning naming the tables when they stay with their rows, whose fix is that order.
 */
import { ident, sqlString } from "../../../rules/support/fix.js";
import type { Severity } from "../../../model.js";
import type { DjangoAppRemoval } from "../../history/django-app-removal.js";

const DOCS = "https://docs.djangoproject.com/en/stable/howto/delete-app/";

export function appRemovalReport(removal: DjangoAppRemoval, files: string): { severity: Severity; message: string; fix: string } {
  const app = removal.label;
  const installed = `${removal.installedIn.path}:${removal.installedIn.line}`;
  const removed =
    `The app ${app} is removed whole: this change takes "${removal.installedIn.entry}" out of INSTALLED_APPS (${installed} on the base branch) and deletes ${files}; ` +
    `Django loads migrations only of installed apps, so nothing would run them again, and no migration that stays depends on them.`;
  const cleared = `DELETE FROM django_migrations WHERE app = ${sqlString(app)};`;
  const nothingToDo = `Nothing to do. The app's rows in django_migrations stay, which Django ignores; to clear them once this is deployed everywhere:\n${cleared}`;
  if (removal.tables && removal.tables.length === 0)
    return {
      severity: "info",
      message: `${removed} ${removal.droppedBy ? `Its tables were already dropped by ${removal.droppedBy}` : "Its migrations created no table"}: these are the last steps of Django's documented removal (${DOCS}).`,
      fix: nothingToDo,
    };
  const tables = removal.tables ?? [];
  // a migration of this change drops them (from an app that stays): nothing is left behind (droppedIn and readBy
  // name a migration only when the app leaves tables)
  if (removal.droppedIn)
    return {
      severity: "info",
      message: `${removed} Its tables (${tables.join(", ")}) are dropped by ${removal.droppedIn}, added by this change${removal.readBy === removal.droppedIn ? ", which reads them first" : removal.readBy ? `, after ${removal.readBy} reads them` : ""}: the app leaves nothing behind but its rows in django_migrations.`,
      fix: nothingToDo,
    };
  const dropLater = [
    `# once nothing reads them, drop them from a migration of an app that stays (it fails, dropping nothing, while another table still references them):`,
    `#     migrations.RunSQL(${JSON.stringify(`DROP TABLE IF EXISTS ${tables.map((t) => ident(t)).join(", ")}`)}, migrations.RunSQL.noop)`,
    `# and clear the app's rows: ${cleared}`,
  ];
  if (removal.readBy)
    return {
      severity: "info",
      message: `${removed} Its tables stay in the database with their rows (${tables.join(", ")}), on purpose: ${removal.readBy}, added by this change, reads them (their rows are carried over).`,
      fix: ["# Nothing to change now. The tables are no longer Django's to drop:", ...dropLater].join("\n"),
    };
  const which = tables.length ? `Its tables stay in the database with their rows: ${tables.join(", ")}.` : "The tables its migrations created stay in the database (the base versions of its migrations were not read).";
  return {
    severity: "warning",
    message: `${removed} ${which} With the app gone no migration of it can drop them: Django's documented order deletes the models with a migration and deploys it before the app leaves INSTALLED_APPS.`,
    fix: [
      `# Django's documented order (${DOCS}): keep the app one more release; remove its models and what references them,`,
      `# run \`python manage.py makemigrations ${app}\` for the migration that deletes their tables, deploy it, then remove`,
      `# "${removal.installedIn.entry}" from INSTALLED_APPS and delete the app's folder.`,
      ...(tables.length ? [`# If the tables stay on purpose (their rows were copied elsewhere), nothing breaks;`, ...dropLater] : [`# and clear the app's rows: ${cleared}`]),
    ].join("\n"),
  };
}
