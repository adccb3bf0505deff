/**
 * A squash of old Rails history (codebar/planner's "remove pre-2026 migrations and rely on schema.rb"): migrations
 * older than db/schema.rb's version deleted. Fresh databases load the dump (db:prepare, db:schema:load), so when the
 * dump holds what they built the deletion changes no database: a note. Reviewed through the CLI.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";
import type { Repo } from "./support/git-repo.js";

const migration = (klass: string, body: string) => `class ${klass} < ActiveRecord::Migration[7.1]\n  def change\n${body}  end\nend\n`;
const createUsers = migration("CreateUsers", "    create_table :users do |t|\n      t.string :email\n      t.timestamps\n    end\n");
const createTalks = migration("CreateTalks", "    create_table :talks do |t|\n      t.string :title\n    end\n");
const addLocale = migration("AddLocale", "    add_column :users, :locale, :string\n");
const dropTalks = migration("DropTalks", "    drop_table :talks\n");
const schema = (columns: string) =>
  `ActiveRecord::Schema[7.1].define(version: 2024_06_01_000000) do\n  create_table "users", force: :cascade do |t|\n${columns}    t.datetime "created_at", null: false\n    t.datetime "updated_at", null: false\n  end\nend\n`;
const withLocale = schema('    t.string "email"\n    t.string "locale"\n');

function squash(dump: string): Repo {
  const repo = featureBranchOn({
    "db/migrate/20240101000000_create_users.rb": createUsers,
    "db/migrate/20240102000000_create_talks.rb": createTalks,
    "db/migrate/20240103000000_add_locale.rb": addLocale,
    "db/migrate/20240501000000_drop_talks.rb": dropTalks,
    "db/schema.rb": dump,
  });
  repo.git("rm", "-q", "db/migrate/20240101000000_create_users.rb", "db/migrate/20240102000000_create_talks.rb", "db/migrate/20240103000000_add_locale.rb");
  repo.commit("squash old migrations into schema.rb");
  return repo;
}

describe("migrations older than the schema dump deleted (a squash)", () => {
  it("the dump holds what they leave (a table a kept migration dropped is not needed): a note, the check passes", async () => {
    const { exitCode, findings } = await reviewJson(squash(withLocale));
    const deleted = findings.filter((f) => f.rule === "deleted-migration");
    expect(deleted.map((f) => f.severity)).toEqual(["info"]);
    expect(deleted[0].message).toContain("3 migrations of db/migrate");
    expect(deleted[0].message).toContain("older than db/schema.rb's version 20240601000000");
    expect(deleted[0].message).toContain("fresh databases load the dump");
    expect(exitCode).toBe(0);
  });

  it("the dump lacks a column one of them added: fresh databases would never get it, the error stays", async () => {
    const { exitCode, findings } = await reviewJson(squash(schema('    t.string "email"\n')));
    expect(findings.filter((f) => f.rule === "deleted-migration").map((f) => f.severity)).toEqual(["error"]);
    expect(exitCode).toBe(1);
  });

  it("the dump's own newest migration deleted (its version is the dump's): loading the dump records that version too, a note", async () => {
    const createLocale = migration("AddLocaleAgain", "    add_column :users, :locale, :string\n");
    const repo = featureBranchOn({
      "db/migrate/20240101000000_create_users.rb": createUsers,
      "db/migrate/20240601000000_add_locale.rb": createLocale,
      "db/schema.rb": withLocale,
    });
    repo.git("rm", "-q", "db/migrate/20240601000000_add_locale.rb");
    repo.commit("delete the newest migration, which the dump holds");
    const { exitCode, findings } = await reviewJson(repo);
    const deleted = findings.filter((f) => f.rule === "deleted-migration");
    expect(deleted.map((f) => f.severity)).toEqual(["info"]);
    expect(deleted[0].message).toContain("fresh databases load the dump");
    expect(exitCode).toBe(0);
  });
});
