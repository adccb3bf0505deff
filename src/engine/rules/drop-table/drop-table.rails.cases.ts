import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "drop_table of live tables",
      code: `class DropOldTables < ActiveRecord::Migration[7.1]
  def change
    drop_table :draft_content_items
    drop_table :versions do |t|
      t.integer :target_id
    end
  end
end
`,
      lines: [3, 4],
    },
    {
      framework: "rails",
      name: "create_table with force: drops the existing table first",
      code: `class RecreateSettings < ActiveRecord::Migration[7.1]
  def change
    create_table :settings, force: :cascade do |t|
      t.string :key, null: false
    end
  end
end
`,
      lines: [3],
    },
    {
      framework: "rails",
      name: "DROP TABLE in execute",
      code: `class DropLegacy < ActiveRecord::Migration[7.1]
  def up
    execute "DROP TABLE legacy_reports"
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      lines: [3],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "a table created earlier in the same migration",
      code: `class Scratch < ActiveRecord::Migration[7.1]
  def change
    create_table :imports do |t|
      t.string :name
    end
    drop_table :imports do |t|
      t.string :name
    end
  end
end
`,
    },
    {
      framework: "rails",
      name: "the data is copied first",
      code: `class DropLegacy < ActiveRecord::Migration[7.1]
  def up
    execute "CREATE TABLE legacy_reports_backup AS TABLE legacy_reports"
    drop_table :legacy_reports
  end

  def down
    execute "ALTER TABLE legacy_reports_backup RENAME TO legacy_reports"
  end
end
`,
    },
  ],
});
