/**
 * A commit's files as the .tar.gz GitHub serves for `GET /repos/{o}/{r}/tarball/{ref}`: made by `git archive`,
 * the tool GitHub uses, so the archive carries the same pax global header (the commit id), pax records for
 * long paths, and the `<owner>-<repo>-<sha>/` top folder.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: "fake",
  GIT_AUTHOR_EMAIL: "fake@example.com",
  GIT_COMMITTER_NAME: "fake",
  GIT_COMMITTER_EMAIL: "fake@example.com",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
};

/** `links`: paths that are symbolic links, whose content is the target (archived as links, as git does). */
export function gitArchive(files: ReadonlyMap<string, Buffer>, prefix: string, links: ReadonlySet<string> = new Set()): Buffer {
  const dir = mkdtempSync(join(tmpdir(), "migguard-archive-"));
  try {
    for (const [path, content] of files) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      if (links.has(path)) symlinkSync(content.toString("utf8"), join(dir, path));
      else writeFileSync(join(dir, path), content);
    }
    const git = (...args: string[]) => execFileSync("git", ["-C", dir, ...args], { env: GIT_ENV, maxBuffer: 1 << 30 });
    git("init", "-q");
    git("add", "-A");
    git("commit", "-q", "--allow-empty", "-m", "archive");
    return git("archive", "--format=tar.gz", `--prefix=${prefix}`, "HEAD");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
