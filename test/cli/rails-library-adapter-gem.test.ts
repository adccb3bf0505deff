/**
 * `migguard lint` on a Rails app whose Gemfile installs sqlite3 beside pg for a library's use (dor-services-app
 * writes a MARC dump with it), while every connection of config/database.yml is PostgreSQL: the app does not run
 * on SQLite, so findings and fixes speak of PostgreSQL alone. When database.yml leaves the adapter to ERB, either
 * gem may be the database, and the fix keeps its SQLite branch.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const app = (adapter: string) => ({
  Gemfile: "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngem 'pg'\ngem 'sqlite3' # for the MARC dump\n",
  "config/database.yml": `default: &default\n  adapter: ${adapter}\n  pool: <%= ENV.fetch('MAX_DB_CONNECTIONS') { 5 } %>\nproduction:\n  <<: *default\n  database: app\n`,
  "db/migrate/20240101000000_create_items.rb": "class CreateItems < ActiveRecord::Migration[7.1]\n  def change\n    create_table :items do |t|\n      t.string :name\n    end\n  end\nend\n",
  "db/migrate/20240601000000_items_name_not_null.rb": "class ItemsNameNotNull < ActiveRecord::Migration[7.1]\n  def change\n    change_column_null :items, :name, false\n  end\nend\n",
});

const setNotNull = async (repo: Repo) => {
  const { output } = await run(["lint", "--format", "json", "db/migrate"], { cwd: repo.root });
  return (JSON.parse(output) as { findings: Array<{ rule: string; message: string; fix?: string }> }).findings.find((f) => f.rule === "set-not-null")!;
};

describe("an adapter gem database.yml never connects with, through the CLI", () => {
  it("lint: database.yml names PostgreSQL only, so the sqlite3 gem adds no SQLite installation to the finding or its fix", async () => {
    const finding = await setNotNull(new Repo().write(app("postgresql")).commit("app"));
    expect(finding.message).not.toContain("SQLite");
    expect(finding.fix ?? "").not.toMatch(/sqlite/i);
  });

  it("lint: an adapter database.yml takes from the environment may be either gem's: the SQLite installation stays", async () => {
    const finding = await setNotNull(new Repo().write(app('<%= ENV.fetch("DB_ADAPTER", "postgresql") %>')).commit("app"));
    expect(finding.message).toContain("the project also runs on SQLite");
  });
});
