/**
 * A merged Rails migration whose data loop reads a local of the method (the ids it found), edited only to wrap the
 * same statements in strong_migrations' safety_assured and re-indent them (codebar/planner's strong_migrations
 * pull request): the loop is the same code as Prism reads it, so the edit is a note. Reviewed through the CLI.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const path = "db/migrate/20260211140256_add_unique_index_to_waiting_lists.rb";
const cleanup = (indent: string, deleted = "ids_to_delete") =>
  [
    "ids = WaitingList.group(:invitation_id).having('COUNT(*) > 1').pluck(:invitation_id)",
    "ids.each do |invitation_id|",
    "  entries = WaitingList",
    "    .where(invitation_id: invitation_id)",
    "    .order(:created_at)",
    "  ids_to_delete = entries[1..].map(&:id)",
    `  WaitingList.where(id: ${deleted}).delete_all`,
    "end",
  ]
    .map((line) => `${indent}${line}\n`)
    .join("");
const migration = (body: string) => `class AddUniqueIndexToWaitingLists < ActiveRecord::Migration[8.1]\n  def up\n${body}  end\n\n  def down\n    remove_index :waiting_lists, :invitation_id\n  end\nend\n`;
const index = (indent: string) => `${indent}remove_index :waiting_lists, :invitation_id\n${indent}add_index :waiting_lists, :invitation_id, unique: true\n`;
const base = {
  "Gemfile": 'source "https://rubygems.org"\ngem "rails"\ngem "strong_migrations"\n',
  "db/migrate/20260101000000_create_waiting_lists.rb":
    "class CreateWaitingLists < ActiveRecord::Migration[8.1]\n  def change\n    create_table :waiting_lists do |t|\n      t.integer :invitation_id\n      t.timestamps\n    end\n    add_index :waiting_lists, :invitation_id\n  end\nend\n",
  "app/models/waiting_list.rb": "class WaitingList < ApplicationRecord\nend\n",
  [path]: migration(`${cleanup("    ")}\n${index("    ")}`),
};

const editedMigration = async (body: string) => {
  const repo = featureBranchOn(base);
  repo.write({ [path]: migration(body) }).commit("edit");
  const { findings } = await reviewJson(repo);
  return findings.filter((f) => f.rule === "edited-migration");
};

describe("a data loop wrapped in safety_assured and re-indented", () => {
  it("is the same operations: a note that names the wrapper", async () => {
    const found = await editedMigration(`    safety_assured do\n${cleanup("      ")}    end\n\n    say_with_time "index" do\n      safety_assured do\n${index("        ")}      end\n    end\n`);
    expect(found.map((f) => f.severity)).toEqual(["info"]);
    expect(found[0].message).toContain("safety_assured");
  });

  it("the loop deleting other rows, wrapped the same way, is still an edit of its data code", async () => {
    const found = await editedMigration(`    safety_assured do\n${cleanup("      ", "entries.map(&:id)")}    end\n\n${index("    ")}`);
    expect(found).toHaveLength(1);
    expect(found[0].severity).not.toBe("info");
    expect(found[0].message).toContain("data code");
  });
});
