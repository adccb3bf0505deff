import { defineCases } from "../support/rule.js";

/** An earlier migration creates api_keys with an index on key (index_api_keys_on_key). */
const API_KEYS_CREATED = {
  "db/migrate/20250613000000_create_api_keys.rb": `class CreateApiKeys < ActiveRecord::Migration[7.2]
  def change
    create_table :api_keys do |t|
      t.string :key
      t.string :name
    end
    add_index :api_keys, :key
  end
end
`,
};

/** A later one removes the key column, and the index with it. */
const KEY_COLUMN_REMOVED = {
  "db/migrate/20250613101036_remove_key_from_api_keys.rb": `class RemoveKeyFromApiKeys < ActiveRecord::Migration[7.2]
  def change
    remove_column :api_keys, :key, :string
  end
end
`,
};

/** keygen's webhook_events, and its 20201001141046 that removes the created_at index a loop of 20190429150805 built */
const WEBHOOK_EVENTS_CREATED = {
  "db/migrate/20161004141729_create_webhook_events.rb": "class CreateWebhookEvents < ActiveRecord::Migration[5.0]\n  def change\n    create_table :webhook_events do |t|\n      t.string :event\n      t.timestamps\n    end\n  end\nend\n",
};
const REMOVE_CREATED_AT_INDEX = `class UpdateIndexesForWebhookEvents < ActiveRecord::Migration[5.2]
  disable_ddl_transaction!

  def change
    remove_index :webhook_events, :created_at
  end
end
`;

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "keygen: remove_index of a descending index a loop over a constant list built (order: { created_at: :desc }, literal): the fix keeps the order, so the rollback rebuilds it descending",
      path: "db/migrate/20201001141046_update_indexes_for_webhook_events.rb",
      files: {
        ...WEBHOOK_EVENTS_CREATED,
        "db/migrate/20190429150805_update_index_sort_orders.rb": "class UpdateIndexSortOrders < ActiveRecord::Migration[5.2]\n  disable_ddl_transaction!\n\n  TABLES = [:webhook_endpoints, :webhook_events]\n\n  def change\n    TABLES.each do |table|\n      add_index table, :created_at, order: { created_at: :desc }, algorithm: :concurrently\n    end\n  end\nend\n",
      },
      code: REMOVE_CREATED_AT_INDEX,
      lines: [5],
      fixes: ['# Name the index as the migration that created it defined it (its columns and order), so Rails rebuilds that index on rollback:\nremove_index :webhook_events, column: :created_at, name: "index_webhook_events_on_created_at", order: { created_at: :desc }, algorithm: :concurrently'],
    },
    {
      framework: "rails",
      name: "remove_index of an index whose order its creating loop computes at run time: no rollback that rebuilds another index, the down says the definition is unknown",
      path: "db/migrate/20201001141046_update_indexes_for_webhook_events.rb",
      files: {
        ...WEBHOOK_EVENTS_CREATED,
        "db/migrate/20190429150805_update_index_sort_orders.rb": "class UpdateIndexSortOrders < ActiveRecord::Migration[5.2]\n  disable_ddl_transaction!\n\n  TABLES = [:webhook_endpoints, :webhook_events]\n\n  def change\n    TABLES.each do |table|\n      add_index table, :created_at, order: sort_order_for(table), algorithm: :concurrently\n    end\n  end\nend\n",
      },
      code: REMOVE_CREATED_AT_INDEX,
      lines: [5],
      fixes: ['reversible do |dir|\n  dir.up { remove_index :webhook_events, column: :created_at, name: "index_webhook_events_on_created_at", algorithm: :concurrently }\n  dir.down do\n    # index_webhook_events_on_created_at as the migration that created it defined it: its order: is set at run time there, so migguard does not know its definition; add_index it back as that migration built it\n    raise ActiveRecord::IrreversibleMigration, "index_webhook_events_on_created_at: its definition is unknown (order: set at run time)"\n  end\nend'],
    },
    {
      framework: "rails",
      name: "remove_index by a name shaped like Rails' default (index_votes_on_unique_obs_fave) of an index no migration read built: the fix keeps name:, never column: :unique_obs_fave, which names no column (inaturalist 7512161921)",
      code: `class DropObsFaveIndex < ActiveRecord::Migration[6.1]
  def change
    remove_index :votes, name: "index_votes_on_unique_obs_fave"
  end
end
`,
      lines: [3],
      fixes: [
        'disable_ddl_transaction!\n\ndef change\n  reversible do |dir|\n    dir.up { remove_index :votes, name: "index_votes_on_unique_obs_fave", algorithm: :concurrently }\n    dir.down do\n      # add_index :votes with the columns it had, name: "index_votes_on_unique_obs_fave"\n      raise ActiveRecord::IrreversibleMigration, "index_votes_on_unique_obs_fave: its columns are in no migration migguard read"\n    end\n  end\nend',
      ],
    },
    {
      framework: "rails",
      name: "algorithm: (ENV['INDEX_CONCURRENTLY'] ? nil : :concurrently), CONCURRENTLY when the condition is false: a note that names it negated",
      code: `class RemoveNameIndexFromUsers < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    remove_index :users, :name, algorithm: (ENV['INDEX_CONCURRENTLY'] ? nil : :concurrently)
  end
end
`,
      lines: [5],
      severities: ["info"],
      messages: ["Index index_users_on_name is dropped CONCURRENTLY only when `!(ENV['INDEX_CONCURRENTLY'])` is true at run time; without it, the drop takes an ACCESS EXCLUSIVE lock on users."],
      fixes: [
        `# the migration already drops it CONCURRENTLY when !(ENV['INDEX_CONCURRENTLY']) is true: make sure it is when migrating a database in use
remove_index :users, :name, algorithm: (ENV['INDEX_CONCURRENTLY'] ? nil : :concurrently)`,
      ],
    },
    {
      framework: "rails",
      name: "on a young table (created 37 days earlier): a note, as the add_index that follows it on the same table (publish-teacher-training's add_unique_index_on_active_email_alert_filter_key_digest)",
      path: "db/migrate/20260324120000_add_unique_index_on_active_email_alert_filter_key_digest.rb",
      code: `class AddUniqueIndexOnActiveEmailAlertFilterKeyDigest < ActiveRecord::Migration[8.0]
  def change
    remove_index :candidate_email_alerts, :filter_key_digest
    add_index :candidate_email_alerts, %i[candidate_id filter_key_digest], unique: true, name: "idx_unique_active_email_alert_per_candidate_filter"
  end
end
`,
      files: {
        "db/migrate/20260215120000_create_candidate_email_alerts.rb": `class CreateCandidateEmailAlerts < ActiveRecord::Migration[8.0]
  def change
    create_table :candidate_email_alerts do |t|
      t.bigint :candidate_id
      t.string :filter_key_digest
    end
    add_index :candidate_email_alerts, :filter_key_digest
  end
end
`,
      },
      lines: [3],
      severities: ["info"],
      messages: ["candidate_email_alerts was created 37 days earlier by 20260215120000_create_candidate_email_alerts.rb: a young table is usually small and little queried, so the lock is likely brief"],
    },
    {
      framework: "rails",
      name: "with disable_ddl_transaction! each statement commits alone: the remove_column's lock is gone before remove_index",
      code: `class RemoveFormat < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    remove_column :draft_content_items, :legacy_format, :string
    remove_index :draft_content_items, :format
  end
end
`,
      lines: [6],
    },
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
    {
      framework: "rails",
      name: "remove_index by a name that spells no columns, created by no migration it sees: dropped concurrently by that name, the down says its columns are unknown",
      code: `class DropShopsCityIndex < ActiveRecord::Migration[7.1]
  def change
    remove_index :shops, name: "shops_city_idx"
  end
end
`,
      lines: [3],
      fixes: [
        `disable_ddl_transaction!

def change
  reversible do |dir|
    dir.up { remove_index :shops, name: "shops_city_idx", algorithm: :concurrently }
    dir.down do
      # add_index :shops with the columns it had, name: "shops_city_idx"
      raise ActiveRecord::IrreversibleMigration, "shops_city_idx: its columns are in no migration migguard read"
    end
  end
end`,
      ],
    },
    {
      framework: "rails",
      name: "remove_index guarded by index_exists? on an index the history keeps: the fix keeps the guard",
      path: "db/migrate/20250613101051_remove_key_index_from_api_keys.rb",
      files: API_KEYS_CREATED,
      code: `class RemoveKeyIndexFromApiKeys < ActiveRecord::Migration[7.2]
  def change
    remove_index :api_keys, :key if index_exists?(:api_keys, :key)
  end
end
`,
      lines: [3],
      fixes: ['disable_ddl_transaction!\n\ndef change\n  remove_index :api_keys, column: :key, name: "index_api_keys_on_key", algorithm: :concurrently, if_exists: true\nend'],
    },
    {
      framework: "rails",
      name: "remove_index ... if index_exists? before Rails 6.1 (no if_exists:): the fix keeps the modifier",
      code: `class RemoveKeyIndex < ActiveRecord::Migration[5.2]
  def change
    remove_index :api_keys, :key if index_exists?(:api_keys, :key)
  end
end
`,
      lines: [3],
      fixes: ["disable_ddl_transaction!\n\ndef change\n  remove_index :api_keys, column: :key, name: \"index_api_keys_on_key\", algorithm: :concurrently if index_exists?(:api_keys, :key)\nend"],
    },
    {
      framework: "rails",
      name: "an index dropped by an earlier migration but the remove_index has no guard: it still runs (and fails), reported",
      path: "db/migrate/20250613101051_remove_key_index_from_api_keys.rb",
      files: { ...API_KEYS_CREATED, ...KEY_COLUMN_REMOVED },
      code: `class RemoveKeyIndexFromApiKeys < ActiveRecord::Migration[7.2]
  def change
    remove_index :api_keys, :name
  end
end
`,
      lines: [3],
    },
    {
      framework: "rails",
      name: "data written between remove_index and the later remove_column would run under the lock taken early: reported",
      code: `class RemoveToken < ActiveRecord::Migration[6.1]
  def change
    remove_index :users, :authentication_token
    execute "UPDATE users SET remember_token = NULL"
    remove_column :users, :authentication_token, :string
  end
end
`,
      lines: [3],
    },
    {
      framework: "rails",
      name: "a later remove_column of another table: the index's table is not locked anyway",
      code: `class RemoveToken < ActiveRecord::Migration[6.1]
  def change
    remove_index :users, :authentication_token
    remove_column :people, :authentication_token, :string
  end
end
`,
      lines: [3],
    },
    {
      framework: "rails",
      name: "with disable_ddl_transaction! the later remove_column takes its lock alone: remove_index before it is reported",
      code: `class RemoveToken < ActiveRecord::Migration[6.1]
  disable_ddl_transaction!

  def change
    remove_index :users, :authentication_token
    remove_column :users, :authentication_token, :string
  end
end
`,
      lines: [5],
    },
    {
      framework: "rails",
      name: "remove_index in a change that does more: the fix keeps the rest in its transaction and drops the index concurrently in a migration of its own",
      path: "db/migrate/20250613101051_rework_users.rb",
      code: `class ReworkUsers < ActiveRecord::Migration[7.1]
  def change
    add_column :posts, :slug, :string
    remove_index :users, :email
  end
end
`,
      lines: [4],
      fixes: [
        '# Take the remove_index of line 4 out of ReworkUsers: its other changes stay there, in their transaction.\n# Then drop the index in a migration of its own, outside the DDL transaction (CONCURRENTLY needs that):\nclass RemoveIndexUsersOnEmail < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def change\n    remove_index :users, column: :email, name: \"index_users_on_email\", algorithm: :concurrently\n  end\nend',
      ],
    },
    {
      framework: "rails",
      name: "remove_index by column: of an index an earlier migration built with name: (Rails finds it by its columns): the message and the fix name that index; with disable_ddl_transaction! already, the fix is concurrent in place",
      path: "db/migrate/20230419084407_amend_unique_index_participant_declaration.rb",
      code: `class AmendUniqueIndexParticipantDeclaration < ActiveRecord::Migration[6.1]
  disable_ddl_transaction!

  def up
    remove_index :participant_declarations, column: %i[participant_profile_id declaration_type state], if_exists: true

    add_index :participant_declarations, %i[participant_profile_id declaration_type state], unique: true, name: :unique_declaration_index, where: "state IN ('submitted', 'paid')", algorithm: :concurrently
  end

  def down
    remove_index :participant_declarations, name: :unique_declaration_index, if_exists: true
  end
end
`,
      files: {
        "db/migrate/20220906152545_add_unique_index_to_participant_declarations.rb":
          "class AddUniqueIndexToParticipantDeclarations < ActiveRecord::Migration[6.1]\n  def change\n    create_table :participant_declarations do |t|\n      t.uuid :participant_profile_id\n      t.string :declaration_type\n      t.string :state\n    end\n    add_index :participant_declarations, %i[participant_profile_id declaration_type state], unique: true, name: :unique_declaration_index\n  end\nend\n",
      },
      lines: [5],
      messages: ["Dropping index unique_declaration_index without CONCURRENTLY"],
      fixes: ['remove_index :participant_declarations, column: [:participant_profile_id, :declaration_type, :state], name: "unique_declaration_index", algorithm: :concurrently, if_exists: true'],
    },
    {
      framework: "rails",
      name: "remove_index by column: of an index built with name:, in a change that does more: the migration of its own drops that index by its real name",
      path: "db/migrate/20230419084407_rework_participant_declarations.rb",
      code: `class ReworkParticipantDeclarations < ActiveRecord::Migration[6.1]
  def change
    add_column :participant_profiles, :note, :string
    remove_index :participant_declarations, column: %i[participant_profile_id declaration_type state]
  end
end
`,
      files: {
        "db/migrate/20220906152545_add_unique_index_to_participant_declarations.rb":
          "class AddUniqueIndexToParticipantDeclarations < ActiveRecord::Migration[6.1]\n  def change\n    create_table :participant_declarations do |t|\n      t.uuid :participant_profile_id\n      t.string :declaration_type\n      t.string :state\n    end\n    add_index :participant_declarations, %i[participant_profile_id declaration_type state], unique: true, name: :unique_declaration_index\n  end\nend\n",
      },
      lines: [4],
      messages: ["Dropping index unique_declaration_index without CONCURRENTLY"],
      fixes: ["# Take the remove_index of line 4 out of ReworkParticipantDeclarations: its other changes stay there, in their transaction.\n# Then drop the index in a migration of its own, outside the DDL transaction (CONCURRENTLY needs that):\nclass RemoveUniqueDeclarationIndex < ActiveRecord::Migration[6.1]\n  disable_ddl_transaction!\n\n  def change\n    # Name the index as the migration that created it defined it (its columns and unique), so Rails rebuilds that index on rollback:\n    remove_index :participant_declarations, column: [:participant_profile_id, :declaration_type, :state], name: \"unique_declaration_index\", unique: true, algorithm: :concurrently\n  end\nend"],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "remove_index of an index the next add_index builds again on the same columns (made unique): one hazard, reported on the build (index-without-concurrently), whose fix is the swap",
      path: "db/migrate/20240201000000_make_order_number_unique.rb",
      files: { "db/migrate/20230101000000_create_orders.rb": "class CreateOrders < ActiveRecord::Migration[7.1]\n  def change\n    create_table :orders do |t|\n      t.string :number\n    end\n    add_index :orders, :number\n  end\nend\n" },
      code: `class MakeOrderNumberUnique < ActiveRecord::Migration[7.1]
  def change
    remove_index :orders, :number
    add_index :orders, :number, unique: true
  end
end
`,
    },
    {
      framework: "rails",
      name: "remove_column later in the same transaction takes ACCESS EXCLUSIVE on the table until commit anyway (and drops the index): nothing to gain",
      code: `class RemoveAuthenticationTokenFromUsers < ActiveRecord::Migration[5.2]
  def change
    remove_index :users, column: :authentication_token, name: :index_users_on_authentication_token, unique: true
    remove_column :users, :authentication_token, :string, limit: 30
  end
end
`,
    },
    {
      framework: "rails",
      name: "rename_column later in the same transaction takes ACCESS EXCLUSIVE on the table until commit anyway",
      code: `class PolymorphicMentions < ActiveRecord::Migration[4.2]
  def change
    remove_index :mentions, column: %i(post_id)
    remove_index :mentions, column: %i(person_id post_id), unique: true
    rename_column :mentions, :post_id, :mentions_container_id
    add_column :mentions, :mentions_container_type, :string
  end
end
`,
    },
    {
      framework: "rails",
      name: "remove_column earlier in the migration's transaction already holds ACCESS EXCLUSIVE on the table: remove_index adds no lock wait",
      code: `class RemoveFormat < ActiveRecord::Migration[7.1]
  def change
    remove_column :draft_content_items, :legacy_format, :string
    remove_index :draft_content_items, :format
  end
end
`,
    },
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
    {
      framework: "rails",
      name: "a guarded remove_index of an index that went with its column in an earlier migration: the statement does nothing",
      path: "db/migrate/20250613101051_remove_key_index_from_api_keys.rb",
      files: { ...API_KEYS_CREATED, ...KEY_COLUMN_REMOVED },
      code: `class RemoveKeyIndexFromApiKeys < ActiveRecord::Migration[7.2]
  def change
    remove_index :api_keys, :key if index_exists?(:api_keys, :key)
    remove_index :api_keys, name: "index_api_keys_on_key", if_exists: true
  end
end
`,
    },
  ],
});
