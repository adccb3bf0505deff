/**
 * The App runs the migrations a pull request changes (config `execute`, on by default), in-process: signed
 * webhooks over HTTP, the local GitHub API checking every request. The measured lock table is in the check
 * summary, measured findings replace static guesses, a safe pull request stays quiet, an empty down is
 * `empty-down`, a failure of the test database is a note and never a failed check, `execute: false` turns it
 * off. The same pull requests go through the queue (test/queue/execution.test.ts) and the CLI.
 */
import { describe, expect, it } from "@jest/globals";
import { BASE, EMPTY_DOWN, EMPTY_DOWN_DOWN, EMPTY_DOWN_UP, LOCKS, LOCKS_DOWN, LOCKS_UP, lockRows, SAFE, SAFE_UP } from "../support/readme-prs.js";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

let s: Scenario | undefined;
useScenario();

const ruleIds = (run: { annotations: Array<{ title: string }> }) => run.annotations.map((a) => a.title.split(":")[0]);

describe("running the migrations of a pull request", () => {
  it("puts the measured locks, by lock name, in the check summary and flags the down that forgets the index", async () => {
    s = await startScenario({ baseFiles: BASE });
    const head = s.openPull(60, LOCKS);
    expect((await s.pullRequest("opened", 60)).status).toBe(200);
    const [run] = s.fake.checkRunsFor(head);
    expect(run.conclusion).toBe("failure");
    const summary = run.output.summary ?? "";
    expect(summary).toMatch(/### Migrations run in PGlite \(PostgreSQL \d+/);
    expect(summary).toContain("#### Locks taken on existing tables (measured)");
    expect(lockRows(summary).map(([line, , lock, objects, reads, writes]) => [line, lock, objects, reads, writes])).toEqual([
      ["1", "SHARE", "users", "no", "yes"],
      ["2", "ACCESS EXCLUSIVE", "users", "yes", "yes"],
    ]);
    // the down runs: the exact comparison names the index it leaves behind
    const restore = run.annotations.find((a) => a.title.startsWith("down-does-not-restore-schema"));
    expect(restore).toMatchObject({ path: LOCKS_DOWN, annotation_level: "failure" });
    expect(restore?.message).toContain("index users_email_idx is still there");
    // static findings confirmed by the measurement carry the lock
    const index = run.annotations.find((a) => a.title.startsWith("index-without-concurrently"));
    expect(index).toMatchObject({ path: LOCKS_UP, start_line: 1 });
    expect(index?.message).toContain("measured: SHARE on users");
    // the earlier migration was read at head to build the schema
    expect(s.fake.requests.some((r) => r.path.endsWith("/contents/db%2Fmigrations%2F000001_users.up.sql") && r.query.get("ref") === head)).toBe(true);
    const analysed = s.app.logs.find((l) => l.msg === "analysed");
    expect(analysed).toMatchObject({ executed: 1, database: expect.stringMatching(/^PGlite/) });
  });

  it("keeps a safe pull request quiet: success, warnings as annotations, no review comment", async () => {
    s = await startScenario({ baseFiles: BASE });
    const head = s.openPull(61, SAFE);
    expect((await s.pullRequest("opened", 61)).status).toBe(200);
    const [run] = s.fake.checkRunsFor(head);
    expect(run.conclusion).toBe("success");
    expect(run.annotations.every((a) => a.annotation_level !== "failure")).toBe(true);
    expect(run.annotations.some((a) => a.path === SAFE_UP && a.annotation_level === "warning")).toBe(true);
    expect(run.output.summary).toContain("up → down → up: 1 verified, 0 with problems, 0 not run.");
    expect(s.fake.reviews).toEqual([]);
    expect(s.fake.commentsOn(61)).toEqual([]);
  });

  it("reports a 0-byte down as empty-down with its fix, and no syntax error", async () => {
    s = await startScenario({ baseFiles: BASE });
    const head = s.openPull(62, EMPTY_DOWN);
    expect((await s.pullRequest("opened", 62)).status).toBe(200);
    const [run] = s.fake.checkRunsFor(head);
    expect(run.conclusion).toBe("failure");
    expect(ruleIds(run)).not.toContain("syntax-error");
    const empty = run.annotations.find((a) => a.title.startsWith("empty-down"));
    expect(empty).toMatchObject({ path: EMPTY_DOWN_UP, annotation_level: "failure" });
    expect(empty?.message).toContain(EMPTY_DOWN_DOWN);
    expect(empty?.raw_details).toMatch(/^Safe alternative:\n/);
    const [comment] = s.fake.commentsOn(62);
    expect(comment.body).toContain("empty-down");
    expect(comment.body).toContain("**Safe alternative:**");
  });

  it("notes a migration the test database cannot run (a missing extension) without failing the check", async () => {
    s = await startScenario({ baseFiles: BASE });
    const up = "db/migrations/000002_geo.up.sql";
    const head = s.openPull(63, {
      [up]: "SET lock_timeout = '2s';\nCREATE EXTENSION IF NOT EXISTS postgis;\nCREATE TABLE places (id bigint PRIMARY KEY, at geometry(Point, 4326));\n",
      "db/migrations/000002_geo.down.sql": "DROP TABLE places;\n",
    });
    expect((await s.pullRequest("opened", 63)).status).toBe(200);
    const [run] = s.fake.checkRunsFor(head);
    expect(run.conclusion).toBe("success");
    const skipped = run.annotations.filter((a) => a.title.startsWith("execute-skipped"));
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ path: up, annotation_level: "notice" });
    expect(skipped[0].message).toContain("postgis");
    expect(ruleIds(run)).not.toContain("execute-up-fails");
  });

  it("runs nothing with execute: false in the base branch's config", async () => {
    s = await startScenario({ baseFiles: { ...BASE, ".github/migguard.yml": "execute: false\n" } });
    const head = s.openPull(64, LOCKS);
    expect((await s.pullRequest("opened", 64)).status).toBe(200);
    const [run] = s.fake.checkRunsFor(head);
    expect(run.output.summary).not.toContain("Migrations run in");
    expect(ruleIds(run)).not.toContain("down-does-not-restore-schema");
    // an earlier migration is read only for the folder's down habit (its down beside it: review/sibling-downs-on-base.ts),
    // never for a run: the schema it would build is not fetched beyond that window
    expect(s.app.logs.find((l) => l.msg === "analysed")).not.toHaveProperty("executed");
  });
});
