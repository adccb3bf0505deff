/**
 * vita-min's false failing check through the App: a pull request adding Rails' Active Storage migration, guarded
 * by `unless column_exists?`, sent as a signed webhook against the local GitHub API. The App reads the base
 * branch's db/schema.rb (the pull request's own dump already holds the column either way) and decides the guard
 * on it, as `migguard review` does (test/cli/review-guarded-on-base.test.ts).
 */
import { describe, expect, it } from "@jest/globals";
import type { FakeCheckRun } from "./support/fake-github.js";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";
import { GUARDED_PATH, guardedBase, guardedPull } from "../../src/engine/testing/guarded-migration.js";

let s: Scenario | undefined;
useScenario();

const latestRun = (head: string): FakeCheckRun => s!.fake.checkRunsFor(head).at(-1)!;
const onMigration = (run: FakeCheckRun) => run.annotations.filter((a) => a.path === GUARDED_PATH);

describe("App: an added migration guarded by an existence check, decided on the base branch's schema.rb", () => {
  it("the base schema.rb has the column: the check passes, the guarded statements are notices that say nothing runs in production", async () => {
    s = await startScenario({ baseFiles: { "README.md": "# vita\n", ...guardedBase(true) } });
    const head = s.openPull(1, guardedPull());
    await s.pullRequest("opened", 1);
    const run = latestRun(head);
    expect(run.conclusion).toBe("success");
    const setNotNull = onMigration(run).filter((a) => a.title.startsWith("set-not-null"));
    expect(setNotNull.map((a) => a.annotation_level)).toEqual(["notice"]);
    expect(setNotNull[0].message).toContain("which is true on the base branch's schema (db/schema.rb:7): nothing runs in production");
    expect(s.fake.reviewComments).toEqual([]);
  });

  it("the base schema.rb lacks it: the migration runs in production, and the mixed-ddl-dml note says what the backfill under add_column's lock costs", async () => {
    s = await startScenario({ baseFiles: { "README.md": "# vita\n", ...guardedBase(false) } });
    const head = s.openPull(1, guardedPull());
    await s.pullRequest("opened", 1);
    const run = latestRun(head);
    const mixed = onMigration(run).filter((a) => a.title.startsWith("mixed-ddl-dml"));
    expect(mixed.map((a) => a.annotation_level)).toEqual(["notice"]);
    expect(mixed[0].message).toContain("Kept as written, active_storage_blobs stays locked");
    expect(onMigration(run).some((a) => a.message.includes("nothing runs in production"))).toBe(false);
  });
});
