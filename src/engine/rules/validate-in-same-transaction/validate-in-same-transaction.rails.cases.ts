import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "add_foreign_key validate: false and validate_foreign_key in one migration (Rails' generated fk name matches)",
      code: `class AddUserForeignKey < ActiveRecord::Migration[7.1]
  def change
    add_foreign_key :posts, :users, validate: false
    validate_foreign_key :posts, :users
  end
end
`,
      lines: [4],
    },
    {
      framework: "rails",
      name: "add_check_constraint validate: false then validate_check_constraint",
      code: `class AddPriceCheck < ActiveRecord::Migration[7.1]
  def change
    add_check_constraint :products, "price >= 0", name: "price_check", validate: false
    validate_check_constraint :products, name: "price_check"
  end
end
`,
      lines: [4],
    },
    {
      framework: "rails",
      name: "NOT VALID and VALIDATE CONSTRAINT in two execute calls of one up",
      code: `class AddMembersEmailCheck < ActiveRecord::Migration[7.1]
  def up
    execute "ALTER TABLE members ADD CONSTRAINT members_email_present CHECK (email IS NOT NULL) NOT VALID"
    execute "ALTER TABLE members VALIDATE CONSTRAINT members_email_present"
  end

  def down
    execute "ALTER TABLE members DROP CONSTRAINT members_email_present"
  end
end
`,
      lines: [4],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "add_column null: false without a default in the same transaction proves the table empty: the validation has no rows to scan",
      code: `class AddSetToLinks < ActiveRecord::Migration[7.1]
  def change
    add_foreign_key :links, :sets, validate: false
    validate_foreign_key :links, :sets
    add_column :links, :kind, :string, null: false
  end
end
`,
    },
    {
      framework: "rails",
      name: "validation in the next migration",
      code: `class ValidateUserForeignKey < ActiveRecord::Migration[7.1]
  def change
    validate_foreign_key :posts, :users
  end
end
`,
    },
    {
      framework: "rails",
      name: "both outside a transaction (disable_ddl_transaction!)",
      code: `class AddUserForeignKey < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    add_foreign_key :posts, :users, validate: false
    validate_foreign_key :posts, :users
  end
end
`,
    },
  ],
});
