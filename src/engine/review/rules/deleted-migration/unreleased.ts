/**
 * A migration deleted before any release: the repository releases by version tags and the commit that added the
 * migration to the base branch is in none of them, so production never ran it. Only development and staging
 * databases (and CI) that migrated since the merge did: a note with their cleanup, for any framework. Not when
 * a migration that stays depends on it (a Django dependency, an Alembic down_revision): then every database breaks.
 */
import { sqlString } from "../../../rules/support/fix.js";
import { djangoMigrationName } from "../../history/django-graph.js";
import { dirOf, djangoAppOf } from "../../../paths.js";
import { compareVersions } from "../../../migration-versions.js";
import { runnerHistory } from "../../history/runners.js";
import type { ChangedMigration, ReviewRuleContext } from "../../review-rule.js";

export interface UnreleasedDeletion {
  message: string;
  fix: string;
}

export function unreleasedDeletion(ctx: ReviewRuleContext, m: ChangedMigration): UnreleasedDeletion | undefined {
  const release = ctx.unreleased?.(m.change.path);
  if (!release || dependedOn(ctx, m)) return undefined;
  const runner = runnerHistory(m.file.layout);
  return {
    message:
      `Migration ${m.change.path} was deleted before any release: the commit that added it to the base branch is in no version tag (the newest is ${release.newestTag}), ` +
      `so production never ran it. Only databases that migrated since it was merged (development, staging, CI) ran it: they keep what it did, and fresh databases never get it.`,
    fix: cleanup(m, runner.tool),
  };
}

/** What to do on the development and staging databases that ran it, in the runner's own terms. */
function cleanup(m: ChangedMigration, tool: string): string {
  const undo = "# On each development or staging database that ran it: undo what it did by hand, or rebuild the database from the migrations.";
  if (m.file.framework === "django") {
    const name = djangoMigrationName(m.change.path);
    // the label is the AppConfig's own when the migrations name it, else the app's folder
    const label = m.base?.djangoLabel ?? djangoAppOf(m.change.path);
    return [
      undo,
      `# Django ignores its row in django_migrations while the file is gone; if a migration named ${name} comes back, those databases would skip it, so delete the row there:`,
      `DELETE FROM django_migrations WHERE app = ${sqlString(label)} AND name = ${sqlString(name)};`,
    ].join("\n");
  }
  if (m.file.framework === "rails" && m.file.version)
    return [
      undo,
      `# Rails ignores version ${m.file.version} in schema_migrations while its file is gone; if that version comes back (re-added or re-done), those databases would skip it, so delete the row there:`,
      `DELETE FROM schema_migrations WHERE version = ${sqlString(m.file.version)};`,
    ].join("\n");
  if (m.file.layout === "flyway") return `${undo}\n# Flyway's validation fails there on the applied version it cannot find: run \`flyway repair\` on those databases (it marks it as deleted).`;
  return `${undo}\n# ${tool} still lists it in its history table there; remove that entry if the version or name is ever reused.`;
}

/**
 * A migration that stays after the change may name the deleted one as what runs before it. Django: a migration of
 * the change whose dependencies name it, or any newer migration of its app on the base branch (its dependencies are
 * not read here, and the next number usually depends on it). Alembic: the revisions that stay are not all read, so
 * any revision may be built on it: treated as depended on.
 */
function dependedOn(ctx: ReviewRuleContext, m: ChangedMigration): boolean {
  if (m.file.framework === "alembic") return true;
  if (m.file.framework !== "django") return false;
  const name = djangoMigrationName(m.change.path);
  const folder = dirOf(m.change.path);
  const removed = new Set(ctx.changes.filter((c) => c.status === "removed").map((c) => c.path));
  const changed = new Set(ctx.migrations.map((o) => o.change.path));
  const named = ctx.migrations.some((o) => o.change.status !== "removed" && dirOf(o.change.path) === folder && (o.head?.dependsOn ?? []).includes(name));
  const newerOnBase = (ctx.baseMigrations ?? []).some(
    (f) => dirOf(f.path) === folder && !removed.has(f.path) && !changed.has(f.path) && f.version !== undefined && m.file.version !== undefined && compareVersions(f.version, m.file.version) > 0,
  );
  return named || newerOnBase || ctx.baseMigrations === undefined;
}
