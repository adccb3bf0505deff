/**
 * `migguard review` reads, for every deleted migration, the commit that added it to the base branch and the release
 * tags that contain that commit, in a fixed number of git calls (a squash of 406 migrations under 3,130 tags asked
 * git once per file and took over ten minutes). The answer must be the one git gives when asked file by file.
 */
import { addingCommits } from "../../src/cli/git.js";
import { releaseTags, tagsMergedInto } from "../../src/cli/release-tags.js";
import { Repo } from "./support/git-repo.js";

const migration = (i: number) => `db/migrate/2024010100${String(i).padStart(4, "0")}_step_${i}.rb`;
const body = (i: number) => `class Step${i} < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :c${i}, :integer\n  end\nend\n`;
const COUNT = 38;

/**
 * main: migrations added by direct commits and by merged branches, lightweight and annotated release tags along
 * the way, a tag on a branch never merged, a tag on a branch that merged main in, a tag of a tag; a file re-added after a deletion; the newest files in no
 * tag. Then `feature` deletes every other file in a commit (a tag made after that deletion) and the rest in the
 * working tree only.
 */
function history(): Repo {
  const repo = new Repo().write({ "README.md": "app\n" }).commit("base");
  for (let i = 0; i < COUNT; i++) {
    if (i % 3 === 0) {
      repo.git("checkout", "-q", "-b", `pr-${i}`);
      repo.write({ [migration(i)]: body(i) }).commit(`add ${i}`);
      repo.git("checkout", "-q", "main");
      repo.git("merge", "-q", "--no-ff", "-m", `merge ${i}`, `pr-${i}`);
    } else {
      repo.write({ [migration(i)]: body(i) }).commit(`add ${i}`);
    }
    if (i % 5 === 4) repo.git("tag", `v1.${i}.0`);
    if (i % 7 === 6) repo.git("tag", "-a", "-m", "release", `release-2.${i}`);
    if (i === 10) {
      // a maintenance branch that never comes back: its tag holds what main had when it forked
      repo.git("checkout", "-q", "-b", "maint");
      repo.write({ "NOTES.md": "x\n" }).commit("maint");
      repo.git("tag", "v0.9.9");
      repo.git("checkout", "-q", "main");
    }
    if (i === 30) repo.git("tag", "not-a-version");
    if (i === 25) {
      // a release branch that merges main in: main's newest files reach its tag through a second parent only
      repo.git("checkout", "-q", "-b", "next", "main~6");
      repo.write({ "NEXT.md": "x\n" }).commit("next");
      repo.git("merge", "-q", "--no-ff", "-m", "merge main into next", "main");
      repo.git("tag", "v2.5.0-next");
      repo.git("checkout", "-q", "main");
    }
    if (i === 20) {
      repo.git("-c", "advice.nestedTag=false", "tag", "-a", "-m", "outer", "v3.0.0-rc", "release-2.20");
      // deleted and added again: the newer addition is the one that counts
      repo.remove(migration(2)).commit("drop 2");
      repo.write({ [migration(2)]: body(2) }).commit("re-add 2");
    }
  }
  repo.git("checkout", "-q", "-b", "feature");
  for (let i = 0; i < COUNT; i += 2) repo.remove(migration(i));
  repo.commit("squash old migrations");
  repo.git("tag", "v9.0.0");
  for (let i = 1; i < COUNT; i += 2) repo.remove(migration(i));
  return repo;
}

/** What `git for-each-ref --contains` says when asked about one file at a time (the way review read it before). */
function perFile(repo: Repo, base: string, head: string, path: string): { commit: string; date: string; tags: string[] } | undefined {
  const [commit, date] = repo.git("log", "-1", "--first-parent", "--diff-merges=first-parent", "--diff-filter=A", "--no-patch", "--format=%H %cI", base, "--", path).trim().split(" ");
  if (!commit) return undefined;
  const headLacks = repo.git("ls-tree", "--name-only", head, "--", path).trim() === "";
  const tags = repo.git("for-each-ref", "--sort=-creatordate", "--count=1000", "--format=%(refname:short)", `--contains=${commit}`, ...(headLacks ? [`--no-contains=${head}`] : []), "refs/tags");
  return { commit, date, tags: tags.split("\n").filter((t) => t !== "") };
}

describe("review's release tags for many deleted migrations, read in one pass", () => {
  it("the adding commit, its date and the shipping tags of each of 38 deleted files equal git's answer file by file", () => {
    const repo = history();
    const base = repo.git("rev-parse", "main").trim();
    const head = repo.git("rev-parse", "HEAD").trim();
    const paths = [...Array(COUNT).keys()].map(migration);
    const added = addingCommits(repo.root, base, paths);
    const releases = releaseTags(repo.root, tagsMergedInto(repo.root, base), head, new Map([...added].map(([path, a]) => [path, a.commit])));

    const expected = Object.fromEntries(paths.map((path) => [path, perFile(repo, base, head, path)]));
    expect(Object.fromEntries(paths.map((path) => [path, added.has(path) ? { ...added.get(path)!, tags: releases.shippedIn[path] } : undefined]))).toEqual(expected);
    // the history is not trivial: files shipped in several tags, in none, and a tag made after the deletion that counts only for the files HEAD still has
    const shipped = Object.values(expected).map((e) => e!.tags);
    expect(shipped.some((tags) => tags.length === 0)).toBe(true);
    expect(shipped.some((tags) => tags.length > 3)).toBe(true);
    expect(expected[migration(0)]!.tags).toContain("v0.9.9");
    expect(expected[migration(0)]!.tags).not.toContain("v9.0.0");
    expect(expected[migration(COUNT - 1)]!.tags).toEqual(["v9.0.0"]);
    expect(expected[migration(2)]!.tags).not.toContain("v1.4.0");
    expect(expected[migration(25)]!.tags).toContain("v2.5.0-next");
    expect(releases.onBase).not.toContain("v9.0.0");
  });

  it("a file no commit of the base branch added, and a repository without tags: no answer, as before", () => {
    const repo = new Repo().write({ [migration(1)]: body(1) }).commit("base");
    const base = repo.git("rev-parse", "HEAD").trim();
    expect([...addingCommits(repo.root, base, [migration(1), "db/migrate/20990101000000_never.rb"]).keys()]).toEqual([migration(1)]);
    expect(releaseTags(repo.root, tagsMergedInto(repo.root, base), base, new Map([[migration(1), base]]))).toEqual({ onBase: [], shippedIn: {} });
  });
});
