/**
 * A Django app taken out of INSTALLED_APPS while its tables stay (history/django-app-uninstall.ts): which tables, and
 * which of their foreign keys to the tables of apps that stay will fail deletes there. The fix drops them from a
 * migration that runs (an installed app's, named from the repository), or keeps the app installed one more release.
 */
import { ident, sqlString } from "../../../rules/support/fix.js";
import { defineReviewRule } from "../../review-rule.js";
import type { DjangoAppUninstall } from "../../history/django-app-uninstall.js";
import type { LeftoverKey } from "../../history/app-tables-left.js";

const DOCS = "https://docs.djangoproject.com/en/stable/howto/delete-app/";

/** A referenced table; a swappable reference says which setting it follows (its table is not read here). */
const tableText = (references: string) => (references === "settings.AUTH_USER_MODEL" ? "the user model's table (AUTH_USER_MODEL)" : references);
/** `forums_thread.created_by_id -> users_user` */
const keyText = (k: LeftoverKey) => `${k.table}.${k.column} -> ${tableText(k.references)}`;

/** The migration, as a file of an installed app, that drops the tables (Python that runs as written). */
function dropMigration(app: DjangoAppUninstall): string {
  const sql = `DROP TABLE IF EXISTS ${app.tables.map((t) => ident(t)).join(", ")} CASCADE;`;
  const target = app.installedApp;
  const header = target
    ? [`# ${target.folder}/${target.nextNumber}_drop_${app.label}_tables.py (an app that stays installed; any other would do)`]
    : [`# a new migration of an app that stays installed: migguard found none in the repository to name, so write its`, `# dependencies yourself`];
  return [
    ...header,
    `from django.db import migrations`,
    ``,
    ``,
    `class Migration(migrations.Migration):`,
    `    dependencies = [${target ? `(${JSON.stringify(target.label)}, ${JSON.stringify(target.newest)})` : ""}]`,
    ``,
    `    operations = [`,
    `        migrations.RunSQL(`,
    `            ${JSON.stringify(sql)},`,
    `            reverse_sql=migrations.RunSQL.noop,`,
    `        ),`,
    `        # the app's rows in django_migrations: Django ignores them, but a later app of that label would not`,
    `        migrations.RunSQL(${JSON.stringify(`DELETE FROM django_migrations WHERE app = ${sqlString(app.label)};`)}, reverse_sql=migrations.RunSQL.noop),`,
    `    ]`,
  ].join("\n");
}

export default defineReviewRule({
  meta: {
    id: "uninstalled-app-tables",
    category: "history",
    severity: "warning",
    title: "A Django app leaves INSTALLED_APPS while its tables stay",
    why:
      "Django loads migrations only of installed apps: a migration that deletes an app's models, added in the change that " +
      "takes the app out of INSTALLED_APPS, never runs, and no later one of the app will. Its tables stay with their rows " +
      "and their foreign keys; Django no longer knows those models, so deleting a user, a group or a tag that a leftover " +
      "row references no longer cascades to it and fails on the key (IntegrityError, at commit).",
  },
  check(ctx) {
    for (const app of ctx.uninstalledDjangoApps?.values() ?? []) {
      const path = app.neverRun[0] ?? ctx.migrations.find((m) => m.change.status !== "removed" && m.change.path.startsWith(`${app.folder}/`))?.change.path;
      if (!path) continue;
      const installed = `${app.installedIn.path}:${app.installedIn.line}`;
      const neverRun = app.neverRun.length ? ` Django never runs ${app.neverRun.join(", ")}, which this change adds to it.` : "";
      const referenced = [...new Set(app.keys.map((k) => tableText(k.references)))];
      const blocking = app.keys.length
        ? ` Their foreign keys to tables that stay will fail deletes there: deleting a row of ${referenced.join(", ")} that a leftover row references raises an IntegrityError (${app.keys.map(keyText).join("; ")}).`
        : "";
      ctx.report({
        path,
        line: 1,
        severity: app.keys.length ? "warning" : "info",
        message:
          `The app ${app.label} leaves INSTALLED_APPS in this change ("${app.installedIn.entry}", ${installed} on the base branch), and no migration that runs drops its tables:` +
          `${neverRun} These stay in the database with their rows: ${app.tables.join(", ")}.${blocking}`,
        fix: [
          `# Either keep "${app.installedIn.entry}" in INSTALLED_APPS until its migration that deletes the models has run`,
          `# everywhere, and remove it in a later release (Django's documented order: ${DOCS}), or drop the tables now`,
          `# from a migration that runs:`,
          dropMigration(app),
        ].join("\n"),
      });
    }
  },
});
