import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "bigint -> integer, and a shorter varchar limit",
      code: `class ShrinkColumns < ActiveRecord::Migration[7.1]
  def up
    change_column :events, :payload_size, :integer
    change_column :posts, :title, :string, limit: 100
  end

  def down
    change_column :posts, :title, :string, limit: 255
    change_column :events, :payload_size, :bigint
  end
end
`,
      lines: [3, 4],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "integer -> bigint widens",
      code: `class WidenIds < ActiveRecord::Migration[7.1]
  def up
    change_column :events, :account_id, :bigint
  end

  def down
    change_column :events, :account_id, :integer
  end
end
`,
    },
  ],
});
