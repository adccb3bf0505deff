/**
 * A migration that subclasses the project's own base class (caseflow 277d05e79f: `class AddIndexAppealIdToHearings <
 * Caseflow::Migration`, whose lib/caseflow/migration.rb answers `def disable_ddl_transaction; true; end`): Rails asks
 * the migration whether to open a transaction, so none is opened and CREATE INDEX CONCURRENTLY runs. Through
 * `migguard review`: no concurrently-in-transaction when the base turns the transaction off, the error when it does
 * not or cannot be found, and a fix that rewrites the class line keeps the project's base.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const SCHEMA = 'ActiveRecord::Schema.define(version: 2024_01_01_000000) do\n  create_table "hearings" do |t|\n    t.bigint "appeal_id"\n  end\nend\n';
const BASE = {
  Gemfile: 'source "https://rubygems.org"\ngem "rails", "~> 5.1"\ngem "pg"\n',
  "config/database.yml": "production:\n  adapter: postgresql\n",
  "db/migrate/20240101000000_create_hearings.rb": "class CreateHearings < ActiveRecord::Migration[5.1]\n  def change\n    create_table :hearings do |t|\n      t.bigint :appeal_id\n    end\n  end\nend\n",
  "db/schema.rb": SCHEMA,
};
const CASEFLOW_BASE =
  "# frozen_string_literal: true\n\nclass Caseflow::Migration < ActiveRecord::Migration[5.1]\n  # hardcode this because setting via class method does not work in subclass\n  def disable_ddl_transaction\n    say \"disable_ddl_transaction is true\"\n    true\n  end\nend\n";
const migration = (superclass: string, call: string) => ({
  "db/migrate/20240215212016_add_index_appeal_id_to_hearings.rb": `class AddIndexAppealIdToHearings < ${superclass}\n  def change\n    ${call}\n  end\nend\n`,
  "db/schema.rb": SCHEMA.replace("2024_01_01_000000", "2024_02_15_212016").replace('    t.bigint "appeal_id"\n', '    t.bigint "appeal_id"\n    t.index ["appeal_id"], name: "index_hearings_on_appeal_id"\n'),
});
const CONCURRENT = "add_index :hearings, :appeal_id, algorithm: :concurrently";

async function review(base: Record<string, string>, change: Record<string, string>) {
  const repo = featureBranchOn({ ...BASE, ...base });
  repo.write(change).commit("add index");
  return (await reviewJson(repo)).findings;
}

describe("review: a migration on the project's own base class that turns the transaction off (caseflow 277d05e79f)", () => {
  it("lib/caseflow/migration.rb's `def disable_ddl_transaction; true; end`: CONCURRENTLY runs outside a transaction, no error", async () => {
    const findings = await review({ "lib/caseflow/migration.rb": CASEFLOW_BASE }, migration("Caseflow::Migration", CONCURRENT));
    expect(findings.filter((f) => f.rule === "concurrently-in-transaction")).toEqual([]);
  });

  it("a base in a module whose body calls disable_ddl_transaction!: the same", async () => {
    const base = "module Caseflow\n  class Migration < ActiveRecord::Migration[5.1]\n    disable_ddl_transaction!\n  end\nend\n";
    const findings = await review({ "lib/caseflow/migration.rb": base }, migration("Caseflow::Migration", CONCURRENT));
    expect(findings.filter((f) => f.rule === "concurrently-in-transaction")).toEqual([]);
  });

  it("a base that keeps the transaction, or one not found: the error stays", async () => {
    const keeps = "class ApplicationMigration < ActiveRecord::Migration[5.1]\n  def say_hello\n    say \"hello\"\n  end\nend\n";
    const kept = await review({ "app/models/application_migration.rb": keeps }, migration("ApplicationMigration", CONCURRENT));
    expect(kept.filter((f) => f.rule === "concurrently-in-transaction").map((f) => f.severity)).toEqual(["error"]);
    const unknown = await review({}, migration("Caseflow::Migration", CONCURRENT));
    expect(unknown.filter((f) => f.rule === "concurrently-in-transaction").map((f) => f.severity)).toEqual(["error"]);
  });

  it("a fix that writes the migration's class line again keeps the project's base class", async () => {
    const keeps = "class ApplicationMigration < ActiveRecord::Migration[5.1]\nend\n";
    const findings = await review({ "app/models/application_migration.rb": keeps }, migration("ApplicationMigration", "add_index :hearings, :appeal_id"));
    const index = findings.find((f) => f.rule === "index-without-concurrently");
    expect(index?.fix).toContain("class AddIndexAppealIdToHearings < ApplicationMigration");
    expect(index?.fix).not.toContain("ActiveRecord::Migration");
  });
});
