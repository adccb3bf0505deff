import { defineCases } from "../support/rule.js";

const mysql = { database: "mysql" };

/** An earlier migration that creates events and adds 64 columns, each add_column its own ALTER (one row version each). */
const sixtyFourColumns = {
  "db/migrate/20230101000000_create_events.rb": `class CreateEvents < ActiveRecord::Migration[7.1]
  def change
    create_table :events
${Array.from({ length: 64 }, (_, i) => `    add_column :events, :c${i + 1}, :integer`).join("\n")}
  end
end
`,
};

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "signon cb179008: change_column of a table the migrations do not define (its create_table squashed away): the MODIFY restates the whole column, and the fix says migguard does not know whether it is NOT NULL or its default",
      config: mysql,
      code: `class ChangeTrailingMessageToText < ActiveRecord::Migration[7.0]
  def up
    change_column :event_logs, :trailing_message, :text
  end
end
`,
      lines: [3],
      fixes: [
        "# MODIFY restates the whole column: migguard does not know whether it is NOT NULL or its default; add it, or MySQL drops it\n# MySQL refuses (instead of copying the table) when the change cannot be made in place:\nexecute \"ALTER TABLE event_logs MODIFY trailing_message text, ALGORITHM=INPLACE, LOCK=NONE\"",
      ],
    },
    {
      framework: "rails",
      name: "add_foreign_key copies the table while foreign_key_checks is on; change_column may copy",
      config: mysql,
      code: `class AddOrderKey < ActiveRecord::Migration[7.1]
  def up
    add_foreign_key :line_items, :orders
    change_column :orders, :total, :decimal, precision: 14, scale: 2
  end

  def down
    remove_foreign_key :line_items, :orders
  end
end
`,
      lines: [3, 4],
    },
    {
      framework: "rails",
      name: "add_column with the :primary_key type (bigint AUTO_INCREMENT PRIMARY KEY on mysql2) blocks writes while every row is numbered",
      config: mysql,
      code: `class AddIdToLegacyItems < ActiveRecord::Migration[7.1]
  def change
    add_column :legacy_items, :id, :primary_key
  end
end
`,
      lines: [3],
    },
    {
      framework: "rails",
      name: "add_column with primary_key: true: every existing row gets the same value, so MySQL refuses the key (duplicate entry)",
      config: mysql,
      code: `class AddCodeToCoupons < ActiveRecord::Migration[7.1]
  def change
    add_column :coupons, :code, :string, primary_key: true
  end
end
`,
      lines: [3],
    },
    {
      framework: "rails",
      name: "add_column on a table whose columns were added one by one 64 times: MySQL's row-version limit, so this one rebuilds the table (a warning)",
      config: mysql,
      files: sixtyFourColumns,
      code: `class AddNoteToEvents < ActiveRecord::Migration[7.1]
  def change
    add_column :events, :note, :text
  end
end
`,
      lines: [3],
      severities: ["warning"],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "a table this migration creates without an id gets one: no rows to number",
      config: mysql,
      code: `class CreateImports < ActiveRecord::Migration[7.1]
  def change
    create_table :imports, id: false do |t|
      t.string :name
    end
    add_column :imports, :id, :primary_key
  end
end
`,
    },
    {
      framework: "rails",
      name: "add_index and add_column are online on MySQL (no algorithm: :concurrently needed)",
      config: mysql,
      code: `class IndexOrders < ActiveRecord::Migration[7.1]
  def change
    add_index :orders, :customer_id
    add_column :orders, :note, :string
  end
end
`,
    },
    {
      framework: "rails",
      name: "foreign_key_checks switched off around add_foreign_key",
      config: mysql,
      code: `class AddOrderKey < ActiveRecord::Migration[7.1]
  def up
    execute "SET foreign_key_checks = 0"
    add_foreign_key :line_items, :orders
    execute "SET foreign_key_checks = 1"
  end

  def down
    remove_foreign_key :line_items, :orders
  end
end
`,
    },
  ],
});
