/**
 * A deleted Django migration that, on the base branch, was one of two leaf nodes of its app's graph with no merge
 * migration joining them: `manage.py migrate` refuses such a graph ("Conflicting migrations detected; multiple leaf
 * nodes"), so from the commit that made the conflict on no database that follows the branch ran anything, and the
 * deletion is how the conflict is resolved (lego 0e4fcc7e14 reverted users 0050_user_command_suggestions, merged on
 * 0049 beside 0050_alter_membership_role... -> 0051). Restoring it brings the conflict back.
 *
 * Only when the migration reached the branch no earlier than a migration of the other line (by the first-parent
 * commits that added them): then the conflict began with its own merge and migrate never ran it. When it came
 * first, a deploy before the other line merged may have applied it, and the deletion keeps its error. Unknown dates
 * (the App reads no history) keep it too. A migration of another app that depends on it is not read here.
 */
import { sqlString } from "../../../rules/support/fix.js";
import { djangoMigrationName } from "../../history/django-graph.js";
import { conflictLeafPaths } from "../../history/conflict-leaves.js";
import { dirOf, djangoAppOf } from "../../../paths.js";
import type { ChangedMigration, ReviewRuleContext } from "../../review-rule.js";

export interface ConflictLeafDeletion {
  message: string;
  fix: string;
}

export function conflictLeafDeletion(ctx: ReviewRuleContext, m: ChangedMigration): ConflictLeafDeletion | undefined {
  if (m.file.framework !== "django" || !m.base || !ctx.baseMigrations || !ctx.addedOnBase) return undefined;
  if (ctx.removedDjangoApps?.has(dirOf(m.change.path))) return undefined;
  // the deleted migration first, then its app's migrations numbered at or after it: all that can depend on it
  const paths = conflictLeafPaths(m.file, ctx.baseMigrations.map((f) => f.path), ctx.config);
  const models = paths.map((path) => ctx.baseModels.get(path));
  // one not read, or a squash (which stands in for others in the graph): the graph is not known
  if (paths.length === 0 || models.some((model) => model?.dependsOn === undefined || model.djangoReplaces?.length)) return undefined;
  const dependsOn = new Map(paths.map((path, i) => [djangoMigrationName(path), models[i]!.dependsOn!]));
  const name = djangoMigrationName(m.change.path);
  const dependedOn = new Set([...dependsOn.values()].flat());
  if (dependedOn.has(name)) return undefined;
  // the other line: those it does not descend from (its own ancestors among them are the same line)
  const ancestors = new Set<string>();
  const walk = (node: string) => {
    for (const parent of dependsOn.get(node) ?? []) {
      if (ancestors.has(parent)) continue;
      ancestors.add(parent);
      walk(parent);
    }
  };
  walk(name);
  const otherLine = paths.slice(1).filter((path) => !ancestors.has(djangoMigrationName(path)));
  const otherLeaves = otherLine.filter((path) => !dependedOn.has(djangoMigrationName(path))).map(djangoMigrationName);
  const added = ctx.addedOnBase(m.change.path);
  // a migration of the other line on the branch when it merged: the conflict began with its own merge
  const before = added && otherLine.find((path) => {
    const other = ctx.addedOnBase!(path);
    return other !== undefined && other.getTime() <= added.getTime();
  });
  if (!before || otherLeaves.length === 0) return undefined;
  const app = djangoAppOf(m.change.path);
  const label = m.base.djangoLabel ?? app;
  const leaves = otherLeaves.join(", ");
  return {
    message:
      `Migration ${m.change.path} was deleted, but on the base branch it was a leaf node of the ${app} migrations beside ${leaves}, with no merge migration joining them, ` +
      `and it reached the branch after ${djangoMigrationName(before)} of the other line was there: the base branch had conflicting leaves, so \`manage.py migrate\` refused to run ` +
      `("Conflicting migrations detected") from its merge on, and no database that follows the branch ran it. Deleting it resolves the conflict.`,
    fix: [
      `# Nothing to do: keep it deleted. Restoring it brings the conflict back and migrate stops again; to keep what it did, add it again on top of ${leaves} (makemigrations after a rebase).`,
      `# A database of the branch that wrote it (a developer's) may have run it before the merge: there, undo what it did by hand and delete its row, or a migration named ${name} that comes back would be skipped:`,
      `DELETE FROM django_migrations WHERE app = ${sqlString(label)} AND name = ${sqlString(name)};`,
    ].join("\n"),
  };
}
