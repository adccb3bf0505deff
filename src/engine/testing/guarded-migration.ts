/**
 * vita-min's false failing check (6cd7eca4f9), shared by the CLI and App tests: a pull request that adds Rails'
 * own Active Storage migration, whose statements run only `unless column_exists?(:active_storage_blobs,
 * :service_name)`, to a repository whose base branch's db/schema.rb may already have that column.
 */
export const GUARDED_PATH = "db/migrate/20260327153021_add_service_name_to_active_storage_blobs.active_storage.rb";

// Rails' own migration (activestorage/db/update_migrate), as `rails active_storage:update` copies it
export const GUARDED_MIGRATION = `# This migration comes from active_storage (originally 20190112182829)
class AddServiceNameToActiveStorageBlobs < ActiveRecord::Migration[6.0]
  def up
    return unless table_exists?(:active_storage_blobs)

    unless column_exists?(:active_storage_blobs, :service_name)
      add_column :active_storage_blobs, :service_name, :string

      if configured_service = ActiveStorage::Blob.service.name
        ActiveStorage::Blob.unscoped.update_all(service_name: configured_service)
      end

      change_column :active_storage_blobs, :service_name, :string, null: false
    end
  end

  def down
    return unless table_exists?(:active_storage_blobs)

    remove_column :active_storage_blobs, :service_name
  end
end
`;

/** db/schema.rb at `version`; service_name is on line 7 when `serviceName`. */
export const activeStorageSchema = (version: string, serviceName: boolean) => `ActiveRecord::Schema[7.2].define(version: ${version}) do
  enable_extension "plpgsql"

  create_table "active_storage_blobs", force: :cascade do |t|
    t.string "key", null: false
    t.string "filename", null: false
${serviceName ? '    t.string "service_name", null: false\n' : ""}    t.bigint "byte_size", null: false
    t.datetime "created_at", null: false
    t.index ["key"], name: "index_active_storage_blobs_on_key", unique: true
  end
end
`;

/** The base branch: one earlier migration and db/schema.rb, with or without the column. */
export const guardedBase = (baseHasColumn: boolean): Record<string, string> => ({
  "db/migrate/20240101000000_create_active_storage_tables.active_storage.rb": "class CreateActiveStorageTables < ActiveRecord::Migration[7.2]\n  def change\n  end\nend\n",
  "db/schema.rb": activeStorageSchema("2024_01_01_000000", baseHasColumn),
});

/** The pull request: the migration, and db/schema.rb as `db:migrate` writes it (the column there either way). */
export const guardedPull = (): Record<string, string> => ({
  [GUARDED_PATH]: GUARDED_MIGRATION,
  "db/schema.rb": activeStorageSchema("2026_03_27_153021", true),
});
