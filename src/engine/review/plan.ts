/**
 * Which files a review needs, decided from paths alone so the App fetches only those:
 * - head: changed migrations (and .sql files whose layout only content tells), the other half of each
 *   (a .down.sql, a Flyway undo, a sqitch revert, or the up of a changed down), changed schema dumps, and the
 *   upgrade or release notes a change to migrations writes (on the base branch too when it modifies them);
 * - base: the base version of modified migrations (was the edit only a comment? which Liquibase changeset?),
 *   and Django squashed migrations of apps that lose migrations (what they replace);
 * - baseTree: the paths of the base branch (versions to order against, schema dumps that exist);
 * - context (optional, once the base tree is known): the other Django migrations of an app whose migrations
 *   change, read at head, from which the Django adapter rebuilds the model state (AlterField, RemoveField); and
 *   the base's migrations written shortly before an added one (which tables are young: recent-on-base.ts).
 * - deploy code (`planDeployCode`, once the facts are read): the Go files and Node start code of a project whose
 *   go.mod or package.json names a migrator, for an application that migrates itself at start.
 * Application code is asked for after a first pass, only when something is dropped or renamed
 * (`ReviewResult.codeSearch`).
 */
import { mayBeScriptLocationRevision, withAlembicScriptLocations } from "../migration-folders/alembic-script-locations.js";
import { baseOf, dirOf } from "../paths.js";
import { mayBeMovedDjangoMigration } from "../migration-folders/django-migration-modules.js";
import type { Config } from "../config.js";
import { companionPaths, detectByPath, type DetectedFile } from "../detect.js";
import { migrationFolder } from "../database/decide.js";
import { databasePathsFor, signalKind, signalPathsFor } from "../database/signal-paths.js";
import { normaliseChanges, type ChangedFile } from "./changes.js";
import { reviewedChanges } from "./reviewed-changes.js";
import { recentOnBase } from "./recent-on-base.js";
import { earlierOnBase, laterOnBase } from "./earlier-on-base.js";
import { conflictLeafPaths } from "./history/conflict-leaves.js";
import { detectMigrationPath, isDieselFile, isPrimaryFile, migrationSetKey } from "./classify.js";
import { schemaDumpOf } from "../repository/schema-dump-paths.js";
import { dumpCatchUpPaths } from "./dumps/dump-catch-up-paths.js";
import { compareVersions, newestVersion } from "../migration-versions.js";
import { RailsDatabases } from "../repository/rails-databases.js";
import { isGoModPath, isWithin, repositoryFactPaths, isDjangoModelPath } from "../repository/fact-paths.js";
import { isPythonManifestPath } from "../repository/python-requirements.js";
import { manifestProjectDir } from "./history/packaged-app.js";
import { siblingDownsOnBase } from "./sibling-downs-on-base.js";
import { isSearchableCodePath } from "../code/searchable.js";
import { deployCodePaths } from "../deploy/deploy-code-paths.js";
import { changeNotes } from "./change-downtime.js";
import type { SourceFile } from "../model.js";

/** More settings modules than this in one tree are not read to prove it has one database (one request each in the App). */
const MAX_SETTINGS_READ = 24;

export interface ReviewPlan {
  /** read at the head commit; a path that does not exist there is simply left out of `ReviewInput.head` */
  head: string[];
  /** read on the base branch */
  base: string[];
  /** list every path of the base branch's tree (`ReviewInput.basePaths`) */
  baseTree: boolean;
  /**
   * read at head for `ReviewInput.contextMigrations`; optional, and more precise findings with them: the other
   * migrations of a changed Django app, and the files that name the database (config/database.yml, settings)
   */
  context: string[];
  /**
   * read at head for `ReviewInput.repositoryFiles` (once the base tree is known): the Gemfile / Gemfile.lock and
   * schema dumps of the projects whose migrations change, so fixes use real types and strong_migrations only
   * where it is bundled. Optional; models are left out (one request each), the code archive brings them.
   */
  facts: string[];
}


/** The up a down file belongs to (the reverse of `companionPaths`). */
export function counterpartPaths(file: DetectedFile, siblings: readonly string[]): string[] {
  if (file.role !== "down") return [];
  switch (file.layout) {
    case "golang-migrate":
    case "rivermigrate":
    case "diesel":
      // the up keeps the down's extension (`x.down.pgsql` -> `x.up.pgsql`)
      if (/\.down\.[^./]+$/.test(file.path)) return [file.path.replace(/\.down(\.[^./]+)$/, ".up$1")];
      if (file.path.endsWith("/down.sql")) return [`${dirOf(file.path)}/up.sql`];
      return [];
    case "sqitch":
      return [file.path.replace(/(^|\/)revert\//, "$1deploy/")];
    case "flyway": {
      const ups = siblings.filter((p) => {
        const other = detectByPath(p);
        return other !== undefined && other !== "sql-candidate" && other.layout === "flyway" && other.role === "up" && other.key === file.key;
      });
      return ups.length ? ups : [`${dirOf(file.path) ? `${dirOf(file.path)}/` : ""}V${file.version}__${file.name}.sql`];
    }
    default:
      return [];
  }
}

/** Layouts that run a late-merged older version after newer ones: order matters only for shared tables. */
export const ORDERED_BY_VERSION = new Set(["rails", "dbmate", "plain-sql", "prisma"]);

/**
 * Base migrations of the same version sequence newer than an added one, every one of them: whether the order
 * matters depends on each one's tables (a branch 48 migrations behind Lago's main was warned about for want of
 * reading them). Only layouts whose runner applies a late version anyway need them; the others are judged on
 * versions alone. The App takes many of them from one tarball of the base (review-change.ts).
 */
function newerOnBase(added: readonly DetectedFile[], basePaths: readonly string[], config: Config, databases: RailsDatabases): string[] {
  // golang-migrate names under a go.mod may be gobuffalo/pop's, which also applies late versions (its go.mod is read later)
  const maybePop = (f: DetectedFile) => f.layout === "golang-migrate" && basePaths.some((p) => isGoModPath(p) && isWithin(dirOf(p), f.path));
  const candidates = added.filter((f) => f.version !== undefined && (ORDERED_BY_VERSION.has(f.layout) || isDieselFile(f) || maybePop(f)));
  if (candidates.length === 0) return [];
  const baseFiles = basePaths.flatMap((p) => {
    const file = detectMigrationPath(p, config);
    return file?.version !== undefined && isPrimaryFile(file) ? [file] : [];
  });
  const out = new Set<string>();
  for (const file of candidates) {
    const key = migrationSetKey(file, databases);
    const newer = baseFiles.filter((other) => migrationSetKey(other, databases) === key && compareVersions(other.version!, file.version!) > 0);
    for (const other of newer) out.add(other.path);
  }
  return [...out];
}

/** An Active Record model: the change may empty its `ignored_columns`, which the base branch's servers still honour. */
// Active Record models, and Django apps' models (a RemoveField whose field the same change takes out of the model
// is not a planned last step: the servers run the base branch's model until the deploy)
export const isBaseCodePath = (path: string): boolean => /(^|\/)app\/models\/.+\.rb$/.test(path) || isDjangoModelPath(path);

export function planReview(files: readonly ChangedFile[], given: Config, basePaths?: readonly string[]): ReviewPlan {
  // revisions in an Alembic script location of any name (found by its env.py and script.py.mako) are migrations;
  // a migration "renamed" into another Django app is a deletion there and a new migration here
  const { config, changes } = reviewedChanges(files, given, basePaths ?? []);
  const head = new Set<string>();
  const base = new Set<string>();
  let relevant = false;
  const siblings = [...new Set([...(basePaths ?? []), ...changes.map((c) => c.path)])];
  const removed = new Set(changes.filter((c) => c.status === "removed").map((c) => c.path));
  const existing = new Set(siblings.filter((p) => !removed.has(p)));
  const bySiblingDir = (dir: string) => siblings.filter((p) => dirOf(p) === dir);
  const djangoAppsLosing = new Set<string>();
  const djangoAppsChanging = new Set<string>();
  const added: DetectedFile[] = [];
  const deleted: string[] = [];
  const deletedDjango: DetectedFile[] = [];
  const databaseFolders = new Map<string, string>(); // migrations folder -> framework
  const models: string[] = [];
  const editedCode: string[] = [];
  for (const change of changes) {
    // a model the change edits: what it ignored on the base branch (asked for when a migration changed too)
    if (change.status !== "added" && isBaseCodePath(change.previousPath ?? change.path)) models.push(change.previousPath ?? change.path);
    else if (change.status !== "added" && isSearchableCodePath(change.previousPath ?? change.path, config)) editedCode.push(change.previousPath ?? change.path);
    const dump = schemaDumpOf(change.path, config);
    if (dump || (change.previousPath && schemaDumpOf(change.previousPath, config))) {
      relevant = true;
      if (change.status !== "removed") head.add(change.path);
      // what it was: a dump written again in another order (a newer Rails) describes the same schema
      if (change.status === "modified") base.add(change.path);
      // a Rails dump: config/database.yml says whether its database is a replica, whose dump copies another's
      if (RailsDatabases.databaseOfDump(change.path) !== undefined) databaseFolders.set(`${dirOf(change.path)}/migrate`, "rails");
      continue;
    }
    const byPath = detectByPath(change.path, config);
    const previous = change.previousPath ? detectByPath(change.previousPath, config) : undefined;
    if (byPath === undefined && previous === undefined) continue;
    relevant = true;
    if (change.status === "removed") {
      const file = detectMigrationPath(change.path, config);
      if (file?.framework === "django") {
        djangoAppsLosing.add(dirOf(change.path));
        if (file.version !== undefined) deletedDjango.push(file);
      }
      else if (file && (file.role === "up" || file.role === "combined")) deleted.push(change.path);
      continue;
    }
    head.add(change.path);
    if (change.status === "modified") base.add(change.path);
    // a renamed migration: its operations the rename did not touch were reviewed when it was added
    if (change.status === "renamed" && change.previousPath && previous !== undefined) base.add(change.previousPath);
    // one renamed into a migrations folder from elsewhere: its old text says whether it moved unchanged (review.ts isUnchangedMove)
    else if (change.status === "renamed" && change.previousPath && byPath !== undefined) base.add(change.previousPath);
    const file = detectMigrationPath(change.path, config);
    if (!file) continue;
    if (change.status === "added") added.push(file);
    if (file.framework === "django") djangoAppsChanging.add(dirOf(change.path));
    databaseFolders.set(migrationFolder(file), file.framework);
    const dirSiblings = bySiblingDir(dirOf(file.path));
    // with the base tree at hand, ask only for companions that exist (on the base branch or added by the change)
    for (const companion of [...companionPaths(file, dirSiblings), ...counterpartPaths(file, dirSiblings)])
      if (!basePaths || existing.has(companion)) head.add(companion);
  }
  // a deleted migration: what it did is on the base branch (a new one may undo it where it ran, a guarded revert;
  // it may only have changed data), and so is the dump fresh databases load instead of running old migrations
  for (const path of deleted) base.add(path);
  // and the Rails migrations that stay after the oldest deleted one: with it they say what the dump must hold
  if (basePaths && deleted.length) {
    const files = deleted.flatMap((path) => detectMigrationPath(path, config) ?? []);
    for (const path of laterOnBase(files, basePaths, config, new RailsDatabases(siblings))) base.add(path);
  }
  if (basePaths && deleted.length) {
    const databases = new RailsDatabases(siblings);
    const files = deleted.flatMap((path) => detectMigrationPath(path, config) ?? []);
    for (const path of basePaths) {
      const dump = schemaDumpOf(path, config, databases);
      if (dump && files.some((file) => dump.covers(file))) base.add(path);
    }
  }
  // a dump changed while no migration it describes did: its newest migrations say whether it only catches up with them
  if (basePaths) for (const path of dumpCatchUpPaths(changes, basePaths, config, new RailsDatabases(siblings))) base.add(path);
  // a new migration older than some on the base branch: what those do says whether the order matters
  if (basePaths && added.length) for (const path of newerOnBase(added, basePaths, config, new RailsDatabases(siblings))) base.add(path);
  // a structure.sql the change leaves alone while adding migrations: its schema_migrations rows say whether it
  // already has them (schema.rb records only its newest version, which proves nothing about an older one)
  if (basePaths && added.length) {
    const databases = new RailsDatabases(siblings);
    const touched = new Set(changes.flatMap((c) => [c.path, ...(c.previousPath ? [c.previousPath] : [])]));
    for (const path of basePaths) {
      const dump = touched.has(path) ? undefined : schemaDumpOf(path, config, databases);
      if (dump?.format === "structure.sql" && added.some((file) => dump.covers(file))) base.add(path);
    }
  }
  // squashed migrations say which migrations they replace: deleting those is Django's documented way
  // (whatever its name: `squashmigrations --squashed-name`); a squash is numbered no later than what it replaces, so
  // the remaining migrations up to the newest deleted one are read
  for (const dir of djangoAppsLosing) {
    const newestDeleted = newestVersion(deletedDjango.filter((f) => dirOf(f.path) === dir).map((f) => f.version!));
    for (const path of bySiblingDir(dir)) {
      if (!path.endsWith(".py") || removed.has(path)) continue;
      const version = detectMigrationPath(path, config)?.version;
      if (/_squashed_/.test(baseOf(path)) || (version !== undefined && newestDeleted !== undefined && compareVersions(version, newestDeleted) <= 0)) base.add(path);
    }
  }
  // a deleted Django migration that may have been one leaf of a conflict: its base text and the app's migrations
  // numbered after it, whose dependencies say whether migrate ever ran it (rules/deleted-migration/conflict-leaf.ts)
  if (basePaths) for (const file of deletedDjango) for (const path of conflictLeafPaths(file, basePaths, config)) base.add(path);
  const context = new Set<string>();
  // the migrations folders whose every migration goes (an app removed, or a vendored one replaced by its package)
  const wholeAppsGone: string[] = [];
  // a Django app whose every migration goes: the settings modules say whether it left INSTALLED_APPS (at head, and on
  // the base branch those the change edits), its base migrations what tables it leaves, and the migrations that
  // stay whether one still depends on it (history/django-app-removal.ts)
  if (basePaths && djangoAppsLosing.size) {
    const onBaseBranch = new Set(basePaths);
    const edited = new Set(changes.filter((c) => c.status === "modified").map((c) => c.path));
    const listing = [...existing];
    let appRemoved = false;
    for (const dir of djangoAppsLosing) {
      const inDir = bySiblingDir(dir);
      const onBase = inDir.filter((p) => onBaseBranch.has(p) && detectMigrationPath(p, config)?.version !== undefined);
      if (onBase.length === 0 || onBase.some((p) => !removed.has(p)) || inDir.some((p) => !removed.has(p) && detectMigrationPath(p, config))) continue;
      appRemoved = true;
      wholeAppsGone.push(dir);
      for (const path of onBase) base.add(path);
      for (const path of databasePathsFor("django", dir, listing)) {
        if (!head.has(path)) context.add(path);
        if (edited.has(path)) base.add(path);
      }
    }
    // the migrations that stay, whatever their app: whether one still depends on a removed app
    if (appRemoved) for (const path of listing) if (!head.has(path) && detectMigrationPath(path, config)?.framework === "django") context.add(path);
  }
  if (basePaths)
    for (const dir of djangoAppsChanging)
      for (const path of bySiblingDir(dir)) if (existing.has(path) && !head.has(path) && detectMigrationPath(path, config)?.framework === "django") context.add(path);
  // and the settings modules the change edits, as the base branch has them: whether it takes the app out of
  // INSTALLED_APPS, leaving its tables behind (history/django-app-uninstall.ts)
  if (basePaths && djangoAppsChanging.size)
    for (const change of changes) if (change.status === "modified" && signalKind(change.path) === "django-settings") base.add(change.path);
  // the base's migrations written shortly before an added one: the tables they created are young (recent-on-base.ts)
  // and before an edited one: the tables its base version changed, which prove whether that version could run at all
  // (a drop of a column they never had: edited-migration's note that no database ran it)
  const edited = changes.flatMap((c) => (c.status === "modified" ? [detectMigrationPath(c.path, config)].filter((f): f is DetectedFile => f !== undefined) : []));
  if (basePaths && (added.length || edited.length)) for (const path of recentOnBase([...added, ...edited], [...existing], config, new RailsDatabases(siblings))) if (!head.has(path)) context.add(path);
  // and the newest few before an added or edited one in its folder, with their downs: whether the folder mostly
  // leaves them empty (sibling-downs-on-base.ts). An edited one's down is judged too (when the edit makes its base
  // version's finding new: a MySQL syntax error fixed, vaultwarden's add_cipher_key), by the same habit
  // (the base branch's: the change's own new migrations are no part of the habit, and would push base ones out of the window)
  if (basePaths && (added.length || edited.length)) {
    const addedPaths = new Set(changes.filter((c) => c.status === "added").map((c) => c.path));
    const onBase = [...existing].filter((path) => !addedPaths.has(path));
    for (const path of siblingDownsOnBase([...added, ...edited], onBase, config)) if (!head.has(path)) context.add(path);
  }
  // and before a deleted one: the tables it changed, which prove whether it could run at all (earlier-on-base.ts)
  const deletedFiles = changes.flatMap((c) => (c.status === "removed" ? [detectMigrationPath(c.path, config)].filter((f): f is DetectedFile => f !== undefined) : []));
  if (basePaths && deletedFiles.length) for (const path of earlierOnBase(deletedFiles, [...existing], config, new RailsDatabases(siblings))) if (!head.has(path)) context.add(path);
  // an edited Django migration may only add `.using(db_alias)`: every settings module of the tree says whether the
  // project has one database (database/django-one-database.ts); a tree with more than a few is left unread (unknown)
  if (basePaths && edited.some((file) => file.framework === "django")) {
    const settings = [...existing].filter((path) => signalKind(path) === "django-settings");
    if (settings.length <= MAX_SETTINGS_READ) for (const path of settings) if (!head.has(path)) context.add(path);
  }
  if (basePaths) {
    const listing = [...existing];
    for (const [folder, framework] of databaseFolders) for (const path of signalPathsFor(framework, folder, listing)) if (!head.has(path)) context.add(path);
  }
  const changedMigrations = changes.filter((c) => c.status !== "removed" && detectByPath(c.path, config) !== undefined).map((c) => c.path);
  // the upgrade notes the change writes, at head and (modified) on the base branch: they may prescribe downtime for
  // its migrations, and only the lines it wrote count (change-downtime.ts)
  if ((config.deploy ?? "auto") === "auto" && changedMigrations.length)
    for (const note of changeNotes(changes)) {
      head.add(note.path);
      if (note.status !== "added") base.add(note.previousPath ?? note.path);
    }
  const facts = basePaths && changedMigrations.length ? repositoryFactPaths([...existing], changedMigrations, { models: false }).filter((p) => !head.has(p)) : [];
  // a named database's dump that changes may copy the primary's (a replica's, a mirror: dump-mirrors.ts): the
  // primary's dumps of its application, read at head, say whether it is that copy again
  if (basePaths)
    for (const change of changes) {
      const database = change.status === "removed" ? undefined : RailsDatabases.databaseOfDump(change.path);
      const primary = database && RailsDatabases.primaryOf(database);
      if (database === undefined || primary === database) continue;
      for (const path of existing) if (RailsDatabases.databaseOfDump(path) === primary && !head.has(path) && !facts.includes(path)) facts.push(path);
    }
  // and the dependency files of their project, at head and (edited by the change) on the base branch: one may declare
  // the package a vendored app came from (history/packaged-app.ts)
  const editedFiles = new Set(changes.filter((c) => c.status === "modified").map((c) => c.path));
  for (const path of existing) {
    if (!isPythonManifestPath(path) || !wholeAppsGone.some((dir) => isWithin(manifestProjectDir(path), dir))) continue;
    if (!facts.includes(path) && !head.has(path)) facts.push(path);
    if (editedFiles.has(path)) base.add(path);
  }
  // the go.mod above a deleted migration too: it says whether pop runs the folder (deleted-migration)
  const removedMigrations = changes.filter((c) => c.status === "removed" && detectByPath(c.path, config) !== undefined).map((c) => c.path);
  if (basePaths && removedMigrations.length)
    for (const path of existing) if (isGoModPath(path) && !facts.includes(path) && removedMigrations.some((m) => isWithin(dirOf(path), m))) facts.push(path);
  // an added Rails migration may run only under an existence check (`unless column_exists?(:t, :c)`): the base
  // branch's dump, the schema production has, says whether it runs there (guards-on-base.ts). A dump the change
  // leaves alone is the same at head, where the facts already read it; one it modifies is read on the base above
  if (basePaths && added.some((file) => file.framework === "rails")) {
    const databases = new RailsDatabases(siblings);
    for (const path of basePaths) {
      const dump = head.has(path) || facts.includes(path) ? undefined : schemaDumpOf(path, config, databases);
      if (dump && added.some((file) => file.framework === "rails" && dump.covers(file))) base.add(path);
    }
  }
  // before the base tree is known, a `versions/*.py` may be a revision of a script location only the base tree's
  // env.py and script.py.mako mark: list the base tree to find out
  if (!basePaths && changes.some((c) => [c.path, c.previousPath].some((p) => p !== undefined && mayBeScriptLocationRevision(p)))) relevant = true;
  // likewise a numbered module outside migrations/ may be in a folder Django's MIGRATION_MODULES names: the base
  // tree lists the settings modules that say so (migrationModuleSettingsPaths)
  if (!basePaths && changes.some((c) => mayBeMovedDjangoMigration(c.path))) relevant = true;
  if (relevant) for (const path of models) base.add(path);
  // a plain SQL migration names no model: the code the change edits or deletes, as the base branch has it, is what
  // the servers run until the deploy, and may still name what the migration drops (sql-code-names.ts); a Django
  // column whose default stays in Python breaks only inserts of that code, and a table only that code filled holds what
  // it wrote (deployed-inserts.ts, hand-filled-tables.ts: Rails' too)
  if (added.some((file) => file.framework === "sql" || file.framework === "django" || file.framework === "rails")) for (const path of editedCode) base.add(path);
  // an edited Python migration may now define the constants it imported from a module the change edits or
  // empties: that module as the base branch has it says whether they are the same (inlined-constants.ts)
  const editsPythonMigration = changes.some((c) => c.status === "modified" && ["django", "alembic"].includes(detectMigrationPath(c.path, config)?.framework ?? ""));
  if (editsPythonMigration) for (const path of editedCode) if (path.endsWith(".py")) base.add(path);
  return { head: [...head].sort(), base: [...base].sort(), baseTree: relevant, context: [...context].sort(), facts: facts.sort() };
}

/**
 * The source files the deploy needs beyond the facts (read at head, after them): with `deploy: auto`, when a go.mod
 * among the facts requires golang-migrate or goose, or a package.json depends on knex, umzug, TypeORM, drizzle-orm,
 * Sequelize or @prisma/migrate, the module's Go files and the project's start code and tsconfig.json
 * (deploy-code-paths.ts, at most 400 each), or when a deploy file runs a console script that pyproject.toml or
 * setup.cfg or setup.py declares (setup.py once the Python reader is loaded: setupPyReaderToLoad), the Python files beside its module (at most 40), the same
 * the CLI reads; none otherwise. `headPaths` lists the head commit's files. Give the engine those `isDeployFile` keeps.
 */
export function planDeployCode(config: Pick<Config, "deploy">, facts: readonly SourceFile[], headPaths: readonly string[]): string[] {
  if ((config.deploy ?? "auto") !== "auto") return [];
  return deployCodePaths(facts, headPaths);
}

/**
 * When the base tree's listing came back truncated (GitHub cuts it at 100,000 entries): the folders to list in
 * full so that version order and schema dumps are judged against the whole sequence: each changed migration's
 * folder, and for Rails the other folders of the same sequence (db/migrate, db/post_migrate). The folders above
 * them are listed on the way (their dumps, db/schema.rb).
 */
export function foldersToList(files: readonly ChangedFile[], given: Config): string[] {
  const out = new Set<string>();
  for (const change of normaliseChanges(files)) {
    const file = detectMigrationPath(change.path, withAlembicScriptLocations(given, [change.path]));
    if (!file) continue;
    out.add(dirOf(file.path));
    // a migration in a subfolder (db/migrate/archive/) is one of its migrations path's sequence
    const folder = file.layout === "rails" ? migrationFolder(file) : dirOf(file.path);
    out.add(folder);
    const rails = /^(.*?)(?:^|\/)db\/(?:migrate|post_migrate)$/.exec(folder);
    if (file.framework === "rails" && rails) for (const folder of ["migrate", "post_migrate"]) out.add(`${rails[1] ? `${rails[1]}/` : ""}db/${folder}`);
  }
  return [...out].sort();
}
