/**
 * The 36th replay's alaveteli false alarms through the App (signed webhooks against the local GitHub API): the same
 * small repositories as test/cli/review-replay36-alaveteli.test.ts, and what the check run says.
 */
import { describe, expect, it } from "@jest/globals";
import type { FakeCheckRun } from "./support/fake-github.js";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";
import { alaveteliBase, GUARD_PATH, guardMigration, NOTE_STUB, NOTES_PATH, notesMigration } from "../cli/support/replay36-alaveteli.js";
import { REMOVE_DISCLOSURE_LOG_PATH, removeDisclosureLog, temporaryTask, translatedUses } from "../../src/engine/review/rules/dropped-object-still-used/alaveteli-globalize.fixture.js";

let s: Scenario | undefined;
useScenario();

const latestRun = (head: string): FakeCheckRun => s!.fake.checkRunsFor(head).at(-1)!;
const annotations = (run: FakeCheckRun, rule: string) => run.annotations.filter((a) => a.title.startsWith(rule));

describe("the 36th replay's alaveteli patterns through the App", () => {
  it("a raise message's typo and a pinning model class in merged migrations: notices, and the check passes", async () => {
    s = await startScenario({ baseFiles: { "README.md": "# alaveteli\n", ...alaveteliBase } });
    const head = s.openPull(1, { [GUARD_PATH]: guardMigration("detected"), [NOTES_PATH]: notesMigration(NOTE_STUB) });
    await s.pullRequest("opened", 1);
    const run = latestRun(head);
    const found = annotations(run, "edited-migration");
    expect(found.map((a) => [a.path, a.start_line, a.annotation_level]).sort()).toEqual([
      [NOTES_PATH, 5, "notice"],
      [GUARD_PATH, 7, "notice"],
    ]);
    expect(found.find((a) => a.path === GUARD_PATH)?.message).toContain("the text of an exception it raises");
    expect(found.find((a) => a.path === NOTES_PATH)?.message).toContain("pins the model its code uses");
    expect(run.conclusion).not.toBe("failure");
  });

  it("a column a Globalize model translates: only the rake task's own class of the table is named", async () => {
    s = await startScenario({ baseFiles: { "README.md": "# alaveteli\n", ...translatedUses, ...temporaryTask } });
    const head = s.openPull(2, { [REMOVE_DISCLOSURE_LOG_PATH]: removeDisclosureLog });
    await s.pullRequest("opened", 2);
    const found = annotations(latestRun(head), "dropped-object-still-used");
    expect(found.map((a) => a.annotation_level)).toEqual(["failure"]);
    expect(found[0].message).toContain("lib/tasks/temp.rake:12");
    expect(found[0].message).not.toMatch(/public_body\.rb|_more_info|public_bodies_controller/);
  });
});
