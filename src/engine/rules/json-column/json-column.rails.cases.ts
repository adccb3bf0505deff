import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "add_column :json and t.json in change_table",
      code: `class AddSettings < ActiveRecord::Migration[7.1]
  def change
    add_column :users, :settings, :json
    change_table :accounts do |t|
      t.json :preferences
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
      name: "jsonb, or json in a new table",
      code: `class AddSettings < ActiveRecord::Migration[7.1]
  def change
    add_column :users, :settings, :jsonb
    create_table :audits do |t|
      t.json :payload
    end
  end
end
`,
    },
  ],
});
