/**
 * `migguard review` of a change that edits only the schema dump, bringing it in line with a migration the base
 * branch already has (forms-admin 4ce3b3473d: db/schema.rb still listed pages.next_page, which the merged
 * 20250709114819_remove_next_page_from_pages removed): a note that names the migration, not the error that the dump
 * no longer matches. A dump change no migration explains keeps the error.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const migration = (name: string, body: string) => `class ${name} < ActiveRecord::Migration[8.0]\n  def change\n    ${body}\n  end\nend\n`;
const schema = (version: string, columns: string[]) =>
  `ActiveRecord::Schema[8.0].define(version: ${version}) do\n  create_table "pages", force: :cascade do |t|\n${columns.map((c) => `    ${c}\n`).join("")}  end\nend\n`;
const COLUMNS = ['t.text "question_text"', 't.integer "next_page"', 't.boolean "is_optional", null: false'];
const WITHOUT_NEXT_PAGE = COLUMNS.filter((c) => !c.includes("next_page"));

const base = () =>
  featureBranchOn({
    "db/migrate/20250101000000_create_pages.rb": migration("CreatePages", "create_table :pages do |t|\n      t.text :question_text\n      t.integer :next_page\n      t.boolean :is_optional, null: false\n    end"),
    "db/migrate/20250709114819_remove_next_page_from_pages.rb": migration("RemoveNextPageFromPages", "remove_column :pages, :next_page, :integer"),
    "db/schema.rb": schema("2025_07_02_152808", COLUMNS),
  });

describe("review: a dump change that catches up with a merged migration", () => {
  it("db/schema.rb without the column a base migration removed: a note naming that migration", async () => {
    const repo = base();
    repo.write({ "db/schema.rb": schema("2025_07_09_114819", WITHOUT_NEXT_PAGE) }).commit("fixup! Remove next_page column from pages table");
    const { findings } = await reviewJson(repo);
    const dump = findings.filter((f) => f.rule === "schema-dump-without-migration");
    expect(dump.map((f) => f.severity)).toEqual(["info"]);
    expect(dump[0].message).toContain("catches the dump up with db/migrate/20250709114819_remove_next_page_from_pages.rb: its change (removes pages.next_page)");
  });

  it("a column no migration adds keeps the error", async () => {
    const repo = base();
    repo.write({ "db/schema.rb": schema("2025_07_09_114819", [...WITHOUT_NEXT_PAGE, 't.string "slug"']) }).commit("hand edit");
    const { findings } = await reviewJson(repo);
    const dump = findings.filter((f) => f.rule === "schema-dump-without-migration");
    expect(dump.map((f) => f.severity)).toEqual(["warning"]);
    expect(dump[0].message).toContain("the dump no longer matches what the migrations build");
  });
});
