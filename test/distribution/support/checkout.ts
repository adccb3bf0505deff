/**
 * What the distribution tests start from: a fresh clone of this repository at its HEAD commit (no
 * node_modules, no dist/, nothing built: what a user, a runner or an installer gets), and a consumer
 * repository with one dangerous golang-migrate migration.
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export const ROOT = join(import.meta.dirname, "..", "..", "..");
/** The commit the tests install: the repository's HEAD (the committed bundle, not the working tree's). */
export const HEAD = execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();

const GIT_IDENTITY = { GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@t", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@t" };

/**
 * The environment of a user's shell: this process's, without what the test runner adds (jest's
 * NODE_OPTIONS=--experimental-vm-modules) or what would point npm at this repository.
 */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...GIT_IDENTITY, ...extra };
  for (const key of Object.keys(env)) if (key === "NODE_OPTIONS" || key === "NODE_PATH" || key === "INIT_CWD" || /^npm_/i.test(key)) delete env[key];
  return env;
}

export const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8", env: userEnv() }).trim();

/** A clone of this repository at HEAD, in a new temporary directory. */
export function freshClone(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "migguard-clone-")), "migguard");
  execFileSync("git", ["clone", "--quiet", ROOT, dir], { env: userEnv() });
  git(dir, "checkout", "--quiet", HEAD);
  return dir;
}

/** The dangerous migration every test expects migguard to catch: an index built without CONCURRENTLY. */
export const DANGEROUS = "migrations/000002_add_email_index.up.sql";

/** A consumer repository (its own git repository) with a base commit and, on top, the dangerous migration. */
export function consumerRepo(extra: Record<string, string> = {}): { root: string; base: string } {
  const root = mkdtempSync(join(tmpdir(), "migguard-consumer-"));
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  git(root, "init", "--quiet", "-b", "main");
  write("migrations/000001_create_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n");
  write("migrations/000001_create_users.down.sql", "DROP TABLE users;\n");
  git(root, "add", ".");
  git(root, "commit", "--quiet", "-m", "base");
  const base = git(root, "rev-parse", "HEAD");
  write(DANGEROUS, "CREATE INDEX users_email_idx ON users (email);\n");
  write(DANGEROUS.replace(".up.sql", ".down.sql"), "DROP INDEX users_email_idx;\n");
  for (const [path, content] of Object.entries(extra)) write(path, content);
  git(root, "add", ".");
  git(root, "commit", "--quiet", "-m", "add an index");
  return { root, base };
}

/** Run a command as a user would; the result carries both outputs for assertion messages. */
export function runAsUser(command: string, args: string[], options: { cwd: string; env?: Record<string, string>; timeoutMs?: number }): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd: options.cwd, env: userEnv(options.env), encoding: "utf8", timeout: options.timeoutMs, maxBuffer: 64 * 1024 * 1024 });
}

/** stdout and stderr together, for matching and for showing when an expectation fails. */
export const outputOf = (result: SpawnSyncReturns<string>) => `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ? `\n${result.error.message}` : ""}`;
