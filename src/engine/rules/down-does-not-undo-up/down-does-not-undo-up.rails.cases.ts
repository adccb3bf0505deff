import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
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
  ],
  valid: [
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
