/**
 * Migrations moved unchanged to another folder (caseflow e34da001d7: db/etl/migrate, which migguard does not read as
 * a migration folder, to db/etl_migrate, same names, 0 lines changed, git lists them as renames), reviewed through
 * `migguard review`: neither new nor deleted, nothing in them is linted again, one note for the move. A move that
 * also edits the text is still read as a migration new to its folder.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const timestamps =
  "class AddAppealTimestamps < ActiveRecord::Migration[5.1]\n  def change\n    add_column :appeals, :appeal_created_at, :datetime, null: false\n    add_column :appeals, :appeal_updated_at, :datetime, null: false\n  end\nend\n";
const statusSort = "class AddAppealStatusSort < ActiveRecord::Migration[5.1]\n  def change\n    add_column :appeals, :decision_status_sort_key, :integer, null: false\n  end\nend\n";
const createAppeals = "class CreateEtlAppeals < ActiveRecord::Migration[5.1]\n  def change\n    create_table :appeals do |t|\n      t.string :docket_number\n    end\n  end\nend\n";
const old = {
  "db/etl/migrate/20191111164808_create_etl_appeals.rb": createAppeals,
  "db/etl/migrate/20191126203511_add_appeal_timestamps.rb": timestamps,
  "db/etl/migrate/20191209162326_add_appeal_status_sort.rb": statusSort,
};

function moved() {
  const repo = featureBranchOn({ "README.md": "# etl\n", ...old });
  repo.git("mv", "db/etl/migrate", "db/etl_migrate");
  return repo;
}

describe("migrations moved unchanged to another folder", () => {
  it("review (caseflow e34da001d7): db/etl/migrate to db/etl_migrate, same names and text: one note for the move, nothing linted, nothing deleted", async () => {
    const repo = moved();
    repo.commit("move the ETL migrations");
    const { exitCode, findings } = await reviewJson(repo);
    expect(findings.map((f) => [f.rule, f.severity, f.path])).toEqual([["renamed-migration", "info", "db/etl_migrate/20191111164808_create_etl_appeals.rb"]]);
    expect(findings[0].message).toContain("3 migrations (20191111164808_create_etl_appeals.rb, 20191126203511_add_appeal_timestamps.rb, 20191209162326_add_appeal_status_sort.rb) moved unchanged from db/etl/migrate to db/etl_migrate");
    expect(exitCode).toBe(0);
  });

  it("review: a move that also edits one migration's text: that one is reviewed as new to its folder, the others stay quiet", async () => {
    const repo = moved();
    repo.write({ "db/etl_migrate/20191209162326_add_appeal_status_sort.rb": statusSort.replace(":integer, null: false", ":integer, null: false, comment: \"sort key\"") }).commit("move and edit");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "required-column-without-default").map((f) => f.path)).toEqual(["db/etl_migrate/20191209162326_add_appeal_status_sort.rb"]);
    expect(findings.filter((f) => f.rule === "renamed-migration").map((f) => f.message)).toEqual([expect.stringContaining("2 migrations (")]);
  });
});
