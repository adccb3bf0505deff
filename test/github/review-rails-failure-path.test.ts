/**
 * solidus 424f28437d sent to the App as a signed webhook against the local GitHub API: a merged Rails migration
 * whose rescue clause now matches the error by class name, from a constant of literal strings, and still raises
 * again. The same edit goes through `migguard review` in test/cli/review-rails-failure-path.test.ts.
 */
import { describe, expect, it } from "@jest/globals";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";
import { railsRescued } from "../../src/engine/review/rules/edited-migration/solidus-fixtures.js";

let s: Scenario | undefined;
useScenario();

const path = "core/db/migrate/20250530102541_add_addressbook_foreign_key.rb";
const rescued = (byName: boolean) => railsRescued({ byName });

describe("an edit of a merged migration's failure path (solidus 424f28437d)", () => {
  it("the check passes, with the edit as a notice", async () => {
    s = await startScenario({ baseFiles: { [path]: rescued(false) } });
    const head = s.openPull(1, { [path]: rescued(true) });
    await s.pullRequest("opened", 1);
    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.conclusion).toBe("success");
    expect(run.annotations.filter((a) => a.title.startsWith("edited-migration")).map((a) => a.annotation_level)).toEqual(["notice"]);
  });
});
