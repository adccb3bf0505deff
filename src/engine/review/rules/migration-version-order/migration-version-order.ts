import type { DetectedFile } from "../../../detect.js";
import type { Layout, Migration } from "../../../model.js";
import { appendedTables, indexTables, orderDependentTables, touchesOnlyTablesItCreates, unreadViews } from "../../history/touched-tables.js";
import { ORDERED_BY_VERSION } from "../../plan.js";
import { dedent } from "../../../rules/support/fix.js";
import { versionSets } from "../../history/version-sets.js";
import { isDieselFile } from "../../classify.js";
import { defineReviewRule, type ReviewRuleContext } from "../../review-rule.js";
import { compareVersions, newestVersion } from "../../../migration-versions.js";

/** What each runner does with a new version older than the newest applied one. */
function consequence(layout: Layout, newest: string): string | undefined {
  switch (layout) {
    case "flyway":
      return `Flyway refuses a version older than the newest applied one unless outOfOrder is on: validation fails ("Detected resolved migration not applied to database") on every database that ran ${newest}.`;
    case "rails":
      return `Rails applies every pending version, so databases that ran ${newest} run this one after it while fresh databases run it before: if both touch the same tables, environments end up different.`;
    case "golang-migrate":
      return `golang-migrate keeps only the current version: databases already at ${newest} never apply an older one.`;
    case "goose":
      return `goose refuses to migrate a database that lacks an older version ("found missing migrations") unless it runs with -allow-missing, which applies it after ${newest}.`;
    case "dbmate":
      return `dbmate applies it after ${newest} on databases that ran that one, but before it on fresh databases: the order differs between environments.`;
    case "prisma":
      return `Prisma applies it after ${newest} on deployed databases but before it on fresh ones, and \`prisma migrate dev\` reports the history as diverged.`;
    case "plain-sql":
      return `Databases that ran ${newest} run it afterwards, fresh databases before: the order differs between environments.`;
    default:
      return undefined; // Django, Alembic, sqitch and Liquibase order by a graph or a plan file, not by version
  }
}

/**
 * Tables where the added migration and a newer base one depend on their order (history/touched-tables.ts); undefined
 * when some of them was not read or hides what it touches.
 */
function sharedTables(ctx: ReviewRuleContext, added: Migration | undefined, newer: readonly DetectedFile[], indexes: () => ReadonlyMap<string, string>): { shared: Set<string>; unread: string[] } | undefined {
  if (!added) return undefined;
  const shared = new Set<string>();
  // newer migrations whose tables are unknown: harmless to one that touches only tables it creates
  const unread: string[] = [];
  const known = indexes();
  for (const file of newer) {
    const model = ctx.baseModels.get(file.path);
    const tables = model ? orderDependentTables(added, model, known) : undefined;
    if (!tables && touchesOnlyTablesItCreates(added)) unread.push(file.path);
    else if (!tables) return undefined;
    for (const t of tables ?? []) shared.add(t);
  }
  return { shared, unread };
}

export default defineReviewRule({
  meta: {
    id: "migration-version-order",
    category: "history",
    severity: "warning",
    title: "A new migration is older than the newest one on the base branch",
    why:
      "A branch created before someone else merged a migration keeps its older version. Databases that already " +
      "ran the newer migration apply this one after it, fresh databases before it; Flyway refuses it outright " +
      "unless outOfOrder is on, and golang-migrate never applies it where the newer one ran.",
  },
  check(ctx) {
    // the indexes the base migrations migguard read create: a newer DROP INDEX that names no table drops one of those
    let known: ReadonlyMap<string, string> | undefined;
    const indexes = () => (known ??= indexTables(ctx.baseModels.values()));
    for (const set of versionSets(ctx)) {
      const newest = newestVersion(set.base.flatMap((f) => (f.version ? [f.version] : [])));
      if (!newest) continue;
      for (const m of set.added) {
        const version = m.file.version;
        if (!version || compareVersions(version, newest) >= 0) continue;
        // diesel (a folder per migration, up.sql/down.sql) applies every pending version, as Rails does
        const layout = isDieselFile(m.file) ? "plain-sql" : (m.head?.layout ?? m.file.layout);
        if (layout === "flyway" && ctx.config.flyway_out_of_order) continue;
        const pop = ctx.runsOnPop?.(m.change.path) ?? false;
        const message = pop
          ? `gobuffalo/pop applies every version its schema_migration table lacks, in any order: databases that ran ${newest} run this one after it, fresh databases before it.`
          : consequence(layout, newest);
        if (!message) continue;
        const newestFile = set.base.find((f) => f.version !== undefined && compareVersions(f.version, newest) === 0);
        // runners that apply it late anyway: the order matters only if a newer migration touches the same tables
        const newer = set.base.filter((f) => f.version !== undefined && compareVersions(f.version, version) > 0);
        const found = pop || ORDERED_BY_VERSION.has(layout) ? sharedTables(ctx, m.head, newer, indexes) : undefined;
        const shared = found?.shared;
        const independent = shared !== undefined && shared.size === 0;
        const unread = independent ? (found?.unread ?? []) : [];
        // a newer view whose query migguard did not read: independent unless it selects * from a table this one changes
        const views = independent ? newer.flatMap((f) => unreadViews(ctx.baseModels.get(f.path) ?? { up: [] })) : [];
        // both add columns to a table: the same columns either way, in another physical order
        const added = m.head;
        const appended = independent && added ? [...new Set(newer.flatMap((f) => { const model = ctx.baseModels.get(f.path); return model ? [...appendedTables(added, model)] : []; }))].sort() : [];
        ctx.report({
          path: m.change.path,
          line: 1,
          statement: `version ${version}`,
          severity: layout === "flyway" ? "error" : independent ? "info" : undefined,
          message:
            `Version ${version} is older than ${newest}${newestFile ? ` (${newestFile.path})` : ""}, the newest migration on the base branch. ${message}` +
            (independent ? " No newer migration on the base branch creates, drops, renames or writes the rows of a table this one touches, changes a column or an index it changes, so the order makes no difference here." : shared?.size ? ` Both touch ${[...shared].sort().join(", ")}.` : "") +
            (unread.length
              ? ` (${unread.join(", ")} hide${unread.length === 1 ? "s" : ""} what ${unread.length === 1 ? "it touches" : "they touch"}, but ${unread.length === 1 ? "it" : "they"} already ran on databases without the tables this migration creates, the only tables it changes: ${unread.length === 1 ? "it" : "they"} cannot have touched them.)`
              : "") +
            (appended.length ? ` (Both add columns to ${appended.join(", ")}: old and fresh databases hold the same columns in another physical order, which only SELECT * and a schema dump's column order show.)` : "") +
            (views.length ? ` (A newer migration replaces view${views.length > 1 ? "s" : ""} ${[...new Set(views)].join(", ")}, whose query is kept outside the migration: if it selects * from a table this one changes, its columns differ between environments.)` : ""),
          fix: dedent(`
            Give the migration a version newer than ${newest} (rename the file with a new timestamp or number)${
              layout === "flyway" ? ", or allow it on purpose with `flyway_out_of_order: true` in .github/migguard.yml and outOfOrder=true in Flyway" : ""
            }.`),
        });
      }
    }
  },
});
