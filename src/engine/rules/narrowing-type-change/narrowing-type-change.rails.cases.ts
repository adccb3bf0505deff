import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "bigint -> integer, and a shorter varchar limit",
      code: `class ShrinkColumns < ActiveRecord::Migration[7.1]
  def up
    change_column :events, :payload_size, :integer
    change_column :posts, :title, :string, limit: 100
  end

  def down
    change_column :posts, :title, :string, limit: 255
    change_column :events, :payload_size, :bigint
  end
end
`,
      lines: [3, 4],
    },
    {
      framework: "rails",
      name: "a shorter limit on a table created 3 days earlier: PostgreSQL loses no value and the rewrite of a young table is brief, a note",
      path: "db/migrate/20240110090000_shorten_tag_names.rb",
      files: {
        "db/migrate/20240107090000_create_tags.rb": `class CreateTags < ActiveRecord::Migration[7.1]
  def change
    create_table :tags do |t|
      t.string :name, limit: 140
    end
  end
end
`,
      },
      code: `class ShortenTagNames < ActiveRecord::Migration[7.1]
  def up
    change_column :tags, :name, :string, limit: 100
  end

  def down
    change_column :tags, :name, :string, limit: 140
  end
end
`,
      lines: [3],
      severities: ["info"],
      messages: ["tags was created 3 days earlier by 20240107090000_create_tags.rb: a young table is usually small, so the rewrite is brief, and no value can be lost."],
    },
    {
      framework: "rails",
      name: "an UPDATE without WHERE run by execute converts every value before change_column narrows it: a note",
      code: `class LengthInMeters < ActiveRecord::Migration[7.1]
  def up
    execute "UPDATE berths SET length = length / 100"
    change_column :berths, :length, :decimal, precision: 5, scale: 2
  end

  def down
    change_column :berths, :length, :decimal, precision: 10, scale: 2
    execute "UPDATE berths SET length = length * 100"
  end
end
`,
      files: {
        "db/migrate/20240101000000_create_berths.rb": `class CreateBerths < ActiveRecord::Migration[7.1]
  def change
    create_table :berths do |t|
      t.decimal :length, precision: 10, scale: 2, null: false
    end
  end
end
`,
      },
      lines: [4],
      severities: ["info"],
      messages: ["narrows the type, but this migration converted every value of length first (line 3)"],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "integer -> bigint widens",
      code: `class WidenIds < ActiveRecord::Migration[7.1]
  def up
    change_column :events, :account_id, :bigint
  end

  def down
    change_column :events, :account_id, :integer
  end
end
`,
    },
  ],
});
