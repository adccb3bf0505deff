/**
 * A gem removed with its tables (dawarich 653a4bb843, rails_pulse): the change deletes the gem's install migration,
 * which loaded the gem's schema file (deleted too), and adds a migration dropping the gem's tables if they exist.
 * `migguard review` says the deletion is deliberate (a note, no "restore the file"); without the guarded drops the
 * deletion stays an error.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const install = "db/migrate/20251228163703_install_rails_pulse_tables.rb";
const schema = "db/rails_pulse_schema.rb";
const drop = "db/migrate/20260429180000_drop_rails_pulse_tables.rb";
const base = {
  "db/migrate/20240101000000_create_users.rb": `class CreateUsers < ActiveRecord::Migration[8.0]\n  def change\n    create_table :users do |t|\n      t.string :email\n    end\n  end\nend\n`,
  [install]: `class InstallRailsPulseTables < ActiveRecord::Migration[8.0]\n  def change\n    schema_file = Rails.root.join('db/rails_pulse_schema.rb').to_s\n    load schema_file\n    RailsPulse::Schema.call(connection)\n  end\nend\n`,
  [schema]: `RailsPulse::Schema = lambda do |connection|\n  connection.create_table :rails_pulse_routes do |t|\n    t.string :path\n  end\nend\n`,
};
const dropping = (ifExists: string) =>
  `class DropRailsPulseTables < ActiveRecord::Migration[8.0]\n  TABLES = %w[rails_pulse_queries rails_pulse_routes].freeze\n\n  def up\n    TABLES.each { |t| drop_table t${ifExists}, force: :cascade }\n  end\n\n  def down\n    raise ActiveRecord::IrreversibleMigration\n  end\nend\n`;

describe("review: a gem's install migration deleted with a migration that drops its tables", () => {
  it("the added migration drops the gem's tables if they exist: a note that names them and how it knew, no restore", async () => {
    const repo = featureBranchOn(base);
    repo.remove(install).remove(schema).write({ [drop]: dropping(", if_exists: true") }).commit("remove rails_pulse");
    const { findings } = await reviewJson(repo);
    const deleted = findings.filter((f) => f.rule === "deleted-migration");
    expect(deleted.map((f) => `${f.severity} ${f.path}`)).toEqual([`info ${install}`]);
    expect(deleted[0].message).toContain("rails_pulse_queries, rails_pulse_routes");
    expect(deleted[0].message).toContain('"db/rails_pulse_schema.rb"');
    expect(deleted[0].fix).not.toContain("Restore");
  });

  it("the drops are not guarded: fresh databases would fail on them, the deletion stays an error", async () => {
    const repo = featureBranchOn(base);
    repo.remove(install).remove(schema).write({ [drop]: dropping("") }).commit("remove rails_pulse");
    const { exitCode, findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "deleted-migration").map((f) => f.severity)).toEqual(["error"]);
    expect(exitCode).toBe(1);
  });
});
