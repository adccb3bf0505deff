import { CI_MATRIX_SQLITE_POSTGRES } from "../../testing/python-fixtures.js";
import { GUARDED_ELIGIBLE_INDEX, GUARDED_ELIGIBLE_PATH, SOLIDUS_TABLES } from "../../testing/seed72-fixtures.js";
import { defineCases } from "../support/rule.js";

/** solidus' guarded eligible index moved to a migration of its own, `up` being what its up method holds */
const eligibleIndexFix = (up: string) => `# Take the index out of MoveAdjustmentEligible: its other changes stay there, in their transaction.
# Then build it in a migration of its own, outside the DDL transaction (CONCURRENTLY needs that):
class AddIndexOnSpreeAdjustmentsEligible < ActiveRecord::Migration[7.0]
  disable_ddl_transaction!

  def up
${up}
  end
end`;

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "algorithm: (ENV['INDEX_CONCURRENTLY'] ? :concurrently : nil), CONCURRENTLY chosen at run time (an opt-in environment variable): a note that names the condition, the call kept as written; a plain build beside it is still an error",
      code: `class AddEmailIndexToUsers < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    add_index :users, :email, algorithm: (ENV['INDEX_CONCURRENTLY'] ? :concurrently : nil)
    add_index :users, :age
  end
end
`,
      lines: [5, 6],
      severities: ["info", "error"],
      messages: ["Index index_users_on_email is built CONCURRENTLY only when `ENV['INDEX_CONCURRENTLY']` is true at run time; without it, the build blocks writes to users while it runs.", "Creating index index_users_on_age without CONCURRENTLY"],
    },
    {
      framework: "rails",
      name: "add_index after add_column in the migration's transaction: the ADD COLUMN's ACCESS EXCLUSIVE lock is held until commit, so the build blocks reads too",
      path: "db/migrate/20240101000000_add_payout_to_invoices.rb",
      files: { "db/migrate/20230101000000_create_invoices.rb": "class CreateInvoices < ActiveRecord::Migration[7.1]\n  def change\n    create_table :invoices do |t|\n      t.integer :amount\n      t.string :number\n    end\n  end\nend\n" },
      code: `class AddPayoutToInvoices < ActiveRecord::Migration[7.1]
  def change
    add_column :invoices, :payout_id, :bigint
    add_index :invoices, :payout_id
  end
end
`,
      lines: [4],
      severities: ["error"],
      messages: ["Line 3's ADD COLUMN payout_id already holds ACCESS EXCLUSIVE on invoices until commit, so this build blocks reads as well as writes for its whole duration; building it CONCURRENTLY outside this transaction lets line 3 commit at once."],
    },
    {
      framework: "rails",
      name: "add_reference's index: the ADD COLUMN of the same call holds ACCESS EXCLUSIVE while the index builds",
      path: "db/migrate/20240101000000_add_payout_to_invoices.rb",
      files: { "db/migrate/20230101000000_create_invoices.rb": "class CreateInvoices < ActiveRecord::Migration[7.1]\n  def change\n    create_table :invoices do |t|\n      t.integer :amount\n      t.string :number\n    end\n  end\nend\n" },
      code: `class AddPayoutToInvoices < ActiveRecord::Migration[7.1]
  def change
    add_reference :invoices, :payout
  end
end
`,
      lines: [3],
      messages: ["The ADD COLUMN payout_id of the same operation already holds ACCESS EXCLUSIVE on invoices until commit, so this build blocks reads as well as writes for its whole duration; building it CONCURRENTLY outside this transaction lets it commit at once."],
    },
    {
      framework: "rails",
      name: "add_index on a TimescaleDB hypertable an earlier migration made (execute of create_hypertable): TimescaleDB refuses algorithm: :concurrently there, so the fix builds it chunk by chunk outside the DDL transaction, under Rails' own index name",
      path: "db/migrate/20240201000000_index_events_user.rb",
      files: { "db/migrate/20240101000000_create_events.rb": `class CreateEvents < ActiveRecord::Migration[7.1]
  def up
    create_table :events, id: false do |t|
      t.bigint :user_id
      t.datetime :created_at, null: false
    end
    execute "SELECT create_hypertable('events', 'created_at')"
  end
end
` },
      code: `class IndexEventsUser < ActiveRecord::Migration[7.1]
  def change
    add_index :events, :user_id
  end
end
`,
      lines: [3],
      messages: ["events is a TimescaleDB hypertable, which refuses CONCURRENTLY"],
      fixes: ["# events is a TimescaleDB hypertable (create_hypertable at db/migrate/20240101000000_create_events.rb:7), which refuses CREATE INDEX CONCURRENTLY (\"hypertables do not support concurrent index creation\").\n# WITH (timescaledb.transaction_per_chunk) builds the index chunk by chunk, each chunk in a transaction of its own,\n# so writes wait only on the chunk being indexed. Like CONCURRENTLY it cannot run inside a transaction block.\n# A build that fails leaves the index INVALID on events (new chunks still get it): drop it and build it again.\n# in a migration of its own, outside the DDL transaction:\ndisable_ddl_transaction!\n\ndef up\n  execute \"CREATE INDEX index_events_on_user_id ON events (user_id) WITH (timescaledb.transaction_per_chunk)\"\nend\n\ndef down\n  execute \"DROP INDEX IF EXISTS index_events_on_user_id\"\nend"],
    },
    {
      framework: "rails",
      name: "content-data-api: add_index on a materialized view an earlier migration created with scenic's create_view materialized: true: a note that the build blocks its REFRESH, not writes",
      path: "db/migrate/20190213155742_add_indexes_view_search_totals.rb",
      files: {
        "db/migrate/20181106114625_create_search_totals.rb": `class CreateSearchTotals < ActiveRecord::Migration[5.2]
  def change
    create_view :search_totals, materialized: true
  end
end
`,
        "db/views/search_totals_v01.sql": "SELECT id, upviews FROM pages\n",
      },
      code: `class AddIndexesViewSearchTotals < ActiveRecord::Migration[5.2]
  def change
    add_index :search_totals, :upviews
  end
end
`,
      lines: [3],
      severities: ["info"],
      messages: ["blocks REFRESH MATERIALIZED VIEW search_totals while it builds: search_totals is a materialized view, which nothing else writes"],
    },
    {
      framework: "rails",
      name: "a materialized view only db/schema.rb shows (scenic's create_view ... materialized: true, sql_definition:): a note too",
      path: "db/migrate/20190213155742_add_indexes_view_search_totals.rb",
      files: {
        "db/schema.rb": `ActiveRecord::Schema.define(version: 2019_02_13_155742) do
  create_table "pages", force: :cascade do |t|
    t.integer "upviews"
  end

  create_view "search_totals", materialized: true, sql_definition: <<-SQL
      SELECT pages.id, pages.upviews FROM pages;
  SQL
end
`,
      },
      code: `class AddIndexesViewSearchTotals < ActiveRecord::Migration[5.2]
  def up
    execute "create index search_totals_upviews on search_totals (upviews)"
  end

  def down
    execute "drop index search_totals_upviews"
  end
end
`,
      lines: [3],
      severities: ["info"],
      messages: ["search_totals is a materialized view"],
    },
    {
      framework: "rails",
      name: "simple-server: add_index on a relation the squashed history starts after, which a later migration drops with drop_view ... materialized: true (and replaces by a view over a table of another schema, simple_reporting, of the same name): it was a materialized view until then, a note that the build blocks its REFRESH, not writes",
      path: "db/migrate/20240411074916_add_gender_and_age_index_to_reporting_patient_states.rb",
      files: {
        // the table the view is later rebuilt over, in another schema: not the relation the index is built on
        "db/migrate/20250522105107_create_partitioned_table_reporting_patient_states.rb": `class CreatePartitionedTableReportingPatientStates < ActiveRecord::Migration[6.1]
  def up
    execute "CREATE SCHEMA IF NOT EXISTS simple_reporting"
    execute "CREATE TABLE IF NOT EXISTS simple_reporting.reporting_patient_states (patient_id uuid, gender varchar) PARTITION BY LIST (gender)"
  end
end
`,
        "db/migrate/20250925094123_discard_mat_view_reporting_patient_states.rb": `class DiscardMatViewReportingPatientStates < ActiveRecord::Migration[6.1]
  def up
    drop_view :reporting_patient_states, materialized: true
    execute "CREATE VIEW public.reporting_patient_states AS SELECT * FROM simple_reporting.reporting_patient_states"
  end
end
`,
      },
      code: `class AddGenderAndAgeIndexToReportingPatientStates < ActiveRecord::Migration[6.1]
  def change
    add_index :reporting_patient_states, :gender
  end
end
`,
      lines: [3],
      severities: ["info"],
      messages: ["blocks REFRESH MATERIALIZED VIEW reporting_patient_states while it builds: reporting_patient_states is a materialized view, which nothing else writes"],
    },
    {
      framework: "rails",
      name: "a later migration drops the name as a materialized view, but an earlier one created a table under it: a table when the index is built, the error stays",
      path: "db/migrate/20240411074916_add_gender_index_to_patient_states.rb",
      files: {
        "db/migrate/20240101000000_create_patient_states.rb": `class CreatePatientStates < ActiveRecord::Migration[6.1]
  def change
    create_table :patient_states do |t|
      t.string :gender
    end
  end
end
`,
        "db/migrate/20250925094123_replace_patient_states.rb": `class ReplacePatientStates < ActiveRecord::Migration[6.1]
  def up
    drop_table :patient_states
    execute "CREATE MATERIALIZED VIEW patient_states AS SELECT 1 AS gender"
    drop_view :patient_states, materialized: true
  end
end
`,
      },
      code: `class AddGenderIndexToPatientStates < ActiveRecord::Migration[6.1]
  def change
    add_index :patient_states, :gender
  end
end
`,
      lines: [3],
      severities: ["error"],
      messages: ["blocks writes to patient_states"],
    },
    {
      framework: "rails",
      name: "CREATE MATERIALIZED VIEW whose view name Ruby computes (`#{view_name}`) and whose query is read from a file: the view is unknown, the add_index on the old relation stays an error",
      code: `class UpdateReportingFacilityStates < ActiveRecord::Migration[6.1]
  def up
    execute <<-SQL
      CREATE MATERIALIZED VIEW #{view_name} AS
      #{File.read(Rails.root.join("db/views/reporting_facility_states_v12.sql"))}
      WITH NO DATA;
    SQL

    add_index :reporting_facility_states, [:month_date, :facility_region_id], name: :index_fs_month_date_region_id, unique: true
  end
end
`,
      lines: [9],
      severities: ["error"],
      messages: ["Creating index index_fs_month_date_region_id without CONCURRENTLY blocks writes to reporting_facility_states"],
    },
    {
      framework: "rails",
      name: "CREATE INDEX among a heredoc's views and functions (catarse 20150729110132): the migration keeps its other statements and its down, without the build and its drop; a new migration of its own name and version builds it CONCURRENTLY",
      path: "db/migrate/20150729110132_add_team_members_view.rb",
      code: `class AddTeamMembersView < ActiveRecord::Migration[7.1]
  def up
    execute <<-SQL
      CREATE OR REPLACE VIEW team_members AS (
        select u.id, u.name from users u where u.admin
      );
      drop index if exists user_admin_id_ix;
      create index user_admin_id_ix on users(id) where admin;
      GRANT SELECT on team_members to web_user;
    SQL
  end

  def down
    execute <<-SQL
      drop view team_members;
      drop index if exists user_admin_id_ix;
    SQL
  end
end
`,
      files: { "db/migrate/20150101000000_create_users.rb": "class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users do |t|\n      t.string :name\n      t.boolean :admin\n    end\n  end\nend\n" },
      lines: [8],
      fixes: ["# migration 1, db/migrate/20150729110132_add_team_members_view.rb as it becomes: without the index build of line 8 and its drop in its down (the new migration's down drops it); the rest of its up and its down stay as written, in their transaction\nclass AddTeamMembersView < ActiveRecord::Migration[7.1]\n  def up\n    execute <<-SQL\n      CREATE OR REPLACE VIEW team_members AS (\n        select u.id, u.name from users u where u.admin\n      );\n      drop index if exists user_admin_id_ix;\n      GRANT SELECT on team_members to web_user;\n    SQL\n  end\n\n  def down\n    execute <<-SQL\n      drop view team_members;\n    SQL\n  end\nend\n\n# migration 2, new file db/migrate/20150729110133_build_user_admin_id_ix_concurrently.rb: the index built CONCURRENTLY, outside the DDL transaction (CONCURRENTLY refuses one), once migration 1 has run\nclass BuildUserAdminIdIxConcurrently < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def up\n    execute \"DROP INDEX CONCURRENTLY IF EXISTS user_admin_id_ix\"\n    execute \"create index CONCURRENTLY user_admin_id_ix on users(id) where admin\"\n  end\n\n  def down\n    execute \"DROP INDEX CONCURRENTLY IF EXISTS user_admin_id_ix\"\n  end\nend"],
    },
    {
      framework: "rails",
      name: "SQL and add_index builds, nothing else (content-data-api 20190213155920): every one built CONCURRENTLY in the migration itself, none dropped, the down dropping each",
      path: "db/migrate/20190213155920_add_indexes_view_aggregations_search_last_three_months.rb",
      code: `class AddIndexesViewAggregationsSearchLastThreeMonths < ActiveRecord::Migration[5.2]
  def up
    execute "create index aggregations_gin_title on aggregations using gin(to_tsvector('english', title))"
    add_index :aggregations, :upviews, name: :aggregations_upviews
  end

  def down
    execute "drop index aggregations_gin_title"
    remove_index :aggregations, name: :aggregations_upviews
  end
end
`,
      files: { "db/migrate/20190101000000_create_aggregations.rb": "class CreateAggregations < ActiveRecord::Migration[5.2]\n  def change\n    create_table :aggregations do |t|\n      t.string :title\n      t.integer :upviews\n    end\n  end\nend\n" },
      lines: [3, 4],
      fixes: ["class AddIndexesViewAggregationsSearchLastThreeMonths < ActiveRecord::Migration[5.2]\n  disable_ddl_transaction!\n\n  def up\n    execute \"create index CONCURRENTLY aggregations_gin_title on aggregations using gin(to_tsvector('english', title))\"\n    add_index :aggregations, :upviews, name: :aggregations_upviews, algorithm: :concurrently\n  end\n\n  def down\n    remove_index :aggregations, name: \"aggregations_upviews\", algorithm: :concurrently\n    execute \"DROP INDEX CONCURRENTLY IF EXISTS aggregations_gin_title\"\n  end\nend", "class AddIndexesViewAggregationsSearchLastThreeMonths < ActiveRecord::Migration[5.2]\n  disable_ddl_transaction!\n\n  def up\n    execute \"create index CONCURRENTLY aggregations_gin_title on aggregations using gin(to_tsvector('english', title))\"\n    add_index :aggregations, :upviews, name: :aggregations_upviews, algorithm: :concurrently\n  end\n\n  def down\n    remove_index :aggregations, name: \"aggregations_upviews\", algorithm: :concurrently\n    execute \"DROP INDEX CONCURRENTLY IF EXISTS aggregations_gin_title\"\n  end\nend"],
    },
    {
      framework: "rails",
      name: "a project whose CI matrix also runs SQLite (whose adapter raises on algorithm: :concurrently): the concurrent add_index under `if connection.adapter_name =~ /postg/i`, the add_index as written otherwise",
      code: `class AddIndexOnOrdersNumber < ActiveRecord::Migration[7.1]
  def change
    add_index :orders, :number
  end
end
`,
      files: CI_MATRIX_SQLITE_POSTGRES,
      lines: [3],
      fixes: ["# PostgreSQL's way on PostgreSQL only (connection.adapter_name), the operation as written on SQLite:\nclass Case < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def change\n    if connection.adapter_name =~ /postg/i\n      add_index :orders, :number, algorithm: :concurrently\n    else\n      add_index :orders, :number\n    end\n  end\nend"],
    },
    {
      framework: "rails",
      name: "a Ruby comment right above add_index says the table is tiny: a note quoting it",
      code: `class AddKeyIndexToSettings < ActiveRecord::Migration[7.1]
  def change
    # settings is a tiny table (one row per feature flag)
    add_index :settings, :key
  end
end
`,
      lines: [4],
      severities: ["info"],
      messages: ['Its author says the table is small: "settings is a tiny table (one row per feature flag)" (line 3)'],
    },
    {
      framework: "rails",
      name: "add_index only while Model.count, or a SQL COUNT(*), is below a bound (if, unless, an early return): notes quoting the condition; under a count of another table or above the bound: errors",
      code: `class AddEventIndexes < ActiveRecord::Migration[7.1]
  LIMIT = 1_000_000

  def up
    add_index :events, :kind if Event.count < LIMIT
    unless Tag.unscoped.count > 50_000
      add_index :tags, :name
    end
    add_index :users, :email if Event.count < LIMIT
    add_index :events, :created_at if Event.count > 1_000
    return if connection.select_value("SELECT COUNT(*) FROM comments") >= LIMIT

    add_index :comments, :post_id
  end

  def down
    remove_index :comments, :post_id
    remove_index :events, :created_at
    remove_index :users, :email
    remove_index :tags, :name
    remove_index :events, :kind
  end
end
`,
      lines: [5, 7, 9, 10, 13],
      severities: ["info", "info", "error", "error", "info"],
      messages: [
        "The migration runs it only when \`Event.count < LIMIT\` (line 5), a bound on the row count of events",
        "only when \`Tag.unscoped.count > 50_000\` is false (line 6)",
        "blocks writes to users",
        "blocks writes to events",
        "only when \`connection.select_value(\"SELECT COUNT(*) FROM comments\") >= LIMIT\` is false (line 11)",
      ],
    },
    {
      framework: "rails",
      name: "with disable_ddl_transaction! an add_index before the add_column null: false commits on its own, on the rows the table had",
      code: `class AddScopeToFollowers < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    add_index :followers, :user_id
    add_column :followers, :scope, :string, null: false
  end
end
`,
      lines: [5],
    },
    {
      framework: "rails",
      name: "add_reference whose column the migration's other work reads: the reference stays with index: false, the new migration only builds the index (repeating add_reference adds the column twice)",
      path: "db/migrate/20250902143122_fix_policies_store_association.rb",
      code: `class FixPoliciesStoreAssociation < ActiveRecord::Migration[7.2]
  def change
    add_reference :spree_policies, :owner, polymorphic: true, index: true
    up_only { execute "UPDATE spree_policies SET owner_id = store_id, owner_type = 'Spree::Store'" }
    remove_column :spree_policies, :store_id, :bigint
    add_index :spree_policies, [:owner_id, :owner_type, :slug], unique: true
  end
end
`,
      lines: [3, 6],
      fixes: Array(2).fill(`# In FixPoliciesStoreAssociation, keep the column where it is, without its index:
add_reference :spree_policies, :owner, polymorphic: true, index: false
# Take these indexes out of FixPoliciesStoreAssociation: its other changes stay there, in their transaction.
# Then build them in a migration of their own, outside the DDL transaction (CONCURRENTLY needs that):
class AddIndexOnSpreePoliciesOwnerTypeAndOwnerId < ActiveRecord::Migration[7.2]
  disable_ddl_transaction!

  def change
    add_index :spree_policies, [:owner_type, :owner_id], name: "index_spree_policies_on_owner", algorithm: :concurrently
    add_index :spree_policies, [:owner_id, :owner_type, :slug], unique: true, algorithm: :concurrently
  end
end`),
    },
    {
      framework: "rails",
      name: "add_column null: false with a default proves nothing about the rows",
      code: `class AddScopeToFollowers < ActiveRecord::Migration[7.1]
  def change
    add_column :followers, :scope, :string, null: false, default: ""
    add_index :followers, :scope
  end
end
`,
      lines: [4],
    },
    {
      framework: "rails",
      name: "add_index on live tables",
      path: "db/migrate/20240101000000_add_indexes_for_content_access.rb",
      code: `class AddIndexesForContentAccess < ActiveRecord::Migration[7.1]
  def change
    add_index :draft_content_items, :format
    add_index :versions, [:target_id, :target_type], unique: true
  end
end
`,
      lines: [3, 4],
      // one migration that builds exactly these indexes, outside the DDL transaction
      fixes: ["class AddIndexesForContentAccess < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def change\n    add_index :draft_content_items, :format, algorithm: :concurrently\n    add_index :versions, [:target_id, :target_type], unique: true, algorithm: :concurrently\n  end\nend", "class AddIndexesForContentAccess < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def change\n    add_index :draft_content_items, :format, algorithm: :concurrently\n    add_index :versions, [:target_id, :target_type], unique: true, algorithm: :concurrently\n  end\nend"],
    },
    {
      framework: "rails",
      name: "add_index calls keep every option they wrote (where:, name:, using:), only built concurrently",
      path: "db/migrate/20250127105807_add_graphql_optimisation_index_to_editions.rb",
      code: `class AddGraphqlOptimisationIndexToEditions < ActiveRecord::Migration[8.0]
  def change
    add_index :editions, %i[document_id document_type], where: "content_store = 'live'", name: :index_editions_live
    add_index(:links, [:link_set_id, :link_type], using: :btree)
  end
end
`,
      lines: [3, 4],
      fixes: [
        "class AddGraphqlOptimisationIndexToEditions < ActiveRecord::Migration[8.0]\n  disable_ddl_transaction!\n\n  def change\n    add_index :editions, %i[document_id document_type], where: \"content_store = 'live'\", name: :index_editions_live, algorithm: :concurrently\n    add_index(:links, [:link_set_id, :link_type], using: :btree, algorithm: :concurrently)\n  end\nend",
        "class AddGraphqlOptimisationIndexToEditions < ActiveRecord::Migration[8.0]\n  disable_ddl_transaction!\n\n  def change\n    add_index :editions, %i[document_id document_type], where: \"content_store = 'live'\", name: :index_editions_live, algorithm: :concurrently\n    add_index(:links, [:link_set_id, :link_type], using: :btree, algorithm: :concurrently)\n  end\nend",
      ],
    },
    {
      framework: "rails",
      name: "add_index beside other changes, and a later migration renames the table: the index's own migration, after the newest, names the table as it is called there",
      path: "db/migrate/20190516024925_add_columns_to_import_jobs.rb",
      files: { "db/migrate/20200101000000_rename_import_jobs.rb": "class RenameImportJobs < ActiveRecord::Migration[5.1]\n  def change\n    rename_table :import_jobs, :imports\n  end\nend\n" },
      code: `class AddColumnsToImportJobs < ActiveRecord::Migration[5.1]
  def change
    add_column :import_jobs, :status, :bigint, default: 1, null: false
    add_index :import_jobs, [:import_id, :status]
  end
end
`,
      lines: [4],
      fixes: ["# migration 1, db/migrate/20190516024925_add_columns_to_import_jobs.rb as it becomes: without the index build of line 4; the rest of its up and its down stay as written, in their transaction\nclass AddColumnsToImportJobs < ActiveRecord::Migration[5.1]\n  def change\n    add_column :import_jobs, :status, :bigint, default: 1, null: false\n  end\nend\n\n# migration 2, new file db/migrate/20200101000001_build_index_import_jobs_on_import_id_and_status_concurrently.rb: the index built CONCURRENTLY, outside the DDL transaction (CONCURRENTLY refuses one), once migration 1 has run\nclass BuildIndexImportJobsOnImportIdAndStatusConcurrently < ActiveRecord::Migration[5.1]\n  disable_ddl_transaction!\n\n  def change\n    add_index :imports, [:import_id, :status], algorithm: :concurrently\n  end\nend"],
    },
    {
      framework: "rails",
      name: "keygen's add_column + add_index, whose column a later migration removes (and one between them takes the next version): add_column stays in migration 1, the index is built concurrently in migration 2, numbered right after it over the taken version, never left out",
      path: "db/migrate/20230105175955_add_environment_to_release_platforms.rb",
      files: {
        "db/migrate/20230105175956_add_environment_to_releases.rb": "class AddEnvironmentToReleases < ActiveRecord::Migration[7.0]\n  def change\n    add_column :releases, :environment_id, :uuid\n  end\nend\n",
        "db/migrate/20230217220629_remove_environment_from_release_platforms.rb": "class RemoveEnvironmentFromReleasePlatforms < ActiveRecord::Migration[7.0]\n  def change\n    remove_column :release_platforms, :environment_id, :uuid\n  end\nend\n",
      },
      code: `class AddEnvironmentToReleasePlatforms < ActiveRecord::Migration[7.0]
  def change
    add_column :release_platforms, :environment_id, :uuid, null: true

    add_index :release_platforms, :environment_id
  end
end
`,
      lines: [5],
      fixes: [
        "# migration 1, db/migrate/20230105175955_add_environment_to_release_platforms.rb as it becomes: without the index build of line 5; the rest of its up and its down stay as written, in their transaction\nclass AddEnvironmentToReleasePlatforms < ActiveRecord::Migration[7.0]\n  def change\n    add_column :release_platforms, :environment_id, :uuid, null: true\n  end\nend\n\n# migration 2, new file db/migrate/20230105175957_build_index_release_platforms_on_environment_id_concurrently.rb: the index built CONCURRENTLY, outside the DDL transaction (CONCURRENTLY refuses one), once migration 1 has run, numbered right after migration 1: later, db/migrate/20230217220629_remove_environment_from_release_platforms.rb:3 drops release_platforms.environment_id, so at the head of the history, where a new migration would go, the build would fail\nclass BuildIndexReleasePlatformsOnEnvironmentIdConcurrently < ActiveRecord::Migration[7.0]\n  disable_ddl_transaction!\n\n  def change\n    add_index :release_platforms, :environment_id, algorithm: :concurrently\n  end\nend",
      ],
    },
    {
      framework: "rails",
      name: "add_index beside other changes, and a later migration drops the table: the index's own migration goes right after this one, not at the head of the history where the table is gone: the split keeps the index the migration built",
      path: "db/migrate/20190516024925_add_columns_to_import_jobs.rb",
      files: { "db/migrate/20200101000000_drop_import_jobs.rb": "class DropImportJobs < ActiveRecord::Migration[5.1]\n  def up\n    drop_table :import_jobs\n  end\nend\n" },
      code: `class AddColumnsToImportJobs < ActiveRecord::Migration[5.1]
  def change
    add_column :import_jobs, :status, :bigint, default: 1, null: false
    add_index :import_jobs, [:import_id, :status]
  end
end
`,
      lines: [4],
      fixes: ["# migration 1, db/migrate/20190516024925_add_columns_to_import_jobs.rb as it becomes: without the index build of line 4; the rest of its up and its down stay as written, in their transaction\nclass AddColumnsToImportJobs < ActiveRecord::Migration[5.1]\n  def change\n    add_column :import_jobs, :status, :bigint, default: 1, null: false\n  end\nend\n\n# migration 2, new file db/migrate/20190516024926_build_index_import_jobs_on_import_id_and_status_concurrently.rb: the index built CONCURRENTLY, outside the DDL transaction (CONCURRENTLY refuses one), once migration 1 has run, numbered right after migration 1: later, db/migrate/20200101000000_drop_import_jobs.rb:3 drops table import_jobs, and import_id with it, so at the head of the history, where a new migration would go, the build would fail\nclass BuildIndexImportJobsOnImportIdAndStatusConcurrently < ActiveRecord::Migration[5.1]\n  disable_ddl_transaction!\n\n  def change\n    add_index :import_jobs, [:import_id, :status], algorithm: :concurrently\n  end\nend"],
    },
    {
      framework: "rails",
      name: "add_index beside other changes: the fix keeps them in the migration and moves only the index to one of its own",
      path: "db/migrate/20190516024925_add_columns_to_import_jobs.rb",
      code: `class AddColumnsToImportJobs < ActiveRecord::Migration[5.1]
  def change
    add_column :import_jobs, :status, :bigint, default: 1, null: false
    add_index :import_jobs, [:import_id, :status]
  end
end
`,
      lines: [4],
      fixes: ["# migration 1, db/migrate/20190516024925_add_columns_to_import_jobs.rb as it becomes: without the index build of line 4; the rest of its up and its down stay as written, in their transaction\nclass AddColumnsToImportJobs < ActiveRecord::Migration[5.1]\n  def change\n    add_column :import_jobs, :status, :bigint, default: 1, null: false\n  end\nend\n\n# migration 2, new file db/migrate/20190516024926_build_index_import_jobs_on_import_id_and_status_concurrently.rb: the index built CONCURRENTLY, outside the DDL transaction (CONCURRENTLY refuses one), once migration 1 has run\nclass BuildIndexImportJobsOnImportIdAndStatusConcurrently < ActiveRecord::Migration[5.1]\n  disable_ddl_transaction!\n\n  def change\n    add_index :import_jobs, [:import_id, :status], algorithm: :concurrently\n  end\nend"],
    },
    {
      framework: "rails",
      name: "add_index after a change_table block without a block parameter (its add_column calls are the migration's own): the fix keeps them and moves only the index",
      path: "db/migrate/20210415163231_add_notify_fields_to_nomination_email.rb",
      code: `class AddNotifyFieldsToNominationEmail < ActiveRecord::Migration[6.1]
  def change
    change_table :nomination_emails, bulk: true do
      add_column :nomination_emails, :notify_id, :string
      add_column :nomination_emails, :delivered_at, :datetime
    end

    add_index :nomination_emails, :notify_id
  end
end
`,
      lines: [8],
      fixes: ["# migration 1, db/migrate/20210415163231_add_notify_fields_to_nomination_email.rb as it becomes: without the index build of line 8; the rest of its up and its down stay as written, in their transaction\nclass AddNotifyFieldsToNominationEmail < ActiveRecord::Migration[6.1]\n  def change\n    change_table :nomination_emails, bulk: true do\n      add_column :nomination_emails, :notify_id, :string\n      add_column :nomination_emails, :delivered_at, :datetime\n    end\n  end\nend\n\n# migration 2, new file db/migrate/20210415163232_build_index_nomination_emails_on_notify_id_concurrently.rb: the index built CONCURRENTLY, outside the DDL transaction (CONCURRENTLY refuses one), once migration 1 has run\nclass BuildIndexNominationEmailsOnNotifyIdConcurrently < ActiveRecord::Migration[6.1]\n  disable_ddl_transaction!\n\n  def change\n    add_index :nomination_emails, :notify_id, algorithm: :concurrently\n  end\nend"],
    },
    {
      framework: "rails",
      name: "add_reference builds its index without algorithm: :concurrently (index is on by default)",
      code: `class AddStoryAndUserToReadRibbon < ActiveRecord::Migration[7.1]
  def change
    add_reference :read_ribbons, :user
    add_reference :read_ribbons, :story, index: true
  end
end
`,
      lines: [3, 4],
    },
    {
      framework: "rails",
      name: "add_reference with its own options: the fix is the user's call (type: :uuid, foreign_key:) with its index built concurrently, and nothing it adds is left behind",
      path: "db/migrate/20240501000000_add_transfer_to_transactions.rb",
      code: `class AddTransferToTransactions < ActiveRecord::Migration[7.2]
  def change
    add_reference :transactions, :transfer, type: :uuid, null: true, foreign_key: true
  end
end
`,
      lines: [3],
      fixes: [
        "class AddTransferToTransactions < ActiveRecord::Migration[7.2]\n  disable_ddl_transaction!\n\n  def change\n    add_reference :transactions, :transfer, type: :uuid, null: true, foreign_key: true, index: { algorithm: :concurrently }\n  end\nend",
      ],
    },
    {
      framework: "rails",
      name: "t.index and t.string with index: inside change_table",
      code: `class IndexAccounts < ActiveRecord::Migration[7.1]
  def change
    change_table :accounts do |t|
      t.index :nickname
      t.string :slug, index: { unique: true }
    end
  end
end
`,
      lines: [4, 5],
    },
    {
      framework: "rails",
      name: "CREATE INDEX in execute",
      code: `class IndexEvents < ActiveRecord::Migration[7.1]
  def up
    execute "CREATE INDEX index_events_on_content_id ON events (content_id)"
  end

  def down
    execute "DROP INDEX index_events_on_content_id"
  end
end
`,
      lines: [3],
    },
    {
      framework: "rails",
      name: "CREATE INDEX in execute whose name holds #{ and whose WHERE holds a backslash: the fix's Ruby strings mean the SQL exactly (no interpolation, no unescaping), and the down drops the quoted name",
      code: `class IndexEventsByKind < ActiveRecord::Migration[7.1]
  def up
    execute %q(CREATE INDEX "events_#{kind}_idx" ON events (kind) WHERE path NOT LIKE 'C:\\%')
  end

  def down
    execute %q(DROP INDEX "events_#{kind}_idx")
  end
end
`,
      lines: [3],
      fixes: [
        [
          "class Case < ActiveRecord::Migration[7.1]",
          "  disable_ddl_transaction!",
          "",
          "  def up",
          `    execute "CREATE INDEX CONCURRENTLY \\"events_\\#{kind}_idx\\" ON events (kind) WHERE path NOT LIKE 'C:\\\\%'"`,
          "  end",
          "",
          "  def down",
          `    execute "DROP INDEX CONCURRENTLY IF EXISTS \\"events_\\#{kind}_idx\\""`,
          "  end",
          "end",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "t.references written with parentheses: index: false goes inside them",
      path: "db/migrate/20240614000000_add_transfer_to_payments.rb",
      code: `class AddTransferToPayments < ActiveRecord::Migration[7.2]
  def change
    change_table :payments do |t|
      t.references(:transfer, type: :uuid)
      t.boolean :marked_as_transfer, default: false, null: false
    end
  end
end
`,
      lines: [4],
      fixes: [
        [
          "# In AddTransferToPayments, keep the column in its table block, without its index:",
          "t.references(:transfer, type: :uuid, index: false)",
          "# Take the index out of AddTransferToPayments: its other changes stay there, in their transaction.",
          "# Then build it in a migration of its own, outside the DDL transaction (CONCURRENTLY needs that):",
          "class AddIndexOnPaymentsTransferId < ActiveRecord::Migration[7.2]",
          "  disable_ddl_transaction!",
          "",
          "  def change",
          "    add_index :payments, :transfer_id, algorithm: :concurrently",
          "  end",
          "end",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "t.references in change_table of an existing table: the column stays in its block with all its options and index: false, only the index moves",
      path: "db/migrate/20240614000000_add_transfer_to_payments.rb",
      code: `class AddTransferToPayments < ActiveRecord::Migration[7.2]
  def change
    change_table :payments do |t|
      t.references :transfer, foreign_key: true, type: :uuid
      t.boolean :marked_as_transfer, default: false, null: false
    end
  end
end
`,
      lines: [4],
      fixes: [
        [
          "# In AddTransferToPayments, keep the column in its table block, without its index:",
          "t.references :transfer, foreign_key: true, type: :uuid, index: false",
          "# Take the index out of AddTransferToPayments: its other changes stay there, in their transaction.",
          "# Then build it in a migration of its own, outside the DDL transaction (CONCURRENTLY needs that):",
          "class AddIndexOnPaymentsTransferId < ActiveRecord::Migration[7.2]",
          "  disable_ddl_transaction!",
          "",
          "  def change",
          "    add_index :payments, :transfer_id, algorithm: :concurrently",
          "  end",
          "end",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "a polymorphic t.belongs_to and a t.string with index: in change_table keep their columns; the indexes keep their names and uniqueness",
      code: `class AddOwnerToNotes < ActiveRecord::Migration[7.2]
  def change
    change_table :notes do |t|
      t.belongs_to :owner, polymorphic: true, index: { unique: true }
      t.string :slug, index: true
    end
  end
end
`,
      lines: [4, 5],
    },
    {
      framework: "rails",
      name: "a new table's indexes beside an index on an existing table: only the existing table's index moves, the new table keeps its own",
      path: "db/migrate/20240307000000_create_categories.rb",
      code: `class CreateCategories < ActiveRecord::Migration[7.2]
  def change
    create_table :categories, id: :uuid do |t|
      t.references :family, null: false, foreign_key: true, type: :uuid
    end
    add_index :transactions, :category_id
  end
end
`,
      lines: [6],
      fixes: ["# migration 1, db/migrate/20240307000000_create_categories.rb as it becomes: without the index build of line 6; the rest of its up and its down stay as written, in their transaction\nclass CreateCategories < ActiveRecord::Migration[7.2]\n  def change\n    create_table :categories, id: :uuid do |t|\n      t.references :family, null: false, foreign_key: true, type: :uuid\n    end\n  end\nend\n\n# migration 2, new file db/migrate/20240307000001_build_index_transactions_on_category_id_concurrently.rb: the index built CONCURRENTLY, outside the DDL transaction (CONCURRENTLY refuses one), once migration 1 has run\nclass BuildIndexTransactionsOnCategoryIdConcurrently < ActiveRecord::Migration[7.2]\n  disable_ddl_transaction!\n\n  def change\n    add_index :transactions, :category_id, algorithm: :concurrently\n  end\nend"],
    },
    {
      framework: "rails",
      name: "remove_index then add_index of the same columns made unique (the same default name): one finding on the build; the swap outside the DDL transaction, reversible in change: built CONCURRENTLY under a temporary name, the old one removed CONCURRENTLY, rename_index",
      path: "db/migrate/20240201000000_make_order_number_unique.rb",
      files: { "db/migrate/20230101000000_create_orders.rb": "class CreateOrders < ActiveRecord::Migration[7.1]\n  def change\n    create_table :orders do |t|\n      t.string :number\n    end\n    add_index :orders, :number\n  end\nend\n" },
      code: `class MakeOrderNumberUnique < ActiveRecord::Migration[7.1]
  def change
    remove_index :orders, :number
    add_index :orders, :number, unique: true
  end
end
`,
      lines: [4],
      messages: ["It replaces the index index_orders_on_number dropped on line 3"],
      fixes: [
        `class MakeOrderNumberUnique < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    # what a failed build left (INVALID), before building it again
    reversible { |dir| dir.up { execute "DROP INDEX CONCURRENTLY IF EXISTS index_orders_on_number_new" } }
    add_index :orders, :number, unique: true, algorithm: :concurrently, name: "index_orders_on_number_new"
    # Name the index as the migration that created it defined it (its columns), so Rails rebuilds that index on rollback:
    remove_index :orders, column: :number, name: "index_orders_on_number", algorithm: :concurrently
    rename_index :orders, "index_orders_on_number_new", "index_orders_on_number"
  end
end`,
      ],
    },
    {
      framework: "rails",
      name: "an index replaced beside other work (add_column): that work stays in the migration, in its transaction; the swap moves to a migration of its own",
      path: "db/migrate/20240201000000_make_order_number_unique.rb",
      files: { "db/migrate/20230101000000_create_orders.rb": "class CreateOrders < ActiveRecord::Migration[7.1]\n  def change\n    create_table :orders do |t|\n      t.string :number\n    end\n    add_index :orders, :number, name: \"orders_number_idx\"\n  end\nend\n" },
      code: `class MakeOrderNumberUnique < ActiveRecord::Migration[7.1]
  def change
    add_column :orders, :note, :text
    remove_index :orders, name: "orders_number_idx"
    add_index :orders, :number, unique: true, name: "orders_number_idx"
  end
end
`,
      lines: [5],
      fixes: [
        `# Take the remove_index of line 4 and the add_index of line 5 out of MakeOrderNumberUnique: its other changes stay there, in their transaction.
# Then replace the index in a migration of its own, outside the DDL transaction (CONCURRENTLY needs that):
class ReplaceOrdersNumberIdx < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    # what a failed build left (INVALID), before building it again
    reversible { |dir| dir.up { execute "DROP INDEX CONCURRENTLY IF EXISTS orders_number_idx_new" } }
    add_index :orders, :number, unique: true, algorithm: :concurrently, name: "orders_number_idx_new"
    # Name the index as the migration that created it defined it (its columns), so Rails rebuilds that index on rollback:
    remove_index :orders, column: :number, name: "orders_number_idx", algorithm: :concurrently
    rename_index :orders, "orders_number_idx_new", "orders_number_idx"
  end
end`,
      ],
    },
    {
      framework: "rails",
      name: "solidus 20240622113334: add_column and add_index each under their existence checks (installs that already have them skip both): the build moved to a migration of its own keeps its index_exists? check",
      path: GUARDED_ELIGIBLE_PATH,
      files: SOLIDUS_TABLES,
      code: GUARDED_ELIGIBLE_INDEX,
      lines: [8],
      fixes: [
        eligibleIndexFix(`    unless index_exists?(:spree_adjustments, :eligible)
      add_index :spree_adjustments, :eligible, name: "index_spree_adjustments_on_eligible", algorithm: :concurrently
    end`),
      ],
    },
    {
      framework: "rails",
      name: "the same in a project that also runs on SQLite (its CI matrix): the connection check goes inside the index_exists? check, which holds for every database",
      path: GUARDED_ELIGIBLE_PATH,
      files: { ...CI_MATRIX_SQLITE_POSTGRES, ...SOLIDUS_TABLES },
      code: GUARDED_ELIGIBLE_INDEX,
      lines: [8],
      fixes: [
        `# PostgreSQL's way on PostgreSQL only (connection.adapter_name), the operation as written on SQLite:\n${eligibleIndexFix(`    unless index_exists?(:spree_adjustments, :eligible)
      if connection.adapter_name =~ /postg/i
        add_index :spree_adjustments, :eligible, name: "index_spree_adjustments_on_eligible", algorithm: :concurrently
      else
        add_index :spree_adjustments, :eligible, name: "index_spree_adjustments_on_eligible"
      end
    end`)}`,
      ],
    },
    {
      framework: "rails",
      name: "an add_index under the check of the column the migration adds (unless column_exists?): moved to a migration of its own, it runs under the index's own check, which skips it only where the index is there",
      path: GUARDED_ELIGIBLE_PATH,
      files: SOLIDUS_TABLES,
      code: `class MoveAdjustmentEligible < ActiveRecord::Migration[7.0]
  def up
    unless column_exists?(:spree_adjustments, :eligible)
      add_column(:spree_adjustments, :eligible, :boolean, default: true)
      add_index :spree_adjustments, :eligible
    end
  end
end
`,
      lines: [5],
      fixes: [
        eligibleIndexFix(`    unless index_exists?(:spree_adjustments, :eligible, name: "index_spree_adjustments_on_eligible")
      add_index :spree_adjustments, :eligible, algorithm: :concurrently
    end`),
      ],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "add_index after a change_column that rewrites the table: column-type-change's finding names the build, which has none of its own",
      path: "db/migrate/20240101000000_widen_invoice_amount.rb",
      files: { "db/migrate/20230101000000_create_invoices.rb": "class CreateInvoices < ActiveRecord::Migration[7.1]\n  def change\n    create_table :invoices do |t|\n      t.integer :amount\n      t.string :number\n    end\n  end\nend\n" },
      code: `class WidenInvoiceAmount < ActiveRecord::Migration[7.1]
  def up
    change_column :invoices, :amount, :bigint
    add_index :invoices, :amount
  end

  def down
    remove_index :invoices, :amount
    change_column :invoices, :amount, :integer
  end
end
`,
    },
    {
      framework: "rails",
      name: "add_index before add_column null: false without a default, in the migration's transaction: it only commits on an empty table",
      code: `class AddScopeToFollowers < ActiveRecord::Migration[7.1]
  def change
    add_index :followers, :user_id
    add_column :followers, :scope, :string, null: false
  end
end
`,
    },
    {
      framework: "rails",
      name: "add_column null: false without a default first: it fails on a table with rows, so the index builds on an empty table",
      code: `class AddScopeToFollowers < ActiveRecord::Migration[7.1]
  def change
    add_column :followers, :scope, :string, null: false
    add_index :followers, :scope
  end
end
`,
    },
    {
      framework: "rails",
      name: "algorithm: :concurrently with disable_ddl_transaction!",
      code: `class AddIndexesToContentItem < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    add_index :content_items, %i[content_id state locale], algorithm: :concurrently
    add_reference :read_ribbons, :user, index: { algorithm: :concurrently }
    add_reference :read_ribbons, :story, index: false
  end
end
`,
    },
    {
      framework: "rails",
      name: "indexes of a table created in the same migration",
      code: `class CreateContentIdAliases < ActiveRecord::Migration[7.2]
  def change
    create_table :content_id_aliases do |t|
      t.string :name, null: false
      t.uuid :content_id, null: false, index: true
      t.timestamps
    end

    add_index :content_id_aliases, :name, unique: true
  end
end
`,
    },
    {
      framework: "rails",
      name: "catarse: a materialized view created WITH NO DATA in an execute heredoc, then indexed in the same heredoc: no other session sees it before the commit",
      code: `class MaterializeCategoryTotals < ActiveRecord::Migration[4.2]
  def up
    execute <<-SQL
    CREATE MATERIALIZED VIEW "1".category_totals AS
      SELECT category_id, count(*) AS total FROM projects GROUP BY category_id
      WITH NO DATA;
    create unique index on "1".category_totals (category_id);
    SQL
  end

  def down
    execute 'DROP MATERIALIZED VIEW "1".category_totals'
  end
end
`,
    },
    {
      framework: "rails",
      name: "simple-server's update_reporting_facility_states_to_version12: drop_view, then CREATE MATERIALIZED VIEW in an execute heredoc whose query Ruby reads from db/views (`AS #{File.read(...)}`) WITH NO DATA, then its indexes: the view is the migration's own, no other session sees it before the commit",
      path: "db/migrate/20260120115014_update_reporting_facility_states_to_version12.rb",
      code: `class UpdateReportingFacilityStatesToVersion12 < ActiveRecord::Migration[6.1]
  def up
    drop_view :reporting_facility_states, materialized: true

    execute <<-SQL
      CREATE MATERIALIZED VIEW public.reporting_facility_states AS
      #{File.read(Rails.root.join("db/views/reporting_facility_states_v12.sql"))}
      WITH NO DATA;
    SQL

    add_index :reporting_facility_states, [:month_date, :facility_region_id], name: :index_fs_month_date_region_id, unique: true
    add_index :reporting_facility_states, [:block_region_id, :month_date], name: :index_fs_block_month_date
  end

  def down
    drop_view :reporting_facility_states, materialized: true
    create_view :reporting_facility_states, materialized: true, version: 11
    add_index :reporting_facility_states, [:month_date, :facility_region_id], name: :index_fs_month_date_region_id, unique: true
  end
end
`,
      files: { "db/views/reporting_facility_states_v11.sql": "SELECT month_date, facility_region_id FROM reporting_facilities\n" },
    },
    {
      framework: "rails",
      name: "scenic's create_view materialized: true, then add_index on it in the same migration",
      code: `class CreateSearchTotals < ActiveRecord::Migration[7.1]
  def change
    create_view :search_totals, materialized: true
    add_index :search_totals, :upviews
  end
end
`,
      files: { "db/views/search_totals_v01.sql": "SELECT id, upviews FROM pages\n" },
    },
  ],
});
