import { dedent, sqlString } from "../../../rules/support/fix.js";
import { djangoMigrationName } from "../../history/django-graph.js";
import { djangoAppOf } from "../../../paths.js";
import { POP_HISTORY, runnerHistory } from "../../history/runners.js";
import { defineReviewRule, type ChangedMigration, type ReviewRuleContext } from "../../review-rule.js";
import { compareVersions, newestVersion } from "../../../migration-versions.js";
import { dirOf } from "../../../paths.js";
import { keepsIdentity } from "../../history/migration-identity.js";
import { migrationFolder } from "../../../database/decide.js";


/**
 * Why no database can have run a Django migration as the base branch has it: Django refuses to migrate at all
 * when a dependency names a migration that does not exist (NodeNotFoundError), or when the app has two leaf
 * nodes ("Conflicting migrations detected") and this rename is the fix that puts it after the other leaf.
 * undefined when the base branch's graph is sound (or migguard lacks what it needs to tell).
 */
function neverRan(ctx: ReviewRuleContext, m: ChangedMigration): string | undefined {
  if (m.file.layout !== "django" || !m.change.previousPath || !m.baseGraph || !ctx.baseMigrations) return undefined;
  const folder = dirOf(m.change.previousPath);
  const siblings = ctx.baseMigrations.filter((f) => f.framework === "django" && dirOf(f.path) === folder && f.version !== undefined);
  const names = new Set(siblings.map((f) => djangoMigrationName(f.path)));
  const previous = djangoMigrationName(m.change.previousPath);
  // a dependency on a migration of its own app that is gone (and that no squash stands in for)
  const app = djangoAppOf(m.change.previousPath);
  const missing = m.baseGraph.dependencies.find((dep) => dep.app === app && !dep.name.startsWith("__") && !names.has(dep.name) && !ctx.squashedBy.has(`${dep.app}/${dep.name}`));
  if (missing) return `on the base branch it depends on ${missing.app}.${missing.name}, which does not exist there, so \`migrate\` stopped with NodeNotFoundError before running anything`;
  const newest = newestVersion(siblings.map((f) => f.version!));
  if (!newest) return undefined;
  const leaves = siblings.filter((f) => compareVersions(f.version!, newest) === 0).map((f) => djangoMigrationName(f.path));
  const others = leaves.filter((l) => l !== previous);
  const after = others.filter((other) => m.headGraph?.dependencies.some((dep) => dep.name === other));
  if (leaves.includes(previous) && after.length > 0)
    return `on the base branch it and ${after.join(", ")} were both leaf nodes, so \`migrate\` stopped with "Conflicting migrations detected" before running anything; the rename puts it after ${after.join(", ")}`;
  return undefined;
}

/** On the development and staging databases that ran it under the old name: record the new name as run, without running it again. */
function unreleasedRenameFix(m: ChangedMigration, tool: string): string {
  const intro = "# Nothing to do for production. On each development or staging database that ran it under the old name, record it as run under the new one (or rebuild the database from the migrations):";
  if (m.file.framework === "django") {
    const label = m.base?.djangoLabel ?? djangoAppOf(m.change.path);
    return [intro, `python manage.py migrate --fake ${label} ${djangoMigrationName(m.change.path)}`, `# and drop the old name's row: DELETE FROM django_migrations WHERE app = ${sqlString(label)} AND name = ${sqlString(djangoMigrationName(m.change.previousPath!))};`].join("\n");
  }
  if (m.file.framework === "rails" && m.file.version && m.previousFile?.version)
    return [intro, `UPDATE schema_migrations SET version = ${sqlString(m.file.version)} WHERE version = ${sqlString(m.previousFile.version)};`].join("\n");
  return `${intro}\n# in ${tool}'s history table, replace the old version or name with the new one.`;
}

/**
 * Migrations moved unchanged, under their own names, from a folder migguard does not read as a migration folder
 * (caseflow's db/etl/migrate, run through a setting outside what it reads, to db/etl_migrate): neither new nor
 * deleted, so nothing in them is linted again; one note per move of a folder says what migguard could not confirm.
 */
function reportUnchangedMoves(ctx: ReviewRuleContext): void {
  const moves = new Map<string, ChangedMigration[]>();
  for (const m of ctx.migrations) {
    if (!m.movedUnchanged || !m.change.previousPath) continue;
    const key = `${dirOf(m.change.previousPath)}\u0000${migrationFolder(m.file)}`;
    moves.set(key, [...(moves.get(key) ?? []), m]);
  }
  for (const group of moves.values()) {
    const sorted = [...group].sort((a, b) => a.change.path.localeCompare(b.change.path));
    const from = dirOf(sorted[0].change.previousPath!);
    const to = migrationFolder(sorted[0].file);
    const tool = runnerHistory(sorted[0].file.layout).tool;
    const names = sorted.map((m) => m.change.path.slice(m.change.path.lastIndexOf("/") + 1));
    const listed = names.length > 3 ? `${names.slice(0, 3).join(", ")} and ${names.length - 3} more` : names.join(", ");
    ctx.report({
      path: sorted[0].change.path,
      line: 1,
      severity: "info",
      message:
        `${sorted.length === 1 ? "Migration" : `${sorted.length} migrations`} (${listed}) moved unchanged from ${from} to ${to}, under the same names: not new migrations, so nothing in them is reviewed again. ` +
        `migguard does not read ${from} as a migration folder, so it cannot tell whether the database that runs ${to} ran them there: ${tool} knows a migration by its version, so a database that did skips them, and one that did not runs them now.`,
      fix: dedent(`
        Nothing to do if ${from} fed the same database (their versions are in its history table).
        If it did not, they run there for the first time: check them as new migrations.`),
    });
  }
}

export default defineReviewRule({
  meta: {
    id: "renamed-migration",
    category: "history",
    severity: "error",
    title: "A migration that is already on the base branch was renamed",
    why:
      "Runners identify an applied migration by its version or name (and Liquibase by its file path). Under a " +
      "new name it is a new migration: it runs again where it already ran, and Flyway fails validation on the " +
      "applied version it can no longer find.",
  },
  check(ctx) {
    reportUnchangedMoves(ctx);
    for (const m of ctx.migrations) {
      if (m.change.status !== "renamed" || !m.previousFile) continue;
      if (m.file.role === "repeatable" || m.file.role === "verify" || m.previousFile.role === "verify") continue;
      const pop = ctx.runsOnPop?.(m.change.path) ?? false;
      const history = pop ? POP_HISTORY : runnerHistory(m.previousFile.layout);
      if (keepsIdentity({ file: m.previousFile, model: m.base }, { file: m.file, model: m.head }, ctx.railsDatabases)) {
        // Django finds an app's migrations through the app, wherever its folder moved: the same app label and name are
        // the migration databases ran (an edit made with the move is edited-migration's)
        if (m.file.layout === "django") continue;
        // Rails loads every folder below a migrations path (db/migrate/archive/ is db/migrate's): nothing to configure
        if (m.file.layout === "rails" && migrationFolder(m.file) === migrationFolder(m.previousFile)) continue;
        ctx.report({
          path: m.change.path,
          line: 1,
          severity: "info",
          message: `Migration ${m.change.previousPath} moved to ${m.change.path} with the same ${m.file.version ? `version ${m.file.version}` : "name"}: ${history.tool} still recognises it, as long as it looks in the new folder.`,
          fix: "Make sure the runner's configured migration paths include the new folder.",
        });
        continue;
      }
      const reason = neverRan(ctx, m);
      if (reason) {
        ctx.report({
          path: m.change.path,
          line: 1,
          severity: "info",
          message: `Migration ${m.change.previousPath} was renamed to ${m.change.path}: ${reason}. No database migrated with the base branch's graph, so it runs for the first time under its new name.`,
          fix: dedent(`
            Nothing to do if no database ran ${djangoMigrationName(m.change.previousPath!)} before the graph broke. One that did runs it again:
            there, record it under the new name without running it: python manage.py migrate --fake <app> ${djangoMigrationName(m.change.path)}`),
        });
        continue;
      }
      const release = m.file.framework === "alembic" ? undefined : ctx.unreleased?.(m.change.previousPath!);
      if (release) {
        ctx.report({
          path: m.change.path,
          line: 1,
          severity: "info",
          message:
            `Migration ${m.change.previousPath} was renamed to ${m.change.path} before any release: the commit that added it to the base branch is in no version tag (the newest is ${release.newestTag}), ` +
            `so production never ran it under its old name. Databases that migrated since it was merged (development, staging, CI) ran it under the old name and would run it again under the new one.`,
          fix: unreleasedRenameFix(m, history.tool),
        });
        continue;
      }
      ctx.report({
        path: m.change.path,
        line: 1,
        // pop runs whatever version is missing, in any order: the rename matters only where a database ran the old one
        ...(pop ? { severity: "warning" as const } : {}),
        message: `Migration ${m.change.previousPath} exists on the base branch and was renamed to ${m.change.path}. ${history.renamed}`,
        fix: dedent(`
          Keep the applied migration's file name:
            git mv ${m.change.path} ${m.change.previousPath}
          and put any new change in a new migration.`),
      });
    }
  },
});
