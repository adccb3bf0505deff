import { SOLIDUS_TABLES } from "../../testing/seed72-fixtures.js";
import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "add_column if_not_exists: true of a column the history proves absent (create_table, then a column removed), left by the down: drift, and running the up again does not fail",
      path: "db/migrate/20240131192903_add_job_timeouts.rb",
      code: `class AddJobTimeouts < ActiveRecord::Migration[7.1]
  def up
    add_column :jobs, :workflow_options, :jsonb, if_not_exists: true
    add_column :jobs, :sync_options, :jsonb, if_not_exists: true
  end

  def down
    remove_column :jobs, :sync_options
  end
end
`,
      files: {
        "db/migrate/20230821204023_create_jobs.rb": "class CreateJobs < ActiveRecord::Migration[7.1]\n  def change\n    create_table :jobs do |t|\n      t.string :name\n      t.uuid :connection_source_id\n    end\n  end\nend\n",
        "db/migrate/20231208181652_remove_job_source.rb": "class RemoveJobSource < ActiveRecord::Migration[7.1]\n  def change\n    remove_column :jobs, :connection_source_id, :uuid\n  end\nend\n",
      },
      lines: [3],
      messages: ["running the up again does not fail (IF NOT EXISTS skips it)"],
    },
    {
      framework: "rails",
      name: "the down forgets the index and the new table",
      code: `class AddSlugs < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def up
    add_column :posts, :slug, :string
    add_index :posts, :slug, algorithm: :concurrently
    create_table :slug_redirects do |t|
      t.string :from
    end
  end

  def down
    remove_column :posts, :slug
  end
end
`,
      lines: [7],
    },
    {
      framework: "rails",
      name: "reversible with a dir.up that creates a view and no dir.down: rolling back leaves the view",
      code: `class AddActiveUsersView < ActiveRecord::Migration[7.1]
  def change
    add_column :users, :active, :boolean
    reversible do |dir|
      dir.up do
        execute "CREATE VIEW active_users AS SELECT * FROM users WHERE active"
      end
    end
  end
end
`,
      lines: [6],
    },
    {
      framework: "rails",
      name: "the down's remove_index by columns names other columns than the index the up built under its own name",
      code: `class IndexTransactionToken < ActiveRecord::Migration[7.2]
  disable_ddl_transaction!
  def up
    add_index :document_capture_sessions, %i[transaction_token], name: "index_transaction_token", unique: true, algorithm: :concurrently
  end
  def down
    remove_index :document_capture_sessions, %i[result_id]
  end
end
`,
      lines: [4],
    },
    {
      framework: "rails",
      name: "a Migration[4.2]: remove_index by columns looks for the default name only, so the down leaves the index the up built under its own name",
      code: `class IndexTransactionToken < ActiveRecord::Migration[4.2]
  disable_ddl_transaction!
  def up
    add_index :document_capture_sessions, :transaction_token, name: "index_transaction_token", unique: true, algorithm: :concurrently
  end
  def down
    remove_index :document_capture_sessions, column: :transaction_token
  end
end
`,
      lines: [4],
    },
    {
      framework: "rails",
      name: "solidus 20250709073151: the down removes the price key by column: :country_id, the up added it on country_iso: Rails raises, and the fix is that line with the key's column, not a DROP CONSTRAINT after it",
      path: "db/migrate/20250709073151_add_country_foreign_keys.rb",
      files: SOLIDUS_TABLES,
      code: `class AddCountryForeignKeys < ActiveRecord::Migration[7.0]
  def up
    add_foreign_key :spree_states, :spree_countries, column: :country_id, on_delete: :cascade
    add_foreign_key :spree_prices, :spree_countries, column: :country_iso, primary_key: :iso, on_delete: :restrict
  end

  def down
    remove_foreign_key :spree_states, :spree_countries, column: :country_id, on_delete: :cascade
    remove_foreign_key :spree_prices, :spree_countries, column: :country_id, on_delete: :restrict
  end
end
`,
      lines: [4],
      messages: ['Rails raises ("has no foreign key") and the rollback fails there'],
      fixes: [
        `# in the down, line 9, the column the up put the key on:
remove_foreign_key :spree_prices, :spree_countries, on_delete: :restrict, column: :country_iso`,
      ],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "remove_foreign_key(from, to) without column: drops the key to that table the earlier migration added on blob_revision_id, which the up and the down each add back (alphagov/content-publisher 20190717203348): nothing is left over",
      path: "db/migrate/20190717203348_allow_revision_deletion.rb",
      code: `class AllowRevisionDeletion < ActiveRecord::Migration[5.2]
  def up
    remove_foreign_key :image_assets, :image_blob_revisions
    add_foreign_key :image_assets, :image_blob_revisions, column: :blob_revision_id, on_delete: :cascade
    remove_foreign_key :image_assets, :image_assets
    add_foreign_key :image_assets, :image_assets, column: :superseded_by_id, on_delete: :nullify
  end

  def down
    remove_foreign_key :image_assets, :image_blob_revisions
    add_foreign_key :image_assets, :image_blob_revisions, column: :blob_revision_id, on_delete: :restrict
    remove_foreign_key :image_assets, :image_assets
    add_foreign_key :image_assets, :image_assets, column: :superseded_by_id, on_delete: :restrict
  end
end
`,
      files: {
        "db/migrate/20190101000000_create_image_assets.rb": "class CreateImageAssets < ActiveRecord::Migration[5.2]\n  def change\n    create_table :image_blob_revisions do |t|\n      t.string :filename\n    end\n    create_table :image_assets do |t|\n      t.references :blob_revision, foreign_key: { to_table: :image_blob_revisions }, null: false\n      t.references :superseded_by, foreign_key: { to_table: :image_assets }\n    end\n  end\nend\n",
      },
    },
    {
      framework: "rails",
      name: "remove_foreign_key(from, to) without column: and no history: the key the written down adds back to that table is the one the up removed, not one on the default column",
      code: `class AllowRevisionDeletion < ActiveRecord::Migration[5.2]
  def up
    remove_foreign_key :image_assets, :image_blob_revisions
    add_foreign_key :image_assets, :image_blob_revisions, column: :blob_revision_id, on_delete: :cascade
    remove_foreign_key :image_assets, :image_assets
    add_foreign_key :image_assets, :image_assets, column: :superseded_by_id, on_delete: :nullify
  end

  def down
    remove_foreign_key :image_assets, :image_blob_revisions
    add_foreign_key :image_assets, :image_blob_revisions, column: :blob_revision_id, on_delete: :restrict
    remove_foreign_key :image_assets, :image_assets
    add_foreign_key :image_assets, :image_assets, column: :superseded_by_id, on_delete: :restrict
  end
end
`,
    },
    {
      framework: "rails",
      name: "a repair migration re-adds an earlier migration's index if_not_exists (issue #19): it was there before the up, so the down rightly keeps it",
      path: "db/migrate/20240301000000_repair_user_indexes.rb",
      code: `class RepairUserIndexes < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def up
    add_index :users, :email, name: :index_users_on_email, if_not_exists: true, algorithm: :concurrently
    add_column :users, :nickname, :string
  end

  def down
    remove_column :users, :nickname
  end
end
`,
      files: {
        "db/migrate/20230101000000_create_users.rb": "class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users do |t|\n      t.string :email\n    end\n    add_index :users, :email, name: :index_users_on_email\n  end\nend\n",
      },
    },
    {
      framework: "rails",
      name: "the down removes the column the up re-added and indexed, then restores the old one and its index by the same name: nothing left over",
      code: `class RebuildContentTsv < ActiveRecord::Migration[7.1]
  def up
    remove_column :content, :tsv
    add_column :content, :tsv, :tsvector
    add_index :content, :tsv, using: :gin, name: "index_content_on_tsv"
  end

  def down
    remove_column :content, :tsv
    add_column :content, :tsv, :virtual, type: :tsvector, as: "to_tsvector('simple', search_string)", stored: true
    add_index :content, :tsv, using: :gin, name: "index_content_on_tsv"
  end
end
`,
    },
    {
      framework: "rails",
      name: "the down's remove_index by columns finds the index the up built with name: (Rails matches an index by its columns whatever its name; unique: plays no part)",
      path: "db/primary_migrate/20241029152408_index_socure_doc_v_transaction_token.rb",
      code: `class IndexSocureDocVTransactionToken < ActiveRecord::Migration[7.2]
  disable_ddl_transaction!
  def up
    add_index :document_capture_sessions, %i[socure_docv_transaction_token], name: "index_socure_docv_transaction_token", unique: true, algorithm: :concurrently
  end
  def down
    remove_index :document_capture_sessions,  %i[socure_docv_transaction_token]
  end
end
`,
    },
    {
      framework: "rails",
      name: "the up replaces an index by column: (Rails finds the earlier migration's unique_declaration_index by its columns) and builds it again under that name; the down does the same back: nothing left over",
      path: "db/migrate/20230419084407_amend_unique_index_participant_declaration.rb",
      code: `class AmendUniqueIndexParticipantDeclaration < ActiveRecord::Migration[6.1]
  disable_ddl_transaction!

  def up
    remove_index :participant_declarations, column: %i[participant_profile_id declaration_type state], if_exists: true
    add_index :participant_declarations, %i[participant_profile_id declaration_type state], unique: true, name: :unique_declaration_index, where: "state IN ('submitted', 'paid')", algorithm: :concurrently
  end

  def down
    remove_index :participant_declarations, column: %i[participant_profile_id declaration_type state], name: :unique_declaration_index, if_exists: true
    add_index :participant_declarations, %i[participant_profile_id declaration_type state], unique: true, name: :unique_declaration_index, where: "state IN ('submitted')", algorithm: :concurrently
  end
end
`,
      files: {
        "db/migrate/20220906152545_add_unique_index_to_participant_declarations.rb":
          "class AddUniqueIndexToParticipantDeclarations < ActiveRecord::Migration[6.1]\n  def change\n    create_table :participant_declarations do |t|\n      t.uuid :participant_profile_id\n      t.string :declaration_type\n      t.string :state\n    end\n    add_index :participant_declarations, %i[participant_profile_id declaration_type state], unique: true, name: :unique_declaration_index\n  end\nend\n",
      },
    },
    {
      framework: "rails",
      name: "enable_extension kept by the down (it runs CREATE EXTENSION IF NOT EXISTS)",
      code: `class AddNameTrigramIndex < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def up
    enable_extension "pg_trgm"
    add_index :api_keys, :name, using: :gin, opclass: :gin_trgm_ops, algorithm: :concurrently
  end

  def down
    remove_index :api_keys, :name, algorithm: :concurrently
  end
end
`,
    },
    {
      framework: "rails",
      name: "a down that calls the project's helper (drop_enumeration): it may undo the type, migguard cannot tell",
      code: `class AddMood < ActiveRecord::Migration[7.1]
  def up
    create_enum :mood, %w[happy sad]
  end

  def down
    drop_enumeration :mood
  end
end
`,
    },
    {
      framework: "rails",
      name: "the same reversible block with its dir.down",
      code: `class AddActiveUsersView < ActiveRecord::Migration[7.1]
  def change
    add_column :users, :active, :boolean
    reversible do |dir|
      dir.up do
        execute "CREATE VIEW active_users AS SELECT * FROM users WHERE active"
      end
      dir.down do
        execute "DROP VIEW active_users"
      end
    end
  end
end
`,
    },
    {
      framework: "rails",
      name: "a down that reverses every change (removing the column drops its index)",
      code: `class AddSlugs < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def up
    add_column :posts, :slug, :string
    add_index :posts, :slug, algorithm: :concurrently
  end

  def down
    remove_column :posts, :slug
  end
end
`,
    },
    {
      framework: "rails",
      name: "change: Rails derives the down itself",
      code: `class AddSlugs < ActiveRecord::Migration[7.1]
  def change
    add_column :posts, :slug, :string
  end
end
`,
    },
  ],
});
