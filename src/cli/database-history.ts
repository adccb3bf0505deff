/**
 * Lint's git facts for database-switch.ts: the versions of a settings file on the checked-out branch (config/database.yml
 * as each commit that changed it left it), and the migrations the repository held just before a commit. Paths are
 * as lint shows them (relative to `cwd`); git runs only when a folder's settings file says PostgreSQL, and its
 * trouble (no git, a shallow clone, a timeout) only leaves the history empty: it never fails lint.
 */
import { gitBlobs, gitOutput as git } from "./git-output.js";
import { MAX_SETTINGS_VERSIONS, type DatabaseHistory } from "../engine/database/database-switch.js";

/** The git history lint reads for database-switch.ts, from `cwd` (paths as lint shows them). */
export function databaseHistory(cwd: string): DatabaseHistory {
  // a shallow clone's oldest commit seems to add every file: its history says nothing of when the database changed
  let usable: boolean | undefined;
  const inFullRepository = () => (usable ??= git(cwd, ["rev-parse", "--is-shallow-repository"])?.trim() === "false");
  const before = new Map<string, Set<string>>();
  return {
    *versions(path) {
      if (!inFullRepository()) return;
      const log = git(cwd, ["-c", "core.quotepath=false", "--literal-pathspecs", "log", `-n${MAX_SETTINGS_VERSIONS}`, "--format=%H", "--", path]);
      const commits = (log ?? "").split("\n").filter((line) => /^[0-9a-f]{40}$/.test(line));
      // every version in one git process (a `git show` each was up to 30 processes on every lint of a Rails project);
      // `./path` is read from the working directory, as lint shows it
      const contents = gitBlobs(cwd, commits.map((commit) => `${commit}:./${path}`));
      // git's trouble leaves the history empty (no version is read as a deletion)
      if (!contents) return;
      // a commit whose tree has no such file deleted it: its version is none
      for (const [i, commit] of commits.entries()) yield { commit, content: contents[i] };
    },
    pathsBefore(commit) {
      let paths = before.get(commit);
      if (paths) return paths;
      // ls-tree run in a subfolder lists the paths below it relative to it, as lint shows them
      const listing = inFullRepository() ? git(cwd, ["-c", "core.quotepath=false", "ls-tree", "-r", "--name-only", "-z", `${commit}^`]) : undefined;
      paths = new Set((listing ?? "").split("\0").filter((p) => p !== ""));
      before.set(commit, paths);
      return paths;
    },
  };
}
