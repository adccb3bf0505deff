import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
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
