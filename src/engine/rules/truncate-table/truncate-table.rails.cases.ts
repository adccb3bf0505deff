import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "TRUNCATE through execute",
      code: `class ResetCaches < ActiveRecord::Migration[7.1]
  def up
    execute "TRUNCATE page_caches, fragment_caches"
  end

  def down
  end
end
`,
      lines: [3],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "truncating a table the migration just created",
      code: `class CreateImports < ActiveRecord::Migration[7.1]
  def up
    create_table :imports do |t|
      t.string :name
    end
    execute "TRUNCATE imports"
  end

  def down
    drop_table :imports
  end
end
`,
    },
  ],
});
