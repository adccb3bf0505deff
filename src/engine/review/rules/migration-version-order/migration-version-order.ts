import type { DetectedFile } from "../../../detect.js";
import type { Layout, Migration } from "../../../model.js";
import { appendedTables, indexTables, orderDependence, readTables, touchesOnlyTablesItCreates, unreadViews } from "../../history/touched-tables.js";
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

/** What the newer base migrations show of the added one's order against them. */
interface Ordering {
  /** newer migrations shown to touch what this one touches, each with the line that shows it and the tables */
  shown: Array<{ path: string; line: number; tables: string[] }>;
  /** newer migrations that hide what they touch: migguard cannot tell whether the order matters */
  unclear: string[];
  /** newer migrations that hide what they touch, but ran before the tables this one creates (all it touches) existed */
  unread: string[];
  /** the added migration hides what some of its statements touch */
  hides: boolean;
}

/**
 * How the added migration and each newer base migration depend on their order (history/touched-tables.ts): only a
 * newer migration shown to touch the same table or column makes it matter; one that hides what it touches leaves
 * the question open (a note), since Rails and its kin run every pending version whatever its number.
 */
function ordering(ctx: ReviewRuleContext, added: Migration, newer: readonly DetectedFile[], indexes: () => ReadonlyMap<string, string>): Ordering {
  const out: Ordering = { shown: [], unclear: [], unread: [], hides: false };
  const known = indexes();
  // a migration that touches only tables it creates: newer ones ran without those tables, whatever they hide
  const ownTablesOnly = touchesOnlyTablesItCreates(added);
  for (const file of newer) {
    const model = ctx.baseModels.get(file.path);
    const found = model ? orderDependence(added, model, known) : undefined;
    if (found?.aHides) out.hides = true;
    if (found?.shared.size) out.shown.push({ path: file.path, line: [...found.shared.values()][0], tables: [...found.shared.keys()].sort() });
    else if (!found || found.bHides) (ownTablesOnly ? out.unread : out.unclear).push(file.path);
  }
  return out;
}

/** "a, b, c and 4 more" */
function someOf(items: readonly string[], shown = 3): string {
  const head = items.slice(0, shown);
  const rest = items.length - head.length;
  if (rest > 0) return `${head.join(", ")} and ${rest} more`;
  return head.length > 1 ? `${head.slice(0, -1).join(", ")} and ${head[head.length - 1]}` : head.join("");
}

/** The finding's severity and the sentences after the runner's consequence. */
function judged(found: Ordering | undefined, added: Migration | undefined): { severity?: "info"; text: string; independent: boolean } {
  if (!found) return { text: "", independent: false };
  if (found.shown.length) {
    const tables = [...new Set(found.shown.flatMap((s) => s.tables))].sort();
    return { text: ` Both touch ${tables.join(", ")}: ${someOf(found.shown.map((s) => `${s.path}:${s.line}`))}.`, independent: false };
  }
  const tables = added ? readTables(added) : [];
  if (found.hides || found.unclear.length) {
    const what = tables.length ? tables.join(", ") : "the tables this migration touches";
    const why = found.unclear.length
      ? ` Migguard could not tell whether ${someOf(found.unclear)} touch${found.unclear.length === 1 ? "es" : ""} ${what}: ${found.unclear.length === 1 ? "it runs" : "they run"} SQL or code whose tables migguard does not read.`
      : "";
    const own = found.hides ? " Some statements of this migration hide what they touch, so migguard could not tell whether a newer migration touches the same tables." : "";
    return { severity: "info", text: `${why}${own} No newer migration it read touches ${what}; check the others before relying on the order.`, independent: false };
  }
  return {
    severity: "info",
    text: " No newer migration on the base branch creates, drops, renames or writes the rows of a table this one touches, changes a column or an index it changes, so the order makes no difference here.",
    independent: true,
  };
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
        // runners that apply it late anyway: only a newer migration shown to touch the same tables makes the order matter
        const ordered = pop || ORDERED_BY_VERSION.has(layout);
        const unanalysed: Ordering = { shown: [], unclear: [], unread: [], hides: true };
        const found = ordered ? (m.head ? ordering(ctx, m.head, newer, indexes) : unanalysed) : undefined;
        const verdict = judged(found, m.head);
        const independent = verdict.independent;
        const unread = independent ? (found?.unread ?? []) : [];
        const quiet = !found?.shown.length;
        // a newer view whose query migguard did not read: independent unless it selects * from a table this one changes
        const views = quiet ? newer.flatMap((f) => unreadViews(ctx.baseModels.get(f.path) ?? { up: [] })) : [];
        // both add columns to a table: the same columns either way, in another physical order
        const added = m.head;
        const appended = quiet && found && added ? [...new Set(newer.flatMap((f) => { const model = ctx.baseModels.get(f.path); return model ? [...appendedTables(added, model)] : []; }))].sort() : [];
        ctx.report({
          path: m.change.path,
          line: 1,
          statement: `version ${version}`,
          severity: layout === "flyway" ? "error" : verdict.severity,
          message:
            `Version ${version} is older than ${newest}${newestFile ? ` (${newestFile.path})` : ""}, the newest migration on the base branch. ${message}` +
            verdict.text +
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
