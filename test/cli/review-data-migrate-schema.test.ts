/**
 * db/data_schema.rb is the data_migrate gem's record of the data migrations it ran, not a dump of a database named
 * `data` (access-your-teaching-qualifications 6c8f54776f: the gem's upgrade wrote its version without underscores).
 * Changed without a migration, it is no schema dump out of line with the migrations, through `migguard review`.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const BASE = {
  Gemfile: 'source "https://rubygems.org"\ngem "rails", "~> 7.0"\ngem "pg"\ngem "data_migrate"\n',
  "config/database.yml": "production:\n  adapter: postgresql\n",
  "db/migrate/20230101000000_create_users.rb": "class CreateUsers < ActiveRecord::Migration[7.0]\n  def change\n    create_table :users do |t|\n      t.string :email\n    end\n  end\nend\n",
  "db/schema.rb": 'ActiveRecord::Schema[7.0].define(version: 2023_01_01_000000) do\n  create_table "users", force: :cascade do |t|\n    t.string "email"\n  end\nend\n',
  "db/data_schema.rb": "DataMigrate::Data.define(version: 20_230_329_102_114)\n",
};

describe("review: data_migrate's db/data_schema.rb is not a schema dump", () => {
  it("rewritten by the gem's upgrade without a migration: no schema-dump-without-migration", async () => {
    const repo = featureBranchOn(BASE);
    repo.write({ "db/data_schema.rb": "DataMigrate::Data.define(version: 20230329102114)\n" }).commit("upgrade data_migrate");
    const { findings, exitCode } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "schema-dump-without-migration")).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it("db/schema.rb edited the same way is still a dump without its migration", async () => {
    const repo = featureBranchOn(BASE);
    repo.write({ "db/schema.rb": BASE["db/schema.rb"].replace('t.string "email"', 't.string "email"\n    t.string "phone"') }).commit("edit");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "schema-dump-without-migration").map((f) => f.path)).toEqual(["db/schema.rb"]);
  });
});
