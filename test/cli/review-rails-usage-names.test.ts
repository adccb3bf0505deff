/**
 * The twentieth replay's Rails false alarms of dropped-object-still-used (zooniverse/panoptes) through `migguard
 * review`: names that cannot refer to the dropped table or column are no use of it.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const base = (files: Record<string, string>) => ({
  Gemfile: 'source "https://rubygems.org"\ngem "rails", "~> 7.0"\ngem "pg"\n',
  "config/database.yml": "production:\n  adapter: postgresql\n",
  "db/migrate/20250101000000_create_tables.rb": "class CreateTables < ActiveRecord::Migration[7.0]\n  def change\n    create_table :subjects\n    create_table :subject_groups\n  end\nend\n",
  "app/models/application_record.rb": "class ApplicationRecord < ActiveRecord::Base\n  primary_abstract_class\nend\n",
  "app/models/subject.rb": "class Subject < ApplicationRecord\nend\n",
  ...files,
});
const dropSubjectGroups = {
  "db/migrate/20260122212801_drop_subject_groups.rb": "class DropSubjectGroups < ActiveRecord::Migration[7.0]\n  def change\n    drop_table :subject_groups, if_exists: true\n  end\nend\n",
};
const uses = async (files: Record<string, string>, drop: Record<string, string>) => {
  const repo = featureBranchOn(base(files));
  repo.write(drop).commit("drop");
  return (await reviewJson(repo)).findings.filter((f) => f.rule === "dropped-object-still-used" && f.severity !== "info");
};

describe("twentieth replay: panoptes' names that are not the dropped object", () => {
  it("a plain Ruby class of the dropped table's model name (panoptes' in-memory SubjectGroup) is no use; an Active Record one is", async () => {
    const subjectGroup = (superclass: string) => ({
      "app/models/subject_group.rb": `class SubjectGroup${superclass}\n  def self.from_member_subjects(subjects)\n    new(subjects.map(&:id))\n  end\nend\n`,
      "app/controllers/subjects_controller.rb": "class SubjectsController < ApplicationController\n  def grouped\n    render json: SubjectGroup.from_member_subjects(Subject.where(id: params[:ids]))\n  end\nend\n",
    });
    expect(await uses(subjectGroup(""), dropSubjectGroups)).toEqual([]);
    expect((await uses(subjectGroup(" < ApplicationRecord"), dropSubjectGroups)).map((f) => f.message)).toEqual([expect.stringContaining("app/controllers/subjects_controller.rb:3")]);
  });

  it("the dropped table's name as a local, a route's controller, a header and prose (panoptes' authorizations) is no use; an association and SQL on it are", async () => {
    const drop = { "db/migrate/20250326191749_drop_authorizations_table.rb": "class DropAuthorizationsTable < ActiveRecord::Migration[7.0]\n  def up\n    drop_table :authorizations, if_exists: true\n  end\nend\n" };
    const words = {
      "app/services/talk_api_client.rb": 'class TalkApiClient\n  def request(req, token)\n    req.headers["Authorization"] = "Bearer #{token}"\n  end\n\n  def grouped(authorizations)\n    authorizations.size\n  end\nend\n',
      "config/routes.rb": "Rails.application.routes.draw do\n  use_doorkeeper do\n    controllers authorizations: 'authorizations'\n  end\nend\n",
      "app/controllers/errors_controller.rb": "class ErrorsController < ApplicationController\n  def show = render(plain: 'No authorizations given')\nend\n",
    };
    expect(await uses(words, drop)).toEqual([]);
    const reached = { ...words, "app/models/user.rb": "class User < ApplicationRecord\n  has_many :authorizations\nend\n", "app/services/purge.rb": 'class Purge\n  def call = ActiveRecord::Base.connection.execute("DELETE FROM authorizations")\nend\n' };
    expect((await uses(reached, drop)).map((f) => f.message)).toEqual([expect.stringContaining("app/models/user.rb:2, app/services/purge.rb:2.")]);
  });

  it("dropped columns named in prose, in SQL on other tables, through another table's association, on another model's record or by a plain class's own macros (panoptes' aggregations.subject_id) are no use, not even a note", async () => {
    const drop = { "db/migrate/20240304201959_refactor_aggregation_model.rb": "class RefactorAggregationModel < ActiveRecord::Migration[7.0]\n  def change\n    remove_column :aggregations, :subject_id, :integer\n    remove_column :aggregations, :aggregation, :jsonb\n  end\nend\n" };
    const code = {
      "app/models/aggregation.rb": "class Aggregation < ApplicationRecord\n  belongs_to :workflow\nend\n",
      "app/models/set_member_subject.rb": "class SetMemberSubject < ApplicationRecord\n  belongs_to :subject\nend\n",
      "app/models/gold_standard_annotation.rb": "class GoldStandardAnnotation < ApplicationRecord\n  belongs_to :subject\nend\n",
      "app/controllers/aggregations_controller.rb": "class AggregationsController < ApplicationController\n  def unavailable = render(plain: 'The aggregation service is unavailable or not responding')\nend\n",
      "app/controllers/subject_sets_controller.rb": "class SubjectSetsController < ApplicationController\n  def unlink(resource, ids)\n    resource.set_member_subjects.where(subject_id: ids).delete_all\n  end\nend\n",
      "app/workers/counter_worker.rb": 'class CounterWorker\n  def count\n    ActiveRecord::Base.connection.select_all(<<~SQL)\n      SELECT count(*) FROM subject_workflow_counts swc\n      INNER JOIN classification_subjects cs ON cs.subject_id = swc.subject_id\n    SQL\n  end\nend\n',
      "lib/subjects/remover.rb": "module Subjects\n  class Remover\n    attr_reader :subject_id\n\n    def initialize(subject_id)\n      @subject_id = subject_id\n    end\n\n    def focus = { focus_id: subject_id }\n  end\nend\n",
      "lib/tasks/migrate.rake": "task migrate: :environment do\n  GoldStandardAnnotation.create!(project_id: 1) do |gsa|\n    gsa.subject_id = 2\n  end\nend\n",
    };
    const repo = featureBranchOn(base(code));
    repo.write(drop).commit("drop");
    expect((await reviewJson(repo)).findings.filter((f) => f.rule === "dropped-object-still-used")).toEqual([]);
    const reading = { ...code, "app/services/aggregated.rb": "class Aggregated\n  def call(ids) = Aggregation.where(subject_id: ids).pluck(:aggregation)\nend\n" };
    expect((await uses(reading, drop)).map((f) => [f.line, f.severity])).toEqual([[3, "error"], [4, "error"]]);
  });

  it("a reference column's association in a query on the model is a use (itt-mentor-services' claim_window:); the job's own parameter, reader and instance variable of the column's name are not", async () => {
    const drop = { "db/migrate/20250821125922_remove_claim_window_from_eligibility.rb": "class RemoveClaimWindowFromEligibility < ActiveRecord::Migration[7.0]\n  def change\n    remove_column :subjects, :claim_window_id, :uuid\n  end\nend\n" };
    const job = (call: string) => ({
      "app/jobs/onboard_job.rb": `class OnboardJob < ApplicationJob\n  def perform(claim_window_id: nil)\n    @claim_window_id = claim_window_id\n    ${call}\n  end\n\n  private\n\n  attr_reader :claim_window_id\n\n  def claim_window = ClaimWindow.find(claim_window_id)\nend\n`,
    });
    expect(await uses(job("Subject.find_or_create_by!(claim_window:)"), drop)).toEqual([expect.objectContaining({ severity: "error", message: expect.stringContaining("still uses claim_window (the association of claim_window_id): app/jobs/onboard_job.rb:4.") })]);
    expect(await uses(job("Subject.find_or_create_by!(name: claim_window.name)"), drop)).toEqual([]);
  });
});
