/**
 * `migguard review` of a change whose migrations the base branch's db/schema.rb already describes: an earlier
 * change committed a dump from a database that had run them (book-secure-move-api #2202, 5b33b6f469), so #2206
 * (8f968c2adf) adds them without touching the dump. The dump records the newest one's version and shows what each
 * does (issue #19): nothing to update. A dump at that version without one of their changes keeps the warning.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const migration = (name: string, body: string) => `class ${name} < ActiveRecord::Migration[7.0]\n  def change\n    ${body}\n  end\nend\n`;
const schema = (version: string, columns: string[]) =>
  `ActiveRecord::Schema[7.0].define(version: ${version}) do\n  create_table "lodgings", force: :cascade do |t|\n${columns.map((c) => `    ${c}\n`).join("")}  end\nend\n`;
const COLUMNS = ['t.uuid "move_id", null: false', 't.string "start_date"'];
const UNIQUE_INDEX = 't.index ["start_date", "move_id"], name: "index_lodgings_on_start_date_and_move_id", unique: true';
const STATUS = 't.string "status", default: "proposed", null: false';

const pullRequest = (dumped: string[]) => {
  const repo = featureBranchOn({
    "db/migrate/20230701000000_create_lodgings.rb": migration(
      "CreateLodgings",
      "create_table :lodgings do |t|\n      t.uuid :move_id, null: false\n      t.string :start_date\n    end\n    add_index :lodgings, [:start_date, :move_id], unique: true",
    ),
    "db/schema.rb": schema("2024_01_18_133654", dumped),
  });
  return repo
    .write({
      "db/migrate/20240115123450_add_status_to_lodgings.rb": migration("AddStatusToLodgings", "add_column :lodgings, :status, :string, null: false, default: 'proposed'"),
      "db/migrate/20240118090915_remove_unique_index_from_lodgings.rb": migration("RemoveUniqueIndexFromLodgings", "remove_index :lodgings, 'start_date_and_move_id'"),
      "db/migrate/20240118133654_replace_move_overnight_lodge_with_lodge_create.rb": migration(
        "ReplaceMoveOvernightLodgeWithLodgeCreate",
        "GenericEvent.where(type: 'GenericEvent::MoveOvernightLodge').update_all(type: 'GenericEvent::LodgingCreate')",
      ),
    })
    .commit("[MAP-339] Cancel lodging functionality");
};

describe("review: migrations the base branch's dump already describes", () => {
  it("db/schema.rb at the newest one's version, with the column added and the index gone: no schema-dump-not-updated", async () => {
    const { findings } = await reviewJson(pullRequest([...COLUMNS, STATUS]));
    expect(findings.filter((f) => f.rule === "schema-dump-not-updated")).toEqual([]);
  });

  it("db/schema.rb at that version but still with the index one drops: the warning names that migration", async () => {
    const { findings } = await reviewJson(pullRequest([...COLUMNS, STATUS, UNIQUE_INDEX]));
    const dump = findings.filter((f) => f.rule === "schema-dump-not-updated");
    expect(dump.map((f) => [f.severity, f.path])).toEqual([["warning", "db/migrate/20240118090915_remove_unique_index_from_lodgings.rb"]]);
  });
});
