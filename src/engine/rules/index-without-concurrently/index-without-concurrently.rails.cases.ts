import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "add_index on live tables",
      code: `class AddIndexesForContentAccess < ActiveRecord::Migration[7.1]
  def change
    add_index :draft_content_items, :format
    add_index :versions, [:target_id, :target_type], unique: true
  end
end
`,
      lines: [3, 4],
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
  ],
  valid: [
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
  ],
});
