/**
 * The ninth replay's dropped-object-still-used false alarms (mozilla/treeherder 6e680ffae4,
 * ministryofjustice/laa-apply-for-legal-aid 180ca3d207 and 3857b5deca) through `migguard review`: a name the
 * dropped column shares with another model's field, another class's method or another table's key is no use of
 * it, and a column the deployed model already ignores breaks nothing that is not broken. True uses stay errors.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";
import { laaCompletedAtBase, laaCompletedAtDrop, laaSettingsBase, laaSettingsDrop, treeherderBase, treeherderDrop, treeherderModelsAtHead, treeherderTrueUses } from "./support/replay9-usages.js";

async function usedFindings(base: Record<string, string>, change: Record<string, string>) {
  const repo = featureBranchOn(base);
  repo.write(change).commit("drop");
  const { findings } = await reviewJson(repo);
  return findings.filter((f) => f.rule === "dropped-object-still-used");
}

describe("dropped-object-still-used: names that cannot reach the dropped column (ninth replay)", () => {
  it("Django (treeherder's shape, the field goes from the model in the same change): prose, dict keys and the other model's own code are no use: nothing but drop-column", async () => {
    const repo = featureBranchOn(treeherderBase);
    repo.write({ ...treeherderDrop, ...treeherderModelsAtHead }).commit("drop");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "dropped-object-still-used")).toEqual([]);
    expect(findings.filter((f) => f.rule === "drop-column").map((f) => f.severity)).toEqual(["error"]);
  });

  it("Django: another model keeps a field of the same name; prose, dict keys and that model's own code are no use: a note saying it is ambiguous", async () => {
    const found = await usedFindings(treeherderBase, treeherderDrop);
    expect(found.map((f) => f.severity)).toEqual(["info"]);
    expect(found[0].message).toContain("branch is also a field of RepositoryBranch.branch, which stay");
    expect(found[0].message).toContain("etl/push_loader.py:9, etl/push_loader.py:10");
    expect(found[0].message).not.toContain("model/models.py");
    expect(found[0].message).not.toContain("push_loader.py:11");
  });

  it("Django: a query on the dropped field's model and SQL on its table stay an error", async () => {
    const found = await usedFindings({ ...treeherderBase, ...treeherderTrueUses }, treeherderDrop);
    expect(found.map((f) => f.severity)).toEqual(["error"]);
    expect(found[0].message).toContain("etl/report.py:5, etl/report.py:8");
    expect(found[0].message).not.toContain("models.py:");
  });

  it("Rails: another class's method of that name and a key of a per-table hash are no use: nothing reported", async () => {
    const found = await usedFindings(laaSettingsBase, laaSettingsDrop);
    expect(found).toEqual([]);
  });

  it("Rails: a record of the model reading it stays an error", async () => {
    const found = await usedFindings(
      { ...laaSettingsBase, "app/controllers/settings_controller.rb": "class SettingsController < ApplicationController\n  def show\n    setting = Setting.first\n    render json: setting.linked_applications\n  end\nend\n" },
      laaSettingsDrop,
    );
    expect(found.map((f) => f.severity)).toEqual(["error"]);
    expect(found[0].message).toContain("app/controllers/settings_controller.rb:4");
    expect(found[0].message).not.toContain("csv_line");
    expect(found[0].message).not.toContain("anonymise");
  });

  it("Rails: the base branch's model already ignores the column: a note that the rake task naming it already cannot read it", async () => {
    const found = await usedFindings(laaCompletedAtBase, laaCompletedAtDrop);
    expect(found.map((f) => f.severity)).toEqual(["info"]);
    expect(found[0].message).toContain("already cannot read it through the model");
    expect(found[0].message).toContain("lib/tasks/duplicate_completed_at.rake:3");
  });

  it("Rails: ignored on the base branch, but raw SQL on the table still reads it: an error", async () => {
    const found = await usedFindings({ ...laaCompletedAtBase, "app/reports/completions.rb": 'class Completions\n  SQL = "SELECT completed_at FROM legal_aid_applications"\nend\n' }, laaCompletedAtDrop);
    expect(found.map((f) => f.severity)).toEqual(["error"]);
    expect(found[0].message).toContain("app/reports/completions.rb:2");
  });
});
