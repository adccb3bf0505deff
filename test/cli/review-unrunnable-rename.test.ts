/**
 * signon (Rails on MySQL), replay 46. 7cd74f2d added `rename_column :supported_permissions, :delegated, :delegated`
 * (a search-and-replace of `delegatable`): the migration cannot run (MySQL ERROR 1054). That is the error, not a
 * rename of delegated that breaks the code reading delegated (rename-column, dropped-object-still-used). d10976b7
 * then edited it into `:delegatable, :delegated`: the base version ran on no database, so the edit is a note.
 * supported_permissions' create_table went with the squashed migrations: only db/schema.rb gives its columns.
 */
import { SUPPORTED_PERMISSIONS_DUMP, renamePermission } from "../../src/engine/testing/rails-fixtures.js";
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const SCHEMA = SUPPORTED_PERMISSIONS_DUMP["db/schema.rb"];
const rename = (from: string) => renamePermission(from, "delegated");

const MIGRATION = "db/migrate/20241001140623_rename_delegatable_to_delegated.rb";

const base = {
  "Gemfile": 'source "https://rubygems.org"\ngem "rails", "~> 7.2"\ngem "mysql2"\n',
  "config/database.yml": "production:\n  adapter: mysql2\n  database: signon_production\n",
  "db/schema.rb": SCHEMA,
  "db/migrate/20240901000000_add_name_index.rb": "class AddNameIndex < ActiveRecord::Migration[7.2]\n  def change\n    add_index :supported_permissions, :name\n  end\nend\n",
  "app/models/supported_permission.rb": "class SupportedPermission < ApplicationRecord\n  scope :delegated, -> { where(delegated: true) }\nend\n",
};

describe("a rename_column that cannot run (signon)", () => {
  it("7cd74f2d: renaming delegated to delegated is the error, with the rename it meant; no rename-column or dropped-object-still-used finding", async () => {
    const repo = featureBranchOn(base);
    repo.write({ [MIGRATION]: rename("delegated"), "db/schema.rb": SCHEMA.replace('"delegatable"', '"delegated"').replace("2024_09_01_000000", "2024_10_01_140623") }).commit("delegatable is delegated");
    const { findings } = await reviewJson(repo);
    const atRename = findings.filter((f) => f.path === MIGRATION);
    expect(atRename.map((f) => `${f.rule} ${f.severity}`)).toEqual(["drop-missing-column error"]);
    expect(atRename[0].message).toContain("Column supported_permissions.delegated is renamed to its own name");
    expect(atRename[0].message).toContain("db/schema.rb gives supported_permissions no delegated, but delegatable");
    expect(atRename[0].fix).toContain("rename_column :supported_permissions, :delegatable, :delegated");
  });

  it("d10976b7: the edit that repairs it is a note, since the base version ran on no database", async () => {
    const repo = featureBranchOn({ ...base, [MIGRATION]: rename("delegated") });
    repo.write({ [MIGRATION]: rename("delegatable") }).commit("fix the rename");
    const { findings } = await reviewJson(repo);
    const edited = findings.filter((f) => f.rule === "edited-migration");
    expect(edited.map((f) => f.severity)).toEqual(["info"]);
  });
});
