/** A temporary git repository for `migguard review` tests: write files, commit, branch, with a clean git config. */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_AUTHOR_NAME: "t",
  GIT_AUTHOR_EMAIL: "t@example.com",
  GIT_COMMITTER_NAME: "t",
  GIT_COMMITTER_EMAIL: "t@example.com",
};

export class Repo {
  readonly root = mkdtempSync(join(tmpdir(), "migguard-review-"));

  constructor() {
    this.git("init", "-q", "-b", "main");
  }

  git(...args: string[]): string {
    return execFileSync("git", args, { cwd: this.root, env: GIT_ENV, encoding: "utf8" });
  }

  write(files: Record<string, string>): this {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(this.root, path)), { recursive: true });
      writeFileSync(join(this.root, path), content);
    }
    return this;
  }

  remove(path: string): this {
    rmSync(join(this.root, path));
    return this;
  }

  commit(message: string): this {
    this.git("add", "-A");
    this.git("commit", "-q", "-m", message);
    return this;
  }
}

/**
 * A committer of `files` to `repo`, each commit a minute after the one before (from now): git orders tags by their
 * commits' dates, which commits made in the same second would tie.
 */
export function minuteCommits(repo: Repo): (files: Record<string, string>, message: string) => void {
  let minutes = 0;
  return (files, message) => {
    repo.write(files).git("add", "-A");
    const date = new Date(Date.now() + ++minutes * 60_000).toISOString();
    execFileSync("git", ["commit", "-q", "-m", message], { cwd: repo.root, env: { ...GIT_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
  };
}
