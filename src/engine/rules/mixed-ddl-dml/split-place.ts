/**
 * Where a split's new migrations run: the later migrations of the folder that need the data change done (a SET NOT
 * NULL on a column it fills), the version or dependency that puts the new files before them, and the Alembic
 * revisions to re-point after the new ones.
 */
import { compareVersions } from "../../migration-versions.js";
import type { Migration, Operation } from "../../model.js";
import { revisionNaming } from "../support/alembic-revision-naming.js";
import { djangoApp } from "../support/django-migration.js";
import { commentMarker } from "../support/fix.js";
import type { MigrationFile, MigrationPlace } from "../support/next-migration.js";
import type { RuleContext } from "../support/rule.js";
import type { NextMigration } from "./next-in-history.js";
import { nextHolding, type KeysOf } from "../support/later-migrations-index.js";
import { prepares } from "./prepares-schema-change.js";
import { touchedNames } from "./touched-tables.js";
import { mayTakeDependency } from "./followed-migration.js";

/** A migration's SET NOT NULLs, in order, found once: every data change of the folder's earlier migrations looks for them. */
const setNotNullsOf = new WeakMap<Migration, Operation[]>();
function setNotNulls(migration: Migration): Operation[] {
  let found = setNotNullsOf.get(migration);
  if (!found) setNotNullsOf.set(migration, (found = migration.up.filter((op) => op.kind === "set_not_null")));
  return found;
}

/** The one key of a migration whose up sets NOT NULL (later-migrations-index.ts). */
const SETS_NOT_NULL = "set_not_null";
const settingNotNull: KeysOf = (migration) => (setNotNulls(migration).length ? [SETS_NOT_NULL] : []);

/**
 * The later migrations of the folder that set NOT NULL on a column the data change fills (lite-api's survey 0003
 * makes case_type NOT NULL after 0002's RunPython filled it): moved after them, the data change would leave NULLs
 * where the NOT NULL fails.
 */
export function laterNeeders(ctx: RuleContext, dataOps: readonly Operation[]): NextMigration[] {
  // only what the moved statements are known to write is said to be filled: code whose tables migguard could not
  // read (dstack 72cfa56364ad's loop over jobs) is no claim that it fills a later migration's column
  const data = dataOps.filter((op) => (op.kind === "dml" || op.kind === "data_migration") && touchedNames(op) !== "any");
  if (!data.length) return [];
  // only the later migrations that set NOT NULL at all, looked up (later-migrations-index.ts): most set none
  const laterInFolder = ctx.repository.laterInFolder;
  const out: NextMigration[] = [];
  for (let at = nextHolding(laterInFolder, settingNotNull, SETS_NOT_NULL); at !== undefined; at = nextHolding(laterInFolder, settingNotNull, SETS_NOT_NULL, at + 1)) {
    const later = laterInFolder[at];
    const needs = setNotNulls(later).find((op) => data.some((d) => prepares(d, op)));
    if (needs && needs.kind === "set_not_null") out.push({ migration: later, why: `line ${needs.loc.line} sets NOT NULL on ${needs.table}.${needs.column}, which it fills` });
  }
  return out;
}

/**
 * Django: a later migration that needs the data change now runs after its new file, by a dependency it must get;
 * the frameworks that order by version get the new file's version between them and need nothing more, unless no
 * version between them is free (golang-migrate's 000041, then 000042 that needs it): the new file takes none a
 * migration holds, so it then runs after the ones that need it, which must be said.
 */
export function runBefore(ctx: RuleContext, needers: readonly NextMigration[], last: MigrationFile | undefined): string[] {
  if (!needers.length || !last) return [];
  if (ctx.framework !== "django") {
    const version = last.version;
    const after = version === undefined ? [] : needers.filter((n) => n.migration.version !== undefined && compareVersions(n.migration.version, version) < 0);
    const c = commentMarker(ctx.framework);
    return after.length
      ? [``, `${c} no version between ${ctx.migration.path} and ${after[0].migration.path} is free (each is a migration's already), so ${last.path} runs after ${after.map((n) => n.migration.path).join(", ")}, which need${after.length > 1 ? "" : "s"} the data change first: keep the data change in ${ctx.migration.path} as written, unless none of them has run anywhere yet and you renumber ${after.length > 1 ? "them" : "it"} after the new file.`]
      : [];
  }
  const name = last.path.split("/").pop()!.replace(/\.py$/, "");
  const label = djangoApp(ctx.migration).label;
  // only a later migration the change adds takes a new dependency: one already in the repository ran on databases
  // that would then fail with InconsistentMigrationHistory (followed-migration.ts says so instead)
  const dependency = `(${JSON.stringify(label)}, ${JSON.stringify(name)})`;
  return [
    ``,
    ...needers.map((n) =>
      mayTakeDependency(ctx, n.migration)
        ? `# ${n.migration.path} needs the data change first: add ${dependency} to its dependencies, so that it runs after it`
        : `# ${n.migration.path} needs the data change first: only while it has run nowhere yet (new on this branch, like this one) add ${dependency} to its dependencies; once any database ran it, leave it as it is (migrate fails there with InconsistentMigrationHistory)`,
    ),
  ];
}

/**
 * Where a split's new migrations go. An Alembic split's revisions run right after the revision they come out of
 * (down_revision: its id), before any revision that followed it, which is re-pointed (`rechain`); every other
 * framework's go after the folder's newest migration (numbered after it, one head).
 */
export const splitPlace = (ctx: RuleContext, needers: readonly NextMigration[] = []): MigrationPlace => {
  if (ctx.framework === "alembic")
    return { newestInFolder: ctx.migration, numberAfter: ctx.repository.newestInFolder, folderRevisions: ctx.repository.folderRevisions, alembicHeadFile: ctx.repository.alembicHeadFile, alembicAutocommitPrecedent: ctx.repository.alembicAutocommitPrecedent, newMigrationChain: ctx.repository.newMigrationChain, rightAfter: true };
  if (!needers.length) return ctx.repository;
  // before a later migration that needs the data: Django's after this migration alone (numbered after the newest),
  // the others' versioned right after this one
  const chain = { newMigrationChain: ctx.repository.newMigrationChain, rightAfter: true, railsAcronyms: ctx.repository.railsAcronyms, folderVersions: ctx.repository.folderVersions };
  return ctx.framework === "django" ? { ...chain, newestInFolder: ctx.repository.newestInFolder, djangoLeaves: [ctx.migration] } : { ...chain, newestInFolder: ctx.migration };
};

/**
 * Alembic: the revisions whose down_revision was the split one's now follow the last new revision: each said by
 * its file, with the down_revision it must now have (a revision not read is said by what it names).
 */
export function rechain(ctx: RuleContext, last: MigrationFile | undefined): string[] {
  const id = ctx.migration.revision?.id;
  if (ctx.framework !== "alembic" || id === undefined || last?.revision === undefined) return [];
  const later = ctx.repository.laterInFolder;
  const children = later.filter((m) => m.revision?.after.includes(id));
  const to = JSON.stringify(last.revision);
  // numbered revisions (0017_x, then 0018_y) run in the order of their numbers: new ones numbered after the newest
  // but run before later ones break that order (and a test that takes the last file for the head)
  const order = later.length && revisionNaming(ctx.migration, ctx.repository.newestInFolder).numbered ? [`# the project numbers its revisions in the order they run: the new ones run before ${later[0].revision?.id ?? later[0].path} but are numbered after the newest, so split this revision only while it is the newest, or renumber by hand`] : [];
  if (children.length)
    return [``, ...children.map((m) => `# ${m.path} has down_revision ${JSON.stringify(id)}: set it to ${to}, so that it runs after the new revisions`), ...order];
  // the newest revision of its folder: nothing follows it yet
  if (!later.length) return [];
  return [``, `# a revision whose down_revision is ${JSON.stringify(id)} (migguard did not find one in this folder) must now name ${to}, so that it runs after the new revisions`, ...order];
}
