import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "an UPDATE whose table Ruby interpolates (human-essentials' move_partner_for_families): the moved data migration keeps the execute as written, #{...} and all",
      path: "db/migrate/20250201000000_move_partner_for_families.rb",
      code: `class MovePartnerForFamilies < ActiveRecord::Migration[7.1]
  def up
    add_column :families, :old_partner_id, :bigint
    execute "UPDATE #{Partners::Family.table_name} SET old_partner_id = partner_id"
  end

  def down
    remove_column :families, :old_partner_id
  end
end
`,
      files: {
        "db/migrate/20250101000000_create_families.rb": "class CreateFamilies < ActiveRecord::Migration[7.1]\n  def change\n    create_table :families do |t|\n      t.bigint :partner_id\n    end\n  end\nend\n",
      },
      lines: [4],
      fixes: [
        [
          "# migration 1: this migration without its data change",
          "# migration 2, once migration 1 is deployed, outside the schema change's transaction (on a large table, in batches):",
          "class BackfillData < ActiveRecord::Migration[7.1]",
          "  disable_ddl_transaction!",
          "",
          "  def change",
          "    up_only do  # rollback does not bring the old values back: keep a copy first if they may be needed",
          '      execute "UPDATE #{Partners::Family.table_name} SET old_partner_id = partner_id"',
          "    end",
          "  end",
          "end",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "the data change reads the table dropped afterwards (through its model): the drop waits for it, in the same transaction",
      code: `class MoveDiscrepancies < ActiveRecord::Migration[7.0]
  def up
    InventoryDiscrepancy.find_each { |d| Event.create!(kind: "discrepancy", data: d.attributes) }
    drop_table :inventory_discrepancies
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      lines: [3],
    },
    {
      framework: "rails",
      name: "rename_table beside an update_all of a _type column to a class that is not the renamed table's: reported",
      code: `class RenameTransactionsTable < ActiveRecord::Migration[7.2]
  def up
    rename_table :transactions, :account_transactions
    Tagging.where(taggable_type: "Transaction").update_all(taggable_type: "Entry")
  end

  def down
    rename_table :account_transactions, :transactions
  end
end
`,
      lines: [4],
    },
    {
      framework: "rails",
      name: "MySQL: no transactional DDL, so a failed backfill leaves the column added and the migration unrecorded",
      config: { database: "mysql" },
      code: `class AddAndFillState < ActiveRecord::Migration[7.1]
  def up
    add_column :orders, :state, :string
    execute "UPDATE orders SET state = 'open'"
  end

  def down
    remove_column :orders, :state
  end
end
`,
      lines: [4],
    },
    {
      framework: "rails",
      name: "backfill with update_all in the migration that adds the column (same transaction: error)",
      code: `class AddStatusToOrders < ActiveRecord::Migration[7.1]
  def up
    add_column :orders, :status, :string
    Order.reset_column_information
    Order.update_all(status: "open")
  end

  def down
    remove_column :orders, :status
  end
end
`,
      lines: [5],
    },
    {
      framework: "rails",
      name: "UPDATE through connection.execute after change_column_null's table lock",
      code: `class TimestampVotes < ActiveRecord::Migration[7.1]
  def up
    add_column :votes, :updated_at, :datetime, null: true
    ActiveRecord::Base.connection.execute("UPDATE votes SET updated_at = created_at WHERE updated_at IS NULL")
    change_column_null :votes, :updated_at, false
  end

  def down
    remove_column :votes, :updated_at
  end
end
`,
      lines: [4],
    },
    {
      framework: "rails",
      name: "a find_each loop that writes, next to a schema change",
      code: `class NormalizeEmails < ActiveRecord::Migration[7.1]
  def up
    add_index :users, :email_normalized, algorithm: :concurrently
    User.find_each { |user| user.update_column(:email_normalized, user.email.downcase) }
  end

  def down
    remove_index :users, :email_normalized
  end
end
`,
      lines: [4],
    },
    {
      framework: "rails",
      name: "deduplicating rows so a unique index can be built, outside the DDL transaction (a note: no lock is held across the data change)",
      code: `class AddUniqueIndexOnAccountsUri < ActiveRecord::Migration[8.1]
  disable_ddl_transaction!

  class Account < ApplicationRecord; end

  def up
    add_index :accounts, :uri, algorithm: :concurrently, unique: true
  rescue ActiveRecord::RecordNotUnique
    remove_index :accounts, name: :index_accounts_on_uri, algorithm: :concurrently
    Account.where(uri: duplicates).delete_all
    retry
  end

  def down
    remove_index :accounts, name: :index_accounts_on_uri
  end
end
`,
      lines: [10],
    },
    {
      framework: "rails",
      name: "a foreign key re-added after the rows are re-pointed (its table named at run time): it waits for the data change, in migration 3",
      code: `class RepointOrdersToAccounts < ActiveRecord::Migration[7.1]
  def up
    table_name = Order.table_name
    remove_foreign_key :orders, :customers
    Order.find_each do |order|
      order.update!(customer_id: Account.find_by!(legacy_customer_id: order.customer_id).id)
    end
    add_foreign_key table_name, :accounts, column: :customer_id
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      lines: [5],
      fixes: [
        [
          "# migration 1: this migration's schema changes before line 8, without its data change",
          "# migration 2, once migration 1 is deployed, outside the schema change's transaction (on a large table, in batches):",
          "class BackfillOrders < ActiveRecord::Migration[7.1]",
          "  disable_ddl_transaction!",
          "",
          "  def change",
          "    up_only do  # rollback does not bring the old values back: keep a copy first if they may be needed",
          "      Order.find_each do |order|",
          "        order.update!(customer_id: Account.find_by!(legacy_customer_id: order.customer_id).id)",
          "      end",
          "    end",
          "  end",
          "end",
          "# migration 3, once migration 2 has run: the schema changes from line 8 on (they need the data change done)",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "an UPDATE in a heredoc Ruby interpolates, then an index: the moved execute keeps the heredoc's body",
      code: `class AddConfirmableToPeople < ActiveRecord::Migration[6.1]
  def up
    add_column :people, :confirmed_at, :datetime
    execute <<-SQL
      UPDATE people
      SET confirmed_at = '#{Time.now.utc}'
    SQL
    add_index :people, :confirmed_at
  end

  def down
    remove_column :people, :confirmed_at
  end
end
`,
      lines: [5],
      fixes: [
        [
          "# migration 1: this migration's schema changes before line 8, without its data change",
          "# migration 2, once migration 1 is deployed, outside the schema change's transaction (on a large table, in batches):",
          "class BackfillPeople < ActiveRecord::Migration[6.1]",
          "  disable_ddl_transaction!",
          "",
          "  def change",
          "    up_only do  # rolling back migration 1 drops what this fills",
          "      execute <<-SQL",
          "        UPDATE people",
          "        SET confirmed_at = '#{Time.now.utc}'",
          "      SQL",
          "    end",
          "  end",
          "end",
          "# migration 3, once migration 2 has run: the schema changes from line 8 on (they need the data change done)",
        ].join("\n"),
      ],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "the only schema change drops a table the data change does not touch: its lock is on the dropped table alone",
      code: `class ClearEventsOnceAgain < ActiveRecord::Migration[7.0]
  def change
    execute('drop table inventory_discrepancies')
    Event.delete_all
    Organization.all.each do |org|
      SnapshotEvent.publish(org)
    end
  end
end
`,
    },
    {
      framework: "rails",
      name: "rename_table with the polymorphic taggable_type renamed from the old class to the new one: atomic with the rename, not a data change to split",
      code: `class RenameTransactionsTable < ActiveRecord::Migration[7.2]
  def change
    rename_table :transactions, :account_transactions

    reversible do |dir|
      dir.up do
        Tagging.where(taggable_type: 'Transaction').update_all(taggable_type: "Account::Transaction")
      end

      dir.down do
        Tagging.where(taggable_type: 'Account::Transaction').update_all(taggable_type: "Transaction")
      end
    end
  end
end
`,
    },
    {
      framework: "rails",
      name: "a loop over old rows that only creates rows of a table created here: seeding it is part of creating it",
      code: `class CreateUserRoles < ActiveRecord::Migration[7.1]
  def up
    create_table :user_roles do |t|
      t.references :user, null: false
      t.string :role, null: false
    end

    User.where(administrator: true).find_each do |user|
      UserRole.create!(user_id: user.id, role: "administrator")
    end
  end

  def down
    drop_table :user_roles
  end
end
`,
    },
    {
      framework: "rails",
      name: "a backfill in its own migration, in batches, outside the DDL transaction",
      code: `class BackfillAuthBypassIds < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def up
    Edition.in_batches(of: 5000).each_with_index do |batch, index|
      batch.update_all(auth_bypass_ids: [])
      puts "Updated #{(index + 1) * 5000} auth_bypass_ids"
    end
  end

  def down
    Edition.in_batches(of: 5000) { |batch| batch.update_all(auth_bypass_ids: nil) }
  end
end
`,
    },
    {
      framework: "rails",
      name: "seeding a table the migration creates",
      code: `class CreatePlans < ActiveRecord::Migration[7.1]
  def up
    create_table :plans do |t|
      t.string :name
    end
    execute "INSERT INTO plans (name) VALUES ('free'), ('pro')"
  end

  def down
    drop_table :plans
  end
end
`,
    },
  ],
});
