/**
 * A revert that restores migrations the base branch deleted (alphagov/signon 85053868: a Rails upgrade deleted 23 old
 * migrations, its revert brought them back twenty minutes later). Every database ran them before the deletion, so
 * Rails skips them: one note, none of their own findings. A migration older than the dump that the base branch never
 * had (a long-lived branch) runs in production all the same (Rails runs every pending version): its findings stay.
 * Reviewed through the CLI on a small git repository.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const DROP = "db/migrate/20230801131609_remove_legacy_flag_from_users.rb";
const STRIP = "db/migrate/20230802095323_strip_whitespace_from_users_names.rb";
const dropText = "class RemoveLegacyFlagFromUsers < ActiveRecord::Migration[7.0]\n  def up\n    remove_column :users, :legacy_flag\n  end\n\n  def down; end\nend\n";
const stripText = `class StripWhitespaceFromUsersNames < ActiveRecord::Migration[7.0]
  def up
    User.where("name LIKE ' %'").find_each { |user| user.update!(name: user.name.strip) }
  end

  def down; end
end
`;
const SCHEMA = `ActiveRecord::Schema[7.1].define(version: 2023_10_19_080657) do\n  create_table "users", force: :cascade do |t|\n    t.string "name"\n  end\nend\n`;
const BASE = {
  "db/migrate/20230101000000_create_users.rb": "class CreateUsers < ActiveRecord::Migration[7.0]\n  def change\n    create_table :users do |t|\n      t.string :name\n      t.boolean :legacy_flag\n    end\n  end\nend\n",
  [DROP]: dropText,
  [STRIP]: stripText,
  "db/migrate/20231019080657_add_nothing.rb": "class AddNothing < ActiveRecord::Migration[7.0]\n  def change\n  end\nend\n",
  "db/schema.rb": SCHEMA,
  "app/models/user.rb": "class User < ApplicationRecord\nend\n",
};

/** main: the migrations, then an upgrade that deletes DROP and STRIP; the feature branch starts after that deletion */
function afterDeletion() {
  const repo = featureBranchOn(BASE);
  repo.git("checkout", "-q", "main");
  repo.git("rm", "-q", DROP, STRIP);
  repo.commit("Bump rails to 7.1 (deletes old migrations)");
  repo.git("checkout", "-q", "-B", "feature");
  return repo;
}

describe("migrations a revert restores", () => {
  it("a revert of the deletion: one note for both, their findings left out, the check passes", async () => {
    const repo = afterDeletion();
    repo.git("-c", "user.name=t", "-c", "user.email=t@example.com", "revert", "--no-edit", "HEAD");
    const { exitCode, findings } = await reviewJson(repo);
    expect(findings.map((f) => [f.rule, f.severity, f.path])).toEqual([["restored-migration", "info", DROP]]);
    expect(findings[0].message).toContain("2 migrations of db/migrate");
    expect(findings[0].message).toContain("Rails skips them there");
    // a database loaded from the dump while they were gone did not record them
    expect(findings[0].message).toContain("older than 20231019080657");
    expect(exitCode).toBe(0);
  });

  it("a long-lived branch's migration older than the dump, never on the base branch: new, its findings stay", async () => {
    const repo = featureBranchOn(Object.fromEntries(Object.entries(BASE).filter(([path]) => path !== DROP && path !== STRIP)));
    repo.write({ [DROP]: dropText }).commit("a migration written long ago on this branch");
    const { exitCode, findings } = await reviewJson(repo);
    expect(findings.some((f) => f.rule === "restored-migration")).toBe(false);
    expect(findings.filter((f) => f.path === DROP && f.severity === "error").length).toBeGreaterThan(0);
    expect(exitCode).toBe(1);
  });

  it("a deleted migration added again with other text: new, its findings stay", async () => {
    const repo = afterDeletion();
    repo.write({ [DROP]: dropText.replace(":legacy_flag", ":name") }).commit("drop name instead");
    const { exitCode, findings } = await reviewJson(repo);
    expect(findings.some((f) => f.rule === "restored-migration")).toBe(false);
    expect(findings.filter((f) => f.path === DROP && f.severity === "error").length).toBeGreaterThan(0);
    expect(exitCode).toBe(1);
  });
});
