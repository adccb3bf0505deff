/**
 * `migguard lint` in a git work tree, on a schema nothing released yet: migrations that reached the branch within
 * two weeks of the repository's first commit, with no tag before them, rename and index tables those weeks created
 * (link-checker-api's first week): no deployed code uses the old names and no traffic waits, so the findings are
 * notes. A version tag before them, or a later migration, keeps them (a build's number, release_2, does not); and a numbered migration (no date in its version) is
 * dated by when git says it reached the branch, so an index on a table created twelve days before is a young
 * table's note. Review is not touched: its base branch says what is deployed.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";
import { GIT_ENV, Repo } from "./support/git-repo.js";
import { reviewJson } from "./support/review-repo.js";

const rails = (klass: string, body: string) => `class ${klass} < ActiveRecord::Migration[5.0]\n  def change\n    ${body}\n  end\nend\n`;
const CREATE = "db/migrate/20170403153216_create_jobs.rb";
const RENAME = "db/migrate/20170405124610_rename_jobs_to_batches.rb";
const FILES: Record<string, string> = {
  [CREATE]: rails("CreateJobs", "create_table :jobs do |t|\n      t.string :status\n    end"),
  [RENAME]: rails("RenameJobsToBatches", "rename_table :jobs, :batches\n    rename_column :batches, :status, :state\n    add_index :batches, :state"),
};
const DAY = 24 * 60 * 60;
const START = Date.UTC(2017, 3, 3, 10) / 1000;

/** A repository whose commits are made on the given days after START (author and committer dates). */
function repository() {
  const root = mkdtempSync(join(tmpdir(), "migguard-pre-release-"));
  const git = (day: number, ...args: string[]) => {
    const date = `${START + day * DAY} +0000`;
    return execFileSync("git", ["-c", "commit.gpgsign=false", ...args], { cwd: root, env: { ...GIT_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }, encoding: "utf8" });
  };
  const commit = (day: number, files: Record<string, string>, message: string) => {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    git(day, "add", "-A");
    git(day, "commit", "-q", "-m", message);
  };
  git(0, "init", "-q", "-b", "main");
  return { root, git, commit };
}

type Finding = { rule: string; path: string; severity: string; message: string; fix?: string };
async function lint(root: string, folder: string): Promise<Finding[]> {
  const result = await run(["lint", "--format", "json", folder], { cwd: root });
  return (JSON.parse(result.output) as { findings: Finding[] }).findings;
}
const on = (findings: Finding[], path: string) => Object.fromEntries(findings.filter((f) => f.path === path).map((f) => [f.rule, f]));

/** First commit on day 0, the table on day 1 (then `tag` on it), the renames and index on `renameDay`. */
async function renames(renameDay: number, tag?: string) {
  const repo = repository();
  repo.commit(0, { "README.md": "links\n" }, "Initial commit");
  repo.commit(1, { [CREATE]: FILES[CREATE] }, "jobs");
  if (tag) repo.git(1, "tag", tag);
  repo.commit(renameDay, { [RENAME]: FILES[RENAME] }, "rename jobs to batches");
  return on(await lint(repo.root, "db/migrate"), RENAME);
}

describe("migguard lint: a schema in the repository's first weeks, before any tag", () => {
  it("makes renames of a table those weeks created, and a lock on it, notes that say nothing was released", async () => {
    const found = await renames(4);
    expect(found["rename-table"]?.severity).toBe("info");
    expect(found["rename-table"]?.message).toContain(
      "jobs was created by 20170403153216_create_jobs.rb, and this migration reached the branch 4 days after the repository's first commit (2017-04-03), with no version tag before it: nothing was released yet",
    );
    // the column renamed on the table this migration renamed first is told by rename-table's finding (one old-code hazard)
    expect(found["rename-column"]).toBeUndefined();
    expect(found["rename-table"]?.message).toContain("This migration then renames a column of batches too");
    expect(found["index-without-concurrently"]?.severity).toBe("info");
    // the safe fix is kept
    expect(found["index-without-concurrently"]?.fix).toContain("algorithm: :concurrently");
  });

  it("keeps them when a version tag came before: the release may run with the old names", async () => {
    const found = await renames(4, "v0.1.0");
    expect(found["rename-table"]?.severity).toBe("error");
    expect(found["rename-table"]?.message).toContain("This migration then renames a column of batches too");
    expect(found["rename-column"]).toBeUndefined();
  });

  it("a build's number (a pipeline's release_2 on every merge) is no version: the notes stay", async () => {
    const found = await renames(4, "release_2");
    expect(found["rename-table"]?.severity).toBe("info");
    expect(found["rename-column"]).toBeUndefined();
  });

  it("keeps them after the first two weeks", async () => {
    const found = await renames(20);
    expect(found["rename-table"]?.severity).toBe("error");
    expect(found["rename-table"]?.message).not.toContain("nothing was released");
  });

  /** The table on day 1, the renames on day 30, then the project's first tag on `tagDay`. */
  async function beforeFirstTag(tagDay: number, tag = "v0.1.0") {
    const repo = repository();
    repo.commit(0, { "README.md": "links\n" }, "Initial commit");
    repo.commit(1, { [CREATE]: FILES[CREATE] }, "jobs");
    repo.commit(30, { [RENAME]: FILES[RENAME] }, "rename jobs to batches");
    repo.commit(tagDay, { "CHANGELOG.md": "0.1.0\n" }, "release");
    repo.git(tagDay, "tag", tag);
    return on(await lint(repo.root, "db/migrate"), RENAME);
  }

  it("reaches the first version tag when the project tagged within six weeks of its first commit (Mastodon's v0.1.0, 25 days)", async () => {
    const found = await beforeFirstTag(40);
    expect(found["rename-table"]?.severity).toBe("info");
    expect(found["rename-table"]?.message).toContain("this migration reached the branch 30 days after the repository's first commit (2017-04-03), before v0.1.0 (2017-05-13), its first version tag: nothing was released yet");
  });

  it("not when the first tag came later (projects that ran for months or years before tagging), nor for a build's number", async () => {
    expect((await beforeFirstTag(60))["rename-table"]?.severity).toBe("error");
    expect((await beforeFirstTag(1200))["rename-table"]?.severity).toBe("error");
    expect((await beforeFirstTag(40, "release_2"))["rename-table"]?.severity).toBe("error");
  });
});

describe("migguard review: a base branch of the same first days", () => {
  it("keeps the rename's error: the base branch may be deployed, and review judges it by the base, not by the repository's age", async () => {
    const repo = new Repo().write({ "README.md": "links\n" }).commit("Initial commit");
    repo.write({ [CREATE]: FILES[CREATE] }).commit("jobs");
    repo.git("checkout", "-q", "-b", "feature");
    repo.write({ [RENAME]: FILES[RENAME] }).commit("rename jobs to batches");
    const { findings } = await reviewJson(repo);
    expect(findings.find((f) => f.rule === "rename-table")?.severity).toBe("error");
  });
});

describe("migguard lint: a numbered migration, dated by git", () => {
  const DIR = "migrations";
  const files = {
    users: { [`${DIR}/0001_create_users.up.sql`]: "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n", [`${DIR}/0001_create_users.down.sql`]: "DROP TABLE users;\n" },
    events: { [`${DIR}/0052_create_events.up.sql`]: "CREATE TABLE events (id bigint PRIMARY KEY, state text);\n", [`${DIR}/0052_create_events.down.sql`]: "DROP TABLE events;\n" },
    index: {
      [`${DIR}/0053_index_events_and_users.up.sql`]: "CREATE INDEX events_state ON events (state);\nCREATE INDEX users_email ON users (email);\n",
      [`${DIR}/0053_index_events_and_users.down.sql`]: "DROP INDEX users_email;\nDROP INDEX events_state;\n",
    },
  };
  const INDEX = `${DIR}/0053_index_events_and_users.up.sql`;

  /** users a year before, released (v1.0.0); events, then twelve days later the indexes */
  function numbered() {
    const repo = repository();
    repo.commit(0, { "README.md": "app\n" }, "Initial commit");
    repo.commit(1, files.users, "users");
    repo.git(2, "tag", "v1.0.0");
    repo.commit(400, files.events, "events");
    repo.commit(412, files.index, "indexes");
    return repo;
  }

  it("an index on a table git says reached the branch twelve days before is a young table's note; the old table keeps its error", async () => {
    const findings = (await lint(numbered().root, DIR)).filter((f) => f.path === INDEX && f.rule === "index-without-concurrently");
    const events = findings.find((f) => f.message.includes("events_state"));
    const users = findings.find((f) => f.message.includes("users_email"));
    expect(events?.severity).toBe("info");
    expect(events?.message).toContain("events was created by 0052_create_events.up.sql, which git says reached this branch 12 days before this migration");
    expect(users?.severity).toBe("error");
  });

  it("is unchanged outside git: a sequence number says no date", async () => {
    const root = mkdtempSync(join(tmpdir(), "migguard-numbered-no-git-"));
    for (const [path, content] of Object.entries({ ...files.users, ...files.events, ...files.index })) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    const findings = (await lint(root, DIR)).filter((f) => f.path === INDEX && f.rule === "index-without-concurrently");
    expect(findings.map((f) => f.severity)).toEqual(["error", "error"]);
  });
});

describe("migguard lint: a table created since one release and changed before the next (gitness's gitspace tables)", () => {
  const DIR = "migrations";
  const CREATE_EVENTS = { [`${DIR}/0052_create_events.up.sql`]: "CREATE TABLE events (id bigint PRIMARY KEY, state text);\n", [`${DIR}/0052_create_events.down.sql`]: "DROP TABLE events;\n" };
  const RENAME_STATE = `${DIR}/0053_rename_events_state.up.sql`;
  const RENAME = { [RENAME_STATE]: "ALTER TABLE events RENAME COLUMN state TO event;\n", [`${DIR}/0053_rename_events_state.down.sql`]: "ALTER TABLE events RENAME COLUMN event TO state;\n" };

  /**
   * v1.0.0 on day 100; events on day 400, its rename on day 412; `between` tagged on day 405, `next` on day 420;
   * `cherryPicked`: a release branch cut from v1.0.0 that receives events (and the rename) by cherry-pick on day 415, tagged there
   */
  async function rename(tags: { between?: string; next?: string; onReleaseBranch?: string; cherryPicked?: { tag: string; rename?: boolean } }) {
    const repo = repository();
    repo.commit(0, { "README.md": "app\n" }, "Initial commit");
    repo.commit(100, { [`${DIR}/0001_create_users.up.sql`]: "CREATE TABLE users (id bigint PRIMARY KEY);\n", [`${DIR}/0001_create_users.down.sql`]: "DROP TABLE users;\n" }, "users");
    repo.git(100, "tag", "v1.0.0");
    repo.commit(400, CREATE_EVENTS, "events");
    const events = repo.git(400, "rev-parse", "HEAD").trim();
    if (tags.onReleaseBranch) {
      // a release cut on a branch of its own: it holds events, though no tag of the main line between them says so
      repo.git(405, "checkout", "-q", "-b", "release-1.0");
      repo.commit(405, { "CHANGELOG.md": "1.0.1\n" }, "release 1.0.1");
      repo.git(405, "tag", tags.onReleaseBranch);
      repo.git(405, "checkout", "-q", "-");
    }
    if (tags.between) {
      repo.commit(405, { "CHANGELOG.md": "1.0.1\n" }, "changelog");
      repo.git(405, "tag", tags.between);
    }
    repo.commit(412, RENAME, "rename state");
    if (tags.cherryPicked) {
      // the same files on other commits: no tag of the release branch contains main's
      const picked = [events, ...(tags.cherryPicked.rename ? [repo.git(412, "rev-parse", "HEAD").trim()] : [])];
      repo.git(415, "checkout", "-q", "-b", "release-1.0", "v1.0.0");
      repo.git(415, "cherry-pick", ...picked);
      // annotated, as release tags often are: peeled to its commit
      repo.git(415, "tag", "-a", "-m", `release ${tags.cherryPicked.tag}`, tags.cherryPicked.tag);
      repo.git(415, "checkout", "-q", "main");
    }
    if (tags.next) {
      repo.commit(420, { "CHANGELOG.md": "1.1.0\n" }, "changelog");
      repo.git(420, "tag", tags.next);
    }
    return (await lint(repo.root, DIR)).find((f) => f.path === RENAME_STATE && f.rule === "rename-column");
  }

  it("stays an error when a release holds the table without the rename: on the main line, or cut on a branch of its own", async () => {
    // releases cut on other branches (PeerDB: 151 of its 245 tags): lint judged between-release tables by the tags'
    // dates for a day and called tables ten releases old unreleased; which commits a tag holds is what counts
    expect((await rename({ onReleaseBranch: "v1.0.1", next: "v1.1.0" }))?.severity).toBe("error");
    expect((await rename({ between: "v1.0.1", next: "v1.1.0" }))?.severity).toBe("error");
  });

  it("stays an error when a release branch's tag holds the table by cherry-pick without the rename (Saleor backports main's migrations to 3.22.x)", async () => {
    // v1.0.1 contains no commit of main's after v1.0.0, but its tree holds 0052 as main added it: a release with the table
    expect((await rename({ cherryPicked: { tag: "v1.0.1" }, next: "v1.1.0" }))?.severity).toBe("error");
  });

  it("names the release branch's tag when it first shipped the table and the rename together, by cherry-pick", async () => {
    const finding = await rename({ cherryPicked: { tag: "v1.0.1", rename: true }, next: "v1.1.0" });
    expect(finding?.severity).toBe("info");
    expect(finding?.message).toContain("both first shipped in v1.0.1");
  });

  it("is a note naming the tag when the first release that holds the table holds the rename too (caluma's 0025 and 0026, both first in v3.0.0a1)", async () => {
    const finding = await rename({ next: "v1.1.0" });
    expect(finding?.severity).toBe("info");
    expect(finding?.message).toContain("events was created by 0052_create_events.up.sql, and both first shipped in v1.1.0: no release had the table before this migration");
    expect(finding?.message).toContain("If you deploy the branch between releases, take the safe way below.");
  });

  it("stays an error when no release holds the rename yet, or the tags name a monorepo's packages", async () => {
    expect((await rename({}))?.severity).toBe("error");
    expect((await rename({ next: "benchclients-1.1.0" }))?.severity).toBe("error");
  });

  it("follows migrations moved since to the commits that first added them (caluma moved its apps' folders after v4)", async () => {
    const moved = async (between?: string) => {
      const repo = repository();
      repo.commit(0, { "README.md": "app\n" }, "Initial commit");
      repo.commit(100, { [`${DIR}/0001_create_users.up.sql`]: "CREATE TABLE users (id bigint PRIMARY KEY);\n", [`${DIR}/0001_create_users.down.sql`]: "DROP TABLE users;\n" }, "users");
      repo.git(100, "tag", "v1.0.0");
      repo.commit(400, CREATE_EVENTS, "events");
      if (between) repo.git(400, "tag", between);
      repo.commit(412, RENAME, "rename state");
      repo.git(420, "tag", "v1.1.0");
      repo.git(430, "mv", DIR, "db");
      repo.git(430, "commit", "-q", "-m", "move the migrations");
      return (await lint(repo.root, "db")).find((f) => f.path === "db/0053_rename_events_state.up.sql" && f.rule === "rename-column");
    };
    const finding = await moved();
    expect(finding?.severity).toBe("info");
    expect(finding?.message).toContain("both first shipped in v1.1.0");
    expect((await moved("v1.0.1"))?.severity).toBe("error");
  });
});
