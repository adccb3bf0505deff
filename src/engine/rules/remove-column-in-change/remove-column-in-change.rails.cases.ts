import { defineCases } from "../support/rule.js";
import { SEED_ANTI_PATTERN, SEED_QUICK_PATCH } from "../../testing/rails-fixtures.js";

export default defineCases({
  invalid: [
    { framework: "rails", name: "the seed's anti-pattern: change removes users.phone_number", code: SEED_ANTI_PATTERN, lines: [3] },
    {
      framework: "rails",
      name: "remove_columns and t.remove with a type",
      code: `class TrimAccounts < ActiveRecord::Migration[7.1]
  def change
    remove_columns :accounts, :fax, :telex, type: :string
    change_table :users do |t|
      t.remove :pager, type: :string
    end
  end
end
`,
      lines: [3, 3, 5],
    },
    {
      framework: "rails",
      name: "the model's own nesting and superclass in the ignored_columns step (reopening with another superclass raises TypeError)",
      path: "core/db/migrate/20260807120001_remove_claim_type_from_spree_claims.rb",
      code: `class RemoveClaimTypeFromSpreeClaims < ActiveRecord::Migration[8.1]
  def change
    remove_column :spree_claims, :claim_type, :string, null: false
  end
end
`,
      files: { "core/app/models/spree/claim.rb": "module Spree\n  class Claim < Spree.base_class\n    belongs_to :order\n    validates :claim_type, presence: true\n  end\nend\n" },
      lines: [3],
      fixes: [
        `# 1. Deploy the model without the column first:
# in core/app/models/spree/claim.rb:
module Spree
  class Claim < Spree.base_class
    self.ignored_columns += ["claim_type"]
  end
end

# 2. Then drop it with explicit up/down, keeping a copy so the down can restore the values:
def up
  # spree_claims's primary key is not in the migrations migguard read: the framework's id is assumed
  execute "CREATE TABLE spree_claims_claim_type_backup AS SELECT id, claim_type FROM spree_claims"
  remove_column :spree_claims, :claim_type
end

def down
  add_column :spree_claims, :claim_type, :string
  execute "UPDATE spree_claims SET claim_type = b.claim_type FROM spree_claims_claim_type_backup b WHERE spree_claims.id = b.id"
  change_column_null :spree_claims, :claim_type, false
end`,
      ],
    },
    {
      framework: "rails",
      name: "the down adds the column back with the options remove_column carried (null: false, default: 0)",
      path: "db/migrate/20191117200404_drop_post_count_from_tag_aliases.rb",
      code: `class DropPostCountFromTagAliases < ActiveRecord::Migration[6.0]
  def change
    remove_column :tag_aliases, :post_count, :integer, null: false, default: 0
  end
end
`,
      files: { "db/migrate/20150403224949_create_tag_aliases.rb": "class CreateTagAliases < ActiveRecord::Migration[4.2]\n  def change\n    create_table :tag_aliases do |t|\n      t.string :antecedent_name, null: false\n    end\n  end\nend\n" },
      lines: [3],
      fixes: [
        `# 1. Deploy the model without the column first:
# TagAlias: Rails' name for the model of tag_aliases (migguard did not find the model in app/models; its superclass is unknown: keep the one it has)
class TagAlias < ApplicationRecord
  self.ignored_columns += ["post_count"]
end

# 2. Then drop it with explicit up/down, keeping a copy so the down can restore the values:
def up
  execute "CREATE TABLE tag_aliases_post_count_backup AS SELECT id, post_count FROM tag_aliases"
  remove_column :tag_aliases, :post_count
end

def down
  add_column :tag_aliases, :post_count, :integer, default: 0, null: false
  execute "UPDATE tag_aliases SET post_count = b.post_count FROM tag_aliases_post_count_backup b WHERE tag_aliases.id = b.id"
end`,
      ],
    },
    {
      framework: "rails",
      name: "the down adds the column back as the earlier migration defined it, when remove_column gives only the type",
      path: "db/migrate/20191117200405_drop_status_from_tag_aliases.rb",
      code: `class DropStatusFromTagAliases < ActiveRecord::Migration[6.0]
  def change
    remove_column :tag_aliases, :status, :string
  end
end
`,
      files: { "db/migrate/20150403224949_create_tag_aliases.rb": "class CreateTagAliases < ActiveRecord::Migration[4.2]\n  def change\n    create_table :tag_aliases do |t|\n      t.string :status, null: false, default: 'pending'\n    end\n  end\nend\n" },
      lines: [3],
      fixes: [
        `# 1. Deploy the model without the column first:
# TagAlias: Rails' name for the model of tag_aliases (migguard did not find the model in app/models; its superclass is unknown: keep the one it has)
class TagAlias < ApplicationRecord
  self.ignored_columns += ["status"]
end

# 2. Then drop it with explicit up/down, keeping a copy so the down can restore the values:
def up
  execute "CREATE TABLE tag_aliases_status_backup AS SELECT id, status FROM tag_aliases"
  remove_column :tag_aliases, :status
end

def down
  add_column :tag_aliases, :status, :string, default: 'pending', null: false
  execute "UPDATE tag_aliases SET status = b.status FROM tag_aliases_status_backup b WHERE tag_aliases.id = b.id"
end`,
      ],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "a scratch column the same change added: the rollback has no values to lose",
      code: `class MoveUsers < ActiveRecord::Migration[7.1]
  def change
    add_column :users, :legacy_flag, :boolean
    remove_column :users, :legacy_flag, :boolean
  end
end
`,
    },
    {
      framework: "rails",
      name: "one hazard, one finding: a column of a table the same `change` drops afterwards (drop-table reports it)",
      code: `class RemoveStaging < ActiveRecord::Migration[7.1]
  def change
    remove_column :staged_changes, :branch_id, :bigint
    drop_table :staged_changes do |t|
      t.string :name
    end
  end
end
`,
    },
    {
      framework: "rails",
      name: "removed in a reversible block whose dir.down re-adds the column and puts its values back",
      code: `class RemoveOldColumnsFromTransactions < ActiveRecord::Migration[7.2]
  def change
    reversible do |dir|
      dir.up do
        remove_column :account_transactions, :date
      end

      dir.down do
        add_column :account_transactions, :date, :date
        execute <<-SQL.squish
          UPDATE account_transactions at SET date = ae.date
          FROM account_entries ae
          WHERE ae.entryable_type = 'Account::Transaction' AND ae.entryable_id = at.id
        SQL
      end
    end
  end
end
`,
    },
    { framework: "rails", name: "the seed's quick patch: explicit up/down with a backup", code: SEED_QUICK_PATCH },
    {
      framework: "rails",
      name: "remove_column without a type is irreversible (reported by irreversible-migration instead)",
      code: `class DropPhoneNumber < ActiveRecord::Migration[7.0]
  def change
    remove_column :users, :phone_number
  end
end
`,
    },
    {
      framework: "rails",
      name: "a column of a table created in the same migration",
      code: `class CreateDrafts < ActiveRecord::Migration[7.1]
  def change
    create_table :drafts do |t|
      t.text :body
    end
    remove_column :drafts, :body, :text
  end
end
`,
    },
    {
      framework: "rails",
      name: "the values are copied to a backup table first",
      code: `class DropPhoneNumber < ActiveRecord::Migration[7.0]
  def change
    create_table :users_phone_backup, as: "SELECT id, phone_number FROM users"
    remove_column :users, :phone_number, :string
  end
end
`,
    },
  ],
});
