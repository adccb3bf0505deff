/**
 * A Rails application that dumps to db/structure.sql (config.active_record.schema_format = :sql) and still has the
 * db/schema.rb it wrote years before (inaturalist: version 20130102225500): the dump every schema-dump rule reads
 * is structure.sql, through `migguard review` on a git repository (the CLI reads config/ from the working tree).
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const migration = (name: string, column: string) =>
  `class ${name} < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :${column}, :string\n  end\nend\n`;
const structure = (columns: readonly string[], versions: readonly string[]) =>
  `CREATE TABLE public.users (\n    id bigint NOT NULL${columns.map((c) => `,\n    ${c} character varying`).join("")}\n);\n\nINSERT INTO "schema_migrations" (version) VALUES\n${versions.map((v) => `('${v}')`).join(",\n")};\n\n`;
const application = (setting: string) => `require_relative "boot"\n\nmodule Shop\n  class Application < Rails::Application\n    config.load_defaults 7.1\n${setting}  end\nend\n`;

const BASE = {
  Gemfile: 'source "https://rubygems.org"\ngem "rails", "~> 7.1"\ngem "pg"\n',
  "config/database.yml": "production:\n  adapter: postgresql\n",
  "config/application.rb": application("    config.active_record.schema_format = :sql\n"),
  "db/schema.rb": 'ActiveRecord::Schema.define(version: 20130102225500) do\n  create_table "users", force: :cascade do |t|\n  end\nend\n',
  "db/structure.sql": structure(["nickname"], ["20240101000000"]),
  "db/migrate/20240101000000_add_nickname_to_users.rb": migration("AddNicknameToUsers", "nickname"),
};
const ADDED = { "db/migrate/20240201000000_add_phone_to_users.rb": migration("AddPhoneToUsers", "phone") };
const DUMPED = { "db/structure.sql": structure(["nickname", "phone"], ["20240101000000", "20240201000000"]) };

const dumpRules = (findings: Array<{ rule: string; path: string; message: string }>) => findings.filter((f) => f.rule.startsWith("schema-dump-"));

describe("review: the dump a :sql application writes is db/structure.sql, not a leftover db/schema.rb", () => {
  it("a migration with its structure.sql: no schema-dump finding about the 2013 schema.rb", async () => {
    const repo = featureBranchOn(BASE);
    repo.write({ ...ADDED, ...DUMPED }).commit("add phone");
    const { findings, exitCode } = await reviewJson(repo);
    expect(dumpRules(findings)).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it("a migration without structure.sql: schema-dump-not-updated names structure.sql, once", async () => {
    const repo = featureBranchOn(BASE);
    repo.write(ADDED).commit("add phone");
    const { findings } = await reviewJson(repo);
    expect(dumpRules(findings).map((f) => [f.rule, f.path])).toEqual([["schema-dump-not-updated", "db/migrate/20240201000000_add_phone_to_users.rb"]]);
    expect(dumpRules(findings)[0].message).toContain("does not update db/structure.sql");
  });

  it("config/environments/development.rb sets it: the same", async () => {
    const repo = featureBranchOn({ ...BASE, "config/application.rb": application(""), "config/environments/development.rb": "Rails.application.configure do\n  config.active_record.schema_format = :sql\nend\n" });
    repo.write({ ...ADDED, ...DUMPED }).commit("add phone");
    expect(dumpRules((await reviewJson(repo)).findings)).toEqual([]);
  });

  it("no setting: the schema.rb far behind the structure.sql the history keeps current is the leftover", async () => {
    const repo = featureBranchOn({ ...BASE, "config/application.rb": application("") });
    repo.write({ ...ADDED, ...DUMPED }).commit("add phone");
    expect(dumpRules((await reviewJson(repo)).findings)).toEqual([]);
  });

  it("structure.sql edited by hand without a migration is still reported", async () => {
    const repo = featureBranchOn(BASE);
    repo.write({ "db/structure.sql": structure(["nickname", "phone"], ["20240101000000"]) }).commit("hand edit");
    expect(dumpRules((await reviewJson(repo)).findings).map((f) => [f.rule, f.path])).toEqual([["schema-dump-without-migration", "db/structure.sql"]]);
  });

  it("schema_format = :ruby: schema.rb is the dump, and a migration without it is reported there", async () => {
    const repo = featureBranchOn({ ...BASE, "config/application.rb": application("    config.active_record.schema_format = :ruby\n") });
    repo.write({ ...ADDED, ...DUMPED }).commit("add phone");
    const found = dumpRules((await reviewJson(repo)).findings);
    expect(found.map((f) => f.rule)).toContain("schema-dump-not-updated");
    expect(found.find((f) => f.rule === "schema-dump-not-updated")!.message).toContain("does not update db/schema.rb");
  });
});
