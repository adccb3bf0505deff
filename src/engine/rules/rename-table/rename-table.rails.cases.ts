import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "code-before-migrate deploy: the new code queries pledges before the rename creates it (the message says so, not the old code's failure)",
      config: { deploy: "code-before-migrate" },
      code: `class RenameRewardsToPledges < ActiveRecord::Migration[7.1]
  def change
    rename_table :rewards, :pledges
  end
end
`,
      lines: [3],
      severities: ["error"],
      messages: ["and the new code queries pledges, which does not exist until the rename: its queries fail between that step and the migration"],
    },
    {
      framework: "rails",
      name: "rename_table, then rename_column on the renamed table: the table's finding tells the column too, one hazard",
      code: `class RenameRewardsToPledges < ActiveRecord::Migration[7.1]
  def change
    rename_table :rewards, :pledges
    rename_column :pledges, :amount, :amount_cents
  end
end
`,
      lines: [3],
      messages: ["This migration then renames a column of pledges too, amount to amount_cents (line 4): the same old code fails on it, one hazard with this one"],
    },
    {
      framework: "rails",
      name: "rename_table, then remove_column on the renamed table, which fails while a view reads the column: the view goes after it",
      code: `class RenameRewardsToPledges < ActiveRecord::Migration[7.1]
  def change
    rename_table :rewards, :pledges
    remove_column :pledges, :legacy_code, :string
  end
end
`,
      lines: [3],
      fixes: ["# or keep the table and rename only the model: class Pledge < ApplicationRecord; self.table_name = \"rewards\"; end\nrename_table :rewards, :pledges\n# after line 4 of this migration, the last that drops or retypes a column of pledges (that fails while a view reads the column): the old name keeps working (reads and writes) until no code uses it,\n# reading pledges as this migration leaves it (old code that reads legacy_code fails either way: no view keeps a column the table no longer has):\nreversible do |dir|\n  dir.up { execute \"CREATE VIEW rewards AS SELECT * FROM pledges\" }\n  dir.down { execute \"DROP VIEW rewards\" }\nend\n\n# then a new migration, db/migrate/20240101000001_drop_view_rewards.rb:\nclass DropViewRewards < ActiveRecord::Migration[7.1]\n  def up\n    # in the next deploy, once no running code uses rewards (PostgreSQL expands * when the view is made, so it reads every column pledges has now, named or not: DROP COLUMN of one of them and DROP TABLE fail while it stands):\n    execute \"DROP VIEW rewards\"\n  end\n\n  def down\n    execute \"CREATE VIEW rewards AS SELECT * FROM pledges\"\n  end\nend"],
    },
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
    {
      framework: "rails",
      name: "the very next migration creates a table under the old name: no view and no model-only rename (both keep the name), the rename as written with the rollout said",
      files: {
        "db/migrate/20240101000000_create_rewards.rb": `class CreateRewards < ActiveRecord::Migration[7.1]
  def change
    create_table :rewards do |t|
      t.integer :amount
    end
  end
end
`,
        "db/migrate/20240301000000_create_rewards_again.rb": `class CreateRewardsAgain < ActiveRecord::Migration[7.1]
  def change
    create_table :rewards do |t|
      t.string :code
    end
  end
end
`,
      },
      path: "db/migrate/20240201000000_rename_rewards_to_pledges.rb",
      code: `class RenameRewardsToPledges < ActiveRecord::Migration[7.1]
  def change
    rename_table :rewards, :pledges
  end
end
`,
      lines: [3],
      fixes: ["# no view under rewards: db/migrate/20240301000000_create_rewards_again.rb:3 creates a table named rewards, which a view of that name would make fail (\"already exists\"); ship this change once no running code uses rewards\nrename_table :rewards, :pledges"],
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
