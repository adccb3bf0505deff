/**
 * A Django migration that later migrations of the repository already depend on has run wherever they have (ralph's
 * data_center 0014, followed by 0015; seed 73). Its split cannot reach those databases: the moved data change would
 * run there a second time, and a dependency added to a later migration an install already applied fails every such
 * install with InconsistentMigrationHistory. So no fix edits a later migration that is not new in the change (a
 * review's own later migrations have run nowhere and may take one; lint, which cannot tell, says the dependency holds
 * only while the later migration has run nowhere), and the fix of such a migration says to keep it as written: the
 * split is the form for a new migration of this kind.
 */
import type { Migration } from "../../model.js";
import { djangoApp } from "../support/django-migration.js";
import { commentMarker } from "../support/fix.js";
import { isMysqlFamily } from "../support/databases.js";
import type { RuleContext } from "../support/rule.js";

/** A later migration a split may give a new dependency: any but Django's, whose history records each; Django's only when the change adds it. */
export const mayTakeDependency = (ctx: RuleContext, later: Migration): boolean => ctx.framework !== "django" || ctx.facts.change.includes(later);

/** Django: the later migrations of the folder that depend on this one and are already in the repository (not added by the change). */
export function followedBy(ctx: RuleContext): Migration[] {
  if (ctx.framework !== "django") return [];
  const { name } = djangoApp(ctx.migration);
  return ctx.repository.laterInFolder.filter((m) => m.dependsOn?.includes(name) && !ctx.facts.change.includes(m));
}

/**
 * The fix of a followed migration: kept as written, what to do when it fails halfway (MySQL: its schema statements
 * committed on their own), then the split as the form for a new migration of this kind.
 */
export function followedFix(ctx: RuleContext, followers: readonly Migration[], firstDataLine: number, split: string): string {
  const c = commentMarker(ctx.framework);
  const names = followers.map((m) => m.path);
  const list = names.length > 2 ? `${names.slice(0, 2).join(", ")} and ${names.length - 2} more` : names.join(" and ");
  return [
    `${c} ${list} already depend${followers.length > 1 ? "" : "s"} on ${ctx.migration.path}: it has run wherever ${followers.length > 1 ? "they have" : "that one has"}, so keep it as written.`,
    `${c} Split now, the databases that ran it would run the moved data change a second time, and a dependency added to a migration`,
    `${c} they already applied makes migrate fail there (InconsistentMigrationHistory).`,
    ...(isMysqlFamily(ctx.migration.database)
      ? [
          `${c} If it fails on an install, the schema statements before line ${firstDataLine} are done (MySQL committed each) and the migration is`,
          `${c} not recorded (Django ran the data change in a transaction of its own, which rolled back): undo them by hand, then run migrate again.`,
        ]
      : []),
    `${c} The form for a NEW migration of this kind (shown on this one's code): the schema change and the data change each in a migration of its own,`,
    `${c} the data change right after the schema change, for whose models it is written:`,
    split,
  ].join("\n");
}
