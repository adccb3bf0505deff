import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "remove_index without algorithm: :concurrently",
      code: `class RemoveFormatIndex < ActiveRecord::Migration[7.1]
  def change
    remove_index :draft_content_items, :format
    change_table :users do |t|
      t.remove_index :nickname
    end
  end
end
`,
      lines: [3, 5],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "remove_index concurrently, outside the DDL transaction",
      code: `class RemoveFormatIndex < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    remove_index :draft_content_items, :format, algorithm: :concurrently
  end
end
`,
    },
  ],
});
