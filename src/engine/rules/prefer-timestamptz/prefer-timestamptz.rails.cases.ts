import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: ":datetime is timestamp without time zone",
      code: `class AddPublishedAt < ActiveRecord::Migration[7.1]
  def change
    add_column :posts, :published_at, :datetime
  end
end
`,
      lines: [3],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: ":timestamptz",
      code: `class AddPublishedAt < ActiveRecord::Migration[7.1]
  def change
    add_column :posts, :published_at, :timestamptz
  end
end
`,
    },
  ],
});
