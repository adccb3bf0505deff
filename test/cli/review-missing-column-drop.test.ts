/**
 * A drop of a column its table never had, through `migguard review` (alphagov/govuk-chat 0e746f0b60: remove_column
 * of `success` on tables created without one, while the models name an enum value `success`): one error, that the
 * migration fails, and none of the data-loss findings or fixes built around the column (a backup, ignored_columns,
 * "code still uses success"). With a history that does not prove the columns, the drop rules speak as before.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const createRuns = `class AddAnswerAnalysisCoherenceTables < ActiveRecord::Migration[8.0]
  def change
    create_table :answer_analysis_coherence_runs, id: :uuid do |t|
      t.decimal :score, null: false
      t.string :reason, null: false
      t.timestamps
    end
  end
end
`;
/** the model before the change, and as the change gives it an enum whose value is `success` */
const baseModel = `module AnswerAnalysis\n  class CoherenceRun < ApplicationRecord\n    self.table_name = "answer_analysis_coherence_runs"\n  end\nend\n`;
const model = `module AnswerAnalysis
  class CoherenceRun < ApplicationRecord
    self.table_name = "answer_analysis_coherence_runs"
    belongs_to :answer

    enum :status, { success: "success", failure: "failure", error: "error" }
  end
end
`;
const amend = `class AmendAnswerAnalysisRunTables < ActiveRecord::Migration[8.0]
  def change
    create_enum :answer_analysis_run_status, %w[success failure error]
    add_column :answer_analysis_coherence_runs, :status, :answer_analysis_run_status, null: false, default: "success"
    remove_column :answer_analysis_coherence_runs, :success, :boolean, null: false, default: true
  end
end
`;
const DROP_RULES = ["drop-column", "remove-column-in-change", "remove-column-without-ignored-columns", "dropped-object-still-used"];

describe("review: remove_column of a column the table never had (govuk-chat 0e746f0b60)", () => {
  it("the table created by a migration without it: drop-missing-column's error, no data-loss finding", async () => {
    const repo = featureBranchOn({ "db/migrate/20260107102203_add_answer_analysis_coherence_tables.rb": createRuns, "app/models/answer_analysis/coherence_run.rb": baseModel });
    repo.write({ "db/migrate/20260303123938_amend_answer_analysis_run_tables.rb": amend, "app/models/answer_analysis/coherence_run.rb": model }).commit("amend");
    const { findings } = await reviewJson(repo);
    const missing = findings.filter((f) => f.rule === "drop-missing-column");
    expect(missing.map((f) => [f.line, f.severity])).toEqual([[5, "error"]]);
    expect(missing[0].message).toContain("Column answer_analysis_coherence_runs.success does not exist when this runs");
    expect(findings.filter((f) => DROP_RULES.includes(f.rule))).toEqual([]);
  });

  it("an earlier migration's SQL on the table may have added it: no proof, the drop rules as before", async () => {
    const repo = featureBranchOn({
      "db/migrate/20260107102203_add_answer_analysis_coherence_tables.rb": createRuns,
      "db/migrate/20260201000000_add_success.rb": 'class AddSuccess < ActiveRecord::Migration[8.0]\n  def up\n    execute "ALTER TABLE answer_analysis_coherence_runs ADD COLUMN success boolean DEFAULT true NOT NULL"\n  end\nend\n',
      "app/models/answer_analysis/coherence_run.rb": baseModel,
    });
    repo.write({ "db/migrate/20260303123938_amend_answer_analysis_run_tables.rb": amend, "app/models/answer_analysis/coherence_run.rb": model }).commit("amend");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "drop-missing-column")).toEqual([]);
    // the drop rules as before: remove-column-in-change folds into the ignored-columns error of the same line
    expect(findings.some((f) => f.rule === "remove-column-without-ignored-columns")).toBe(true);
    expect(findings.some((f) => f.rule === "dropped-object-still-used")).toBe(true);
  });
});

const amendPath = "db/migrate/20260303123938_amend_answer_analysis_run_tables.rb";
const repaired = amend.replace(/^ {4}remove_column .*\n/m, "");

describe("review: an edit that takes such a drop out of a merged migration (govuk-chat c5492165c1)", () => {
  it("the base version failed on every database the migrations built: a note that none ran it, no revert", async () => {
    const repo = featureBranchOn({ "db/migrate/20260107102203_add_answer_analysis_coherence_tables.rb": createRuns, [amendPath]: amend });
    repo.write({ [amendPath]: repaired }).commit("repair");
    const { exitCode, findings } = await reviewJson(repo);
    const edited = findings.filter((f) => f.rule === "edited-migration");
    expect(edited.map((f) => [f.path, f.severity])).toEqual([[amendPath, "info"]]);
    expect(edited[0].message).toContain("so none recorded it");
    expect(edited[0].fix).not.toContain("git checkout");
    expect(exitCode).toBe(0);
  });

  it("the table's columns not proven (an earlier migration's SQL on it): the edit stays an error", async () => {
    const repo = featureBranchOn({
      "db/migrate/20260107102203_add_answer_analysis_coherence_tables.rb": createRuns,
      "db/migrate/20260201000000_add_success.rb": 'class AddSuccess < ActiveRecord::Migration[8.0]\n  def up\n    execute "ALTER TABLE answer_analysis_coherence_runs ADD COLUMN success boolean DEFAULT true NOT NULL"\n  end\nend\n',
      [amendPath]: amend,
    });
    repo.write({ [amendPath]: repaired }).commit("repair");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "edited-migration").map((f) => f.severity)).toEqual(["error"]);
  });
});
