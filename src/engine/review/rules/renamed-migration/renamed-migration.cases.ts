import { defineReviewCases } from "../../review-rule.js";

const rails = `class AddPhone < ActiveRecord::Migration[7.1]
  def change
    add_column :users, :phone, :string
  end
end
`;

export default defineReviewCases({
  invalid: [
    {
      name: "a Rails migration gets a new timestamp",
      base: { "db/migrate/20240101000000_add_phone.rb": rails },
      head: {},
      renames: { "db/migrate/20240301000000_add_phone.rb": "db/migrate/20240101000000_add_phone.rb" },
      findings: [{ path: "db/migrate/20240301000000_add_phone.rb", line: 1 }],
    },
    {
      name: "a Flyway version is renumbered",
      base: { "db/migration/V3__accounts.sql": "CREATE TABLE accounts (id bigint);\n" },
      head: {},
      renames: { "db/migration/V4__accounts.sql": "db/migration/V3__accounts.sql" },
      findings: [{ path: "db/migration/V4__accounts.sql", line: 1 }],
    },
    {
      name: "a Django migration is renamed (Django knows it by name)",
      base: { "shop/migrations/0002_phone.py": "from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = []\n    operations = []\n" },
      head: {},
      renames: { "shop/migrations/0002_add_phone.py": "shop/migrations/0002_phone.py" },
      findings: [{ path: "shop/migrations/0002_add_phone.py", line: 1 }],
    },
  ],
  valid: [
    {
      name: "a file moved into the migrations folder is a new migration, not a rename",
      base: { "drafts/20240101000000_add_phone.rb": rails },
      head: {},
      renames: { "db/migrate/20240101000000_add_phone.rb": "drafts/20240101000000_add_phone.rb" },
    },
    {
      name: "renaming something that is not a migration",
      base: { "app/models/user.rb": "class User < ApplicationRecord\nend\n" },
      head: {},
      renames: { "app/models/account.rb": "app/models/user.rb" },
    },
  ],
});
