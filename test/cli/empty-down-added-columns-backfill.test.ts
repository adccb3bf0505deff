/**
 * An empty down after a backfill that only fills columns an earlier migration added empty (pet-rescue's
 * 20240818223957_backfill_names_in_people): rolling back the migration that added them drops them, so the down has
 * nothing to restore. `migguard review`: a note when the change adds both migrations; the warning when the columns
 * came with a migration already on the base branch (deployed code may have written them). `migguard lint`: a note
 * when the migration just before added them, which says it assumes both run in one deploy.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const create = "db/migrate/20240101000000_create_people.rb";
const add = "db/migrate/20240818222727_add_first_and_last_name_to_people.rb";
const backfill = "db/migrate/20240818223957_backfill_names_in_people.rb";
const files = {
  [create]: "class CreatePeople < ActiveRecord::Migration[7.1]\n  def change\n    create_table :people do |t|\n      t.string :name\n    end\n  end\nend\n",
  [add]: "class AddFirstAndLastNameToPeople < ActiveRecord::Migration[7.1]\n  def change\n    add_column :people, :first_name, :string\n    add_column :people, :last_name, :string\n  end\nend\n",
  [backfill]:
    'class BackfillNamesInPeople < ActiveRecord::Migration[7.1]\n  def up\n    Person.find_each do |person|\n      first_name, last_name = person.name.split(" ")\n      person.update!(first_name:, last_name:)\n    end\n  end\n\n  def down\n  end\nend\n',
};

type Finding = { rule: string; severity: string; message: string };
const emptyDowns = (findings: Finding[]) => findings.filter((f) => f.rule === "empty-down");

describe("empty down after a backfill of columns added empty just before", () => {
  it("lint: the migration just before added the columns: a note that says why and what it assumes", async () => {
    const root = mkdtempSync(join(tmpdir(), "migguard-added-backfill-"));
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    const { findings } = JSON.parse((await run(["lint", "--format", "json", "db/migrate"], { cwd: root })).output) as { findings: Finding[] };
    const found = emptyDowns(findings);
    expect(found.map((f) => f.severity)).toEqual(["info"]);
    expect(found[0].message).toContain("This assumes both run in one deploy");
  });

  it("review: the change adds both migrations: a note, the columns added by this change", async () => {
    const repo = featureBranchOn({ [create]: files[create] });
    repo.write({ [add]: files[add], [backfill]: files[backfill] }).commit("split names");
    const found = emptyDowns((await reviewJson(repo)).findings);
    expect(found.map((f) => f.severity)).toEqual(["info"]);
    expect(found[0].message).toContain(`which ${add}, added by this change, added with no value`);
  });

  it("review: the columns came with a migration already on the base branch: the warning stays", async () => {
    const repo = featureBranchOn({ [create]: files[create], [add]: files[add] });
    repo.write({ [backfill]: files[backfill] }).commit("backfill names");
    expect(emptyDowns((await reviewJson(repo)).findings).map((f) => f.severity)).toEqual(["warning"]);
  });
});
