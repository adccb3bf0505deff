/**
 * Rails loads each migrations path's migrations from every folder below it (MigrationContext#migration_files globs
 * `#{path}/**\/[0-9]*_*.rb`): panoptes moved 260 old migrations into db/migrate/archive/ (0ac1f70004) and nothing
 * reran. Through `migguard review` and `migguard lint`: such a move is no deletion, and the archived migrations stay
 * part of db/migrate's history, versions and dump.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const CREATE_USERS = "class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users do |t|\n      t.string :email\n    end\n  end\nend\n";
const ADD_NAME = "class AddNameToUsers < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :name, :string\n  end\nend\n";
const BASE = {
  Gemfile: 'source "https://rubygems.org"\ngem "rails", "~> 7.1"\ngem "pg"\n',
  "config/database.yml": "production:\n  adapter: postgresql\n",
  "db/migrate/20150210025312_create_users.rb": CREATE_USERS,
  "db/migrate/20150216192914_add_name_to_users.rb": ADD_NAME,
  "db/schema.rb": 'ActiveRecord::Schema[7.1].define(version: 2015_02_16_192914) do\n  create_table "users", force: :cascade do |t|\n    t.string "email"\n    t.string "name"\n  end\nend\n',
};
const HISTORY_RULES = ["deleted-migration", "renamed-migration", "edited-migration", "duplicate-migration-version", "migration-version-order", "schema-dump-not-updated", "schema-dump-without-migration"];

describe("review: Rails migrations moved into a subfolder of db/migrate (panoptes 0ac1f70004)", () => {
  it("git mv into db/migrate/archive/: the same versions Rails still loads, no finding and the check passes", async () => {
    const repo = featureBranchOn(BASE);
    mkdirSync(join(repo.root, "db/migrate/archive"));
    for (const name of ["20150210025312_create_users.rb", "20150216192914_add_name_to_users.rb"]) repo.git("mv", `db/migrate/${name}`, `db/migrate/archive/${name}`);
    repo.commit("archive old migrations");
    const { findings, exitCode } = await reviewJson(repo);
    expect(findings.filter((f) => HISTORY_RULES.includes(f.rule))).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it("the same move with the files rewritten past git's rename detection (deletions and additions): a move, not deleted migrations", async () => {
    const repo = featureBranchOn(BASE);
    const header = Array.from({ length: 20 }, (_, i) => `# archived with the 2015 migrations, note ${i + 1}`).join("\n");
    repo.remove("db/migrate/20150210025312_create_users.rb").remove("db/migrate/20150216192914_add_name_to_users.rb");
    repo.write({ "db/migrate/archive/20150210025312_create_users.rb": `${header}\n${CREATE_USERS}`, "db/migrate/archive/20150216192914_add_name_to_users.rb": `${header}\n${ADD_NAME}` }).commit("archive");
    expect(repo.git("diff", "--name-status", "-M", "main", "HEAD")).toMatch(/^D\tdb\/migrate\/20150210025312_create_users\.rb$/m);
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(findings.filter((f) => ["deleted-migration", "renamed-migration"].includes(f.rule))).toEqual([]);
  });

  it("a new migration reusing an archived migration's version: the duplicate Rails refuses (DuplicateMigrationVersionError)", async () => {
    const repo = featureBranchOn({ ...BASE, "db/migrate/archive/20150101000000_create_posts.rb": "class CreatePosts < ActiveRecord::Migration[7.1]\n  def change\n    create_table :posts\n  end\nend\n" });
    repo.write({ "db/migrate/20150101000000_add_title_to_posts.rb": "class AddTitleToPosts < ActiveRecord::Migration[7.1]\n  def change\n    add_column :posts, :title, :string\n  end\nend\n" }).commit("add title");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "duplicate-migration-version").map((f) => [f.path, f.severity])).toEqual([["db/migrate/20150101000000_add_title_to_posts.rb", "error"]]);
  });
});

describe("lint: a migration named alone reads the archived migrations of its migrations path", () => {
  it("remove_column of a column an archived migration created: the fix writes back its type", async () => {
    const root = mkdtempSync(join(tmpdir(), "migguard-archive-lint-"));
    const files = {
      "db/migrate/archive/20150210025312_create_users.rb": CREATE_USERS,
      "db/migrate/20240301000000_remove_email.rb": "class RemoveEmail < ActiveRecord::Migration[7.1]\n  def change\n    remove_column :users, :email\n  end\nend\n",
    };
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    const { output } = await run(["lint", "--format", "json", "db/migrate/20240301000000_remove_email.rb"], { cwd: root });
    const findings = (JSON.parse(output) as { findings: Array<{ rule: string; fix: string }> }).findings;
    expect(findings.find((f) => f.rule === "irreversible-migration")?.fix).toContain("remove_column :users, :email, :string\n");
  });
});
