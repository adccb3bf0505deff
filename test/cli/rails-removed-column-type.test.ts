/**
 * The type a Rails remove_column without one is given in its fixes, through `migguard lint` (README: Rails): read
 * from the earlier migrations or the schema dump (db/schema.rb, db/structure.sql), with the options of the column's
 * definition, in drop-column's and irreversible-migration's fixes alike; when nothing read gives one (support-api
 * 20150513094727: no migration creates the table, and db/schema.rb was written after the drop), no type argument and a
 * comment that says where migguard looked.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-removed-column-type-");

type Finding = { rule: string; fix: string };
const fixes = async (cwd: string) => {
  const { findings } = JSON.parse((await run(["lint", "--format", "json", "db/migrate"], { cwd })).output) as { findings: Finding[] };
  return Object.fromEntries(["drop-column", "irreversible-migration"].map((rule) => [rule, findings.find((f) => f.rule === rule)!.fix]));
};

const DROP_URL = "class DropAnonymousContactsUrl < ActiveRecord::Migration[5.0]\n  def change\n    remove_column :anonymous_contacts, :url\n  end\nend\n";

describe("the type of a Rails remove_column without one", () => {
  it("db/structure.sql gives it: both fixes remove the column with that type", async () => {
    const found = await fixes(
      repo({
        "db/migrate/20150513094727_drop_anonymous_contacts_url.rb": DROP_URL,
        "db/structure.sql": "CREATE TABLE public.anonymous_contacts (\n    id integer NOT NULL,\n    url character varying(2048)\n);\n",
      }),
    );
    expect(found["drop-column"]).toContain("remove_column :anonymous_contacts, :url, :string, limit: 2048\n");
    expect(found["irreversible-migration"]).toContain("remove_column :anonymous_contacts, :url, :string, limit: 2048\n");
  });

  it("a :sql application (config/application.rb) with a leftover db/schema.rb: the type is db/structure.sql's, the dump it writes", async () => {
    const found = await fixes(
      repo({
        "config/application.rb": "module Feedback\n  class Application < Rails::Application\n    config.active_record.schema_format = :sql\n  end\nend\n",
        "db/migrate/20150513094727_drop_anonymous_contacts_url.rb": DROP_URL,
        // written in 2013, before the application switched to structure.sql: url was an integer then
        "db/schema.rb": 'ActiveRecord::Schema.define(version: 20130102225500) do\n  create_table "anonymous_contacts", force: :cascade do |t|\n    t.integer "url"\n  end\nend\n',
        "db/structure.sql": "CREATE TABLE public.anonymous_contacts (\n    id integer NOT NULL,\n    url character varying(2048)\n);\n",
      }),
    );
    for (const fix of Object.values(found)) {
      expect(fix).toContain("remove_column :anonymous_contacts, :url, :string, limit: 2048\n");
      expect(fix).not.toContain(":integer");
    }
  });

  it("an earlier migration gives it with a default and null: false: both fixes carry them", async () => {
    const found = await fixes(
      repo({
        "db/migrate/20240101000000_create_posts.rb": 'class CreatePosts < ActiveRecord::Migration[7.1]\n  def change\n    create_table :posts do |t|\n      t.string :state, null: false, default: "draft"\n    end\n  end\nend\n',
        "db/migrate/20240201000000_remove_state.rb": "class RemoveState < ActiveRecord::Migration[7.1]\n  def change\n    remove_column :posts, :state\n  end\nend\n",
      }),
    );
    for (const fix of Object.values(found)) expect(fix).toContain("remove_column :posts, :state, :string, null: false, default: 'draft'");
  });

  it("nothing gives it (db/schema.rb written after the drop): no type argument, saying where migguard looked, not pointing at db/schema.rb", async () => {
    const found = await fixes(
      repo({
        "db/migrate/20150513094727_drop_anonymous_contacts_url.rb": DROP_URL,
        "db/schema.rb": 'ActiveRecord::Schema[7.0].define(version: 2024_01_01_000000) do\n  create_table "anonymous_contacts", id: :serial, force: :cascade do |t|\n    t.string "path", limit: 2048, null: false\n  end\nend\n',
      }),
    );
    for (const fix of Object.values(found)) {
      expect(fix).toContain(
        "remove_column :anonymous_contacts, :url  # migguard found no type for anonymous_contacts.url in the earlier migrations or the schema dump (a dump made after the drop no longer lists it): give remove_column the type it had as its third argument, or a rollback raises IrreversibleMigration",
      );
      expect(fix).not.toContain("use the column's type from db/schema.rb");
    }
  });
});
