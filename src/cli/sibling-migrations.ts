/**
 * The other migrations of the folder of each migration named alone (`migguard lint db/migrate/2024_x.rb`, a
 * pre-commit hook): given to the engine as context, parsed for the history and never linted, so the named one is
 * judged as a lint of its folder judges it (the type a fix writes back, whether a column was NOT NULL before, how old
 * a table is, a Django ForeignKey's `<name>_id` column, an Alembic revision tree's head and whether it runs on
 * SQLite too). Rails, Alembic and Django; a SQL file named alone stays the
 * one-file lint it is (its start-up is measured).
 */
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Config } from "../engine/config.js";
import { migrationFolder } from "../engine/database/decide.js";
import { detectByPath, type DetectedFile } from "../engine/detect.js";
import type { SourceFile } from "../engine/model.js";
import { displayPath } from "./collect-files.js";
import { alembicRevisionTreeOf } from "../engine/migration-folders/alembic-revision-tree.js";
import { versionLocations } from "../engine/migration-folders/alembic-version-locations.js";
import { baseOf } from "../engine/paths.js";
import { readRegularFile } from "./regular-file.js";

/** migrations read as context at most: a folder larger than this is read up to it (the history then starts later) */
const MAX_SIBLINGS = 5000;

/** The path as a Rails, Alembic or Django migration; undefined for any other file. */
const migrationOf = (path: string, config: Config): DetectedFile | undefined => {
  const detected = detectByPath(path, config);
  return detected && detected !== "sql-candidate" && (detected.framework === "rails" || detected.framework === "alembic" || detected.framework === "django") ? detected : undefined;
};

/**
 * The other folders of an Alembic revision's tree that an alembic.ini's version_locations lists with the revision's
 * own folder (`version_locations = %(here)s/model/versions %(here)s/billing/versions`): Alembic reads them as one
 * revision graph, so a revision's parent or children may be in any of them. Each with whether its subfolders count.
 */
function versionLocationFolders(folder: string, inis: readonly SourceFile[]): Array<{ folder: string; recursive: boolean }> {
  return inis.flatMap((ini) => {
    const { folders, recursive } = versionLocations(ini.path, ini.content);
    const listed = folders.some((location) => folder === location || (recursive && folder.startsWith(`${location}/`)));
    return listed ? folders.filter((location) => location !== folder).map((location) => ({ folder: location, recursive })) : [];
  });
}

/** `alembicInis`: the alembic.ini files read above the named paths (collect-files.ts), whose version_locations join folders into one tree */
export function siblingMigrations(files: readonly SourceFile[], explicit: ReadonlySet<string>, config: Config, cwd: string, alembicInis: readonly SourceFile[] = []): SourceFile[] {
  const given = new Set(files.map((f) => f.path));
  // absolute folder -> framework of the named migration in it, and whether its subfolders are read too
  const folders = new Map<string, { framework: string; recursive: boolean }>();
  const add = (folder: string, framework: string, recursive: boolean) => {
    const absolute = resolve(cwd, folder);
    folders.set(absolute, { framework, recursive: recursive || folders.get(absolute)?.recursive === true });
  };
  for (const path of explicit) {
    const migration = migrationOf(path, config);
    if (!migration) continue;
    // Rails runs every folder below its migrations path as one sequence (db/migrate/archive/ is db/migrate's), and
    // Alembic every folder of its revision tree as one (dstack's versions/2025/ revision has its children in
    // versions/2026/): all of it is read, as a lint of the tree reads it, so a fix's new revision hangs off the head
    const folder = migration.framework === "alembic" ? alembicRevisionTreeOf(migrationFolder(migration)) : migrationFolder(migration);
    // an Alembic tree is below its versions/ (a folder without one is read alone, as before)
    add(folder, migration.framework, migration.framework === "rails" || (migration.framework === "alembic" && baseOf(folder) === "versions"));
    // and the other folders its alembic.ini's version_locations lists with it: the same revision graph
    if (migration.framework === "alembic") for (const location of versionLocationFolders(migrationFolder(migration), alembicInis)) add(location.folder, "alembic", location.recursive);
  }
  const context: SourceFile[] = [];
  for (const [folder, { framework, recursive }] of folders) {
    let names: string[];
    try {
      names = (recursive ? readdirSync(folder, { recursive: true, encoding: "utf8" }) : readdirSync(folder)).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      if (context.length >= MAX_SIBLINGS) return context;
      const absolute = join(folder, name);
      const path = displayPath(absolute, cwd);
      if (given.has(path) || migrationOf(path, config)?.framework !== framework) continue;
      // a link is never read (its target may be outside the repository); context too large or unreadable is left out
      const content = readRegularFile(absolute, config.max_file_bytes);
      if (content !== undefined) context.push({ path, content });
    }
  }
  return context;
}
