import { defineCases } from "../support/rule.js";

/** comments.post_id: a foreign key with the index t.references builds (index_comments_on_post_id) */
const REFERENCES = {
  "db/migrate/20230101000000_create_comments.rb": `class CreateComments < ActiveRecord::Migration[7.1]
  def change
    create_table :posts
    create_table :comments do |t|
      t.references :post, foreign_key: { on_delete: :cascade }
      t.datetime :created_at
    end
  end
end
`,
};

/** the key's only index is composite: (post_id, created_at) */
const COMPOSITE = {
  "db/migrate/20230101000000_create_comments.rb": `class CreateComments < ActiveRecord::Migration[7.1]
  def change
    create_table :posts
    create_table :comments do |t|
      t.references :post, index: false, foreign_key: true
      t.datetime :created_at
    end
    add_index :comments, [:post_id, :created_at]
  end
end
`,
};

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "remove_index of the index t.references built for its foreign key: every delete of a post scans comments; the fix keeps it",
      files: REFERENCES,
      code: `class RemoveCommentsPostIndex < ActiveRecord::Migration[7.1]
  def change
    remove_index :comments, :post_id
  end
end
`,
      lines: [3],
      severities: ["warning"],
      fixes: [
        "# Keep index_comments_on_post_id: it is the only index of the foreign key fk_rails_2fd19c0db7 (post_id) -> posts. Delete the drop of line 3.\n" +
          "# If the key itself is no longer wanted, drop the key first (ALTER TABLE comments DROP CONSTRAINT fk_rails_2fd19c0db7), then the index.",
      ],
    },
    {
      framework: "rails",
      name: "remove_index of the composite index the key relies on: the fix builds one on post_id concurrently first, then removes it concurrently",
      files: COMPOSITE,
      code: `class RemoveCommentsPostCreatedIndex < ActiveRecord::Migration[7.1]
  def change
    remove_index :comments, [:post_id, :created_at]
  end
end
`,
      lines: [3],
      fixes: [
        [
          "class Case < ActiveRecord::Migration[7.1]",
          "  disable_ddl_transaction!",
          "",
          "  def change",
          "    # the foreign key fk_rails_2fd19c0db7 (post_id) -> posts keeps an index on its columns",
          '    add_index :comments, :post_id, name: "index_comments_on_post_id", algorithm: :concurrently',
          '    remove_index :comments, column: [:post_id, :created_at], name: "index_comments_on_post_id_and_created_at", algorithm: :concurrently',
          "  end",
          "end",
        ].join("\n"),
      ],
    },
    {
      framework: "rails",
      name: "MySQL: InnoDB refuses to drop the key's only index, an error",
      config: { database: "mysql" },
      files: COMPOSITE,
      code: `class RemoveCommentsPostCreatedIndex < ActiveRecord::Migration[7.1]
  def change
    remove_index :comments, [:post_id, :created_at]
  end
end
`,
      lines: [3],
      severities: ["error"],
      fixes: [
        "# the foreign key fk_rails_2fd19c0db7 (post_id) -> posts keeps an index on its columns\n" +
          'add_index :comments, :post_id, name: "index_comments_on_post_id"\n' +
          'remove_index :comments, column: [:post_id, :created_at], name: "index_comments_on_post_id_and_created_at"',
      ],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "the same migration removes the foreign key first",
      files: REFERENCES,
      code: `class RemoveCommentsPostKey < ActiveRecord::Migration[7.1]
  def change
    remove_foreign_key :comments, :posts
    remove_index :comments, :post_id
  end
end
`,
    },
    {
      framework: "rails",
      name: "remove_reference: the column goes, with its key and index",
      files: REFERENCES,
      code: `class RemovePostFromComments < ActiveRecord::Migration[7.1]
  def change
    remove_index :comments, :post_id
    remove_reference :comments, :post, foreign_key: true
  end
end
`,
    },
    {
      framework: "rails",
      name: "a covering index built before the drop (post_id alone, replacing the composite one)",
      files: COMPOSITE,
      code: `class ReplaceCommentsIndex < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    add_index :comments, :post_id, algorithm: :concurrently
    remove_index :comments, [:post_id, :created_at], algorithm: :concurrently
  end
end
`,
    },
    {
      framework: "rails",
      name: "the index that stays covers the key: a composite index leading with post_id",
      files: {
        "db/migrate/20230101000000_create_comments.rb": `class CreateComments < ActiveRecord::Migration[7.1]
  def change
    create_table :posts
    create_table :comments do |t|
      t.references :post, foreign_key: true
      t.datetime :created_at
    end
    add_index :comments, [:post_id, :created_at]
  end
end
`,
      },
      code: `class RemoveCommentsPostIndex < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    remove_index :comments, :post_id, algorithm: :concurrently
  end
end
`,
    },
  ],
});
