/**
 * What restoring a deleted migration leaves behind when the change put another one in its place. Django: the
 * restored file is a second leaf of its app's graph beside the replacement's newest migration, and `migrate`
 * refuses to run ("Conflicting migrations detected"): the fix adds a merge migration. Rails: a new file with the
 * deleted one's version makes two files with one version (ActiveRecord::DuplicateMigrationVersionError).
 */
import { djangoMigrationName } from "../../history/django-graph.js";
import { dirOf, djangoAppOf } from "../../../paths.js";
import type { ChangedMigration, ReviewRuleContext } from "../../review-rule.js";

export function afterRestore(ctx: ReviewRuleContext, deleted: readonly ChangedMigration[]): string[] {
  return deleted.flatMap((m) => (m.file.framework === "django" ? djangoMerge(ctx, m) : m.file.framework === "rails" ? railsVersionTaken(ctx, m) : []));
}

function djangoMerge(ctx: ReviewRuleContext, m: ChangedMigration): string[] {
  const folder = dirOf(m.change.path);
  const name = djangoMigrationName(m.change.path);
  const added = ctx.migrations.filter((o) => o.change.status === "added" && o.head && o.file.framework === "django" && dirOf(o.change.path) === folder);
  const depended = new Set(added.flatMap((o) => o.head?.dependsOn ?? []));
  // the restored migration stays a leaf unless the change's migrations build on it
  if (added.length === 0 || depended.has(name)) return [];
  const leaves = added.map((o) => djangoMigrationName(o.change.path)).filter((n) => !depended.has(n));
  if (leaves.length !== 1) return [`Restored, ${name} is another leaf of the app's migration graph beside the change's migrations: run \`python manage.py makemigrations --merge\` so migrate accepts both.`];
  const label = m.base?.djangoLabel ?? djangoAppOf(m.change.path);
  const leaf = leaves[0];
  const number = Math.max(...[name, leaf].map((n) => Number.parseInt(n, 10)).filter(Number.isFinite)) + 1;
  const file = `${folder}/${String(number).padStart(4, "0")}_merge.py`;
  return [
    `Restored, ${name} and ${leaf} are two leaves of ${label}'s migration graph and \`migrate\` refuses to run ("Conflicting migrations detected"): add a merge migration (\`python manage.py makemigrations --merge\` writes it), ${file}:`,
    `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [\n        ("${label}", "${name}"),\n        ("${label}", "${leaf}"),\n    ]\n\n    operations = []`,
  ];
}

function railsVersionTaken(ctx: ReviewRuleContext, m: ChangedMigration): string[] {
  const taken = ctx.migrations.find((o) => o.change.status === "added" && o.file.framework === "rails" && o.file.version !== undefined && o.file.version === m.file.version);
  if (!taken) return [];
  return [
    `${taken.change.path} reuses version ${m.file.version}: with both files Rails raises ActiveRecord::DuplicateMigrationVersionError, and databases that ran the deleted one skip it. Give the new work a new version (bin/rails generate migration) rather than restoring beside it.`,
  ];
}
