import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "datetime -> timestamptz: Rails' connection runs in UTC, so no row is rewritten; a note that the column's indexes are rebuilt",
      code: `class MakeHappenedAtZoned < ActiveRecord::Migration[7.1]
  def up
    change_column :events, :happened_at, :timestamptz
  end

  def down
    change_column :events, :happened_at, :datetime
  end
end
`,
      lines: [3],
    },
    {
      framework: "rails",
      name: "change_column to uuid with a USING clause in the type string",
      code: `class MakeContentIdUuidType < ActiveRecord::Migration[7.1]
  def up
    change_column :content_items, :content_id, "UUID USING content_id::uuid"
  end

  def down
    change_column :content_items, :content_id, :text
  end
end
`,
      lines: [3],
    },
    {
      framework: "rails",
      name: "change_column and t.change without a known previous type",
      code: `class HotnessModToFloat < ActiveRecord::Migration[7.1]
  def up
    change_column :tags, :hotness_mod, :float
    change_table :tags do |t|
      t.change :weight, :decimal, precision: 10, scale: 2
    end
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      lines: [3, 5],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "string -> text (the down names the old type): metadata only",
      code: `class UseTextForLongChangeNotes < ActiveRecord::Migration[6.1]
  def up
    change_column :change_notes, :note, :text
  end

  def down
    change_column :change_notes, :note, :string
  end
end
`,
    },
    {
      framework: "rails",
      name: "raising a varchar limit",
      code: `class WidenTitles < ActiveRecord::Migration[7.1]
  def up
    change_column :posts, :title, :string, limit: 500
  end

  def down
    change_column :posts, :title, :string, limit: 200
  end
end
`,
    },
  ],
});
