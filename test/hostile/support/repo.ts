/** Temporary repositories for the hostile-input suite, and the CLI run on them in-process or as a real process. */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { run } from "../../../src/cli/main.js";

export function repo(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), "migguard-hostile-"));
  mkdirSync(join(root, ".git"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

export interface JsonReport {
  exitCode: number;
  findings: Array<{ path: string; line: number; rule: string; severity: string; message: string }>;
  errors: Array<{ path: string; message: string }>;
}

export async function lintJson(cwd: string, args: string[] = ["."]): Promise<JsonReport> {
  const result = await run(["lint", "--format", "json", ...args], { cwd });
  return { exitCode: result.exitCode, ...(JSON.parse(result.output) as Omit<JsonReport, "exitCode">) };
}

const PROJECT = join(import.meta.dirname, "..", "..", "..");
/** tsx's loader by absolute URL: the process runs in the temporary repository, where `tsx` does not resolve */
const TSX = pathToFileURL(createRequire(join(PROJECT, "package.json")).resolve("tsx")).href;

/**
 * The CLI as a separate process (exit status, stderr, and whether it exits at all). `timeout` only stops a
 * process that hangs, so the test fails instead of waiting forever; nothing is asserted about speed.
 */
export function cliProcess(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeout?: number }) {
  return spawnSync(process.execPath, ["--import", TSX, "--no-warnings=ExperimentalWarning", join(PROJECT, "src", "cli", "main.ts"), ...args], {
    cwd: options.cwd,
    env: { ...process.env, MIGGUARD_DATABASE_URL: "", DATABASE_URL: "", ...options.env },
    encoding: "utf8",
    timeout: options.timeout ?? 120_000,
  });
}
