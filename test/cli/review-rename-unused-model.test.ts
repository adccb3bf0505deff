/**
 * rename-table in `migguard review` (README: Rails): when the old table's model on the base branch has no caller, no
 * association and no query in the base branch's code (publish-teacher-training's RecentSearch, written ahead of its
 * feature), the running servers never query the table and the rename is a note that says so. It stays an error when
 * the base branch's code uses the model, also in a file the change edits (read as the base branch has it).
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const APPLICATION = "module Publish\n  class Application < Rails::Application\n    config.active_record.pluralize_table_names = false\n  end\nend\n";
const CREATE = "class CreateRecentSearch < ActiveRecord::Migration[8.0]\n  def change\n    create_table :recent_search do |t|\n      t.bigint :candidate_id\n    end\n  end\nend\n";
const RENAME = "class RenameRecentSearch < ActiveRecord::Migration[8.0]\n  def change\n    rename_table :recent_search, :candidate_recent_search\n  end\nend\n";
const BASE = {
  "config/application.rb": APPLICATION,
  "db/migrate/20240101000000_create_recent_search.rb": CREATE,
  "app/models/recent_search.rb": "class RecentSearch < ApplicationRecord\nend\n",
  "app/models/candidate.rb": "class Candidate < ApplicationRecord\n  has_many :saved_courses\nend\n",
  "app/controllers/searches_controller.rb": "class SearchesController < ApplicationController\n  def index\n    @courses = Course.all\n  end\nend\n",
};

/** The change: the model moved under Candidate with the rename, as publish-teacher-training's f23a825c36 did. */
function renamed(base: Record<string, string>, more: Record<string, string> = {}) {
  const repository = featureBranchOn(base);
  repository.remove("app/models/recent_search.rb");
  repository
    .write({
      "app/models/candidate/recent_search.rb": 'class Candidate::RecentSearch < ApplicationRecord\n  self.table_name = "candidate_recent_search"\nend\n',
      "db/migrate/20260227102121_rename_recent_search.rb": RENAME,
      ...more,
    })
    .commit("rename");
  return repository;
}

const renameFinding = async (repository: ReturnType<typeof featureBranchOn>) => (await reviewJson(repository)).findings.find((f) => f.rule === "rename-table");

describe("rename-table of a table whose model nothing uses on the base branch", () => {
  it("is a note that names the model and what was searched", async () => {
    const finding = await renameFinding(renamed(BASE));
    expect(finding?.severity).toBe("info");
    expect(finding?.message).toContain("breaks no running code: on the base branch, which the servers run until the deploy, RecentSearch (app/models/recent_search.rb) maps recent_search");
    expect(finding?.fix).toContain("CREATE VIEW recent_search AS SELECT * FROM candidate_recent_search");
  });

  it("stays an error when base code calls the class", async () => {
    const finding = await renameFinding(renamed({ ...BASE, "app/services/recent_searches.rb": "class RecentSearches\n  def self.for(candidate)\n    RecentSearch.where(candidate_id: candidate.id)\n  end\nend\n" }));
    expect(finding?.severity).toBe("error");
  });

  it("stays an error when a base model has an association to it", async () => {
    const finding = await renameFinding(renamed({ ...BASE, "app/models/candidate.rb": "class Candidate < ApplicationRecord\n  has_many :recent_searches\nend\n" }));
    expect(finding?.severity).toBe("error");
  });

  it("reads the base version of code the change edits: a caller the change adds under the new name runs only after the deploy, a note", async () => {
    const finding = await renameFinding(renamed(BASE, { "app/controllers/searches_controller.rb": "class SearchesController < ApplicationController\n  def index\n    @courses = Course.all\n    @searches = current_candidate.candidate_recent_searches\n  end\nend\n" }));
    expect(finding?.severity).toBe("info");
  });

  it("stays an error when the base version of code the change edits calls the class (a caller it moved to the new name)", async () => {
    const calling = { ...BASE, "app/controllers/searches_controller.rb": "class SearchesController < ApplicationController\n  def index\n    @searches = RecentSearch.where(candidate_id: params[:id])\n  end\nend\n" };
    const finding = await renameFinding(renamed(calling, { "app/controllers/searches_controller.rb": "class SearchesController < ApplicationController\n  def index\n    @searches = current_candidate.candidate_recent_searches\n  end\nend\n" }));
    expect(finding?.severity).toBe("error");
  });
});
