import { defineCases } from "../support/rule.js";

/** The engine's own finding for Ruby: Ruby's grammar (Prism), and PostgreSQL's for the SQL given to `execute`. */
export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "a missing comma between arguments",
      code: "class AddPhone < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :phone :string\n  end\nend\n",
      lines: [3],
    },
    {
      framework: "rails",
      name: "a typo in the SQL given to execute",
      code: 'class AddPhone < ActiveRecord::Migration[7.1]\n  def up\n    execute "ALTER TABLE users ADD COLUM phone text"\n  end\n\n  def down\n    execute "ALTER TABLE users DROP COLUMN phone"\n  end\nend\n',
      lines: [3],
    },
  ],
  valid: [{ framework: "rails", name: "the same migration, well formed", code: "class AddPhone < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :phone, :string\n  end\nend\n" }],
});
