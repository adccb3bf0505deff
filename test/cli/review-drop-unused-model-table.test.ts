/**
 * drop-table in `migguard review` (Rails) when the change deletes the table's model with the drop (codebar/planner's
 * "Remove unused MeetingTalk model and table"): the servers run the base branch's model until the deploy, but when no
 * other code of the base branch names the model or its table (its spec aside: no server runs tests), nothing calls it
 * and old servers never query the table. The rows still go: a warning with the backup, not the error. A caller on
 * the base branch keeps the error.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const CREATE = "class CreateMeetingTalks < ActiveRecord::Migration[8.0]\n  def change\n    create_table :meeting_talks do |t|\n      t.string :title\n    end\n  end\nend\n";
const DROP = "class DropMeetingTalks < ActiveRecord::Migration[8.0]\n  def up\n    drop_table :meeting_talks\n  end\n\n  def down\n    create_table :meeting_talks do |t|\n      t.string :title\n    end\n  end\nend\n";
const BASE = {
  "db/migrate/20240101000000_create_meeting_talks.rb": CREATE,
  "app/models/meeting_talk.rb": "class MeetingTalk < ApplicationRecord\n  validates :title, presence: true\nend\n",
  "app/models/meeting.rb": "class Meeting < ApplicationRecord\n  has_many :invitations\nend\n",
  "app/controllers/meetings_controller.rb": "class MeetingsController < ApplicationController\n  def index\n    @meetings = Meeting.all\n  end\nend\n",
  "spec/models/meeting_talk_spec.rb": "RSpec.describe MeetingTalk do\n  it { is_expected.to validate_presence_of(:title) }\nend\n",
};

async function dropFinding(base: Record<string, string>) {
  const repository = featureBranchOn(base);
  repository.remove("app/models/meeting_talk.rb");
  repository.remove("spec/models/meeting_talk_spec.rb");
  repository.write({ "db/migrate/20260621050948_drop_meeting_talks.rb": DROP }).commit("remove unused MeetingTalk");
  return (await reviewJson(repository)).findings.find((f) => f.rule === "drop-table");
}

describe("drop-table of a table whose model the change deletes", () => {
  it("a model nothing called on the base branch: a warning that says why, with the backup", async () => {
    const finding = await dropFinding(BASE);
    expect(finding?.severity).toBe("warning");
    expect(finding?.message).toContain("this change deletes MeetingTalk (app/models/meeting_talk.rb), the model of meeting_talks on the base branch");
    expect(finding?.message).toContain("old servers never query the table");
    expect(finding?.fix).toContain("keep a copy");
  });

  it("a model the base branch's code calls stays an error", async () => {
    const finding = await dropFinding({ ...BASE, "app/controllers/talks_controller.rb": "class TalksController < ApplicationController\n  def index\n    @talks = MeetingTalk.all\n  end\nend\n" });
    expect(finding?.severity).toBe("error");
  });
});
