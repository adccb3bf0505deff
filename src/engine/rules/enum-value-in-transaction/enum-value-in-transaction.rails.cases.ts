import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "a value added with add_enum_value and used in the same transaction",
      code: `class AddArchivedStatus < ActiveRecord::Migration[7.1]
  def up
    add_enum_value :post_status, "archived"
    execute "UPDATE posts SET status = 'archived' WHERE deleted_at IS NOT NULL"
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      lines: [4],
    },
    {
      framework: "rails",
      name: "PostgreSQL 11 refuses ADD VALUE in a transaction at all",
      code: `class AddArchivedStatus < ActiveRecord::Migration[7.1]
  def up
    execute "ALTER TYPE post_status ADD VALUE 'archived'"
  end

  def down
  end
end
`,
      config: { postgres_version: 11 },
      lines: [3],
      fixes: [`disable_ddl_transaction!  # with this statement alone in its migration\nexecute "ALTER TYPE post_status ADD VALUE 'archived'"`],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "the value is used in the next migration",
      code: `class AddArchivedStatus < ActiveRecord::Migration[7.1]
  def up
    add_enum_value :post_status, "archived", if_not_exists: true
  end

  def down
  end
end
`,
    },
  ],
});
