import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "MySQL (mysql2): the batched backfill is MySQL's UPDATE ... LIMIT",
      config: { database: "mysql" },
      code: `class RetireLinksColumn < ActiveRecord::Migration[7.1]
  def change
    rename_column :link_sets, :links, :legacy_links
  end
end
`,
      lines: [3],
    },
    {
      framework: "rails",
      name: "rename_column and t.rename on live tables",
      code: `class RetireLinksColumn < ActiveRecord::Migration[7.1]
  def change
    rename_column :link_sets, :links, :legacy_links
    change_table :users do |t|
      t.rename :fax, :fax_number
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
      name: "renaming a column of a table created in the same migration",
      code: `class CreateDrafts < ActiveRecord::Migration[7.1]
  def change
    create_table :drafts do |t|
      t.text :txt
    end
    rename_column :drafts, :txt, :body
  end
end
`,
    },
  ],
});
