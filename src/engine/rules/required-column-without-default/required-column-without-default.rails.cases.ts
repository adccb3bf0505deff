import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "add_column null: false, then add_index unique: true on it: no constant stand-in default, each row gets its own value on the way up",
      code: `class AddSlugToProjects < ActiveRecord::Migration[7.1]
  def change
    add_column :projects, :slug, :string, null: false
    add_index :projects, :slug, unique: true
  end
end
`,
      lines: [3],
      fixes: [
        [
          "# slug becomes unique on line 4: a constant stand-in default would give every existing row the same slug, and the unique index fails at the second row.",
          "# Add it nullable, give each existing row its own value, then make it NOT NULL once every running version of the code writes it:",
          "add_column :projects, :slug, :string",
          "# gen_random_uuid()::text is a stand-in that differs for each row: use the value each row should have in slug (made from what identifies it)",
          'up_only { execute "UPDATE projects SET slug = gen_random_uuid()::text WHERE slug IS NULL" }',
          "# then, in a later migration once every running version of the code writes slug:",
          "# change_column_null :projects, :slug, false",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "the message says the migration's other locks on the table are brief: it must be empty for add_column to run",
      code: `class AddScopeToFollowers < ActiveRecord::Migration[7.1]
  def change
    add_column :followers, :scope, :string, null: false
    add_index :followers, :scope
  end
end
`,
      lines: [3],
      messages: ["The rest of this migration's locks on followers (line 4) are only brief: followers must be empty for this statement to run."],
    },
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
    {
      framework: "rails",
      name: "hcb: add_reference null: false gets no stand-in 0 (no user 0) and keeps its concurrent index: nullable, filled, then NOT NULL through a check",
      code: `class AddUserToCheckDeposits < ActiveRecord::Migration[7.0]
  disable_ddl_transaction!
  def change
    add_reference :check_deposits, :created_by, null: false, index: { algorithm: :concurrently }
  end
end
`,
      lines: [4],
      fixes: ["# created_by_id names a row: no constant default stands in for it (0 names none). Add it nullable, the rest as written:\nadd_reference :check_deposits, :created_by, index: { algorithm: :concurrently }\n# then fill created_by_id for existing rows (nothing to fill while check_deposits is empty) and, in a later migration (def up) once every running version of the code writes it:\nadd_check_constraint :check_deposits, \"created_by_id IS NOT NULL\", name: \"check_deposits_created_by_id_not_null\", validate: false\nvalidate_check_constraint :check_deposits, name: \"check_deposits_created_by_id_not_null\"\nchange_column_null :check_deposits, :created_by_id, false\nremove_check_constraint :check_deposits, name: \"check_deposits_created_by_id_not_null\""],
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
