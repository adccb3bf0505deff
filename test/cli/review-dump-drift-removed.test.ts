/**
 * `migguard review` of a hand edit of db/schema.rb that removes columns no migration builds (codebar/planner's
 * fix/schema-rb-drift: columns leaked into the dump from a database that ran an unmerged branch's migration). After
 * the edit the dump is closer to what the migrations build: a note, not the warning that it drifted. Removing a
 * column a migration does build stays a warning.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const migration = (name: string, body: string) => `class ${name} < ActiveRecord::Migration[8.0]\n  def change\n    ${body}\n  end\nend\n`;
const schema = (columns: string[], indexes: string[] = []) =>
  `ActiveRecord::Schema[8.0].define(version: 2025_03_01_000000) do\n  create_table "workshops", force: :cascade do |t|\n${[...columns, ...indexes].map((c) => `    ${c}\n`).join("")}  end\nend\n`;
const BUILT = ['t.integer "chapter_id"', 't.string "title"'];
const LEAKED = 't.string "check_in_code"';
const LEAKED_INDEX = 't.index ["check_in_code"], name: "index_workshops_on_check_in_code", unique: true';

const base = () =>
  featureBranchOn({
    // created under another name and renamed: the columns move with the table
    "db/migrate/20250101000000_create_sessions.rb": migration("CreateSessions", "create_table :sessions do |t|\n      t.integer :chapter_id\n    end"),
    "db/migrate/20250201000000_rename_sessions_to_workshops.rb": migration("RenameSessionsToWorkshops", "rename_table :sessions, :workshops"),
    "db/migrate/20250301000000_add_title_to_workshops.rb": migration("AddTitleToWorkshops", "add_column :workshops, :title, :string"),
    "db/schema.rb": schema([...BUILT, LEAKED], [LEAKED_INDEX]),
  });

const dumpFindings = async (columns: string[], indexes: string[] = []) => {
  const repo = base();
  repo.write({ "db/schema.rb": schema(columns, indexes) }).commit("fix(schema.rb): remove unbacked columns");
  const { findings } = await reviewJson(repo);
  return findings.filter((f) => f.rule === "schema-dump-without-migration");
};

describe("review: a dump edit that removes what no migration builds", () => {
  it("a leaked column and its index removed: a note that the dump is closer to the migrations", async () => {
    const found = await dumpFindings(BUILT);
    expect(found.map((f) => f.severity)).toEqual(["info"]);
    expect(found[0].message).toContain("only removes workshops.check_in_code (and 1 index or key on them), which no migration");
  });

  it("removing a column a migration builds (workshops.title) keeps the warning", async () => {
    const found = await dumpFindings(['t.integer "chapter_id"', LEAKED], [LEAKED_INDEX]);
    expect(found.map((f) => f.severity)).toEqual(["warning"]);
    expect(found[0].message).toContain("the dump no longer matches what the migrations build");
  });
});
