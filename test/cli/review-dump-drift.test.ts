/**
 * `migguard review` of a pull request that adds a migration AND changes db/schema.rb beyond it (book-secure-move-api
 * 9065d983, #2240): AddExtraditionCapableToLocations adds locations.extradition_capable, and the dump, written from a
 * database migrated under Ruby 3, also adds a column named `{:null=>false}` (Ruby 3 read CreateVersions'
 * `t.string :item_type, {:null=>false}` as two names) and drops NOT NULL from versions.item_type. The migration
 * explains one hunk only: the others are drift, named with their lines. A dump that changes exactly as its
 * migration does is not.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const schema = (version: string, locations: string[], versions: string[]) =>
  `ActiveRecord::Schema[7.0].define(version: ${version}) do\n  create_table "locations", id: :uuid, force: :cascade do |t|\n${locations.map((c) => `    ${c}\n`).join("")}  end\n\n  create_table "versions", force: :cascade do |t|\n${versions.map((c) => `    ${c}\n`).join("")}  end\nend\n`;
const LOCATIONS = ['t.string "key", null: false'];
const TAIL = ['t.uuid "item_id", null: false', 't.string "event", null: false'];
const migration = (name: string, body: string) => `class ${name} < ActiveRecord::Migration[7.0]\n  def change\n    ${body}\n  end\nend\n`;
const BASE = {
  "db/migrate/20200203145050_create_versions.rb":
    "class CreateVersions < ActiveRecord::Migration[5.2]\n  def change\n    create_table :versions do |t|\n      t.string   :item_type, {:null=>false}\n      t.uuid     :item_id,   null: false\n      t.string   :event,     null: false\n    end\n  end\nend\n",
  "db/migrate/20200301000000_create_locations.rb": migration("CreateLocations", "create_table :locations, id: :uuid do |t|\n      t.string :key, null: false\n    end"),
  "db/schema.rb": schema("2020_03_01_000000", LOCATIONS, ['t.string "item_type", null: false', ...TAIL]),
};
const ADD_EXTRADITION = { "db/migrate/20240430143853_add_extradition_capable_to_locations.rb": migration("AddExtraditionCapableToLocations", "add_column :locations, :extradition_capable, :boolean") };

const pullRequest = (versions: string[]) =>
  featureBranchOn(BASE)
    .write({ ...ADD_EXTRADITION, "db/schema.rb": schema("2024_04_30_143853", [...LOCATIONS, 't.boolean "extradition_capable"'], versions) })
    .commit("Add extradition_capable flag to Locations");

describe("review: a dump that changes with its migration, and beyond it", () => {
  it("the Ruby 3 dump's bogus column and item_type's lost NOT NULL: a warning naming both, their lines, and the dump to write again", async () => {
    const { findings } = await reviewJson(pullRequest(['t.string "item_type"', 't.string "{:null=>false}"', ...TAIL]));
    const dump = findings.filter((f) => f.rule === "schema-dump-without-migration");
    expect(dump.map((f) => [f.severity, f.line])).toEqual([["warning", 8]]);
    expect(dump[0].message).toContain("it drops NOT NULL from versions.item_type and adds column versions.{:null=>false}");
    expect(dump[0].message).toContain("db/migrate/20240430143853_add_extradition_capable_to_locations.rb");
    expect(dump[0].fix).toContain("bin/rails db:schema:dump");
    expect(dump[0].fix).toContain("lines 8, 9 of db/schema.rb");
  });

  it("the dump changes exactly as its migration does: nothing", async () => {
    const { findings } = await reviewJson(pullRequest(['t.string "item_type", null: false', ...TAIL]));
    expect(findings.filter((f) => f.rule === "schema-dump-without-migration")).toEqual([]);
  });
});
