import { dedent } from "../../../rules/support/fix.js";
import { djangoAppOf, djangoMigrationName } from "../../history/django-graph.js";
import { revertedBy } from "../../history/reverted.js";
import { runnerHistory } from "../../history/runners.js";
import { defineReviewRule, type ChangedMigration, type ReviewRuleContext } from "../../review-rule.js";
import type { Migration } from "../../../model.js";
import { dumpVersions } from "../../dumps/dump-versions.js";
import { compareVersions } from "../../versions.js";

export default defineReviewRule({
  meta: {
    id: "deleted-migration",
    category: "history",
    severity: "error",
    title: "A migration that is already on the base branch was deleted",
    why:
      "Databases that ran a deleted migration keep its changes while fresh databases never get them; Flyway " +
      "fails validation on the applied version it cannot find, and Django breaks every migration that depends " +
      "on it. Deleting is only safe once a squashed migration replaces it.",
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      if (m.change.status !== "removed" || m.file.role === "verify" || m.file.role === "repeatable") continue;
      const history = runnerHistory(m.file.layout);
      if (m.file.role === "down") {
        ctx.report({
          path: m.change.path,
          line: 1,
          severity: "warning",
          message: `The down of an applied migration was deleted (${m.change.path}): that migration can no longer be rolled back.`,
          fix: `Keep ${m.change.path}, or replace it with a down that still undoes its up.`,
        });
        continue;
      }
      const squash = m.file.framework === "django" ? ctx.squashedBy.get(`${djangoAppOf(m.change.path)}/${djangoMigrationName(m.change.path)}`) : undefined;
      if (squash) {
        ctx.report({
          path: m.change.path,
          line: 1,
          severity: "info",
          message: `Migration ${m.change.path} was squashed into ${squash}, which replaces it: deleting it once every database has run the squash is Django's documented way.`,
          fix: "Make sure every environment has migrated past the squashed migration before this merges.",
        });
        continue;
      }
      const added = ctx.migrations.flatMap((a) => (a.change.status === "added" && a.head ? [a.head] : []));
      const repairs = m.base && !history.checksums ? revertedBy(m.base, added) : undefined;
      if (repairs) {
        ctx.report({
          path: m.change.path,
          line: 1,
          severity: "info",
          message: `Migration ${m.change.path} was deleted, and ${repairs.join(", ")} undoes what it did only where it ran (guarded by an existence check): every database ends up the same.`,
          fix: "Nothing to do; the deleted version stays in schema_migrations where it ran, which is harmless.",
        });
        continue;
      }
      const loadedInstead = m.base ? dumpSkipping(ctx, m) : undefined;
      if (loadedInstead && m.base && onlyChangesData(m.base)) {
        ctx.report({
          path: m.change.path,
          line: 1,
          severity: "info",
          message: `Migration ${m.change.path} only changed data and is older than ${loadedInstead.path}'s version ${loadedInstead.version}: fresh databases load the dump and never run it, and databases that ran it keep their data. Deleting it changes no database.`,
          fix: "Nothing to do; its version stays in schema_migrations where it ran, which Rails ignores.",
        });
        continue;
      }
      ctx.report({
        path: m.change.path,
        line: 1,
        message: `Migration ${m.change.path} exists on the base branch and was deleted: ${history.deleted}`,
        fix: dedent(`
          Restore it (git checkout <base> -- ${m.change.path}) and undo its effect, if that is the goal, in a new
          migration.${m.file.framework === "django" ? " To shorten history, use `manage.py squashmigrations` and delete the old files only after every database ran the squash." : ""}`),
      });
    }
  },
});

/**
 * An up that changes nothing of the schema: data code and DML only (application code such as a feature-flag call
 * yields no operation at all), with nothing migguard could not follow (syntax errors, hidden or unknown calls).
 */
function onlyChangesData(migration: Migration): boolean {
  if (migration.syntaxErrors.length || migration.tooComplex.length || migration.hidden.length || migration.notes.length) return false;
  return migration.up.every((op) => op.kind === "transaction_control" || op.kind === "set_setting" || op.kind === "data_migration" || op.kind === "dml");
}

/** The base branch's schema dump (Rails: fresh databases load it) whose version is newer than the migration's. */
function dumpSkipping(ctx: ReviewRuleContext, m: ChangedMigration): { path: string; version: string } | undefined {
  if (m.file.framework !== "rails" || !m.file.version) return undefined;
  for (const state of ctx.dumps) {
    if (!state.baseContent || !state.dump.covers(m.file)) continue;
    const newest = dumpVersions(state.dump.format, state.baseContent).newest;
    if (newest && compareVersions(newest, m.file.version) > 0) return { path: state.dump.path, version: newest };
  }
  return undefined;
}
