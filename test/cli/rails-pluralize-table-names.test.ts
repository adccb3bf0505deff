/**
 * `config.active_record.pluralize_table_names = false` (README: Rails): Active Record then names Course's table course.
 * Through `migguard lint`, the ignored_columns step of a fix names Course for course instead of saying no model maps
 * it, and a migration's `Course.update_all` writes course; through `migguard review`, remove-column-without-ignored-columns finds Course for a column dropped from course,
 * and tells the `change`'s empty rollback in the same finding (one finding on the line, not remove-column-in-change's too).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const APPLICATION = `module Publish
  class Application < Rails::Application
    config.load_defaults 8.0
    config.active_record.pluralize_table_names = false
  end
end
`;
const CREATE_COURSE = "class CreateCourse < ActiveRecord::Migration[8.0]\n  def change\n    create_table :course do |t|\n      t.string :name\n      t.string :modular\n    end\n  end\nend\n";
const REMOVE_MODULAR = "class RemoveModularFromCourse < ActiveRecord::Migration[8.0]\n  def change\n    remove_column :course, :modular, :string\n  end\nend\n";
const COURSE = "class Course < ApplicationRecord\n  after_initialize :set_defaults\n\n  def set_defaults\n    self.modular ||= \"\"\n  end\nend\n";

type Finding = { rule: string; severity: string; message: string; fix?: string; line: number };

function folder(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "migguard-pluralize-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe("Rails pluralize_table_names = false", () => {
  it("lint: the fix's ignored_columns step reopens Course for the course table", async () => {
    const cwd = folder({
      "config/application.rb": APPLICATION,
      "app/models/course.rb": COURSE,
      "db/migrate/20240101000000_create_course.rb": CREATE_COURSE,
      "db/migrate/20260217110546_remove_modular_from_course.rb": REMOVE_MODULAR,
    });
    const { findings } = JSON.parse((await run(["lint", "--format", "json", "db/migrate/20260217110546_remove_modular_from_course.rb"], { cwd })).output) as { findings: Finding[] };
    const fixes = findings.filter((f) => f.rule.startsWith("remove-column")).map((f) => f.fix!);
    expect(fixes.length).toBeGreaterThan(0);
    for (const fix of fixes) {
      expect(fix).toContain('# in app/models/course.rb:\nclass Course < ApplicationRecord\n  self.ignored_columns += ["modular"]\nend');
      expect(fix).not.toContain("no model in app/models maps");
    }
  });

  it("lint: a migration's data code on Course works on course (the adapter names the model's table with the project's naming)", async () => {
    const cwd = folder({
      "config/application.rb": APPLICATION,
      "app/models/course.rb": "class Course < ApplicationRecord\nend\n",
      "db/migrate/20240101000000_create_course.rb": CREATE_COURSE,
      "db/migrate/20250101000000_add_level_to_course.rb": "class AddLevelToCourse < ActiveRecord::Migration[8.0]\n  def change\n    add_column :course, :level, :string\n    Course.update_all(level: \"secondary\")\n  end\nend\n",
    });
    const { findings } = JSON.parse((await run(["lint", "--format", "json", "db/migrate/20250101000000_add_level_to_course.rb"], { cwd })).output) as { findings: Finding[] };
    // the fill of the column line 3 adds to course: under its lock, and a rollback drops what it filled (no rerun to undo)
    expect(findings.find((f) => f.rule === "mixed-ddl-dml")?.message).toContain("runs in the same transaction as the schema change of course on line 3");
    expect(findings.filter((f) => f.rule === "irreversible-migration")).toEqual([]);
  });

  it("review: Course still loads course.modular: one error on the line, which tells the empty rollback too", async () => {
    const repository = featureBranchOn({ "config/application.rb": APPLICATION, "app/models/course.rb": COURSE, "db/migrate/20240101000000_create_course.rb": CREATE_COURSE });
    repository.write({ "db/migrate/20260217110546_remove_modular_from_course.rb": REMOVE_MODULAR }).commit("remove modular");
    const { findings } = await reviewJson(repository);
    // (dropped-object-still-used names set_defaults' use of modular: another hazard, its own finding)
    const onLine = findings.filter((f) => f.line === 3 && f.rule.startsWith("remove-column"));
    expect(onLine.map((f) => f.rule)).toEqual(["remove-column-without-ignored-columns"]);
    expect(onLine[0].message).toContain("app/models/course.rb (Course) does not list modular in ignored_columns");
    expect(onLine[0].message).toContain("Rolling back this `change` also re-adds modular empty");
    expect(onLine[0].fix).toContain("def down\n  add_column :course, :modular, :string");
  });

  it("review: without the setting Course's table is courses: nothing says Course loads course.modular", async () => {
    const repository = featureBranchOn({ "app/models/course.rb": COURSE, "db/migrate/20240101000000_create_course.rb": CREATE_COURSE });
    repository.write({ "db/migrate/20260217110546_remove_modular_from_course.rb": REMOVE_MODULAR }).commit("remove modular");
    const { findings } = await reviewJson(repository);
    expect(findings.filter((f) => f.rule === "remove-column-without-ignored-columns")).toEqual([]);
  });
});
