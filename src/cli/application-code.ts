/**
 * Lint's side of the usage search: the application code around the migrations being linted, read only when a
 * rule asks (a planned removal: does any code still name the dropped column or table?). A Rails project's
 * app/, lib/ and config/; a Python project's files, and those of a project with plain SQL migrations (any
 * language), from the nearest folder above its migrations that holds the repository (`.git`) or, without one, the
 * working directory that holds them (codeRootOf). The same files review's code search reads
 * (isSearchableCodePath: no migrations, tests, vendored trees), bounded for monorepos.
 */
import { readFileSync, statSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import type { Config } from "../engine/config.js";
import type { SourceFile } from "../engine/model.js";
import type { ApplicationCodeRead } from "../engine/repository/repository-facts.js";
import { projectRootOf } from "../engine/repository/fact-paths.js";
import { isSearchableCodePath, isSearchableContent, mayHoldSearchableCode } from "../engine/code/searchable.js";
import { displayPath } from "./collect-files.js";
import { repositoryRootAbove, walkFiles } from "./walk-files.js";
import { isNotAProject } from "./not-a-project.js";

/** more files than this are not read: the search then says how many it read */
const MAX_FILES = 20_000;
const MAX_ENTRIES = 200_000;
/** folders never worth walking (their files fail isSearchableCodePath anyway) */
const PRUNED = new Set(["node_modules", ".git", "vendor", "tmp", "log", "public", "coverage", ".venv", "venv", "__pycache__", "dist", "build", "target", "site-packages", "static", "media"]);

const isWithin = (dir: string, path: string) => {
  const rel = relative(dir, path);
  return rel !== "" && !rel.startsWith("..") && !rel.startsWith("/");
};

/**
 * The folder whose code is searched for a migration's names: the repository (`.git`) above it; without one, the
 * working directory when it holds the migration (a checkout without its .git, a test's folder), unless that is the
 * file system's root, the home or the temp directory, whose walk would read unrelated trees (seconds, for
 * nothing). A migrations folder linted from outside, with nothing around it, reads nothing: its drops keep
 * their error.
 */
function codeRootOf(migration: string, cwd: string, repositories: Map<string, string | undefined>): string | undefined {
  return repositoryOf(dirname(migration), repositories) ?? (isWithin(cwd, migration) && !isNotAProject(cwd) ? cwd : undefined);
}

/** repositoryRootAbove, each folder looked up once per read: a lint names hundreds of files of a few folders, each a walk up to `/`. */
function repositoryOf(dir: string, repositories: Map<string, string | undefined>): string | undefined {
  if (!repositories.has(dir)) repositories.set(dir, repositoryRootAbove(dir));
  return repositories.get(dir);
}

export function readApplicationCode(migrationPaths: readonly string[], config: Config, cwd = process.cwd()): ApplicationCodeRead {
  const roots = new Set<string>();
  const repositories = new Map<string, string | undefined>();
  for (const path of migrationPaths) {
    if (path.endsWith(".rb")) {
      const project = projectRootOf(path);
      if (project === undefined) continue;
      for (const dir of ["app", "lib", "config"]) roots.add(resolve(cwd, project, dir));
    } else if (path.endsWith(".py") || path.endsWith(".sql")) {
      // Python, or plain SQL beside any language: the repository around the migrations
      const root = codeRootOf(resolve(cwd, path), resolve(cwd), repositories);
      if (root) roots.add(root);
    }
  }
  const found: string[] = [];
  // the App's bound on the code it searches (max_code_files) holds here too, below lint's own
  const maxFiles = Math.min(MAX_FILES, config.max_code_files);
  let complete = true;
  // each root walked with the same bounds; the files kept count across roots
  const walk = (root: string) =>
    found.push(
      ...walkFiles(root, {
        // nor one whose every file isSearchableCodePath refuses for its folder (a migrations folder: most of the walk)
        enter: (name, path) => !PRUNED.has(name) && !name.startsWith(".") && mayHoldSearchableCode(displayPath(path, cwd)),
        keep: (path, entry) => entry.isFile() && isSearchableCodePath(displayPath(path, cwd), config),
        maxFiles: maxFiles - found.length,
        maxEntries: MAX_ENTRIES,
        onLimit: () => (complete = false),
      }),
    );
  // a root inside another (a Rails app in a Python repository) is walked once
  const sorted = [...roots].sort();
  for (const root of sorted) if (!sorted.some((other) => other !== root && root.startsWith(`${other}/`))) walk(root);
  const out: SourceFile[] = [];
  for (const path of new Set(found)) {
    try {
      if (statSync(path).size > config.max_file_bytes) continue;
      const content = readFileSync(path, "utf8");
      if (isSearchableContent(content, config, path)) out.push({ path: displayPath(path, cwd), content });
    } catch {
      // unreadable: searched without it
    }
  }
  return { files: out, complete };
}
