import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "add_column with a default, then a unique add_index on it",
      code: `class AddReferralCodeToUsers < ActiveRecord::Migration[7.1]
  def change
    add_column :users, :referral_code, :string, default: "", null: false
    add_index :users, :referral_code, unique: true
  end
end
`,
      lines: [3],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "a uuid column's string default that calls a function (default: \"gen_random_uuid()\"): Rails' PostgreSQL adapter writes it unquoted, as SQL, so every row gets its own value",
      code: `class AddContentIdToLocalAuthorities < ActiveRecord::Migration[7.1]
  def change
    enable_extension "pgcrypto"

    add_column :local_authorities, :content_id, :uuid, default: "gen_random_uuid()"
    add_index :local_authorities, :content_id, unique: true
  end
end
`,
    },
    {
      framework: "rails",
      name: "nullable without a default: existing rows stay NULL, which a unique index allows",
      code: `class AddReferralCodeToUsers < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    add_column :users, :referral_code, :string
    add_index :users, :referral_code, unique: true, algorithm: :concurrently
  end
end
`,
    },
  ],
});
