/**
 * Lint's git fact for same-deploy-tables.ts: the first-parent commit of the checked-out branch that added each
 * migration (a merge: its pull request; a direct commit: itself). Migrations one such commit added reached the
 * main line together, so they ship in the same deploy whatever their dates say. One `git log` over the migration
 * folders, and one `git show` of the commits that added several: a file that commit deleted under the same name
 * elsewhere was moved, not added (renames are not seen in a log limited to the folders). The same log says which
 * migrations the oldest commit that added a file to their folder added, never modified since (one more `git log`
 * of those files): young-tables.ts reads a Django app's `0001_initial` among them as the app's first migration. Nothing when the folder is not in a git work tree, git is missing, slow or fails, or the clone is
 * shallow (its oldest commit seems to add every file); a root commit's files are left out too (an import of a
 * history kept elsewhere). Never fails lint.
 */
import { readFileSync, realpathSync } from "node:fs";
import { gitBlobs, gitOutput } from "./git-output.js";
import { dirname, join, relative, resolve, sep } from "node:path";
import { repositoryRootAbove } from "./walk-files.js";

const realPath = (path: string): string | undefined => {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
};

/** The format of the logs addedByCommit reads: the commit's time (when it reached the branch), id and parents. */
const RECORD_FORMAT = "--format=%x01%ct %H %P";

/** Each `git log -z --name-only` record (RECORD_FORMAT): the commit, its time, whether it has a parent, the paths it added. */
function addedByCommit(log: string): Array<{ commit: string; at: number; root: boolean; paths: string[] }> {
  return log
    .split("\x01")
    .filter((record) => record !== "")
    .map((record) => {
      const [header, ...rest] = record.split("\0");
      const [time, commit, ...parents] = header.trim().split(" ").filter((p) => p !== "");
      return { commit, at: Number(time) * 1000, root: parents.length === 0, paths: rest.map((p) => p.replace(/^\n/, "")).filter((p) => p !== "") };
    });
}

/** What git says of the linted migrations (paths as shown, relative to `cwd`). */
export interface MigrationCommits {
  /** each migration mapped to the first-parent commit that added it */
  shippedWith: Map<string, string>;
  /**
   * the migrations that commit added among the first files their folder ever had: the oldest first-parent commit
   * that added a file to the folder (not a root commit, not a move from elsewhere) added them, so no migration of
   * that folder came before them (a Django app's `0001_initial` there is its first, not a reset's)
   */
  foundedFolder: Map<string, string>;
  /**
   * when each migration of `shippedWith` reached the branch (its first-parent commit's committer time, ms): the date
   * of a migration whose version carries none (sequence numbers), for young-tables.ts and pre-release.ts
   */
  addedAt: Map<string, number>;
  /** the repository's top folder, for later questions to git (pre-release.ts) */
  top?: string;
  /** the commit checked out (HEAD), for later questions to git (first-releases.ts: which tags are on its branch) */
  head?: string;
  /** each migration of `shippedWith` to its path in the repository, for questions of trees (first-releases.ts) */
  inRepository?: Map<string, string>;
}

/** What git says of when the migrations were added; empty outside git. */
export function migrationCommits(paths: readonly string[], cwd: string): MigrationCommits {
  try {
    return addingCommits(paths, cwd);
  } catch {
    return { shippedWith: new Map(), foundedFolder: new Map(), addedAt: new Map() }; // a fact lint can do without: git's trouble never fails it
  }
}

/** The linted migrations (paths as shown, relative to `cwd`) mapped to the first-parent commit that added each; empty outside git. */
export const shippedWith = (paths: readonly string[], cwd: string): Map<string, string> => migrationCommits(paths, cwd).shippedWith;

/** Files of a migrations folder that are no migration: a package's `__init__.py`, dotfiles (.gitkeep) */
const NOT_MIGRATIONS = /^(__init__\.py|\..*)$/;

const folderOf = (path: string): string => path.slice(0, path.lastIndexOf("/")) || ".";

function addingCommits(paths: readonly string[], cwd: string): MigrationCommits {
  const out = new Map<string, string>();
  const foundedFolder = new Map<string, string>();
  const addedAt = new Map<string, number>();
  const result: MigrationCommits = { shippedWith: out, foundedFolder, addedAt };
  const first = paths[0] && realPath(dirname(resolve(cwd, paths[0])));
  if (!first) return result;
  // no repository around the migrations (no .git above them, and no GIT_DIR pointing elsewhere): git cannot answer,
  // so it is not started (a lint of a checkout without its .git, or of files outside any repository)
  if (process.env.GIT_DIR === undefined && repositoryRootAbove(first) === undefined) return result;
  const [shallow, top, head] = (gitOutput(first, ["rev-parse", "--is-shallow-repository", "--show-toplevel", "HEAD"]) ?? "").split("\n");
  const realTop = top && shallow === "false" ? realPath(top) : undefined;
  if (!realTop) return result;
  result.top = realTop;
  result.head = head;
  const inRepository = (result.inRepository = new Map<string, string>());
  // the repository's path of each linted migration, back to the path lint shows
  const shown = new Map<string, string>();
  for (const path of paths) {
    const real = realPath(resolve(cwd, path));
    const inRepository = real && relative(realTop, real);
    if (!inRepository || inRepository.startsWith("..") || inRepository.startsWith(sep)) continue;
    shown.set(sep === "/" ? inRepository : inRepository.split(sep).join("/"), path);
  }
  if (shown.size === 0) return result;
  const folders = [...new Set([...shown.keys()].map(folderOf))];
  const log = gitOutput(realTop, [
    "-c", "core.quotepath=false", "--literal-pathspecs", "log", "--first-parent", "--diff-merges=first-parent", "--diff-filter=A",
    // a moved file is a rename, not an addition: a moved folder says nothing about when its migrations shipped
    "--find-renames", "--name-only", "-z", RECORD_FORMAT, "--", ...folders,
  ]);
  if (!log) return result;
  const added = new Map<string, string>();
  const times = new Map<string, number>();
  // each folder's oldest adding commit (the log is newest first, so the last one seen); undefined when a root commit
  const oldest = new Map<string, { commit: string; root: boolean }>();
  // newest first: the commit that added a file last is the one that added the file there now
  const seen = new Set<string>();
  for (const { commit, at, root, paths: files } of addedByCommit(log)) {
    for (const path of files) {
      // a package marker or placeholder (Django's startapp writes migrations/__init__.py first) is no migration
      if (!NOT_MIGRATIONS.test(baseName(path))) oldest.set(folderOf(path), { commit, root });
      if (!shown.has(path) || seen.has(path)) continue;
      seen.add(path);
      if (!root) added.set(path, commit);
      if (!root) times.set(path, at);
    }
  }
  const founding = (path: string, commit: string): boolean => {
    const start = oldest.get(folderOf(path));
    return start !== undefined && !start.root && start.commit === commit;
  };
  const moved = movedNames(realTop, added, [...added].filter(([path, commit]) => founding(path, commit)).map(([, commit]) => commit));
  const founders: string[] = [];
  for (const [path, commit] of added) {
    const names = moved.get(commit);
    if (names === "unknown" || names?.has(baseName(path))) continue;
    out.set(shown.get(path)!, commit);
    inRepository.set(shown.get(path)!, path);
    addedAt.set(shown.get(path)!, times.get(path)!);
    if (founding(path, commit)) founders.push(path);
  }
  const changed = changedSince(realTop, founders);
  if (!changed) return result;
  // a file edited since (a formatter's pass, a fix) founded its folder still if its header is the one it was added
  // with: a reset's makemigrations writes a new one, dated that day
  const kept = keptHeaders(realTop, founders.filter((path) => changed.has(path)).slice(0, MAX_HEADER_READS).map((path) => ({ path, commit: added.get(path)! })));
  for (const path of founders) if (!changed.has(path) || kept.has(path)) foundedFolder.set(shown.get(path)!, added.get(path)!);
  return result;
}

/** makemigrations' header is on line 1 (Django 2.0 on) or line 2 (1.9 to 1.11, after the coding line). */
const HEADER_LINES = 2;
/** founders edited since they were added whose first version is read at most (one per Django app) */
const MAX_HEADER_READS = 50;

/**
 * The files whose first lines (their makemigrations header) are as the commit that added each wrote them, every
 * first version read by one git process (a `git show` each was up to 50).
 */
function keptHeaders(top: string, files: ReadonlyArray<{ path: string; commit: string }>): Set<string> {
  const kept = new Set<string>();
  const then = gitBlobs(top, files.map(({ path, commit }) => `${commit}:${path}`));
  if (!then) return kept;
  const head = (text: string) => text.replace(/\r\n/g, "\n").split("\n").slice(0, HEADER_LINES).join("\n");
  for (const [i, { path }] of files.entries()) {
    const first = then[i];
    if (first === undefined) continue;
    let now: string;
    try {
      now = readFileSync(join(top, path), "utf8");
    } catch {
      continue;
    }
    if (head(first) === head(now)) kept.add(path);
  }
  return kept;
}

/**
 * The paths a first-parent commit modified after adding them: a reset of a Django app's migrations rewrites its
 * `0001_initial.py` in place (the old tables written down anew under the first name, with a new header), so such a
 * file founded its folder only in name unless its header is kept (keptHeaders); undefined when git cannot say.
 */
function changedSince(top: string, paths: readonly string[]): Set<string> | undefined {
  if (paths.length === 0) return new Set();
  const log = gitOutput(top, [
    "-c", "core.quotepath=false", "--literal-pathspecs", "log", "--first-parent", "--diff-merges=first-parent", "--diff-filter=M",
    "--no-renames", "--name-only", "-z", RECORD_FORMAT, "--", ...paths,
  ]);
  if (log === undefined) return undefined;
  return new Set(addedByCommit(log).flatMap((record) => record.paths));
}

const baseName = (path: string): string => path.slice(path.lastIndexOf("/") + 1);

/**
 * The file names each commit that added several of the migrations, or founded a folder (`founding`), deleted (with
 * renames off): those it moved.
 */
function movedNames(top: string, added: ReadonlyMap<string, string>, founding: readonly string[]): Map<string, Set<string> | "unknown"> {
  const counts = new Map<string, number>();
  for (const commit of added.values()) counts.set(commit, (counts.get(commit) ?? 0) + 1);
  const several = [...new Set([...[...counts].filter(([, n]) => n > 1).map(([commit]) => commit), ...founding])];
  const moved = new Map<string, Set<string> | "unknown">();
  if (several.length === 0) return moved;
  const shown = gitOutput(top, ["-c", "core.quotepath=false", "show", "--no-walk", "--diff-merges=first-parent", "--no-renames", "--diff-filter=D", "--name-only", "-z", RECORD_FORMAT, ...several]);
  // git could not say: none of them is trusted
  if (shown === undefined) return new Map(several.map((commit) => [commit, "unknown"]));
  for (const { commit, paths } of addedByCommit(shown)) moved.set(commit, new Set(paths.map(baseName)));
  return moved;
}
