import { defineCases } from "../support/rule.js";

const sensitive = { sensitive: ["users.phone_number", "*.ssn"] };

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "the seed: remove_column of a regulated column",
      code: "class DropPhoneNumber < ActiveRecord::Migration[7.0]\n  def change\n    remove_column :users, :phone_number, :string\n  end\nend\n",
      config: sensitive,
      lines: [3],
    },
    {
      framework: "rails",
      name: "safety_assured is not a sign-off for regulated data",
      code: "class DropPhoneNumber < ActiveRecord::Migration[7.0]\n  def change\n    safety_assured { remove_column :users, :phone_number, :string }\n  end\nend\n",
      config: sensitive,
      lines: [3],
    },
    {
      framework: "rails",
      name: "drop_table whose block shows a regulated column",
      code: "class DropEmployees < ActiveRecord::Migration[7.1]\n  def change\n    drop_table :employees do |t|\n      t.string :ssn\n    end\n  end\nend\n",
      config: sensitive,
      lines: [3],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "waived with a reason (the App then requires a maintainer's approval)",
      code: "class DropPhoneNumber < ActiveRecord::Migration[7.0]\n  def change\n    # migguard:ignore regulated-data retention period ended, LEGAL-42\n    remove_column :users, :phone_number, :string\n  end\nend\n",
      config: sensitive,
    },
  ],
});
