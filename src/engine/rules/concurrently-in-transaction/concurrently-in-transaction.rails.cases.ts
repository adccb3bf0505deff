import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "add_index algorithm: :concurrently beside an add_column, and a later migration renames the table and the column: the index's own migration, after the newest, names them as they are called there",
      files: { "db/migrate/20250101000000_rename_orders.rb": "class RenameOrders < ActiveRecord::Migration[7.1]\n  def change\n    rename_table :orders, :purchases\n    rename_column :purchases, :status, :state\n  end\nend\n" },
      code: `class AddStatusToOrders < ActiveRecord::Migration[7.1]
  def change
    add_column :orders, :status, :string
    add_index :orders, :status, algorithm: :concurrently
  end
end
`,
      lines: [4],
      fixes: ["# migration 1, db/migrate/20240101000000_case.rb as it becomes: without the index build of line 4; the rest of its up and its down stay as written, in their transaction\nclass AddStatusToOrders < ActiveRecord::Migration[7.1]\n  def change\n    add_column :orders, :status, :string\n  end\nend\n\n# migration 2, new file db/migrate/20250101000001_build_index_orders_on_status_concurrently.rb: the index built CONCURRENTLY, outside the DDL transaction (CONCURRENTLY refuses one), once migration 1 has run\nclass BuildIndexOrdersOnStatusConcurrently < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def change\n    add_index :purchases, :state, algorithm: :concurrently\n  end\nend"],
    },
    {
      framework: "rails",
      name: "add_index algorithm: :concurrently beside an add_column, and a later migration drops the table: the index's own migration goes right after this one, not at the head of the history where the table is gone: the split keeps the index the migration built",
      files: { "db/migrate/20250101000000_drop_orders.rb": "class DropOrders < ActiveRecord::Migration[7.1]\n  def up\n    drop_table :orders\n  end\nend\n" },
      code: `class AddStatusToOrders < ActiveRecord::Migration[7.1]
  def change
    add_column :orders, :status, :string
    add_index :orders, :status, algorithm: :concurrently
  end
end
`,
      lines: [4],
      fixes: ["# migration 1, db/migrate/20240101000000_case.rb as it becomes: without the index build of line 4; the rest of its up and its down stay as written, in their transaction\nclass AddStatusToOrders < ActiveRecord::Migration[7.1]\n  def change\n    add_column :orders, :status, :string\n  end\nend\n\n# migration 2, new file db/migrate/20240101000001_build_index_orders_on_status_concurrently.rb: the index built CONCURRENTLY, outside the DDL transaction (CONCURRENTLY refuses one), once migration 1 has run, numbered right after migration 1: later, db/migrate/20250101000000_drop_orders.rb:3 drops table orders, and status with it, so at the head of the history, where a new migration would go, the build would fail\nclass BuildIndexOrdersOnStatusConcurrently < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def change\n    add_index :orders, :status, algorithm: :concurrently\n  end\nend"],
    },
    {
      framework: "rails",
      name: "add_index algorithm: :concurrently beside an add_column, in the DDL transaction: the add_column stays, the index moves to a new migration of its own name (the class is not reprinted with the index alone)",
      code: `class AddStatusToOrders < ActiveRecord::Migration[7.1]
  def change
    add_column :orders, :status, :string
    add_index :orders, :status, algorithm: :concurrently
  end
end
`,
      lines: [4],
      fixes: ["# migration 1, db/migrate/20240101000000_case.rb as it becomes: without the index build of line 4; the rest of its up and its down stay as written, in their transaction\nclass AddStatusToOrders < ActiveRecord::Migration[7.1]\n  def change\n    add_column :orders, :status, :string\n  end\nend\n\n# migration 2, new file db/migrate/20240101000001_build_index_orders_on_status_concurrently.rb: the index built CONCURRENTLY, outside the DDL transaction (CONCURRENTLY refuses one), once migration 1 has run\nclass BuildIndexOrdersOnStatusConcurrently < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def change\n    add_index :orders, :status, algorithm: :concurrently\n  end\nend"],
    },
    {
      framework: "rails",
      name: "algorithm: :concurrently without disable_ddl_transaction!",
      code: `class AddIndexOnOrdersCustomerId < ActiveRecord::Migration[7.1]
  def change
    add_index :orders, :customer_id, algorithm: :concurrently
    remove_index :orders, :legacy_id, algorithm: :concurrently
  end
end
`,
      lines: [3, 4],
    },
    {
      framework: "rails",
      name: "disable_ddl_transaction! but the index sits in a transaction block",
      code: `class AddIndexOnOrdersCustomerId < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def up
    transaction do
      execute "CREATE INDEX CONCURRENTLY index_orders_on_customer_id ON orders (customer_id)"
    end
  end

  def down
    remove_index :orders, :customer_id, algorithm: :concurrently
  end
end
`,
      lines: [6],
    },
    {
      framework: "rails",
      name: "disable_ddl_transaction!, but two CONCURRENTLY statements in one execute: one query, one implicit transaction",
      code: `class AddEventIndexes < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def up
    execute <<~SQL
      CREATE INDEX CONCURRENTLY index_events_on_a ON events (a);
      CREATE INDEX CONCURRENTLY index_events_on_b ON events (b);
    SQL
  end

  def down
    execute "DROP INDEX CONCURRENTLY index_events_on_a"
    execute "DROP INDEX CONCURRENTLY index_events_on_b"
  end
end
`,
      lines: [6, 7],
    },
    {
      framework: "rails",
      name: "after execute \"COMMIT\" the pg gem opens no new transaction: CONCURRENTLY runs, but only thanks to the hack (a warning)",
      code: `class AddIndexWithCommitHack < ActiveRecord::Migration[7.1]
  def up
    execute "COMMIT"
    add_index :orders, :placed_at, algorithm: :concurrently
    execute "BEGIN"
  end

  def down
    remove_index :orders, :placed_at
  end
end
`,
      lines: [4],
    },
    {
      framework: "rails",
      name: "self.disable_ddl_transaction = false, the setter form keeping Rails' transaction: CONCURRENTLY refused",
      code: `class AddMonthDateIndexReportingPrescriptions < ActiveRecord::Migration[6.1]
  self.disable_ddl_transaction = false

  def change
    add_index :reporting_prescriptions, :month_date, name: "reporting_prescriptions_month_date", algorithm: :concurrently
  end
end
`,
      lines: [5],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "simple-server: self.disable_ddl_transaction = true, the setter of the class attribute disable_ddl_transaction! sets: the migration runs outside a transaction",
      code: `class AddMonthDateIndexReportingPrescriptions < ActiveRecord::Migration[6.1]
  self.disable_ddl_transaction = true

  def up
    add_index :reporting_prescriptions, [:month_date],
      name: "reporting_prescriptions_month_date", algorithm: :concurrently
  end

  def down
    remove_index :reporting_prescriptions,
      name: "reporting_prescriptions_month_date"
  end
end
`,
    },
    {
      framework: "rails",
      name: "disable_ddl_transaction!",
      code: `class AddIndexOnOrdersCustomerId < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    add_index :orders, :customer_id, algorithm: :concurrently
    add_reference :orders, :store, index: { algorithm: :concurrently }
  end
end
`,
    },
  ],
});
