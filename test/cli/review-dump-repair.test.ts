/**
 * `migguard review` of a hand edit that brings db/schema.rb back to what the migrations define (book-secure-move-api
 * b6078f9319): a Ruby 3 dump of CreateVersions' `t.string :item_type, {:null=>false}` had a column named
 * `{:null=>false}` and item_type nullable; the edit removes that column and restores NOT NULL. A note naming the
 * column and the migration that defines it, never "revert the dump". An edit that goes against the migrations keeps
 * the warning; one that also repairs a column does not tell to revert it whole.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const schema = (columns: string[]) =>
  `ActiveRecord::Schema[7.0].define(version: 2024_05_02_112955) do\n  create_table "versions", force: :cascade do |t|\n${columns.map((c) => `    ${c}\n`).join("")}  end\nend\n`;
const TAIL = ['t.uuid "item_id", null: false', 't.string "event", null: false'];
const RUBY3_DUMP = schema(['t.string "item_type"', 't.string "{:null=>false}"', ...TAIL]);
const CREATE_VERSIONS =
  "class CreateVersions < ActiveRecord::Migration[5.2]\n  def change\n    create_table :versions do |t|\n      t.string   :item_type, {:null=>false}\n      t.uuid     :item_id,   null: false\n      t.string   :event,     null: false\n    end\n  end\nend\n";

const pullRequest = (dump: string, createVersions = CREATE_VERSIONS) =>
  featureBranchOn({ "db/migrate/20200203145050_create_versions.rb": createVersions, "db/schema.rb": RUBY3_DUMP }).write({ "db/schema.rb": dump }).commit("Remove column `{:null=>false}` from schema");

describe("review: a dump edited back to what the migrations define", () => {
  it("the bogus column removed and item_type NOT NULL again: a note naming the column and CreateVersions", async () => {
    const { findings } = await reviewJson(pullRequest(schema(['t.string "item_type", null: false', ...TAIL]).replace("Schema[7.0]", "Schema[7.1]")));
    const dump = findings.filter((f) => f.rule === "schema-dump-without-migration");
    expect(dump.map((f) => f.severity)).toEqual(["info"]);
    expect(dump[0].message).toContain("makes versions.item_type NOT NULL again, as db/migrate/20200203145050_create_versions.rb defines it, and removes versions.{:null=>false}, which no migration builds");
    expect(dump[0].fix).not.toContain("git checkout");
  });

  it("item_type made NOT NULL where CreateVersions leaves it nullable: the warning stays", async () => {
    const nullable = CREATE_VERSIONS.replace("t.string   :item_type, {:null=>false}", "t.string   :item_type");
    const { findings } = await reviewJson(pullRequest(schema(['t.string "item_type", null: false', ...TAIL]), nullable));
    expect(findings.filter((f) => f.rule === "schema-dump-without-migration").map((f) => f.severity)).toEqual(["warning"]);
  });

  it("the repair beside a column no migration adds: the warning stays, its fix does not revert the repair", async () => {
    const { findings } = await reviewJson(pullRequest(schema(['t.string "item_type", null: false', ...TAIL, 't.string "whodunnit"'])));
    const dump = findings.filter((f) => f.rule === "schema-dump-without-migration");
    expect(dump.map((f) => f.severity)).toEqual(["warning"]);
    expect(dump[0].fix).not.toContain("git checkout");
    expect(dump[0].fix).toContain("Do not revert the whole edit: its change to versions.item_type brings the dump back to what the migrations define");
  });
});
