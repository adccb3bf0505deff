import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "the parent's rows deleted (DELETE without WHERE) and its child's foreign key, added on_delete: :cascade by an earlier migration, takes the child's along: the add_column runs, only inserts from code that does not set the column fail",
      path: "db/migrate/20240301000000_add_level_to_metadata.rb",
      files: {
        "db/migrate/20240101000000_create_metadata.rb": `class CreateMetadata < ActiveRecord::Migration[7.1]
  def change
    create_table :registries do |t|
      t.string :path, null: false
    end
    create_table :metadata do |t|
      t.references :registry, null: false, foreign_key: { on_delete: :cascade }
      t.string :name, null: false
    end
  end
end
`,
      },
      code: `class AddLevelToMetadata < ActiveRecord::Migration[7.1]
  def up
    execute "DELETE FROM registries"
    add_column :metadata, :level, :string, null: false
  end

  def down
    remove_column :metadata, :level
  end
end
`,
      lines: [4],
      messages: ["metadata is emptied earlier in this migration: the DELETE of registries on line 3 takes its rows along through the foreign key on registry_id (ON DELETE CASCADE)"],
    },
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
      // an index is no sign the table is empty: on one with rows the deploy fails here
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "talk-api refactor_tagging: the migration drops a column of tags beside the NOT NULL references, data it loses only if it runs, which it does only on an empty tags; in its transaction rows make it fail whole, drops too: a warning (nothing is lost, but the deploy fails on rows)",
      code: `class RefactorTagging < ActiveRecord::Migration
  def change
    remove_column :tags, :uses, :integer
    add_column :tags, :user_id, :integer, null: false
    add_column :tags, :comment_id, :integer, null: false
  end
end
`,
      lines: [4, 5],
      severities: ["warning", "warning"],
      messages: [
        "Dropping column uses (line 3) loses no data: tags must be empty for this statement to run. This migration drops data of tags itself (dropping column uses (line 3)) and runs in one transaction: with rows in tags the ALTER fails, the deploy stops there and the rollback undoes everything, the drops too; on an empty tags only inserts that do not set user_id fail. Check that tags is empty in production before this deploys.",
        "on an empty tags only inserts that do not set comment_id fail.",
      ],
    },
    {
      framework: "rails",
      name: "the same outside a transaction (disable_ddl_transaction!): with rows the remove_column has run when the add_column fails, so the error stays",
      code: `class RefactorTagging < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    remove_column :tags, :uses, :integer
    add_column :tags, :user_id, :integer, null: false
  end
end
`,
      lines: [6],
      severities: ["error"],
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
    {
      framework: "rails",
      name: "PostgreSQL 10 (postgres_version: 10), where add_column's default is written into every existing row: added nullable, change_column_default for new rows, the rows filled in batches by a migration of its own, then NOT NULL",
      config: { postgres_version: 10 },
      code: `class AddPlanToUsers < ActiveRecord::Migration[7.1]
  def change
    add_column :users, :plan, :string, null: false
  end
end
`,
      lines: [3],
      fixes: ["# before PostgreSQL 11 any default is written into every existing row (a rewrite under ACCESS EXCLUSIVE): add it nullable, give new rows the default, fill the existing rows in batches, then make it NOT NULL:\nadd_column :users, :plan, :string\nchange_column_default :users, :plan, from: nil, to: \"\"  # new rows only: it touches no existing row\n# \"\" is a stand-in: use the value existing rows should have in plan\n\n# then a new migration, db/migrate/20240101000001_fill_users_plan.rb:\nclass FillUsersPlan < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def up\n    # 1000 rows a statement, each committed on its own (disable_ddl_transaction!), until one updates nothing\n    nil until connection.exec_update(\"UPDATE users SET plan = '' WHERE ctid IN (SELECT ctid FROM users WHERE plan IS NULL LIMIT 1000)\").zero?\n  end\n\n  def down\n    # nothing to undo: the filled values stay\n  end\nend\n\n# then a new migration, db/migrate/20240101000002_users_plan_not_null.rb:\nclass UsersPlanNotNull < ActiveRecord::Migration[7.1]\n  def up\n    # once every running version of the code sets plan\n    add_check_constraint :users, \"plan IS NOT NULL\", name: \"users_plan_not_null\", validate: false\n    validate_check_constraint :users, name: \"users_plan_not_null\"\n    change_column_null :users, :plan, false\n    remove_check_constraint :users, name: \"users_plan_not_null\"\n  end\n\n  def down\n    change_column_null :users, :plan, true\n  end\nend"],
    },
    {
      framework: "rails",
      name: "add_timestamps on PostgreSQL 10 (postgres_version: 10): no default: CURRENT_TIMESTAMP with the columns (it would write every row); each added nullable, its default set apart, filled in batches, then NOT NULL",
      config: { postgres_version: 10 },
      code: `class AddTimestampsToLegacyReports < ActiveRecord::Migration[7.1]
  def change
    add_timestamps :legacy_reports
  end
end
`,
      lines: [3],
      fixes: ["# before PostgreSQL 11 any default is written into every existing row (a rewrite under ACCESS EXCLUSIVE): add it nullable, give new rows the default, fill the existing rows in batches, then make it NOT NULL:\nadd_column :legacy_reports, :created_at, :datetime\nchange_column_default :legacy_reports, :created_at, from: nil, to: -> { \"CURRENT_TIMESTAMP\" }  # new rows only: it touches no existing row\n\n# then a new migration, db/migrate/20240101000001_fill_legacy_reports_created_at.rb:\nclass FillLegacyReportsCreatedAt < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def up\n    # 1000 rows a statement, each committed on its own (disable_ddl_transaction!), until one updates nothing\n    nil until connection.exec_update(\"UPDATE legacy_reports SET created_at = now() WHERE ctid IN (SELECT ctid FROM legacy_reports WHERE created_at IS NULL LIMIT 1000)\").zero?\n  end\n\n  def down\n    # nothing to undo: the filled values stay\n  end\nend\n\n# then a new migration, db/migrate/20240101000002_legacy_reports_created_at_not_null.rb:\nclass LegacyReportsCreatedAtNotNull < ActiveRecord::Migration[7.1]\n  def up\n    # once every running version of the code sets created_at\n    add_check_constraint :legacy_reports, \"created_at IS NOT NULL\", name: \"legacy_reports_created_at_not_null\", validate: false\n    validate_check_constraint :legacy_reports, name: \"legacy_reports_created_at_not_null\"\n    change_column_null :legacy_reports, :created_at, false\n    remove_check_constraint :legacy_reports, name: \"legacy_reports_created_at_not_null\"\n  end\n\n  def down\n    change_column_null :legacy_reports, :created_at, true\n  end\nend\n# before PostgreSQL 11 any default is written into every existing row (a rewrite under ACCESS EXCLUSIVE): add it nullable, give new rows the default, fill the existing rows in batches, then make it NOT NULL:\nadd_column :legacy_reports, :updated_at, :datetime\nchange_column_default :legacy_reports, :updated_at, from: nil, to: -> { \"CURRENT_TIMESTAMP\" }  # new rows only: it touches no existing row\n\n# then a new migration, db/migrate/20240101000003_fill_legacy_reports_updated_at.rb:\nclass FillLegacyReportsUpdatedAt < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def up\n    # 1000 rows a statement, each committed on its own (disable_ddl_transaction!), until one updates nothing\n    nil until connection.exec_update(\"UPDATE legacy_reports SET updated_at = now() WHERE ctid IN (SELECT ctid FROM legacy_reports WHERE updated_at IS NULL LIMIT 1000)\").zero?\n  end\n\n  def down\n    # nothing to undo: the filled values stay\n  end\nend\n\n# then a new migration, db/migrate/20240101000004_legacy_reports_updated_at_not_null.rb:\nclass LegacyReportsUpdatedAtNotNull < ActiveRecord::Migration[7.1]\n  def up\n    # once every running version of the code sets updated_at\n    add_check_constraint :legacy_reports, \"updated_at IS NOT NULL\", name: \"legacy_reports_updated_at_not_null\", validate: false\n    validate_check_constraint :legacy_reports, name: \"legacy_reports_updated_at_not_null\"\n    change_column_null :legacy_reports, :updated_at, false\n    remove_check_constraint :legacy_reports, name: \"legacy_reports_updated_at_not_null\"\n  end\n\n  def down\n    change_column_null :legacy_reports, :updated_at, true\n  end\nend"],
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
