import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "COMMIT inside the transaction Rails wraps the migration in",
      code: `class AddIndexTheHardWay < ActiveRecord::Migration[7.1]
  def up
    add_column :orders, :token, :string
    execute "COMMIT"
    execute "CREATE INDEX CONCURRENTLY index_orders_on_token ON orders (token)"
  end

  def down
    remove_column :orders, :token
  end
end
`,
      lines: [4],
    },
    {
      framework: "rails",
      name: "COMMIT ... BEGIN around an index: the COMMIT is the problem, the BEGIN only reopens what Rails will commit",
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
      lines: [3],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "disable_ddl_transaction! instead",
      code: `class AddIndexTheRightWay < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    add_index :orders, :token, algorithm: :concurrently
  end
end
`,
    },
  ],
});
