/**
 * `migguard lint --execute` as a process, on the README's three pull requests (test/support/readme-prs.ts),
 * the same ones the App is tested with: the lock table by lock name, a quiet safe migration, an empty down.
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { BASE, EMPTY_DOWN, EMPTY_DOWN_UP, LOCKS, LOCKS_UP, SAFE, SAFE_UP } from "../support/readme-prs.js";
import { fileTree } from "./support/file-tree.js";

const PROJECT = join(import.meta.dirname, "..", "..");
// the repository's tsx, by file URL: the process runs in a temporary directory, where `--import tsx` resolves nothing
const TSX = pathToFileURL(join(PROJECT, "node_modules", "tsx", "dist", "loader.mjs")).href;

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-execute-");

/** The CLI from the sources, as `migguard lint --execute PATH` runs it; only the new migration is named. */
function lintExecute(files: Record<string, string>, path: string) {
  const cli = spawnSync(process.execPath, ["--disable-warning=ExperimentalWarning", "--import", TSX, join(PROJECT, "src", "cli", "main.ts"), "lint", "--execute", path], {
    cwd: repo({ ...BASE, ...files }),
    encoding: "utf8",
    env: { PATH: process.env.PATH },
  });
  return { status: cli.status, stdout: cli.stdout, stderr: cli.stderr };
}

describe("lint --execute, the process", () => {
  it("prints the measured lock table, by lock name, and the down that forgets the index", () => {
    const { status, stdout } = lintExecute(LOCKS, LOCKS_UP);
    expect(status).toBe(1);
    expect(stdout).toContain(`locks taken by ${LOCKS_UP}:`);
    const rows = stdout.split("\n").filter((line) => /^\s+\d+\s+(CREATE|ALTER)/.test(line));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^\s+1\s+CREATE INDEX users_email_idx ON users \(email\)\s+SHARE\s+users\s+no\s+yes\s+no/);
    expect(rows[1]).toMatch(/^\s+2\s+ALTER TABLE users ALTER COLUMN email SET NOT NULL\s+ACCESS EXCLUSIVE\s+users\s+yes\s+yes\s+no/);
    expect(stdout).toMatch(/down-does-not-restore-schema: .*index users_email_idx is still there/);
    expect(stdout).toMatch(/execute: ran 1 of 1 migration\(s\) up -> down -> up in PGlite/);
  });

  it("passes a safe migration: exit 0, warnings only", () => {
    const { status, stdout } = lintExecute(SAFE, SAFE_UP);
    expect(stdout).not.toMatch(/: error /);
    expect(stdout).toMatch(/execute: ran 1 of 1 migration/);
    expect(status).toBe(0);
  });

  it("reports a 0-byte down as empty-down with its fix, and no syntax error", () => {
    const { status, stdout } = lintExecute(EMPTY_DOWN, EMPTY_DOWN_UP);
    expect(status).toBe(1);
    expect(stdout).not.toContain("syntax-error");
    expect(stdout).toMatch(new RegExp(`^${EMPTY_DOWN_UP}:1: error empty-down: .*\\n  fix:\\n`, "m"));
  });
});
