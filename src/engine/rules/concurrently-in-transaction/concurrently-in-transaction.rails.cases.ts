import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
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
  ],
  valid: [
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
