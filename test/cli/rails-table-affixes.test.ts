/**
 * The table names Active Record gives models through table_name_prefix and table_name_suffix (README: Rails): a
 * module's `def self.table_name_prefix` / `_suffix`, and `self.table_name_prefix = ` in a base class its models
 * inherit. Through `migguard lint`, a fix that adds ignored_columns names the model of the table instead of saying no
 * model maps it; through `migguard review`, a model in a prefixed module that ignores the dropped column is read as
 * that table's model.
 */
import { run } from "../../src/cli/main.js";
import { featureBranchOn, reviewJson } from "./support/review-repo.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-table-affixes-");

type Finding = { rule: string; severity: string; message: string; fix?: string };
const lint = async (cwd: string) => (JSON.parse((await run(["lint", "--format", "json", "db/migrate"], { cwd })).output) as { findings: Finding[] }).findings;

const removeColor = (table: string) => `class RemoveColor < ActiveRecord::Migration[7.1]\n  def change\n    remove_column :${table}, :color, :string\n  end\nend\n`;

describe("Rails table_name_prefix and table_name_suffix", () => {
  it("lint: a base class's self.table_name_prefix = names its subclasses' tables: the fix reopens Widget for legacy_widgets", async () => {
    const findings = await lint(
      repo({
        "db/migrate/20240201000000_remove_color.rb": removeColor("legacy_widgets"),
        "app/models/legacy_record.rb": 'class LegacyRecord < ApplicationRecord\n  self.abstract_class = true\n  self.table_name_prefix = "legacy_"\nend\n',
        "app/models/widget.rb": "class Widget < LegacyRecord\nend\n",
      }),
    );
    const fix = findings.find((f) => f.rule === "remove-column-in-change")!.fix!;
    expect(fix).toContain('# in app/models/widget.rb:\nclass Widget < LegacyRecord\n  self.ignored_columns += ["color"]\nend');
    expect(fix).not.toContain("no model in app/models maps");
  });

  it("review: a model of a module whose table_name_prefix is not its name, ignoring the dropped column, makes it safe to drop", async () => {
    const repository = featureBranchOn({
      "db/migrate/20240101000000_create_old_widgets.rb": "class CreateOldWidgets < ActiveRecord::Migration[7.1]\n  def change\n    create_table :old_widgets do |t|\n      t.string :color\n    end\n  end\nend\n",
      "app/models/legacy.rb": 'module Legacy\n  def self.table_name_prefix\n    "old_"\n  end\nend\n',
      "app/models/legacy/widget.rb": 'module Legacy\n  class Widget < ApplicationRecord\n    self.ignored_columns += %w[color]\n  end\nend\n',
    });
    repository.write({ "db/migrate/20240201000000_remove_color.rb": removeColor("old_widgets") }).commit("drop");
    const { findings } = await reviewJson(repository);
    expect(findings.filter((f) => f.rule === "dropped-object-still-used")).toEqual([
      expect.objectContaining({ severity: "info", message: expect.stringContaining("safe to drop now: Legacy::Widget lists it in ignored_columns (app/models/legacy/widget.rb:3)") }),
    ]);
  });
});
