import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "rename_table of a live table",
      code: `class RenameRewardsToPledges < ActiveRecord::Migration[7.1]
  def change
    rename_table :rewards, :pledges
  end
end
`,
      lines: [3],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "renamed with a view under the old name for the code still running (the fix this rule gives)",
      code: `class RenamePaymentsToCharges < ActiveRecord::Migration[7.1]
  def up
    rename_table :payments, :charges
    execute "CREATE VIEW payments AS SELECT * FROM charges"
  end

  def down
    execute "DROP VIEW payments"
    rename_table :charges, :payments
  end
end
`,
    },
    {
      framework: "rails",
      name: "renaming a table created in the same migration",
      code: `class CreatePledges < ActiveRecord::Migration[7.1]
  def change
    create_table :pledges_tmp do |t|
      t.integer :amount
    end
    rename_table :pledges_tmp, :pledges
  end
end
`,
    },
  ],
});
