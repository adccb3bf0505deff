import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "add_column null: false without a default, and add_timestamps (NOT NULL since Rails 5): one finding for the call naming both columns",
      code: `class AddRequiredFields < ActiveRecord::Migration[7.1]
  def change
    add_column :orders, :currency, :string, null: false
    add_timestamps :legacy_reports
  end
end
`,
      lines: [3, 4],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "with a default, nullable, on a new table, and Rails 4.2 timestamps (nullable)",
      code: `class AddCurrency < ActiveRecord::Migration[4.2]
  def change
    add_column :orders, :currency, :string, null: false, default: "EUR"
    add_column :orders, :note, :text
    add_timestamps :legacy_reports
    create_table :rates do |t|
      t.string :currency, null: false
    end
  end
end
`,
    },
  ],
});
