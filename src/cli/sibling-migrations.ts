/**
 * The other migrations of the folder of each migration named alone (`migguard lint db/migrate/2024_x.rb`, a
 * pre-commit hook): given to the engine as context, parsed for the history and never linted, so the named one is
 * judged as a lint of its folder judges it (the type a fix writes back, whether a column was NOT NULL before, how old
 * a table is, a Django ForeignKey's `<name>_id` column, an Alembic revision tree's head and whether it runs on
 * SQLite too). Rails, Alembic and Django; a SQL file named alone stays the
 * one-file lint it is (its start-up is measured).
 */
import { readdirSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import type { Config } from "../engine/config.js";
import { migrationFolder } from "../engine/database/decide.js";
import { detectByPath, type DetectedFile } from "../engine/detect.js";
import type { SourceFile } from "../engine/model.js";
import { displayPath } from "./collect-files.js";
import { alembicRevisionTreeOf } from "../engine/migration-folders/alembic-revision-tree.js";
import { readRegularFile } from "./regular-file.js";

/** migrations read as context at most: a folder larger than this is read up to it (the history then starts later) */
const MAX_SIBLINGS = 5000;

/** The path as a Rails, Alembic or Django migration; undefined for any other file. */
const migrationOf = (path: string, config: Config): DetectedFile | undefined => {
  const detected = detectByPath(path, config);
  return detected && detected !== "sql-candidate" && (detected.framework === "rails" || detected.framework === "alembic" || detected.framework === "django") ? detected : undefined;
};

export function siblingMigrations(files: readonly SourceFile[], explicit: ReadonlySet<string>, config: Config, cwd: string): SourceFile[] {
  const given = new Set(files.map((f) => f.path));
  const folders = new Map<string, string>(); // absolute folder -> framework of the named migration in it
  for (const path of explicit) {
    const migration = migrationOf(path, config);
    if (!migration) continue;
    // Rails runs every folder below its migrations path as one sequence (db/migrate/archive/ is db/migrate's), and
    // Alembic every folder of its revision tree as one (dstack's versions/2025/ revision has its children in
    // versions/2026/): all of it is read, as a lint of the tree reads it, so a fix's new revision hangs off the head
    const folder = migration.framework === "alembic" ? alembicRevisionTreeOf(migrationFolder(migration)) : migrationFolder(migration);
    folders.set(resolve(cwd, folder), migration.framework);
  }
  const context: SourceFile[] = [];
  for (const [folder, framework] of folders) {
    let names: string[];
    try {
      // an Alembic tree is below its versions/ (a folder without one is read alone, as before)
      const recursive = framework === "rails" || (framework === "alembic" && folder.endsWith(`${sep}versions`));
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
