/**
 * set-not-null's fix of a Rails call that also sets other options, through `migguard lint` (README: Rails): the
 * line it replaces keeps them, without null: (govuk-chat's `t.change :heading_hierarchy, :string, array: true,
 * default: [], null: false` in a change_table block lost its default: [] to the CHECK).
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-set-not-null-options-");

const CREATE = "class CreateChunks < ActiveRecord::Migration[8.0]\n  def change\n    create_table :chunks do |t|\n      t.string :headings, array: true\n    end\n  end\nend\n";

describe("set-not-null's fix keeps the replaced line's other options", () => {
  it.each([
    ["a change_table block's t.change", "    change_table :chunks, bulk: true do |t|\n      t.change :headings, :string, array: true, default: [], null: false\n    end", "t.change :headings, :string, array: true, default: []\n"],
    ["change_column", "    change_column :chunks, :headings, :string, array: true, default: [], null: false", "change_column :chunks, :headings, :string, array: true, default: []\n"],
  ])("%s", async (_name, body, kept) => {
    const cwd = repo({
      "db/migrate/20240101000000_create_chunks.rb": CREATE,
      "db/migrate/20240601000000_default_headings.rb": `class DefaultHeadings < ActiveRecord::Migration[8.0]\n  def up\n${body}\n  end\n\n  def down\n    change_column_null :chunks, :headings, true\n  end\nend\n`,
    });
    const { findings } = JSON.parse((await run(["lint", "--format", "json", "db/migrate"], { cwd })).output) as { findings: Array<{ rule: string; fix: string }> };
    const fix = findings.find((f) => f.rule === "set-not-null")!.fix;
    expect(fix.startsWith(`${kept}add_check_constraint :chunks, "headings IS NOT NULL", name: "chunks_headings_not_null", validate: false\n`)).toBe(true);
  });
});
