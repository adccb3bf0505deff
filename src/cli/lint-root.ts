/**
 * Where a lint run from inside a migrations folder reads its paths from. Files are placed by their path from the
 * working directory, so `cd db/migrate && migguard lint .` (or a revision named from inside its versions/) shows
 * paths that no longer say db/migrate/: nothing was placed. From the repository's root the same files are placed
 * as a lint run there places them; the lint then shows its paths from the working directory again.
 */
import { relative, resolve } from "node:path";
import type { FileError } from "../engine/analyze.js";
import type { Config } from "../engine/config.js";
import { collectFiles, displayPath } from "./collect-files.js";
import { unclassifiedPaths } from "./unclassified-paths.js";
import { repositoryRootAbove } from "./walk-files.js";

/** The repository's root when the given paths, unplaced from `cwd` (`unplaced`), yield more migrations from there. */
export function rootToLintFrom(paths: readonly string[], config: Config, cwd: string, unplaced: readonly FileError[]): string | undefined {
  if (unplaced.length === 0) return undefined;
  const root = repositoryRootAbove(cwd);
  if (!root || root === cwd) return undefined;
  const fromRoot = pathsFrom(root, paths, cwd);
  const collected = collectFiles(fromRoot, config, root);
  const still = unclassifiedPaths(fromRoot, collected.files, collected.errors, collected.config, collected.explicit, root).unanalysed;
  return still.length < unplaced.length ? root : undefined;
}

/** `paths` given in `cwd`, as named from `root`. */
export const pathsFrom = (root: string, paths: readonly string[], cwd: string): string[] => paths.map((path) => relative(root, resolve(cwd, path)) || ".");

/** A path the lint from `root` shows, as shown from `cwd` (a placeholder such as `(snapshot)` stays as it is). */
export const shownFrom = (root: string, cwd: string) => (path: string): string => (path.startsWith("(") ? path : displayPath(resolve(root, path), cwd));
