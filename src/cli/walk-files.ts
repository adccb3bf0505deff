/**
 * The CLI's one directory walk: the files under a folder, depth first. A symbolic link is an entry like a file
 * (readdir does not follow it), so a link never leads the walk outside the tree. Each caller says which folders it
 * enters, which files it keeps and where it stops, so a monorepo or a home folder costs a bounded walk.
 */
import { existsSync, readdirSync, type Dirent } from "node:fs";
import { dirname, join, sep } from "node:path";

export interface WalkOptions {
  /** whether to enter a sub-folder of this name, at this path (the root's joined with the names below it; default: every one) */
  enter?: (name: string, path: string) => boolean;
  /** whether to keep a non-folder entry, by its absolute path */
  keep: (path: string, entry: Dirent) => boolean;
  /** folders deeper than this below the root are not entered (the root is depth 0) */
  maxDepth?: number;
  /** the walk stops once it kept this many files */
  maxFiles?: number;
  /** the walk stops after this many entries, kept or not */
  maxEntries?: number;
  /** called when a bound (maxFiles, maxEntries) stopped the walk with entries left unseen */
  onLimit?: () => void;
}

/**
 * What join(dir, name) puts before an entry's name, for a normalised `dir` (join's own output): worked out once
 * per folder, where join() would normalise the whole path again for every entry (a walk of a repository lists
 * tens of thousands); a name from readdir is one segment, never `.` or `..`.
 */
function entryPrefix(dir: string): string {
  if (dir === "." || dir === `.${sep}`) return "";
  return dir.endsWith(sep) ? dir : `${dir}${sep}`;
}

/** Absolute paths of the files under `root` that `keep` accepts; an unreadable folder is skipped. */
export function walkFiles(root: string, options: WalkOptions): string[] {
  const { enter = () => true, keep, maxDepth = Infinity, maxFiles = Infinity, maxEntries = Infinity, onLimit } = options;
  const found: string[] = [];
  let visited = 0;
  const walk = (dir: string, depth: number) => {
    const prefix = entryPrefix(dir);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (found.length >= maxFiles || ++visited > maxEntries) {
        onLimit?.();
        return;
      }
      const path = prefix + entry.name;
      if (entry.isDirectory()) {
        if (depth < maxDepth && enter(entry.name, path)) walk(path, depth + 1);
      } else if (keep(path, entry)) found.push(path);
    }
  };
  walk(join(root), 0);
  return found;
}

/** The nearest folder at or above `dir` that holds a repository (`.git`), or undefined outside one. */
export function repositoryRootAbove(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, ".git"))) return current;
    if (dirname(current) === current) return undefined;
  }
}
