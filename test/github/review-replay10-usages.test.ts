/**
 * The tenth replay's dropped-object-still-used false alarms through the App (signed webhooks against the local
 * GitHub API): the same small repositories as test/cli/review-replay10-usages.test.ts, and what the check says.
 */
import { describe, expect, it } from "@jest/globals";
import type { FakeCheckRun } from "./support/fake-github.js";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";
import { alertsBase, alertsDrop, ticketsBase, ticketsRename, ticketsTrueUse, topicForeignKey, topicRename, topicsBase } from "../cli/support/replay10-usages.js";

let s: Scenario | undefined;
useScenario();

const latestRun = (head: string): FakeCheckRun => s!.fake.checkRunsFor(head).at(-1)!;
const annotations = (run: FakeCheckRun) => run.annotations.filter((a) => a.title.startsWith("dropped-object-still-used"));

describe("the tenth replay's usage patterns through the App", () => {
  it("bike_index: job arguments named after the dropped column: no annotation", async () => {
    s = await startScenario({ baseFiles: { "README.md": "# bikes\n", ...alertsBase } });
    const head = s.openPull(1, alertsDrop);
    await s.pullRequest("opened", 1);
    expect(annotations(latestRun(head))).toEqual([]);
  });

  it("kitsune: another model's status and a name the next migration re-adds: no annotation; a query on the model: a failure whose fix renames", async () => {
    s = await startScenario({ baseFiles: { "README.md": "# kitsune\n", ...ticketsBase, ...topicsBase } });
    const renamed = s.openPull(2, ticketsRename);
    await s.pullRequest("opened", 2);
    expect(annotations(latestRun(renamed))).toEqual([]);
    const readded = s.openPull(3, { ...topicRename, ...topicForeignKey });
    await s.pullRequest("opened", 3);
    expect(annotations(latestRun(readded))).toEqual([]);
    const used = s.openPull(4, { ...ticketsRename, ...ticketsTrueUse });
    await s.pullRequest("opened", 4);
    const found = annotations(latestRun(used));
    expect(found.map((a) => a.annotation_level)).toEqual(["failure"]);
    expect(found[0].message).toContain("customercare/report.py:5");
    expect(found[0].raw_details ?? "").toContain("to submission_status in this change");
  });
});
