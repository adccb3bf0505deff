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
    {
      framework: "rails",
      name: "helpy's add_devise_to_users: users was created 21 minutes earlier by the migration before, and nothing has written to it since: it ships empty in the same deploy, so no two rows can collide: a note",
      path: "db/migrate/20150313183850_add_devise_to_users.rb",
      files: {
        "db/migrate/20150313181700_create_users.rb": "class CreateUsers < ActiveRecord::Migration\n  def change\n    create_table :users do |t|\n      t.string :login\n      t.timestamps null: false\n    end\n  end\nend\n",
      },
      code: `class AddDeviseToUsers < ActiveRecord::Migration
  def self.up
    change_table(:users) do |t|
      t.string :email,              null: false, default: ""
      t.string :encrypted_password, null: false, default: ""
    end

    add_index :users, :email,                unique: true
  end

  def self.down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      lines: [4],
      severities: ["info"],
      messages: ["users was created less than an hour earlier by 20150313181700_create_users.rb, and nothing has written to it since"],
      // no invented email (gen_random_uuid()::text): the rows need their own, which only the application knows
      fixes: ["add_column :users, :email, :string  # no default: existing rows stay NULL, which a unique index allows\n# then, in a migration with disable_ddl_transaction!, build the index without blocking writes:\nadd_index :users, :email, unique: true, algorithm: :concurrently\n# email is NOT NULL as written: each existing row needs its own email first, and migguard knows no value that fits it (one value for all collides at the second row):\n# fill them from what the application knows of each row, then change_column_null :users, :email, false (see set-not-null for a large table)"],
    },
    {
      framework: "rails",
      name: "the same migration a week after users was created: users may have rows, the error stays",
      path: "db/migrate/20150320183850_add_devise_to_users.rb",
      files: {
        "db/migrate/20150313181700_create_users.rb": "class CreateUsers < ActiveRecord::Migration\n  def change\n    create_table :users do |t|\n      t.string :login\n      t.timestamps null: false\n    end\n  end\nend\n",
      },
      code: `class AddDeviseToUsers < ActiveRecord::Migration
  def self.up
    change_table(:users) do |t|
      t.string :email,              null: false, default: ""
    end

    add_index :users, :email,                unique: true
  end

  def self.down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      lines: [4],
      severities: ["error"],
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
