class DropPhoneNumberWithBackup < ActiveRecord::Migration[7.0]
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
