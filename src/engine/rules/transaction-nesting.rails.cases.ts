import { defineCases } from "./rule.js";

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
