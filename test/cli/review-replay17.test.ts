/**
 * The false alarms the seventeenth independent replay (hackclub/hackatime) found, each rebuilt in a small git
 * repository and reviewed through `migguard review`.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const migration = (name: string, body: string) => `class ${name} < ActiveRecord::Migration[8.1]\n${body}\nend\n`;
const schema = (version: string) => `ActiveRecord::Schema[8.1].define(version: ${version}) do\n  create_table "users", force: :cascade do |t|\n    t.string "email"\n  end\nend\n`;

describe("review: the seventeenth replay's false alarms (hackatime)", () => {
  it("schema.rb whose only change is a version newer than every migration (cb04bb0677): one warning, schema-dump-version's", async () => {
    const repo = featureBranchOn({
      "db/migrate/20240101000000_create_users.rb": migration("CreateUsers", "  def change\n    create_table :users do |t|\n      t.string :email\n    end\n  end"),
      "db/schema.rb": schema("2024_01_01_000000"),
    });
    repo.write({ "db/schema.rb": schema("2024_04_27_120404") }).commit("stray dump");
    const { findings } = await reviewJson(repo);
    const dump = findings.filter((f) => f.path === "db/schema.rb" && f.severity !== "info");
    expect(dump.map((f) => f.rule)).toEqual(["schema-dump-version"]);
  });
});
