/**
 * A whole Django app removed the way Django documents ("How to delete a Django application": delete its models
 * with a migration, deploy, then remove the app from INSTALLED_APPS and delete its folder). Its migrations go with
 * the folder, and that is no deleted history: Django loads migrations only of installed apps, so nothing would ever
 * run the files again, and restoring them would load nothing. It is that removal when, in the same change:
 *   - every migration of the app's folder on the base branch is deleted and none is added there;
 *   - a settings module's INSTALLED_APPS named the app on the base branch and no settings module names it at head;
 *   - no migration that stays depends on one of the app's (it would stop every `migrate` with NodeNotFoundError).
 * What is left to say is what stays in the database: the tables its migrations created and never dropped
 * (mit-learn's articles, replaced by website_content, vs. video_shorts, whose last migration had dropped its table).
 */
import type { Migration, SourceFile } from "../../model.js";
import type { Config } from "../../config.js";
import type { DetectedFile } from "../../detect.js";
import { djangoAppOf, dirOf } from "../../paths.js";
import { signalKind } from "../../database/signal-paths.js";
import { namesApp, readInstalledApps, type InstalledApp } from "../../repository/django-installed-apps.js";
import { nameKey } from "../../rules/support/facts.js";
import { leftoverTables } from "./app-tables-left.js";
import { detectMigrationPath } from "../classify.js";
import type { ChangedMigration } from "../review-rule.js";
import { readDjangoGraphNode } from "./django-graph.js";

export interface DjangoAppRemoval {
  /** the app's label, as django_migrations records it */
  label: string;
  /** where the base branch installed it: the settings module and its INSTALLED_APPS entry */
  installedIn: { path: string; entry: string; line: number };
  /** tables its migrations created and did not drop, in the order created; undefined when a base version was not read */
  tables?: string[];
  /** the migration that dropped the last of its tables, when it left none */
  droppedBy?: string;
  /** a migration the change adds whose data step or SQL reads every table left (a copy into the app that replaces it); only when some are left */
  readBy?: string;
  /** a migration the change adds that drops every table left (tournesol's backoffice 0014 drops the faq app's tables with its own SQL); only when some are left */
  droppedIn?: string;
}

export interface AppRemovalInput {
  config: Config;
  migrations: readonly ChangedMigration[];
  /** every migration file of the base branch (its tree listing) */
  baseMigrations: readonly DetectedFile[] | undefined;
  /** settings modules as the base branch has them (those the change edits) */
  baseFiles: readonly SourceFile[];
  /** files at head: settings modules and the migrations that stay (planReview asks for them as context) */
  headFiles: readonly SourceFile[];
}

const isSettings = (path: string) => signalKind(path) === "django-settings";

/** The tables an app's deleted migrations leave (app-tables-left.ts); unknown when a base version was not read. */
function tablesLeft(deleted: readonly ChangedMigration[]): { tables?: string[]; droppedBy?: string } {
  if (deleted.some((m) => !m.base)) return {};
  const { tables, droppedBy } = leftoverTables(deleted.map((m) => ({ file: m.file, migration: m.base!, path: m.change.path })));
  return { tables, ...(tables.length === 0 && droppedBy ? { droppedBy } : {}) };
}

/**
 * Whether a migration's up reads the table: SQL that selects from it, or a data step that names it. A name its data
 * step's own SQL only drops (`cursor.execute("DROP TABLE ...")`) is no read: that step deletes the rows.
 */
function reads(migration: Migration, table: string): boolean {
  const key = nameKey(table);
  const is = (t: string) => nameKey(t) === key;
  return migration.up.some(
    (op) =>
      (op.kind === "dml" && op.sourceTables.some(is)) ||
      (op.kind === "data_migration" && ([...op.tables, ...(op.readsThrough ?? [])].some(is) || ((op.mentions ?? []).some(is) && !(op.dropsTables ?? []).some(is)))),
  );
}

/** Whether a migration's up drops the table: a drop (DeleteModel, DROP TABLE in a RunSQL), or its data step's own SQL. */
function drops(migration: Migration, table: string): boolean {
  const key = nameKey(table);
  const is = (t: string) => nameKey(t) === key;
  return migration.up.some((op) => (op.kind === "drop_table" && op.tables.some(is)) || (op.kind === "data_migration" && (op.dropsTables ?? []).some(is)));
}

/** An added migration of the change that `does` (reads, drops) every table the app leaves; none when it leaves none. */
function addedMigrationThat(does: (migration: Migration, table: string) => boolean, migrations: readonly ChangedMigration[], tables: readonly string[]): string | undefined {
  if (tables.length === 0) return undefined;
  return migrations.find((m) => m.change.status === "added" && m.head && tables.every((t) => does(m.head!, t)))?.change.path;
}

/** The Django apps the change removes whole, by their migrations folder. */
export function djangoAppRemovals(input: AppRemovalInput): Map<string, DjangoAppRemoval> {
  const out = new Map<string, DjangoAppRemoval>();
  if (!input.baseMigrations) return out;
  const removed = new Map<string, ChangedMigration[]>();
  for (const m of input.migrations) {
    if (m.change.status !== "removed" || m.file.framework !== "django" || m.file.version === undefined) continue;
    const folder = dirOf(m.change.path);
    const inFolder = removed.get(folder);
    if (inFolder) inFolder.push(m);
    else removed.set(folder, [m]);
  }
  if (removed.size === 0) return out;
  const headSettings = input.headFiles.filter((f) => isSettings(f.path));
  const baseSettings = input.baseFiles.filter((f) => isSettings(f.path));
  // each settings module parsed at most once, however many folders go; the head's migrations (the whole Django
  // history planReview sends) sorted out only once a folder's app did leave INSTALLED_APPS
  const parsed = new Map<SourceFile, InstalledApp[]>();
  const appsOf = (f: SourceFile) => parsed.get(f) ?? parsed.set(f, readInstalledApps(f.content)).get(f)!;
  let headMigrations: SourceFile[] | undefined;
  const djangoAtHead = () => (headMigrations ??= input.headFiles.filter((f) => detectMigrationPath(f.path, input.config, f.content)?.framework === "django"));
  for (const [folder, deleted] of removed) {
    const gone = new Set(deleted.map((m) => m.change.path));
    const onBase = input.baseMigrations.filter((f) => f.framework === "django" && f.version !== undefined && dirOf(f.path) === folder);
    if (onBase.some((f) => !gone.has(f.path))) continue;
    if (input.migrations.some((m) => m.change.status !== "removed" && dirOf(m.change.path) === folder)) continue;
    const appFolder = dirOf(folder);
    const installed = baseSettings.flatMap((f) => appsOf(f).filter((app) => namesApp(app.entry, appFolder)).map((app) => ({ path: f.path, ...app })))[0];
    if (!installed || headSettings.some((f) => appsOf(f).some((app) => namesApp(app.entry, appFolder)))) continue;
    const label = deleted.find((m) => m.base?.djangoLabel)?.base?.djangoLabel ?? djangoAppOf(deleted[0].change.path);
    // a migration that stays and depends on the app: the removal breaks every migrate (not this case)
    const remaining = [...djangoAtHead().filter((f) => dirOf(f.path) !== folder), ...input.migrations.flatMap((m) => (m.change.status !== "removed" && m.headContent !== undefined ? [{ path: m.change.path, content: m.headContent }] : []))];
    const dependedOn = remaining.some((f) => f.content.includes(label) && readDjangoGraphNode(f.content)?.dependencies.some((dep) => dep.app === label));
    if (dependedOn) continue;
    const left = tablesLeft(deleted);
    // read: its rows were carried over on purpose; dropped: nothing is left behind
    const readBy = left.tables && addedMigrationThat(reads, input.migrations, left.tables);
    const droppedIn = left.tables && addedMigrationThat(drops, input.migrations, left.tables);
    out.set(folder, { label, installedIn: installed, ...left, ...(readBy ? { readBy } : {}), ...(droppedIn ? { droppedIn } : {}) });
  }
  return out;
}
