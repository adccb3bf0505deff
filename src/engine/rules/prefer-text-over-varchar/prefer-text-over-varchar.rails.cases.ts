import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "a string with a limit is varchar(n)",
      code: `class AddTitle < ActiveRecord::Migration[7.1]
  def change
    add_column :posts, :title, :string, limit: 120
  end
end
`,
      lines: [3],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "a string without a limit (varchar without a length) or text",
      code: `class AddTitle < ActiveRecord::Migration[7.1]
  def change
    add_column :posts, :title, :string
    add_column :posts, :body, :text
  end
end
`,
    },
  ],
});
