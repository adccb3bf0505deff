import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "Rails 5.0 ids and references are integer (bigint since 5.1), and so is t.integer :post_id",
      code: `class CreateComments < ActiveRecord::Migration[5.0]
  def change
    create_table :comments do |t|
      t.integer :post_id
    end
    add_reference :likes, :comment, index: false
  end
end
`,
      lines: [3, 3, 6],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "references and ids are bigint since Rails 5.1",
      code: `class CreateComments < ActiveRecord::Migration[7.1]
  def change
    create_table :comments, id: :uuid do |t|
      t.references :post, type: :uuid
      t.bigint :legacy_id
    end
  end
end
`,
    },
  ],
});
