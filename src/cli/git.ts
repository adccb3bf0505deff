/**
 * The git plumbing `migguard review` needs, through the git binary: the repository root, commits, what
 * changed between a base and the working tree (renames detected, untracked files included), a tree's paths
 * and file contents at a commit. NUL-separated output throughout, so no path is ever quoted or split.
 */
import { execFileSync } from "node:child_process";
import type { ChangedFile } from "../engine/review/changes.js";
import { UsageError } from "./usage-error.js";

const MAX_BUFFER = 1 << 30;

export function git(root: string, args: readonly string[], input?: string): Buffer {
  try {
    return execFileSync("git", args, { cwd: root, input, maxBuffer: MAX_BUFFER, stdio: ["pipe", "pipe", "pipe"] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    const code = (error as { code?: string }).code;
    if (code === "ENOENT") throw new UsageError("git is not installed or not on PATH; `migguard review` needs it");
    throw new UsageError(`git ${args[0]} failed: ${stderr || (error instanceof Error ? error.message : String(error))}`);
  }
}

const fields = (output: Buffer): string[] => output.toString("utf8").split("\0").filter((f) => f !== "");

/** The top of the work tree that holds `cwd`. */
export function repoRoot(cwd: string): string {
  try {
    return execFileSync("git", ["rev-parse", "--show-toplevel"], { cwd, stdio: ["ignore", "pipe", "pipe"] }).toString().trim();
  } catch {
    throw new UsageError(`not inside a git repository: ${cwd} (migguard review compares a git branch with the working tree)`);
  }
}

/** The commit a ref names, or a usage error that says which ref. */
export function resolveCommit(root: string, ref: string): string {
  try {
    return execFileSync("git", ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { cwd: root, stdio: ["ignore", "pipe", "pipe"] }).toString().trim();
  } catch {
    throw new UsageError(`unknown git ref "${ref}" (give a branch, tag or commit, e.g. --base origin/main)`);
  }
}

export function mergeBase(root: string, a: string, b: string): string {
  return git(root, ["merge-base", a, b]).toString().trim();
}

const STATUS: Record<string, ChangedFile["status"]> = { A: "added", M: "modified", T: "modified", D: "removed", R: "renamed", C: "copied" };

/** Files that differ between `base` and the working tree (staged or not), plus untracked files. */
export function changedFiles(root: string, base: string): ChangedFile[] {
  const out: ChangedFile[] = [];
  const parts = fields(git(root, ["-c", "core.quotepath=false", "diff", "--name-status", "-M", "-z", base, "--"]));
  for (let i = 0; i < parts.length; ) {
    const letter = parts[i][0];
    if (letter === "R" || letter === "C") {
      out.push({ path: parts[i + 2], status: STATUS[letter], previousPath: parts[i + 1] });
      i += 3;
    } else {
      if (STATUS[letter]) out.push({ path: parts[i + 1], status: STATUS[letter] });
      i += 2;
    }
  }
  const listed = new Set(out.map((f) => f.path));
  for (const path of fields(git(root, ["ls-files", "--others", "--exclude-standard", "-z"]))) if (!listed.has(path)) out.push({ path, status: "added" });
  return out;
}

/** Every file path in a commit's tree. */
export function treePaths(root: string, commit: string): string[] {
  return fields(git(root, ["ls-tree", "-r", "--name-only", "-z", commit]));
}

/** Tracked and untracked (not ignored) files of the working tree. */
export function workingTreePaths(root: string): string[] {
  return [...new Set(fields(git(root, ["ls-files", "--cached", "--others", "--exclude-standard", "-z"])))];
}

/** Contents of files at a commit, in one `git cat-file --batch`; missing paths are left out. */
export function readBlobs(root: string, commit: string, paths: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const wanted = paths.filter((p) => !p.includes("\n"));
  if (wanted.length === 0) return out;
  const output = git(root, ["cat-file", "--batch"], wanted.map((p) => `${commit}:${p}\n`).join(""));
  let at = 0;
  for (const path of wanted) {
    const headerEnd = output.indexOf(10, at);
    if (headerEnd === -1) break;
    const header = output.subarray(at, headerEnd).toString("utf8");
    at = headerEnd + 1;
    const match = /^\S+ (\w+) (\d+)$/.exec(header);
    if (!match) continue; // "<object> missing"
    const size = Number(match[2]);
    if (match[1] === "blob") out.set(path, output.subarray(at, at + size).toString("utf8"));
    at += size + 1; // content, then a newline
  }
  return out;
}

/** At most this many of the change's commits are read for their messages (the newest first). */
const MAX_MESSAGES = 100;

/** The messages of the commits on `head` that `base` lacks (the change's own), newest first, each with its short hash. */
export function changeMessages(root: string, base: string, head: string): Array<{ commit: string; message: string }> {
  const parts = git(root, ["log", `-n${MAX_MESSAGES}`, "--format=%h%x00%B%x00", `${base}..${head}`, "--"]).toString("utf8").split("\0");
  const out: Array<{ commit: string; message: string }> = [];
  for (let i = 0; i + 1 < parts.length; i += 2) out.push({ commit: parts[i].trim(), message: parts[i + 1].trim() });
  return out;
}

/** The committer date of `commit` (ISO 8601). */
export function commitDate(root: string, commit: string): string {
  return git(root, ["log", "-1", "--format=%cI", commit, "--"]).toString("utf8").trim();
}

/** How many paths one `git log` names (each is an argument; the system limits their total length). */
const PATHS_PER_WALK = 500;

export interface AddingCommit {
  commit: string;
  /** its committer date, ISO 8601 (a merge: when the pull request merged) */
  date: string;
}

/**
 * For each path, the first-parent commit of `commit`'s branch that added it last (a merge: the pull request's), with
 * its date; paths no such commit added are left out. One `git log` walk over all the paths (per PATHS_PER_WALK), not
 * one per path: a squash of 400 migrations asked git 400 times. Renames off, so a path added by a rename within the
 * list counts as added, as it does when git is asked about that path alone.
 */
export function addingCommits(root: string, commit: string, paths: readonly string[]): Map<string, AddingCommit> {
  const out = new Map<string, AddingCommit>();
  const wanted = new Set(paths);
  // newest first: the first commit that names a path is the one that added it last
  for (const { sha, date, fields } of firstParentWalk(root, commit, paths, ["--diff-filter=A", "--name-only"]))
    for (const name of fields.map((n) => n.replace(/^\n/, ""))) if (wanted.has(name) && !out.has(name)) out.set(name, { commit: sha, date });
  return out;
}

/**
 * The first-parent commits of `commit` that touch `paths`, newest first, as `git log -z` with `args` (a diff filter
 * and the output of the files) lists them: each commit's hash and committer date, and the NUL-separated fields after
 * them. One walk over all the paths (per PATHS_PER_WALK), not one per path: a squash of 400 migrations asked git 400 times.
 */
function firstParentWalk(root: string, commit: string, paths: readonly string[], args: readonly string[]): Array<{ sha: string; date: string; fields: string[] }> {
  const out: Array<{ sha: string; date: string; fields: string[] }> = [];
  for (let i = 0; i < paths.length; i += PATHS_PER_WALK) {
    const log = git(root, [
      "-c", "core.quotepath=false", "--literal-pathspecs", "log", "--first-parent", "--diff-merges=first-parent", "--no-renames",
      ...args, "-z", "--format=%x01%H %cI", commit, "--", ...paths.slice(i, i + PATHS_PER_WALK),
    ]).toString("utf8");
    for (const record of log.split("\x01")) {
      const [header, ...fields] = record.split("\0");
      const [sha, date] = header.trim().split(" ");
      if (sha && date) out.push({ sha, date, fields });
    }
  }
  return out;
}

export interface Deletion {
  /** the blob id of the file in the deleting commit's first parent: its text just before the deletion */
  blob: string;
  commit: string;
  /** the deleting commit's committer date, ISO 8601 */
  date: string;
}

/**
 * For each path, the newest first-parent commit of `commit`'s branch that deleted it, with the blob it deleted; paths
 * no such commit deleted are left out. One `git log` walk over all the paths (per PATHS_PER_WALK), stopped at
 * `since` (a commit older than that cannot have deleted them), with the raw diff that names the deleted blob.
 */
export function deletingCommits(root: string, commit: string, paths: readonly string[], since?: Date): Map<string, Deletion> {
  const out = new Map<string, Deletion>();
  const wanted = new Set(paths);
  const args = ["--diff-filter=D", "--raw", "--no-abbrev", ...(since ? [`--since=${since.toISOString()}`] : [])];
  // newest first; per file ":<mode> <mode> <old blob> <new blob> D", then its path
  for (const { sha, date, fields } of firstParentWalk(root, commit, paths, args))
    for (let f = 0; f + 1 < fields.length; f += 2) {
      const blob = fields[f].trim().split(" ")[2];
      const path = fields[f + 1];
      if (blob && wanted.has(path) && !out.has(path)) out.set(path, { blob, commit: sha, date });
    }
  return out;
}
