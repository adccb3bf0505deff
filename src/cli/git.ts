/**
 * The git plumbing `migguard review` needs, through the git binary: the repository root, commits, what
 * changed between a base and the working tree (renames detected, untracked files included), a tree's paths
 * and file contents at a commit. NUL-separated output throughout, so no path is ever quoted or split.
 */
import { execFileSync } from "node:child_process";
import type { ChangedFile } from "../engine/review/changes.js";
import { UsageError } from "./usage-error.js";

const MAX_BUFFER = 1 << 30;

function git(root: string, args: readonly string[], input?: string): Buffer {
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

/** When `path` reached `commit`'s branch: the committer date of the first-parent commit that added it (a merge: when the pull request merged), ISO 8601; undefined when none did. */
export function addedOn(root: string, commit: string, path: string): string | undefined {
  const date = git(root, ["log", "-1", "--first-parent", "--diff-merges=first-parent", "--diff-filter=A", "--no-patch", "--format=%cI", commit, "--", path]).toString("utf8").trim();
  return date || undefined;
}

/** The first-parent commit of `commit`'s branch that added `path` (a merge: the pull request's), or undefined. */
function addingCommit(root: string, commit: string, path: string): string | undefined {
  const sha = git(root, ["log", "-1", "--first-parent", "--diff-merges=first-parent", "--diff-filter=A", "--no-patch", "--format=%H", commit, "--", path]).toString("utf8").trim();
  return sha || undefined;
}

const MAX_TAGS = 1000;

/** Tag names, newest first (by the tag's or its commit's date), at most MAX_TAGS. */
function tagNames(root: string, filters: readonly string[]): string[] {
  const out = git(root, ["for-each-ref", "--sort=-creatordate", `--count=${MAX_TAGS}`, "--format=%(refname:short)", ...filters, "refs/tags"]);
  return out.toString("utf8").split("\n").filter((t) => t !== "");
}

/**
 * The tags of the base branch (newest first) and, for each deleted path, the tags that shipped it: those that contain
 * the commit that added it to the base branch but not the head commit when the head already lacks it (a tag made
 * after the deletion released the code without the file). Paths whose adding commit is unknown are left out.
 */
export function releaseTags(root: string, baseTip: string, head: string, deleted: readonly string[]): { onBase: string[]; shippedIn: Record<string, string[]> } {
  const onBase = tagNames(root, [`--merged=${baseTip}`]);
  const shippedIn: Record<string, string[]> = {};
  if (onBase.length === 0) return { onBase, shippedIn };
  const headLacks = new Set(deleted.filter((p) => git(root, ["ls-tree", "--name-only", "-z", head, "--", p]).length === 0));
  for (const path of deleted) {
    const added = addingCommit(root, baseTip, path);
    if (added) shippedIn[path] = tagNames(root, [`--contains=${added}`, ...(headLacks.has(path) ? [`--no-contains=${head}`] : [])]);
  }
  return { onBase, shippedIn };
}
