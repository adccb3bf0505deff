/**
 * `migguard lint` of a Rails drop_table whose name a later migration gives to another table by a rename
 * (content-publisher's delete_pre_versioning_tables, then remove_versioned_prefix_from_tables): the renamed table
 * stood beside the dropped one, a replacement, not the dropped table coming back. What names the name today reads the
 * replacement, so the drop is judged on its own: a warning that it looks superseded, never the claim that code could
 * only have used it between the two migrations; and when nothing of today's code names it at all, the planned removal.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { path: string; line: number; rule: string; severity: string; message: string; fix: string };

const migration = (name: string, body: string) => `class ${name} < ActiveRecord::Migration[5.2]\n  def change\n${body}  end\nend\n`;
const MIGRATIONS = {
  "db/migrate/20181101000000_create_timeline_entries.rb": migration("CreateTimelineEntries", "    create_table :timeline_entries do |t|\n      t.string :entry_type\n    end\n"),
  "db/migrate/20190108111128_create_versioned_timeline_entry.rb": migration("CreateVersionedTimelineEntry", "    create_table :versioned_timeline_entries do |t|\n      t.string :entry_type\n    end\n"),
  "db/migrate/20190122104549_delete_pre_versioning_tables.rb": migration("DeletePreVersioningTables", "    drop_table :timeline_entries # rubocop:disable Rails/ReversibleMigration\n"),
  "db/migrate/20190123140850_remove_versioned_prefix_from_tables.rb": migration("RemoveVersionedPrefixFromTables", "    rename_table :versioned_timeline_entries, :timeline_entries\n"),
};
const CONTROLLER = { "app/controllers/documents_controller.rb": "class DocumentsController < ApplicationController\n  def show\n    @document = Document.find(params[:id])\n  end\nend\n" };

async function drops(files: Record<string, string>): Promise<Finding[]> {
  const { output } = await run(["lint", "--format", "json", "."], { cwd: fileTree(files, "migguard-superseded-drop-") });
  return (JSON.parse(output) as { findings: Finding[] }).findings.filter((f) => f.rule === "drop-table");
}

describe("lint: a Rails drop_table whose name a later rename gives to the table built beside it", () => {
  it("today's model of the name maps the replacement: a warning that the drop looks superseded, with the copy-then-drop fix", async () => {
    const [finding, ...rest] = await drops({
      ...MIGRATIONS,
      ...CONTROLLER,
      "app/models/document.rb": "class Document < ApplicationRecord\n  has_many :timeline_entries\nend\n",
      "app/models/timeline_entry.rb": "class TimelineEntry < ApplicationRecord\n  belongs_to :document\nend\n",
    });
    expect(rest).toEqual([]);
    expect(`${finding.path}:${finding.line} ${finding.severity}`).toBe("db/migrate/20190122104549_delete_pre_versioning_tables.rb:3 warning");
    expect(finding.message).toContain(
      "It looks superseded: versioned_timeline_entries, created by db/migrate/20190108111128_create_versioned_timeline_entry.rb, stands beside it when this runs and takes its name later",
    );
    expect(finding.message).toContain("(the TimelineEntry model, app/models/timeline_entry.rb) reads that table, not this one");
    expect(finding.message).not.toContain("between the two migrations");
    expect(finding.fix).toContain('execute "CREATE TABLE timeline_entries_backup_20190122104549 AS TABLE timeline_entries"\ndrop_table :timeline_entries');
  });

  it("nothing of today's code names timeline_entries: judged on its own, the planned removal's note", async () => {
    const [finding, ...rest] = await drops({ ...MIGRATIONS, ...CONTROLLER, "app/models/document.rb": "class Document < ApplicationRecord\nend\n" });
    expect(rest).toEqual([]);
    expect(finding.severity).toBe("info");
    expect(finding.message).toContain("It is the planned last step of a two-step removal (no model of the application maps to timeline_entries");
  });
});
