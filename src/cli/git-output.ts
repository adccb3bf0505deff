/** git, run lazily: node:child_process loads only when git first runs (a lint that never asks does not load it, issue #18). */
import { createRequire } from "node:module";
import { CommandFailure } from "./usage-error.js";

const TIMEOUT_MS = 20_000;

type ChildProcess = typeof import("node:child_process");
let loaded: ChildProcess | undefined;
const childProcess = (): ChildProcess => (loaded ??= createRequire(import.meta.url)("node:child_process") as ChildProcess);

/** git's output, or undefined when it cannot answer (not a repository, no git, too slow). */
export function gitOutput(cwd: string, args: readonly string[]): string | undefined {
  try {
    return childProcess().execFileSync("git", args, { cwd, encoding: "utf8", maxBuffer: 1 << 28, timeout: TIMEOUT_MS, stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return undefined;
  }
}

/**
 * The blobs `<commit>:<path>` names, each read by one `git cat-file --batch` for all of them (`./path` is relative to
 * `cwd`, as in `git show`): a text each, or undefined where git has no blob there (a commit that deleted the file).
 * Undefined when git cannot answer.
 */
export function gitBlobs(cwd: string, names: readonly string[]): Array<string | undefined> | undefined {
  if (names.length === 0) return [];
  let out: Buffer;
  try {
    out = childProcess().execFileSync("git", ["cat-file", "--batch"], { cwd, input: names.map((n) => `${n}\n`).join(""), maxBuffer: 1 << 28, timeout: TIMEOUT_MS, stdio: ["pipe", "pipe", "ignore"] });
  } catch {
    return undefined;
  }
  // each answer: `<oid> <type> <size>\n<content>\n`, or `<name> missing\n` (ambiguous too) with no content
  const blobs: Array<string | undefined> = [];
  let at = 0;
  for (let i = 0; i < names.length; i++) {
    const end = out.indexOf(10, at);
    if (end < 0) return undefined;
    const header = out.subarray(at, end).toString("utf8");
    at = end + 1;
    if (header.endsWith(" missing") || header.endsWith(" ambiguous")) {
      blobs.push(undefined);
      continue;
    }
    const [, type, size] = header.split(" ");
    const bytes = Number(size);
    if (!Number.isInteger(bytes) || at + bytes > out.length) return undefined;
    blobs.push(type === "blob" ? out.subarray(at, at + bytes).toString("utf8") : undefined);
    at += bytes + 1;
  }
  return blobs;
}

/** One git command run in a folder: its output, or a CommandFailure that says which command failed where, and why. */
export type GitRun = (args: readonly string[], input?: string) => string;

/**
 * git in `cwd` for questions whose failure the caller decides on (review fails, lint goes on without the fact): the
 * error names the command, the folder and git's own message. `timeoutMs` bounds a question lint can do without.
 */
export function gitIn(cwd: string, { timeoutMs }: { timeoutMs?: number } = {}): GitRun {
  return (args, input) => {
    try {
      return childProcess().execFileSync("git", args, { cwd, input, encoding: "utf8", maxBuffer: 1 << 30, timeout: timeoutMs, stdio: ["pipe", "pipe", "pipe"] });
    } catch (error) {
      const stderr = (error as { stderr?: Buffer | string }).stderr?.toString().trim();
      const why = (error as { code?: string }).code === "ENOENT" ? "git is not installed or not on PATH" : stderr || (error instanceof Error ? error.message : String(error));
      throw new CommandFailure(`git ${args.join(" ")} failed in ${cwd}: ${why}`);
    }
  };
}
