/**
 * The false alarms the seventeenth independent replay (hackclub/hackatime) found, each rebuilt in a small git
 * repository and reviewed through `migguard review`.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const migration = (name: string, body: string) => `class ${name} < ActiveRecord::Migration[8.1]\n${body}\nend\n`;
const schema = (version: string) => `ActiveRecord::Schema[8.1].define(version: ${version}) do\n  create_table "users", force: :cascade do |t|\n    t.string "email"\n  end\nend\n`;

describe("review: the seventeenth replay's false alarms (hackatime)", () => {
  it("schema.rb whose only change is a version newer than every migration (cb04bb0677): one warning, schema-dump-version's", async () => {
    const repo = featureBranchOn({
      "db/migrate/20240101000000_create_users.rb": migration("CreateUsers", "  def change\n    create_table :users do |t|\n      t.string :email\n    end\n  end"),
      "db/schema.rb": schema("2024_01_01_000000"),
    });
    repo.write({ "db/schema.rb": schema("2024_04_27_120404") }).commit("stray dump");
    const { findings } = await reviewJson(repo);
    const dump = findings.filter((f) => f.path === "db/schema.rb" && f.severity !== "info");
    expect(dump.map((f) => f.rule)).toEqual(["schema-dump-version"]);
  });

  it("an older migration on users behind a newer one that indexes users in a loop over a hash constant (3f70feee62): info, as when no newer one touches users", async () => {
    const repo = featureBranchOn({
      "db/migrate/20240101000000_create_users.rb": migration("CreateUsers", "  def change\n    create_table :users do |t|\n      t.string :username\n    end\n  end"),
      "db/migrate/20240301000000_add_trgm_indexes.rb": migration(
        "AddTrgmIndexes",
        [
          "  disable_ddl_transaction!",
          "  INDEXES = {",
          "    users: %i[username]",
          "  }.freeze",
          "",
          "  def up",
          "    INDEXES.each do |table, columns|",
          "      columns.each do |column|",
          '        add_index table, column, name: "index_#{table}_on_#{column}_trgm", using: :gin, opclass: :gin_trgm_ops, algorithm: :concurrently, if_not_exists: true',
          "      end",
          "    end",
          "  end",
        ].join("\n"),
      ),
    });
    repo
      .write({
        "db/migrate/20240201000000_add_shadowban_to_users.rb": migration(
          "AddShadowbanToUsers",
          '  def change\n    add_column :users, :shadowbanned, :boolean, default: false, null: false\n    add_index :users, :shadowbanned, where: "shadowbanned = true"\n  end',
        ),
      })
      .commit("shadowban");
    const { findings } = await reviewJson(repo);
    const order = findings.filter((f) => f.rule === "migration-version-order");
    expect(order.map((f) => f.severity)).toEqual(["info"]);
  });

  it("a model class defined in the migration (Class.new with self.table_name =) is no schema change to undo (49f33fe907)", async () => {
    const repo = featureBranchOn({
      "db/migrate/20240101000000_create_keys.rb": migration("CreateKeys", "  def change\n    create_table :keys do |t|\n      t.string :token\n    end\n  end"),
    });
    repo
      .write({
        "db/migrate/20240201000000_add_preview_to_keys.rb": migration(
          "AddPreviewToKeys",
          [
            "  def up",
            "    add_column :keys, :token_preview, :string",
            "    keys = Class.new(ActiveRecord::Base) do",
            '      self.table_name = "keys"',
            "    end",
            "    keys.reset_column_information",
            "    rename_column :keys, :token, :token_digest",
            "  end",
            "",
            "  def down",
            '    raise ActiveRecord::IrreversibleMigration, "digests cannot be reversed"',
            "  end",
          ].join("\n"),
        ),
      })
      .commit("preview");
    const { findings } = await reviewJson(repo);
    const irreversible = findings.filter((f) => f.rule === "irreversible-migration");
    expect(irreversible).toHaveLength(1);
    expect(irreversible[0].fix).toContain("rename_column :keys, :token_digest, :token");
    expect(irreversible[0].fix).not.toContain("table_name");
  });
});
