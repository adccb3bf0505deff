/**
 * The git processes a lint starts: the CLI runs as a process of its own (from source, through tsx) whose PATH finds
 * first a `git` script that logs each run, then runs the real git.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const PROJECT = join(import.meta.dirname, "..", "..", "..");
const TSX = pathToFileURL(join(PROJECT, "node_modules", "tsx", "dist", "loader.mjs")).href;

export interface LintedFinding {
  rule: string;
  path: string;
  severity: string;
  message: string;
}

/**
 * `migguard lint --format json <args>` in `root`: its findings, and how many git processes it started, without the
 * pre-release window's tag questions (pre-release.ts: how many it asks depends on which of the commits made within
 * one second sorts first).
 */
export function gitProcesses(root: string, args: readonly string[]): { processes: number; findings: LintedFinding[] } {
  const shim = mkdtempSync(join(tmpdir(), "migguard-git-shim-"));
  const log = join(shim, "runs.log");
  const realGit = execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim();
  writeFileSync(join(shim, "git"), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${realGit}' "$@"\n`);
  chmodSync(join(shim, "git"), 0o755);
  writeFileSync(log, "");
  const cli = spawnSync(process.execPath, ["--disable-warning=ExperimentalWarning", "--import", TSX, join(PROJECT, "src", "cli", "main.ts"), "lint", "--format", "json", ...args], {
    cwd: root,
    encoding: "utf8",
    env: { PATH: `${shim}:${process.env.PATH}`, HOME: process.env.HOME },
  });
  if (cli.stderr !== "") throw new Error(`lint wrote to stderr: ${cli.stderr}`);
  const processes = readFileSync(log, "utf8").split("\n").filter((run) => run && !run.startsWith("for-each-ref")).length;
  return { processes, findings: (JSON.parse(cli.stdout) as { findings: LintedFinding[] }).findings };
}
