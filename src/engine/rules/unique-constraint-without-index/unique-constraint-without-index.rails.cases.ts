import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "add_column :t, :id, :primary_key, and a later migration renames the table: the index and key migrations, after the newest, name the table as it is called there (the index keeps its name)",
      path: "db/migrate/20230919093921_add_primary_key_to_cohorts_lead_providers.rb",
      files: { "db/migrate/20240101000000_rename_cohorts_lead_providers.rb": "class RenameCohortsLeadProviders < ActiveRecord::Migration[7.0]\n  def change\n    rename_table :cohorts_lead_providers, :cohort_providers\n  end\nend\n" },
      code: `class AddPrimaryKeyToCohortsLeadProviders < ActiveRecord::Migration[7.0]
  def change
    add_column :cohorts_lead_providers, :id, :primary_key
  end
end
`,
      lines: [3],
      fixes: ["add_column :cohorts_lead_providers, :id, :bigserial, null: false  # the sequence numbers every existing row; the primary key follows without a locked index build\n\n# then a new migration, db/migrate/20240101000001_index_cohorts_lead_providers_pkey.rb:\nclass IndexCohortsLeadProvidersPkey < ActiveRecord::Migration[7.0]\n  disable_ddl_transaction!\n\n  def change\n    add_index :cohort_providers, :id, unique: true, name: \"cohorts_lead_providers_pkey\", algorithm: :concurrently\n  end\nend\n\n# then a new migration, db/migrate/20240101000002_primary_key_cohorts_lead_providers_pkey.rb:\nclass PrimaryKeyCohortsLeadProvidersPkey < ActiveRecord::Migration[7.0]\n  def up\n    execute \"ALTER TABLE cohort_providers ADD CONSTRAINT cohorts_lead_providers_pkey PRIMARY KEY USING INDEX cohorts_lead_providers_pkey\"\n  end\n\n  def down\n    execute \"ALTER TABLE cohort_providers DROP CONSTRAINT cohorts_lead_providers_pkey\"\n    add_index :cohort_providers, :id, unique: true, name: \"cohorts_lead_providers_pkey\"\n  end\nend"],
    },
    {
      framework: "rails",
      name: "add_column :t, :id, :primary_key, and a later migration drops the table: no index or key migration, and the fix says why",
      path: "db/migrate/20230919093921_add_primary_key_to_cohorts_lead_providers.rb",
      files: { "db/migrate/20240101000000_drop_cohorts_lead_providers.rb": "class DropCohortsLeadProviders < ActiveRecord::Migration[7.0]\n  def up\n    drop_table :cohorts_lead_providers\n  end\nend\n" },
      code: `class AddPrimaryKeyToCohortsLeadProviders < ActiveRecord::Migration[7.0]
  def change
    add_column :cohorts_lead_providers, :id, :primary_key
  end
end
`,
      lines: [3],
      fixes: ["add_column :cohorts_lead_providers, :id, :bigserial, null: false  # the sequence numbers every existing row; the primary key follows without a locked index build\n# no migration builds the unique index or adds the key: later, db/migrate/20240101000000_drop_cohorts_lead_providers.rb:3 drops table cohorts_lead_providers, and id with it, so it is not there at the head of the history, where a new migration would run"],
    },
    {
      framework: "rails",
      name: "add_column :t, :id, :primary_key on a join table with rows: the fix adds the numbered bigserial column, builds its unique index CONCURRENTLY and makes it the primary key USING INDEX",
      path: "db/migrate/20230919093921_add_primary_key_to_cohorts_lead_providers.rb",
      code: `class AddPrimaryKeyToCohortsLeadProviders < ActiveRecord::Migration[7.0]
  def change
    add_column :cohorts_lead_providers, :id, :primary_key
  end
end
`,
      lines: [3],
      fixes: [
        `add_column :cohorts_lead_providers, :id, :bigserial, null: false  # the sequence numbers every existing row; the primary key follows without a locked index build

# then a new migration, db/migrate/20230919093922_index_cohorts_lead_providers_pkey.rb:
class IndexCohortsLeadProvidersPkey < ActiveRecord::Migration[7.0]
  disable_ddl_transaction!

  def change
    add_index :cohorts_lead_providers, :id, unique: true, name: "cohorts_lead_providers_pkey", algorithm: :concurrently
  end
end

# then a new migration, db/migrate/20230919093923_primary_key_cohorts_lead_providers_pkey.rb:
class PrimaryKeyCohortsLeadProvidersPkey < ActiveRecord::Migration[7.0]
  def up
    execute "ALTER TABLE cohorts_lead_providers ADD CONSTRAINT cohorts_lead_providers_pkey PRIMARY KEY USING INDEX cohorts_lead_providers_pkey"
  end

  def down
    execute "ALTER TABLE cohorts_lead_providers DROP CONSTRAINT cohorts_lead_providers_pkey"
    add_index :cohorts_lead_providers, :id, unique: true, name: "cohorts_lead_providers_pkey"
  end
end`,
      ],
    },
    {
      framework: "rails",
      name: "a primary key column without a sequence (primary_key: true on a string): the fix says existing rows need their own values before the key",
      code: `class AddCodePrimaryKeyToRegions < ActiveRecord::Migration[7.1]
  def change
    add_column :regions, :code, :string, primary_key: true
  end
end
`,
      lines: [3],
      messages: ["Adding column regions.code with PRIMARY KEY"],
      fixes: [
        `add_column :regions, :code, :string
# every existing row starts with code NULL: give each its own value and make it NOT NULL (see set-not-null) before the primary key below

# then a new migration, db/migrate/20240101000001_index_regions_pkey.rb:
class IndexRegionsPkey < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    add_index :regions, :code, unique: true, name: "regions_pkey", algorithm: :concurrently
  end
end

# then a new migration, db/migrate/20240101000002_primary_key_regions_pkey.rb:
class PrimaryKeyRegionsPkey < ActiveRecord::Migration[7.1]
  def up
    execute "ALTER TABLE regions ADD CONSTRAINT regions_pkey PRIMARY KEY USING INDEX regions_pkey"
  end

  def down
    execute "ALTER TABLE regions DROP CONSTRAINT regions_pkey"
    add_index :regions, :code, unique: true, name: "regions_pkey"
  end
end`,
      ],
    },
    {
      framework: "rails",
      name: "an app whose Gemfile installs pg and sqlite3 outside the development and test groups runs on both: the concurrent unique index and the constraint USING INDEX on PostgreSQL only",
      code: `class AddUniquePostSlug < ActiveRecord::Migration[7.1]
  def change
    add_unique_constraint :posts, [:blog_id, :slug]
  end
end
`,
      files: {
        Gemfile: `source "https://rubygems.org"

gem "rails", "~> 7.1"
gem "pg"
gem "sqlite3"

group :development, :test do
  gem "mysql2"
end
`,
      },
      lines: [3],
      fixes: ["# PostgreSQL's way on PostgreSQL only (connection.adapter_name), the operation as written on SQLite:\ndisable_ddl_transaction!\n\ndef up\n  if connection.adapter_name =~ /postg/i\n    add_index :posts, [:blog_id, :slug], unique: true, algorithm: :concurrently, name: \"posts_blog_id_slug_key\"\n  else\n    add_index :posts, [:blog_id, :slug], unique: true, name: \"posts_blog_id_slug_key\"\n  end\n  if connection.adapter_name =~ /postg/i\n    execute \"ALTER TABLE posts ADD CONSTRAINT posts_blog_id_slug_key UNIQUE USING INDEX posts_blog_id_slug_key\"\n  end\nend\n\ndef down\n  if connection.adapter_name =~ /postg/i\n    execute \"ALTER TABLE posts DROP CONSTRAINT posts_blog_id_slug_key\"\n  else\n    remove_index :posts, name: \"posts_blog_id_slug_key\"\n  end  # drops the index with it\nend"],
    },
    {
      framework: "rails",
      name: "add_unique_constraint builds its index under the lock",
      code: `class UniqueSlugs < ActiveRecord::Migration[7.1]
  def change
    add_unique_constraint :posts, [:blog_id, :slug]
  end
end
`,
      lines: [3],
    },
    {
      framework: "rails",
      name: "add_exclusion_constraint builds its GiST index under the lock",
      code: `class AddNoOverlapToBookings < ActiveRecord::Migration[7.1]
  def change
    add_exclusion_constraint :bookings, "room_id WITH =, during WITH &&", using: :gist, name: "bookings_no_overlap"
  end
end
`,
      lines: [3],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "attach an index built concurrently with using_index",
      code: `class UniqueSlugs < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def up
    add_index :posts, [:blog_id, :slug], unique: true, algorithm: :concurrently, name: "index_posts_on_blog_id_and_slug"
    add_unique_constraint :posts, using_index: "index_posts_on_blog_id_and_slug"
  end

  def down
    remove_unique_constraint :posts, [:blog_id, :slug]
  end
end
`,
    },
  ],
});
