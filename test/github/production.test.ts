/**
 * The App with a production snapshot (config `snapshot`, read from the base branch): lock findings carry
 * production's sizes, a NULL-holding column's SET NOT NULL is an error, the migrations run on production's
 * schema and the check summary's lock table has a "Size in production" column. The file is read raw, so one
 * over the contents API's 1 MB JSON limit works. A pull request that edits the snapshot is still judged by
 * the base branch's; a snapshot that cannot be used is a note, never a failure.
 */
import { describe, expect, it } from "@jest/globals";
import { productionSnapshot } from "../../src/engine/testing/production-fixtures.js";
import { BASE, LOCKS, LOCKS_UP, lockRows } from "../support/readme-prs.js";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

let s: Scenario | undefined;
useScenario();

const PRODUCTION = productionSnapshot({
  users: { rows: 2_000_000, mb: 3_000, columns: { id: { type: "bigint", notNull: true, nDistinct: -1 }, email: { type: "text", nullFrac: 0.02, nDistinct: -0.98 } } },
  settings: { rows: 3, columns: { key: { type: "text", notNull: true }, value: { type: "text" } } },
});
const CONFIG = { ".github/migguard.yml": "snapshot: db/production.json\n" };

/**
 * Deliver pull_request.opened and wait for the completed check: Probot answers 202 when the handler takes
 * over 9 s (restoring production's schema on a busy machine) and the review goes on.
 */
async function reviewed(scenario: Scenario, number: number, head: string) {
  const { status } = await scenario.pullRequest("opened", number);
  expect([200, 202]).toContain(status);
  const completed = () => scenario.fake.checkRunsFor(head).find((run) => run.status === "completed");
  for (const deadline = Date.now() + 110_000; !completed() && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 50));
  const run = completed();
  if (!run) throw new Error(`the check of #${number} was not completed`);
  return run;
}

describe("a production snapshot on the base branch", () => {
  it("gives lock findings production's sizes, predicts the NULL failure, and shows sizes beside the lock table", async () => {
    s = await startScenario({ baseFiles: { ...BASE, ...CONFIG, "db/production.json": JSON.stringify(PRODUCTION, null, 2) } });
    // the pull request also shrinks production in the snapshot: the base branch's is the one that counts
    const shrunk = productionSnapshot({ users: { rows: 10, columns: { id: { type: "bigint", notNull: true }, email: { type: "text" } } } });
    const head = s.openPull(70, { ...LOCKS, "db/production.json": JSON.stringify(shrunk, null, 2) });
    const run = await reviewed(s, 70, head);
    expect(run.conclusion).toBe("failure");

    const index = run.annotations.find((a) => a.title.startsWith("index-without-concurrently"));
    expect(index).toMatchObject({ path: LOCKS_UP, start_line: 1, annotation_level: "failure" });
    expect(index?.message).toContain("In production users has about 2,000,000 rows and 2.9 GB (1.8 GB heap): building the index reads 1.8 GB of table, so the lock is held for about 60 s (at an assumed 30 MB/s).");
    const nulls = run.annotations.find((a) => a.title.startsWith("nulls-in-production"));
    expect(nulls).toMatchObject({ path: LOCKS_UP, start_line: 2, annotation_level: "failure" });
    expect(nulls?.message).toContain("SET NOT NULL on users.email will fail: about 40,000 rows of users (2%) are NULL in production");

    const summary = run.output.summary ?? "";
    expect(summary).toContain("| Line | Statement | Lock | Objects | Size in production | Blocks reads | Blocks writes | Rewrite | Held until |");
    expect(lockRows(summary).map(([line, , lock, objects, size]) => [line, lock, objects, size])).toEqual([
      ["1", "SHARE", "users", "about 2,000,000 rows, 2.9 GB"],
      ["2", "ACCESS EXCLUSIVE", "users", "about 2,000,000 rows, 2.9 GB"],
    ]);
    expect(summary).toContain("Ran 1 on production's schema (snapshot of 2026-11-27).");
    // one call for the snapshot, on the base commit
    const reads = s.fake.requests.filter((r) => r.path.endsWith("/contents/db%2Fproduction.json"));
    expect(reads.map((r) => r.query.get("ref"))).toEqual([s.base]);
  });

  it("reads a snapshot over the contents API's 1 MB JSON limit (raw form)", async () => {
    const tables: Parameters<typeof productionSnapshot>[0] = { users: { rows: 2_000_000, mb: 3_000, columns: { id: { type: "bigint", notNull: true }, email: { type: "text" } } } };
    for (let i = 0; i < 2_000; i++) tables[`audit_${i}`] = { rows: 10, columns: { id: { type: "bigint", notNull: true } } };
    const large = JSON.stringify(productionSnapshot(tables), null, 2);
    expect(Buffer.byteLength(large)).toBeGreaterThan(1024 * 1024);
    s = await startScenario({ baseFiles: { ...BASE, ".github/migguard.yml": "snapshot: db/production.json\nexecute: false\n", "db/production.json": large } });
    const head = s.openPull(72, LOCKS);
    const run = await reviewed(s, 72, head);
    expect(run.output.summary).not.toContain("Production snapshot not used");
    expect(run.annotations.find((a) => a.title.startsWith("index-without-concurrently"))?.message).toContain("In production users has about 2,000,000 rows and 2.9 GB");
  });

  it("reviews without it, and says why, when the configured snapshot is not usable", async () => {
    s = await startScenario({ baseFiles: { ...BASE, ...CONFIG, "db/production.json": JSON.stringify({ format: "migguard-snapshot/1", rows: [["a@example.test"]] }) } });
    const head = s.openPull(71, LOCKS);
    const run = await reviewed(s, 71, head);
    expect(run.conclusion).toBe("failure");
    expect(run.output.summary).toMatch(/\*\*Production snapshot not used:\*\* `db\/production\.json` on the base branch: db\/production\.json is not a migguard snapshot \(migguard-snapshot\/1\)/);
    expect(run.annotations.find((a) => a.title.startsWith("index-without-concurrently"))?.message).not.toContain("In production");
    expect(run.annotations.some((a) => a.title.startsWith("nulls-in-production"))).toBe(false);
  });
});
