/**
 * Rails migrations the seed article shows (verbatim, including its missing indentation), shared by the
 * Rails case tables of several rules and by the adapter tests.
 */

/** The anti-pattern: `change` removes users.phone_number; "change cannot derive a rollback; down is blank". */
export const SEED_ANTI_PATTERN = `class DropPhoneNumber < ActiveRecord::Migration[7.0]
def change
remove_column :users, :phone_number, :string
end
end
`;

/** The seed's "quick patch": explicit up/down that copy the column to a backup table before removing it. */
export const SEED_QUICK_PATCH = `class DropPhoneNumber < ActiveRecord::Migration[7.0]
def up
add_column :users, :phone_number_backup, :string
execute "INSERT INTO users_backup(id, phone_number) SELECT id, phone_number FROM users"
remove_column :users, :phone_number
end
def down
add_column :users, :phone_number, :string
execute "UPDATE users SET phone_number = b.phone_number FROM users_backup b WHERE users.id = b.id"
drop_table :users_backup
end
end
`;

/**
 * bike_index's config/database.yml, shortened: `primary_replica` is a replica (`replica: true`) of `primary`, the same
 * database under ERB in development and the sandbox (merged from the primary), another host in production.
 */
export const REPLICA_DATABASE_YML = `default: &default
  adapter: postgresql
  pool: <%= ENV.fetch("DB_POOL") { 20 } %>

development:
  primary:
    <<: *default
    database: app_development<%= "_#{ENV["WORKSPACE_ID"]}" if ENV["WORKSPACE_ID"] %>
  primary_replica:
    <<: *default
    # Using primary database, replica not actually replicating
    database: app_development<%= "_#{ENV["WORKSPACE_ID"]}" if ENV["WORKSPACE_ID"] %>
    replica: true
  analytics:
    <<: *default
    database: app_analytics_development
    migrations_paths: db/analytics_migrate

production:
  primary:
    <<: *default
    database: app_production
    host: "<%= ENV['POSTGRESQL_ADDRESS'] %>"
  primary_replica:
    <<: *default
    replica: true
    host: "<%= ENV['POSTGRESQL_PRIMARY_REPLICA_ADDRESS'] %>"
    database: "<%= ENV['POSTGRESQL_DATABASE'] %>"
  analytics:
    <<: *default
    migrations_paths: db/analytics_migrate
    database: "<%= ENV['ANALYTICS_DB_DATABASE'] %>"

sandbox:
  primary: &sandbox_primary
    <<: *default
    database: "<%= ENV['POSTGRESQL_DATABASE'] %>"
  primary_replica:
    <<: *sandbox_primary
    replica: true
`;

/** signon's supported_permissions as db/schema.rb gives it: its create_table went with the squashed migrations */
export const SUPPORTED_PERMISSIONS_DUMP = {
  "db/schema.rb": `ActiveRecord::Schema[7.0].define(version: 2024_09_01_000000) do
  create_table "supported_permissions", id: :integer, charset: "utf8mb3", force: :cascade do |t|
    t.integer "application_id", null: false
    t.string "name"
    t.boolean "delegatable", default: false
  end
end
`,
};

/** signon 7cd74f2d's 20241001140623: a search-and-replace of delegatable renamed delegated to itself */
export const renamePermission = (from: string, to: string) => `class RenameDelegatableToDelegated < ActiveRecord::Migration[7.2]
  def change
    rename_column :supported_permissions, :${from}, :${to}
  end
end
`;
