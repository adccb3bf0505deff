/** git, run lazily: node:child_process loads only when git first runs (a lint that never asks does not load it, issue #18). */
import { createRequire } from "node:module";

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
