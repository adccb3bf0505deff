/**
 * A deleted migration that no database could have run (access-your-teaching-qualifications 9227a83269: a revert
 * deleting a migration that renames a column no migration ever created): it failed wherever the migrations built
 * the table, so no database recorded it or keeps its changes. `migguard review` says so in a note, with no fix that
 * restores it; a deleted migration that could run stays an error.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const rb = (name: string, body: string) => `class ${name} < ActiveRecord::Migration[7.1]\n  def change\n    ${body}\n  end\nend\n`;
const BASE = {
  Gemfile: 'source "https://rubygems.org"\ngem "rails", "~> 7.1"\ngem "pg"\n',
  "config/database.yml": "production:\n  adapter: postgresql\n",
  "db/migrate/20240101000000_create_users.rb": rb("CreateUsers", "create_table :users do |t|\n      t.string :email\n    end"),
  "db/migrate/20240709072134_rename_terms_timestamp.rb": rb("RenameTermsTimestamp", "rename_column :users, :terms_and_conditions_timestamp, :terms_and_conditions_accepted_at"),
  "db/migrate/20240710000000_add_name_to_users.rb": rb("AddNameToUsers", "add_column :users, :name, :string"),
};

describe("review: a deleted migration no database could have run", () => {
  it("the rename of a column no migration created: a note, no restore fix, the check passes", async () => {
    const repo = featureBranchOn(BASE);
    repo.remove("db/migrate/20240709072134_rename_terms_timestamp.rb").commit("Revert rename");
    const { findings, exitCode } = await reviewJson(repo);
    const deleted = findings.filter((f) => f.rule === "deleted-migration");
    expect(deleted.map((f) => f.severity)).toEqual(["info"]);
    expect(deleted[0].message).toContain("could not run on any database");
    expect(deleted[0].fix).not.toContain("git checkout");
    expect(exitCode).toBe(0);
  });

  it("a deleted migration that could run stays an error", async () => {
    const repo = featureBranchOn(BASE);
    repo.remove("db/migrate/20240710000000_add_name_to_users.rb").commit("Remove");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "deleted-migration").map((f) => f.severity)).toEqual(["error"]);
  });
});
