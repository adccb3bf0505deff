class AddIndexOnOrdersCustomer < ActiveRecord::Migration[7.1]
  def change
    add_index :orders, :customer_id
    add_foreign_key :orders, :customers
  end
end
