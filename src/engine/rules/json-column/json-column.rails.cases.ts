import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "add_column :json and t.json in change_table",
      code: `class AddSettings < ActiveRecord::Migration[7.1]
  def change
    add_column :users, :settings, :json
    change_table :accounts do |t|
      t.json :preferences
    end
  end
end
`,
      lines: [3, 5],
    },
    {
      framework: "rails",
      name: "a scope runs .distinct over users (SELECT DISTINCT users.*): the warning names it; accounts, which nothing compares, gets a note",
      code: `class AddSettings < ActiveRecord::Migration[7.1]
  def change
    add_column :users, :settings, :json
    add_column :accounts, :preferences, :json
  end
end
`,
      files: {
        "app/models/user.rb": "class User < ApplicationRecord\n  has_many :orders\n  scope :buyers, -> { joins(:orders).distinct }\nend\n",
        "app/models/account.rb": "class Account < ApplicationRecord\n  scope :recent, -> { where(created_at: 1.week.ago..) }\nend\n",
      },
      lines: [3, 4],
      severities: ["warning", "info"],
      messages: ["The application's code runs such a query over users: app/models/user.rb:3", "found no SELECT DISTINCT or UNION over whole rows of accounts"],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "jsonb, or json in a new table",
      code: `class AddSettings < ActiveRecord::Migration[7.1]
  def change
    add_column :users, :settings, :jsonb
    create_table :audits do |t|
      t.json :payload
    end
  end
end
`,
    },
  ],
});
