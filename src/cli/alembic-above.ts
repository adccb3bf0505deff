/**
 * The Alembic files above a linted path: `migguard lint billing/versions` (or one revision of it) names a folder
 * inside a script location, so the env.py and script.py.mako that mark that location, and the alembic.ini that may
 * list the folder in version_locations, sit above what the walk sees. Read from the folders between the linted path
 * and the working directory (paths are shown relative to it).
 */
import { statSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { SCRIPT_LOCATION_MARKS } from "../engine/migration-folders/alembic-script-locations.js";
import { readRegularFile } from "./regular-file.js";

/** The folders from `from` up to `cwd`, `from` first; none when `from` is outside `cwd`. */
function foldersUpTo(from: string, cwd: string): string[] {
  const folders: string[] = [];
  for (let dir = from; dir.startsWith(cwd); dir = dirname(dir)) {
    folders.push(dir);
    if (dir === cwd || dirname(dir) === dir) break;
  }
  return folders;
}

const isFile = (path: string) => statSync(path, { throwIfNoEntry: false })?.isFile() === true;

/**
 * The env.py and script.py.mako (or alembic.ini) of each Alembic script location at or above `from` (up to `cwd`):
 * the same mark the walk of a folder reads (alembic-script-locations.ts).
 */
export function scriptLocationFilesAbove(from: string, cwd: string, looked: Set<string>): string[] {
  return foldersUpTo(from, cwd).flatMap((dir) => {
    if (looked.has(dir)) return [];
    looked.add(dir);
    const env = join(dir, "env.py");
    const mark = SCRIPT_LOCATION_MARKS.map((name) => join(dir, name)).find(isFile);
    return mark && isFile(env) ? [env, mark] : [];
  });
}

/**
 * The alembic.ini files that may list a linted folder in version_locations: those the walk found, and those in
 * the folders above it up to the working directory (`migguard lint billing/versions` run beside alembic.ini).
 */
export function alembicInisAbove(walked: readonly string[], from: string, cwd: string, looked: Set<string>): Array<{ path: string; content: string }> {
  const paths = new Set(walked.filter((file) => file.endsWith(`${sep}alembic.ini`) && !looked.has(file)));
  // each folder looked at once (a pre-commit hook names hundreds of files of one folder)
  for (const dir of foldersUpTo(from, cwd)) {
    const ini = join(dir, "alembic.ini");
    if (looked.has(ini)) break;
    paths.add(ini);
  }
  for (const path of paths) looked.add(path);
  return [...paths].flatMap((file) => {
    const content = readRegularFile(file, 64 * 1024); // undefined: no alembic.ini there
    return content === undefined ? [] : [{ path: file, content }];
  });
}
