import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
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
