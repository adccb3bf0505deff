/**
 * Rails migrations the seed article shows (verbatim, including its missing indentation), shared by the
 * Rails case tables of several rules and by the adapter tests.
 */

/** The anti-pattern: `change` removes users.phone_number; "change cannot derive a rollback; down is blank". */
export const SEED_ANTI_PATTERN = `class DropPhoneNumber < ActiveRecord::Migration[7.0]
def change
remove_column :users, :phone_number, :string
end
end
`;

/** The seed's "quick patch": explicit up/down that copy the column to a backup table before removing it. */
export const SEED_QUICK_PATCH = `class DropPhoneNumber < ActiveRecord::Migration[7.0]
def up
add_column :users, :phone_number_backup, :string
execute "INSERT INTO users_backup(id, phone_number) SELECT id, phone_number FROM users"
remove_column :users, :phone_number
end
def down
add_column :users, :phone_number, :string
execute "UPDATE users SET phone_number = b.phone_number FROM users_backup b WHERE users.id = b.id"
drop_table :users_backup
end
end
`;
