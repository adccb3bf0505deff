import { defineCases } from "./rule.js";
import { SEED_ANTI_PATTERN } from "../testing/rails-fixtures.js";

const sensitive = { sensitive: ["users.phone_number", "*.ssn"] };

export default defineCases({
  invalid: [
    { framework: "rails", name: "the seed's phone_number removal, with the column listed as sensitive", code: SEED_ANTI_PATTERN, config: sensitive, lines: [3] },
    {
      framework: "rails",
      name: "safety_assured does not clear regulated data; update_all overwrites it",
      code: `class ScrubSsn < ActiveRecord::Migration[7.1]
  def up
    safety_assured { remove_column :employees, :ssn }
    User.where(deleted: true).update_all(phone_number: nil)
  end

  def down
  end
end
`,
      config: sensitive,
      lines: [3, 4],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "a waiver with the legal sign-off",
      code: `class DropPhoneNumber < ActiveRecord::Migration[7.0]
  def change
    # migguard:ignore regulated-data legal sign-off LEGAL-118: numbers archived to the vault first
    remove_column :users, :phone_number, :string
  end
end
`,
      config: sensitive,
    },
  ],
});
