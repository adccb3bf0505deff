import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "codetriage: issues.id (create_table's implicit primary key) to bigint: the swap rebuilds the primary key over a unique index built CONCURRENTLY, moves the sequence, and says the referencing columns stay integer",
      path: "db/migrate/20260202160000_change_issues_id_to_bigint.rb",
      files: {
        "db/migrate/20120222223509_create_issues.rb": `class CreateIssues < ActiveRecord::Migration[4.2]
  def change
    create_table :issues do |t|
      t.string :title
      t.timestamps
    end
  end
end
`,
      },
      code: `class ChangeIssuesIdToBigint < ActiveRecord::Migration[7.0]
  def up
    change_column :issues, :id, :bigint
  end

  def down
    change_column :issues, :id, :integer
  end
end
`,
      lines: [3],
      fixes: ["# id_new of the new type beside id, kept converted by a trigger while the code writes id:\nadd_column :issues, :id_new, :bigint\nreversible do |dir|\n  dir.up do\n    execute <<~'SQL'\n      CREATE FUNCTION issues_sync_id_new() RETURNS trigger LANGUAGE plpgsql AS $$\n      BEGIN\n        NEW.id_new := NEW.id;\n        RETURN NEW;\n      END $$;\n      CREATE TRIGGER issues_sync_id_new BEFORE INSERT OR UPDATE ON issues\n        FOR EACH ROW EXECUTE FUNCTION issues_sync_id_new();\n      ALTER TABLE issues ADD CONSTRAINT issues_id_new_not_null CHECK (id_new IS NOT NULL) NOT VALID;\n    SQL\n  end\n  dir.down do\n    execute <<~'SQL'\n      DROP TRIGGER issues_sync_id_new ON issues;\n      DROP FUNCTION issues_sync_id_new();\n    SQL\n  end\nend\n\n# then a new migration, db/migrate/20260202160001_fill_issues_id_new.rb:\nclass FillIssuesIdNew < ActiveRecord::Migration[7.0]\n  disable_ddl_transaction!\n\n  def up\n    # 1000 rows a statement, each committed on its own (disable_ddl_transaction!), until one updates nothing\n    nil until connection.exec_update(\"UPDATE issues SET id_new = id WHERE ctid IN (SELECT ctid FROM issues WHERE id_new IS DISTINCT FROM id::bigint LIMIT 1000)\").zero?\n  end\n\n  def down\n    # nothing to undo: the converted values stay\n  end\nend\n\n# then a new migration, db/migrate/20260202160002_index_issues_id_new.rb:\nclass IndexIssuesIdNew < ActiveRecord::Migration[7.0]\n  disable_ddl_transaction!\n\n  def up\n    execute \"CREATE UNIQUE INDEX CONCURRENTLY issues_pkey_new ON issues (id_new);\"\n  end\n\n  def down\n    # nothing to undo before the swap's own down\n  end\nend\n\n# then a new migration, db/migrate/20260202160003_swap_issues_id.rb:\nclass SwapIssuesId < ActiveRecord::Migration[7.0]\n  def up\n    # the swap: short locks, no rewrite; a view that reads the old column makes DROP COLUMN fail: create it again over the new one in the same step\n    # the columns of other tables that reference id (the history names none; list them: SELECT conrelid::regclass, conname FROM pg_constraint WHERE confrelid = 'issues'::regclass) stay integer: change them to bigint too (the same steps)\n    # the earlier migrations do not show every constraint and index of issues (it was not created in them as SQL): list them (\\d issues) and rebuild on id_new what reads id; FOREIGN KEYs that reference id must be dropped before the swap and added back after it\n    execute <<~'SQL'\n      ALTER TABLE issues VALIDATE CONSTRAINT issues_id_new_not_null;\n      ALTER TABLE issues ALTER COLUMN id_new SET NOT NULL;\n      ALTER TABLE issues DROP CONSTRAINT issues_id_new_not_null;\n      DROP TRIGGER issues_sync_id_new ON issues;\n      DROP FUNCTION issues_sync_id_new();\n      ALTER SEQUENCE issues_id_seq OWNED BY issues.id_new;\n      ALTER SEQUENCE issues_id_seq AS bigint;\n      ALTER TABLE issues DROP COLUMN id;\n      ALTER TABLE issues RENAME COLUMN id_new TO id;\n      ALTER TABLE issues ADD CONSTRAINT issues_pkey PRIMARY KEY USING INDEX issues_pkey_new;\n      ALTER TABLE issues ALTER COLUMN id SET DEFAULT nextval('issues_id_seq'::regclass);\n    SQL\n  end\n\n  def down\n    raise ActiveRecord::IrreversibleMigration, \"the id of the old type was dropped\"\n  end\nend"],
    },
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
