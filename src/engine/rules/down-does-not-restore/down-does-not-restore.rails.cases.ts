import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "remove_foreign_key(from, to) without column: removes the key the history has to that table (on superseded_by_id), named as Rails named it, and the down does not add it back",
      path: "db/migrate/20190801000000_drop_superseded_key.rb",
      code: `class DropSupersededKey < ActiveRecord::Migration[5.2]
  def up
    remove_foreign_key :image_assets, :image_assets
    add_column :image_assets, :note, :string
  end

  def down
    remove_column :image_assets, :note
  end
end
`,
      files: {
        "db/migrate/20190101000000_create_image_assets.rb": "class CreateImageAssets < ActiveRecord::Migration[5.2]\n  def change\n    create_table :image_blob_revisions do |t|\n      t.string :filename\n    end\n    create_table :image_assets do |t|\n      t.references :blob_revision, foreign_key: { to_table: :image_blob_revisions }, null: false\n      t.references :superseded_by, foreign_key: { to_table: :image_assets }\n    end\n  end\nend\n",
      },
      lines: [3],
      messages: ["constraint fk_rails_d67eeb994a"],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "remove_foreign_key(from, to) without column: drops the key to that table the earlier migration added on blob_revision_id, which the up and the down each add back (alphagov/content-publisher 20190717203348): every key it removes comes back",
      path: "db/migrate/20190717203348_allow_revision_deletion.rb",
      code: `class AllowRevisionDeletion < ActiveRecord::Migration[5.2]
  def up
    remove_foreign_key :image_assets, :image_blob_revisions
    add_foreign_key :image_assets, :image_blob_revisions, column: :blob_revision_id, on_delete: :cascade
    remove_foreign_key :image_assets, :image_assets
    add_foreign_key :image_assets, :image_assets, column: :superseded_by_id, on_delete: :nullify
  end

  def down
    remove_foreign_key :image_assets, :image_blob_revisions
    add_foreign_key :image_assets, :image_blob_revisions, column: :blob_revision_id, on_delete: :restrict
    remove_foreign_key :image_assets, :image_assets
    add_foreign_key :image_assets, :image_assets, column: :superseded_by_id, on_delete: :restrict
  end
end
`,
      files: {
        "db/migrate/20190101000000_create_image_assets.rb": "class CreateImageAssets < ActiveRecord::Migration[5.2]\n  def change\n    create_table :image_blob_revisions do |t|\n      t.string :filename\n    end\n    create_table :image_assets do |t|\n      t.references :blob_revision, foreign_key: { to_table: :image_blob_revisions }, null: false\n      t.references :superseded_by, foreign_key: { to_table: :image_assets }\n    end\n  end\nend\n",
      },
    },
    {
      framework: "rails",
      name: "remove_foreign_key(from, to) without column: and no history: the key the written down adds back to that table is the one the up removed, not one on the default column",
      code: `class AllowRevisionDeletion < ActiveRecord::Migration[5.2]
  def up
    remove_foreign_key :image_assets, :image_blob_revisions
    add_foreign_key :image_assets, :image_blob_revisions, column: :blob_revision_id, on_delete: :cascade
    remove_foreign_key :image_assets, :image_assets
    add_foreign_key :image_assets, :image_assets, column: :superseded_by_id, on_delete: :nullify
  end

  def down
    remove_foreign_key :image_assets, :image_blob_revisions
    add_foreign_key :image_assets, :image_blob_revisions, column: :blob_revision_id, on_delete: :restrict
    remove_foreign_key :image_assets, :image_assets
    add_foreign_key :image_assets, :image_assets, column: :superseded_by_id, on_delete: :restrict
  end
end
`,
    },
  ],
});
