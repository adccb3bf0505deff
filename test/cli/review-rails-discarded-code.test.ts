/**
 * Edits of a merged Rails migration's data code that only take out or put in code that runs nothing (solidus
 * e1dadca330: a `when` branch whose body only read the local `credit_amount`, in a `case` whose value nobody uses),
 * against the same edit where the values that branch matched now reach a branch that does something. Reviewed
 * through the CLI on a small git repository.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";
import { railsStoreCreditEvents } from "../../src/engine/review/rules/edited-migration/solidus-fixtures.js";

const path = "core/db/migrate/20180322142651_add_amount_remaining_to_store_credit_events.rb";
const edited = (findings: Awaited<ReturnType<typeof reviewJson>>["findings"]) => findings.filter((f) => f.rule === "edited-migration");
const otherwise = "        else\n          credit_amount = 0\n";

describe("code that runs nothing, taken out of a merged migration", () => {
  it("a `when` branch that only read a local, removed: a note that the same calls run", async () => {
    const repo = featureBranchOn({ [path]: railsStoreCreditEvents() });
    repo.write({ [path]: railsStoreCreditEvents({ kept: "" }) }).commit("fix linting");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(0);
    expect(edited(findings).map((f) => [f.severity, f.message.includes("code that runs nothing")])).toEqual([["info", true]]);
  });

  it("the same branch removed where an `else` that does something takes its actions over: a warning", async () => {
    const repo = featureBranchOn({ [path]: railsStoreCreditEvents({ otherwise }) });
    repo.write({ [path]: railsStoreCreditEvents({ kept: "", otherwise }) }).commit("drop the branch");
    const { findings } = await reviewJson(repo);
    expect(edited(findings).map((f) => f.severity)).toEqual(["warning"]);
  });
});
