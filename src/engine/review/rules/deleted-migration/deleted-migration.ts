import { droppedColumn } from "../../missing-column-drops.js";
import { dedent, ident } from "../../../rules/support/fix.js";
import { djangoMigrationName } from "../../history/django-graph.js";
import { djangoAppOf } from "../../../paths.js";
import { revertedBy } from "../../history/reverted.js";
import { removedOnPurpose } from "../../history/removed-on-purpose.js";
import { POP_HISTORY, runnerHistory } from "../../history/runners.js";
import { baseOf, dirOf } from "../../../paths.js";
import { defineReviewRule, type ChangedMigration, type ReviewRuleContext } from "../../review-rule.js";
import type { Migration } from "../../../model.js";
import { dumpVersions, schemaRbItems } from "../../dumps/dump-versions.js";
import { structureSqlItems } from "../../dumps/structure-sql.js";
import { missingFromDump } from "../../dumps/dump-holds.js";
import type { DumpItem } from "../../dumps/dump-items.js";
import { compareVersions } from "../../../migration-versions.js";
import { unreleasedDeletion } from "./unreleased.js";
import { conflictLeafDeletion } from "./conflict-leaf.js";
import { afterRestore } from "./restore-fix.js";
import { appRemovalReport } from "./app-removal.js";
import { packagedAppReport } from "./packaged-app.js";

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
    // one hazard, one finding: the deletions of one folder that say the same are reported together
    const gone = new Map<string, ChangedMigration[]>();
    const downs = new Map<string, ChangedMigration[]>();
    const squashed = new Map<string, ChangedMigration[]>();
    const dataOnly = new Map<string, { dump: LoadedDump; deleted: ChangedMigration[] }>();
    const inDump = new Map<string, { dump: LoadedDump; deleted: ChangedMigration[] }>();
    const add = <T>(map: Map<string, T[]>, key: string, item: T) => map.set(key, [...(map.get(key) ?? []), item]);
    for (const m of ctx.migrations) {
      if (m.change.status !== "removed" || m.file.role === "verify" || m.file.role === "repeatable") continue;
      if (m.file.role === "down") {
        add(downs, dirOf(m.change.path), m);
        continue;
      }
      const history = runnerHistory(m.file.layout);
      const squash = m.file.framework === "django" ? ctx.squashedBy.get(`${djangoAppOf(m.change.path)}/${djangoMigrationName(m.change.path)}`) : undefined;
      if (squash) {
        add(squashed, squash, m);
        continue;
      }
      // its base version failed on every database the migrations built (a drop or rename of a column its table never
      // had: drop-missing-column's proof): none recorded it, so none keeps what it did, and restoring it breaks deploys
      if (m.baseFailures?.length) {
        const first = m.baseFailures.reduce((a, b) => (b.line < a.line ? b : a));
        const column = droppedColumn(first.message);
        ctx.report({
          path: m.change.path,
          line: 1,
          severity: "info",
          message:
            `Migration ${m.change.path} was deleted, but it could not run on any database the migrations built: line ${first.line} ${column ? `names ${column}, a column the migrations before it never created` : "fails by the migrations' own history"}, ` +
            `so it stopped there and no database recorded it. No database keeps its changes.`,
          fix: "Nothing to do: keep it deleted (restoring it brings back a migration that fails on every database).",
        });
        continue;
      }
      // every statement was a no-op on the schema its earlier migrations leave (a guarded installer copy): databases
      // that ran it and fresh ones that never will are the same
      if (m.baseNoOp && !history.checksums) {
        ctx.report({
          path: m.change.path,
          line: 1,
          severity: "info",
          message:
            `Migration ${m.change.path} was deleted, but it changed nothing on any database the migrations built: ${m.baseNoOp.join("; ")}. ` +
            `Databases that ran it and fresh databases that never will end up the same.`,
          fix: "Nothing to do; its version stays in schema_migrations where it ran, which Rails ignores without its file.",
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
      // a removal the change cleans up after (a gem's install migration and a new one dropping its tables if they exist)
      const cleanup = m.base && !history.checksums ? removedOnPurpose(m.base, m.baseContent, added) : undefined;
      if (cleanup) {
        ctx.report({
          path: m.change.path,
          line: 1,
          severity: "info",
          message:
            `Migration ${m.change.path} was deleted on purpose: ${cleanup.by.join(" and ")}, added by this change, drops its tables if they exist (${cleanup.tables.join(", ")}; ${cleanup.how}). ` +
            `Databases that ran it get the cleanup, fresh databases never had the tables and skip the drops: every database ends up without them. Restoring the file would bring back what the change removes.`,
          fix: "Nothing to do; the deleted version stays in schema_migrations where it ran, which Rails ignores without its file.",
        });
        continue;
      }
      // one leaf of a conflict the base branch had since its merge: migrate refused to run, no database has it
      const conflictLeaf = conflictLeafDeletion(ctx, m);
      if (conflictLeaf) {
        ctx.report({ path: m.change.path, line: 1, severity: "info", ...conflictLeaf });
        continue;
      }
      const fresh = unreleasedDeletion(ctx, m);
      if (fresh) {
        ctx.report({ path: m.change.path, line: 1, severity: "info", ...fresh });
        continue;
      }
      const quick = m.base && !history.checksums ? quickRevert(ctx, m.base) : undefined;
      if (quick) {
        const version = m.file.version ?? m.change.path;
        ctx.report({
          path: m.change.path,
          line: 1,
          severity: "warning",
          message:
            `Migration ${m.change.path} was added to the base branch ${quick.age} and is deleted again; what it did is environment-only (${quick.what}). ` +
            `Databases that ran it in that time (CI, staging, production if it was deployed) keep ${quick.objects} and version ${version} in schema_migrations, which Rails ignores without its file; ` +
            `fresh databases never get ${quick.objects}. Nothing the application's schema depends on differs.`,
          fix: [`-- on each database that ran ${version}, to remove ${quick.objects} there too (the schema_migrations row can stay):`, ...quick.cleanup].join("\n"),
        });
        continue;
      }
      const loadedInstead = m.base ? dumpSkipping(ctx, m) : undefined;
      if (loadedInstead && m.base && onlyChangesData(m.base)) {
        const key = `${loadedInstead.path}\u0000${dirOf(m.change.path)}`;
        dataOnly.set(key, { dump: loadedInstead, deleted: [...(dataOnly.get(key)?.deleted ?? []), m] });
        continue;
      }
      // older than the dump, which records it as run: fresh databases load the dump, if it holds what it built (below)
      if (loadedInstead && m.base) {
        const key = `${loadedInstead.path}\u0000${dirOf(m.change.path)}`;
        inDump.set(key, { dump: loadedInstead, deleted: [...(inDump.get(key)?.deleted ?? []), m] });
        continue;
      }
      add(gone, dirOf(m.change.path), m);
    }
    for (const [squash, deleted] of squashed)
      ctx.report({
        ...at(deleted),
        severity: "info",
        message: `${listed(deleted, "was", "were")} squashed into ${squash}, which replaces ${deleted.length === 1 ? "it" : "them"}: deleting ${deleted.length === 1 ? "it" : "them"} once every database has run the squash is Django's documented way.`,
        fix: "Make sure every environment has migrated past the squashed migration before this merges.",
      });
    for (const { dump, deleted } of dataOnly.values())
      ctx.report({
        ...at(deleted),
        severity: "info",
        message: `${listed(deleted, "only changed data and is", "only changed data and are")} older than ${dump.path}'s version ${dump.version}: fresh databases load the dump and never run ${deleted.length === 1 ? "it" : "them"}, and databases that ran ${deleted.length === 1 ? "it" : "them"} keep their data. Deleting ${deleted.length === 1 ? "it" : "them"} changes no database.`,
        fix: "Nothing to do; the versions stay in schema_migrations where they ran, which Rails ignores.",
      });
    // a squash of old history: what the deleted migrations leave is in the dump fresh databases load (db:prepare,
    // db:schema:load), which records their versions as run; a group whose work the dump lacks stays an error
    for (const { dump, deleted } of inDump.values()) {
      const kept = keptUpTo(ctx, deleted, dump.version);
      const missing = dump.items && kept ? missingFromDump(dump.items, deleted.map((m) => m.base!), kept) : ["unknown"];
      if (missing.length) {
        for (const m of deleted) add(gone, dirOf(m.change.path), m);
        continue;
      }
      const them = deleted.length === 1 ? "it" : "them";
      ctx.report({
        ...at(deleted),
        severity: "info",
        message:
          `${listed(deleted, "is", "are")} older than ${dump.path}'s version ${dump.version}, which holds the tables and columns ${deleted.length === 1 ? "it leaves" : "they leave"} and records ${them} as run: ` +
          `fresh databases load the dump (db:prepare, db:schema:load, the test schema) and get ${deleted.length === 1 ? "its" : "their"} schema without running ${them}, and databases that ran ${them} keep it. ` +
          `Deleting ${them} (a squash of old history) changes no database that starts from the dump.`,
        fix:
          `Nothing to do if every environment builds new databases from ${dump.path} (db:prepare or db:schema:load): db:migrate on an empty database now starts at the first migration that remains. ` +
          "The versions stay in schema_migrations where they ran, which Rails ignores without their files.",
      });
    }
    for (const deleted of downs.values())
      ctx.report({
        ...at(deleted),
        severity: "warning",
        message: `The down of ${deleted.length === 1 ? "an applied migration was" : `${deleted.length} applied migrations were`} deleted (${names(deleted)}): ${deleted.length === 1 ? "that migration" : "they"} can no longer be rolled back.`,
        fix: `Keep ${deleted.length === 1 ? deleted[0].change.path : "them"}, or replace ${deleted.length === 1 ? "it" : "each"} with a down that still undoes its up.`,
      });
    for (const deleted of gone.values()) {
      // a whole Django app removed with its folder: what stays in the database, not history lost
      const removal = ctx.removedDjangoApps?.get(dirOf(deleted[0].change.path));
      if (removal) {
        ctx.report({ ...at(deleted), ...appRemovalReport(removal, deleted.length === 1 ? `its migration ${deleted[0].change.path}` : `its ${deleted.length} migrations (${names(deleted)})`) });
        continue;
      }
      // a vendored app replaced by the package it was copied from: the migrations move to site-packages, not away
      const packaged = ctx.packagedDjangoApps?.get(dirOf(deleted[0].change.path));
      if (packaged) {
        ctx.report({ ...at(deleted), ...packagedAppReport(packaged, listed(deleted, "was", "were")) });
        continue;
      }
      const reset = alembicReset(ctx, deleted);
      if (reset) {
        ctx.report({
          ...at(deleted),
          severity: "warning",
          message:
            `${listed(deleted, "was", "were")} deleted in a history reset: revision ${reset.head}, the head of the deleted chain and so the revision every up-to-date database's ` +
            `alembic_version names, still exists (${reset.keptIn}). Databases at that revision lose nothing and carry on from there. Only installations older than ${reset.head} ` +
            `can no longer upgrade: the revisions between theirs and ${reset.head} are gone ("Can't locate revision identified by ...").`,
          fix: dedent(`
            # Nothing to change in the code. Installations not at revision ${reset.head} yet must first upgrade with the
            # last release that still has the old revisions (there: alembic upgrade ${reset.head}), then to this one.
            # Say so in the release notes; fresh databases start from the new chain.`),
        });
        continue;
      }
      const first = deleted[0];
      const pop = ctx.runsOnPop?.(first.change.path) ?? false;
      const history = pop ? POP_HISTORY : runnerHistory(first.file.layout);
      ctx.report({
        ...at(deleted),
        // pop checks no missing files: the deletion matters only where a database ran it
        ...(pop ? { severity: "warning" as const } : {}),
        message: `${listed(deleted, "exists", "exist")} on the base branch and ${deleted.length === 1 ? "was" : "were"} deleted: ${history.deleted}`,
        fix: dedent(`
          Restore ${deleted.length === 1 ? "it" : "them"} (git checkout <base> -- ${deleted.length === 1 ? first.change.path : dirOf(first.change.path)}) and undo ${deleted.length === 1 ? "its" : "their"} effect, if that is the goal, in a new
          migration.${first.file.framework === "django" ? " To shorten history, use `manage.py squashmigrations` and delete the old files only after every database ran the squash." : ""}`) +
          afterRestore(ctx, deleted).map((line) => `\n\n${line}`).join(""),
      });
    }
  },
});

const byPath = (deleted: readonly ChangedMigration[]) => [...deleted].sort((a, b) => (a.change.path < b.change.path ? -1 : 1));

/** Where a group's finding goes (its first file), with every file in the details when there are several. */
function at(deleted: readonly ChangedMigration[]): { path: string; line: number; details?: string[]; statement: string } {
  const sorted = byPath(deleted);
  return {
    path: sorted[0].change.path,
    line: 1,
    ...(sorted.length > 1 ? { details: sorted.map((m) => m.change.path) } : {}),
    statement: `deleted ${sorted.map((m) => m.change.path).join(" ")}`,
  };
}

/** "a.py, b.py and c.py" (file names when they share a folder), or the first three and how many more. */
function names(deleted: readonly ChangedMigration[]): string {
  const oneFolder = new Set(deleted.map((m) => dirOf(m.change.path))).size === 1;
  const paths = byPath(deleted).map((m) => (oneFolder && deleted.length > 1 ? baseOf(m.change.path) : m.change.path));
  if (paths.length === 1) return paths[0];
  if (paths.length <= 3) return `${paths.slice(0, -1).join(", ")} and ${paths[paths.length - 1]}`;
  return `${paths.slice(0, 3).join(", ")} and ${paths.length - 3} more`;
}

/** "Migration a.py was" or "3 migrations of dir (a.py, ...) were". */
function listed(deleted: readonly ChangedMigration[], one: string, many: string): string {
  if (deleted.length === 1) return `Migration ${deleted[0].change.path} ${one}`;
  return `${deleted.length} migrations of ${dirOf(deleted[0].change.path) || "the repository root"} (${names(deleted)}) ${many}`;
}

/**
 * An Alembic history reset (or squash): the deleted revisions' head, the revision every up-to-date database is at,
 * still exists after the change: a revision of the change reuses its id (a new chain whose root stands for the old
 * history), or a revision that stays was built on it (its base version's down_revision names it). Databases at
 * head lose nothing then; only older installations lose their upgrade path. Undefined when a deleted revision's
 * file could not be read, or a head of the deleted chain is gone for good.
 */
function alembicReset(ctx: ReviewRuleContext, deleted: readonly ChangedMigration[]): { head: string; keptIn: string } | undefined {
  if (!deleted.every((m) => m.file.framework === "alembic" && m.base?.revision)) return undefined;
  const links = deleted.map((m) => m.base!.revision!);
  const before = new Set(links.flatMap((l) => l.after));
  const heads = links.map((l) => l.id).filter((id) => !before.has(id));
  if (heads.length === 0) return undefined;
  const remaining = ctx.migrations.filter((m) => m.change.status !== "removed");
  let found: { head: string; keptIn: string } | undefined;
  for (const head of heads) {
    const reused = remaining.find((m) => m.head?.revision?.id === head);
    const builtOn = remaining.find((m) => m.change.status !== "added" && m.base?.revision?.after.includes(head));
    const keptIn = reused ? `${reused.change.path} has revision = "${head}"` : builtOn ? `${builtOn.change.path} was built on it` : undefined;
    if (!keptIn) return undefined;
    found ??= { head, keptIn };
  }
  return found;
}

/**
 * A Rails migration the base branch added within `young_table.days` before the change (a quick revert) whose up only
 * sets up the environment: an extension enabled, a non-unique index, a comment. Rails keeps no checksum and ignores a recorded
 * version without its file, and the application's schema (tables, columns, constraints) is the same with or without
 * them: what it says and the SQL that removes them where they were made. Undefined for anything else.
 */
function quickRevert(ctx: ReviewRuleContext, migration: Migration): { age: string; what: string; objects: string; cleanup: string[] } | undefined {
  if (migration.framework !== "rails" || migration.database !== "postgresql" || migration.syntaxErrors.length || migration.tooComplex.length || migration.hidden.length || migration.notes.length) return undefined;
  const age = ctx.ageOnBase?.(migration);
  if (!age || age.days > ctx.config.young_table.days) return undefined;
  const ops = migration.up.filter((op) => op.kind !== "transaction_control" && op.kind !== "set_setting");
  const cleanup: string[] = [];
  for (const op of ops) {
    if (op.kind === "create_object" && op.objectType === "extension") cleanup.push(`DROP EXTENSION IF EXISTS ${ident(op.name)};`);
    else if (op.kind === "add_index" && !op.unique)
      cleanup.push(op.name ? `DROP INDEX CONCURRENTLY IF EXISTS ${ident(op.name)};` : `-- the index on ${op.table} (${op.columns.join(", ")}): its name is not in the migration (Rails derives it); find it with \\d ${op.table}, then DROP INDEX CONCURRENTLY IF EXISTS <name>;`);
    // a comment (change_table_comment, change_column_comment) is documentation in the catalog: nothing reads it
    else if (op.kind === "raw" && op.statement === "COMMENT") cleanup.push(`-- ${op.text.split("\n")[0].trim()}: the comment stays where it ran, read by nothing; set it back with COMMENT ON ... IS NULL (or the old text) if it matters`);
    else return undefined;
  }
  if (cleanup.length === 0) return undefined;
  const hours = age.days * 24;
  const when = hours < 1 ? `${Math.max(1, Math.round(hours * 60))} minutes` : hours < 48 ? `${Math.round(hours)} hours` : `${Math.round(age.days)} days`;
  return {
    age: `${when} before this change (${age.by === "commit" ? "by the date of the commit that added it" : "by its version date"})`,
    what: ops.map((op) => `\`${op.text.split("\n")[0].trim()}\``).join(", "),
    objects: ops.length === 1 ? (ops[0].kind === "add_index" ? "the index" : ops[0].kind === "raw" ? "the comment" : "the extension") : "what it made",
    cleanup,
  };
}

/**
 * An up that changes nothing of the schema: data code and DML only (application code such as a feature-flag call
 * yields no operation at all), with nothing migguard could not follow (syntax errors, hidden or unknown calls).
 */
function onlyChangesData(migration: Migration): boolean {
  if (migration.syntaxErrors.length || migration.tooComplex.length || migration.hidden.length || migration.notes.length) return false;
  return migration.up.every((op) => op.kind === "transaction_control" || op.kind === "set_setting" || op.kind === "data_migration" || op.kind === "dml");
}

interface LoadedDump {
  path: string;
  version: string;
  /** what the dump fresh databases load describes (its content at head when the change edits it); undefined when unreadable */
  items?: DumpItem[];
}

/**
 * The base branch's schema dump (Rails: fresh databases load it) whose version is at least the migration's, and which
 * the change keeps: loading `define(version: V)` records V itself and every migration version below it as run
 * (`assume_migrated_upto_version`), so the dump's own newest migration is skipped too.
 */
function dumpSkipping(ctx: ReviewRuleContext, m: ChangedMigration): LoadedDump | undefined {
  if (m.file.framework !== "rails" || !m.file.version) return undefined;
  for (const state of ctx.dumps) {
    if (!state.baseContent || !state.dump.covers(m.file) || state.change?.status === "removed") continue;
    const newest = dumpVersions(state.dump.format, state.baseContent).newest;
    if (!newest || compareVersions(newest, m.file.version) < 0) continue;
    const loaded = state.headContent ?? state.baseContent;
    const items = state.dump.format === "schema.rb" ? schemaRbItems(loaded) : structureSqlItems(loaded);
    return { path: state.dump.path, version: newest, ...(items ? { items } : {}) };
  }
  return undefined;
}

/**
 * The migrations of the deleted ones' folder that stay, newer than the oldest deleted one and at most the dump's
 * version, as the plan read them (earlier-on-base.ts `laterOnBase`); undefined when one was not read.
 */
function keptUpTo(ctx: ReviewRuleContext, deleted: readonly ChangedMigration[], version: string): Migration[] | undefined {
  const gone = new Set(deleted.map((m) => m.change.path));
  const folder = dirOf(deleted[0].change.path);
  const oldest = deleted.map((m) => m.file.version!).reduce((a, b) => (compareVersions(a, b) <= 0 ? a : b));
  const kept: Migration[] = [];
  for (const file of ctx.baseMigrations ?? []) {
    if (gone.has(file.path) || dirOf(file.path) !== folder || file.version === undefined || file.framework !== "rails") continue;
    if (compareVersions(file.version, oldest) <= 0 || compareVersions(file.version, version) > 0) continue;
    const model = ctx.baseModels.get(file.path);
    if (!model) return undefined;
    kept.push(model);
  }
  return ctx.baseMigrations ? kept : undefined;
}
