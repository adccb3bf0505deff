/**
 * Edits of a merged Rails migration that the database cannot tell apart (rubygems.org, issue #19's third
 * replay): wrapping the same calls in strong_migrations' safety_assured, and a change_table bulk block rewritten
 * as the same add_column calls. Reviewed through the CLI on a small git repository.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const migration = (body: string) =>
  `class AddWorkflowRepository < ActiveRecord::Migration[8.0]\n  def change\n${body}  end\nend\n`;
const bulk = "    change_table :publishers, bulk: true do |t|\n      t.string :repository_owner\n      t.datetime :expires_at\n    end\n";
const path = "db/migrate/20260107200000_add_workflow_repository.rb";
const base = {
  "db/migrate/20260101000000_create_publishers.rb": migration("    create_table :publishers\n"),
  [path]: migration(bulk),
};

describe("an edit that asks for the same statements another way is a note", () => {
  it("the same change_table wrapped in safety_assured", async () => {
    const repo = featureBranchOn(base);
    repo.write({ [path]: migration(`    safety_assured do\n${bulk.replace(/^/gm, "  ")}    end\n`) }).commit("wrap");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(0);
    expect(findings.filter((f) => f.rule === "edited-migration").map((f) => f.severity)).toEqual(["info"]);
  });

  it("change_table bulk rewritten as the same add_column calls", async () => {
    const repo = featureBranchOn(base);
    repo.write({ [path]: migration("    add_column :publishers, :repository_owner, :string\n    add_column :publishers, :expires_at, :datetime\n") }).commit("rewrite");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(0);
    expect(findings.filter((f) => f.rule === "edited-migration").map((f) => f.severity)).toEqual(["info"]);
  });

  it("an option the calls no longer pass (comment:) is not the same calls: migguard says it cannot tell", async () => {
    const repo = featureBranchOn({ ...base, [path]: migration(bulk.replace("t.string :repository_owner", 't.string :repository_owner, comment: "GitHub owner"')) });
    repo.write({ [path]: migration("    add_column :publishers, :repository_owner, :string\n    add_column :publishers, :expires_at, :datetime\n") }).commit("rewrite");
    const { findings } = await reviewJson(repo);
    expect(findings.find((f) => f.rule === "edited-migration")?.severity).not.toBe("info");
  });

  it("another column type is still a schema edit", async () => {
    const repo = featureBranchOn(base);
    repo.write({ [path]: migration("    add_column :publishers, :repository_owner, :text\n    add_column :publishers, :expires_at, :datetime\n") }).commit("rewrite");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(1);
    expect(findings.find((f) => f.rule === "edited-migration")).toMatchObject({ severity: "error" });
  });
});
