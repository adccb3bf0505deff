/**
 * A type change whose old type the migrations do not show, through `migguard lint`: varchar/text -> text and a
 * serial made integer change only the catalog, so the finding is a warning that says what the rewrite depends on,
 * and its copy-and-swap fix opens with the condition under which it is needed. With the old type in the history,
 * varchar -> text is no finding at all.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-old-type-");

type Finding = { path: string; rule: string; line: number; severity: string; message: string; fix: string };
const lint = async (cwd: string, folder: string) =>
  (JSON.parse((await run(["lint", "--format", "json", folder], { cwd })).output) as { findings: Finding[] }).findings.filter((f) => f.rule === "column-type-change");

it("a column made integer whose old type no migration shows: a warning that says so, and the swap only if it is not already integer", async () => {
  const cwd = repo({ "migrations/002_identity.sql": "ALTER TABLE events ALTER COLUMN id SET DATA TYPE integer;\n" });
  const [finding] = await lint(cwd, "migrations");
  expect(finding.severity).toBe("warning");
  expect(finding.message).toContain("rewrites the whole table unless it already is integer (the migrations do not show its current type)");
  expect(finding.fix.split("\n")[0]).toBe(
    "-- only if events.id is not already of a type this changes in the catalog alone (the migrations do not show its type; changing a column to integer rewrites the whole table unless it already is integer (the migrations do not show its current type)):",
  );
});

it("Rails varchar -> text: no finding when an earlier migration shows the string column, a conditional swap when none does", async () => {
  const change = "class SetLimitsOnText < ActiveRecord::Migration[4.2]\n  def up\n    change_column :moments, :mood, :text, limit: nil\n  end\n\n  def down\n  end\nend\n";
  const known = repo({
    "db/migrate/20150506005730_create_moments.rb": 'class CreateMoments < ActiveRecord::Migration[4.2]\n  def change\n    create_table "moments" do |t|\n      t.string "mood"\n    end\n  end\nend\n',
    "db/migrate/20160512174202_set_limits_on_text.rb": change,
  });
  expect(await lint(known, "db/migrate")).toEqual([]);
  const unknown = repo({ "db/migrate/20160512174202_set_limits_on_text.rb": change });
  const [finding] = await lint(unknown, "db/migrate");
  expect(finding.severity).toBe("warning");
  expect(finding.fix.split("\n")[0]).toBe(
    "# only if moments.mood is not already of a type this changes in the catalog alone (the migrations do not show its type; no rewrite only when the column is already varchar or text):",
  );
});

it("Rails: the old type from create_table written in an earlier migration's class body, outside any method (ifme's setup_database): varchar -> text and text -> text are no finding", async () => {
  const cwd = repo({
    "db/migrate/20150506005730_setup_database.rb":
      '# encoding: UTF-8\nclass SetupDatabase < ActiveRecord::Migration[4.2]\n  enable_extension "plpgsql"\n\n  create_table "moments", force: true do |t|\n    t.string   "mood"\n    t.text     "strategies"\n  end\n\nend\n',
    "db/migrate/20160512174202_set_limits_on_text.rb":
      "class SetLimitsOnText < ActiveRecord::Migration[4.2]\n  def change\n  \tchange_column :moments, :mood, :text, :limit => nil\n  \tchange_column :moments, :strategies, :text, :limit => nil\n  end\nend\n",
  });
  expect(await lint(cwd, "db/migrate")).toEqual([]);
});
