import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "keygen's primary key swap (remove_column :id, rename_column :uuid, :id, ADD PRIMARY KEY (id)) in a loop: a swap, not a rename; the fix adds no second id (it could not run) and says old code breaks whatever is done",
      code: `class ChangePrimaryKeysToUuid < ActiveRecord::Migration[5.0]
  def up
    [:accounts, :licenses].each do |table|
      remove_column table, :id
      rename_column table, :uuid, :id
      execute "ALTER TABLE #{table} ADD PRIMARY KEY (id);"
    end
  end
end
`,
      lines: [5, 5],
      messages: [
        "Renaming accounts.uuid to id swaps columns: line 4 drops accounts.id and this rename puts uuid in its place, and line 6 makes it the PRIMARY KEY",
        "so it breaks whatever the order of the steps: no expand/contract keeps it working",
      ],
      fixes: [
        "# a column swap, not a rename: id (dropped on line 4) is replaced by uuid, and line 6 makes it the PRIMARY KEY.\n# No step keeps the old code working: it knows id as the dropped column and reads uuid. An expand that adds id beside uuid\n# cannot run while the old id exists, and would not make it the PRIMARY KEY. Either:\n# - keep the swap as written and run it with the application stopped (a maintenance window), deploying the code that reads the new id with it; or\n# - keep both columns under their own names (no swap): the new code reads uuid, and id goes in a later release once no code uses it.",
        "# a column swap, not a rename: id (dropped on line 4) is replaced by uuid, and line 6 makes it the PRIMARY KEY.\n# No step keeps the old code working: it knows id as the dropped column and reads uuid. An expand that adds id beside uuid\n# cannot run while the old id exists, and would not make it the PRIMARY KEY. Either:\n# - keep the swap as written and run it with the application stopped (a maintenance window), deploying the code that reads the new id with it; or\n# - keep both columns under their own names (no swap): the new code reads uuid, and id goes in a later release once no code uses it.",
      ],
    },
    {
      framework: "rails",
      name: "MySQL (mysql2): the batched backfill is MySQL's UPDATE ... LIMIT",
      config: { database: "mysql" },
      code: `class RetireLinksColumn < ActiveRecord::Migration[7.1]
  def change
    rename_column :link_sets, :links, :legacy_links
  end
end
`,
      lines: [3],
    },
    {
      framework: "rails",
      name: "rename_column and t.rename on live tables",
      code: `class RetireLinksColumn < ActiveRecord::Migration[7.1]
  def change
    rename_column :link_sets, :links, :legacy_links
    change_table :users do |t|
      t.rename :fax, :fax_number
    end
  end
end
`,
      lines: [3, 5],
    },
    {
      framework: "rails",
      name: "prices.currency_code references currencies.code (add_foreign_key ... primary_key: :code): the key moves to the new column before remove_column, over a unique index built concurrently; the referencing keys of a table not created in SQL may be more, which the contract says",
      files: {
        "db/migrate/20240101000000_create_currencies.rb": `class CreateCurrencies < ActiveRecord::Migration[7.1]
  def change
    create_table :currencies, id: false do |t|
      t.string :code, null: false
      t.index :code, unique: true
    end
    create_table :prices do |t|
      t.string :currency_code, null: false
    end
    add_foreign_key :prices, :currencies, column: :currency_code, primary_key: :code, on_delete: :cascade
  end
end
`,
      },
      path: "db/migrate/20240201000000_rename_currency_code.rb",
      code: `class RenameCurrencyCode < ActiveRecord::Migration[7.1]
  def change
    rename_column :currencies, :code, :iso_code
  end
end
`,
      lines: [3],
      fixes: ["# expand: iso_code beside code, kept in step by a trigger while old and new code run\nadd_column :currencies, :iso_code, :string\nreversible do |dir|\n  dir.up do\n    execute <<~'SQL'\n      CREATE FUNCTION currencies_sync_iso_code() RETURNS trigger LANGUAGE plpgsql AS $$\n      BEGIN\n        IF TG_OP = 'INSERT' THEN\n          NEW.iso_code := COALESCE(NEW.iso_code, NEW.code);\n          NEW.code := COALESCE(NEW.code, NEW.iso_code);\n        ELSIF NEW.code IS DISTINCT FROM OLD.code THEN\n          NEW.iso_code := NEW.code;\n        ELSIF NEW.iso_code IS DISTINCT FROM OLD.iso_code THEN\n          NEW.code := NEW.iso_code;\n        END IF;\n        RETURN NEW;\n      END $$;\n      CREATE TRIGGER currencies_sync_iso_code BEFORE INSERT OR UPDATE ON currencies\n        FOR EACH ROW EXECUTE FUNCTION currencies_sync_iso_code();\n      ALTER TABLE currencies ADD CONSTRAINT currencies_iso_code_not_null CHECK (iso_code IS NOT NULL) NOT VALID;\n    SQL\n  end\n  dir.down do\n    execute <<~'SQL'\n      DROP TRIGGER currencies_sync_iso_code ON currencies;\n      DROP FUNCTION currencies_sync_iso_code();\n    SQL\n  end\nend\n\n# then a new migration, db/migrate/20240201000001_fill_currencies_iso_code.rb:\nclass FillCurrenciesIsoCode < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def up\n    # 1000 rows a statement, each committed on its own (disable_ddl_transaction!), until one updates nothing\n    nil until connection.exec_update(\"UPDATE currencies SET iso_code = code WHERE ctid IN (SELECT ctid FROM currencies WHERE iso_code IS DISTINCT FROM code LIMIT 1000)\").zero?\n  end\n\n  def down\n    # nothing to undo: the copied values stay\n  end\nend\n\n# then a new migration, db/migrate/20240201000002_index_currencies_iso_code.rb:\nclass IndexCurrenciesIsoCode < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def up\n    execute \"CREATE UNIQUE INDEX CONCURRENTLY index_currencies_on_iso_code ON currencies (iso_code);\"\n  end\n\n  def down\n    execute \"DROP INDEX CONCURRENTLY IF EXISTS index_currencies_on_iso_code;\"\n  end\nend\n\n# then a new migration, db/migrate/20240201000003_currencies_iso_code_not_null.rb:\nclass CurrenciesIsoCodeNotNull < ActiveRecord::Migration[7.1]\n  def up\n    execute \"ALTER TABLE currencies VALIDATE CONSTRAINT currencies_iso_code_not_null;\"\n    execute \"ALTER TABLE currencies ALTER COLUMN iso_code SET NOT NULL;\"\n    execute \"ALTER TABLE currencies DROP CONSTRAINT currencies_iso_code_not_null;\"\n  end\n\n  def down\n    change_column_null :currencies, :iso_code, true\n  end\nend\n\n# then a new migration, db/migrate/20240201000004_currencies_iso_code_references.rb:\nclass CurrenciesIsoCodeReferences < ActiveRecord::Migration[7.1]\n  def up\n    execute \"ALTER TABLE prices ADD CONSTRAINT fk_rails_12abc890b2_new FOREIGN KEY (currency_code) REFERENCES currencies (iso_code) ON DELETE CASCADE NOT VALID;\"\n  end\n\n  def down\n    execute \"ALTER TABLE prices DROP CONSTRAINT IF EXISTS fk_rails_12abc890b2_new;\"\n  end\nend\n\n# then a new migration, db/migrate/20240201000005_remove_currencies_code.rb:\nclass RemoveCurrenciesCode < ActiveRecord::Migration[7.1]\n  def up\n    # once Currency has self.ignored_columns += [\"code\"] and no running code uses code:\n    # not known: whether FOREIGN KEYs the earlier migrations do not show reference code (currencies was not created in them as SQL; list them: SELECT conrelid::regclass, conname FROM pg_constraint WHERE confrelid = 'currencies'::regclass): DROP COLUMN fails while one does, so move each to iso_code before it (added NOT VALID, validated, the old one dropped)\n    execute \"ALTER TABLE prices VALIDATE CONSTRAINT fk_rails_12abc890b2_new;\"\n    execute \"ALTER TABLE prices DROP CONSTRAINT fk_rails_12abc890b2;\"\n    execute \"ALTER TABLE prices RENAME CONSTRAINT fk_rails_12abc890b2_new TO fk_rails_12abc890b2;\"\n    execute \"DROP TRIGGER currencies_sync_iso_code ON currencies;\"\n    execute \"DROP FUNCTION currencies_sync_iso_code();\"\n    remove_column :currencies, :code, :string\n  end\n\n  def down\n    raise ActiveRecord::IrreversibleMigration, \"code was dropped: restore it from a backup\"\n  end\nend"],
    },
    {
      framework: "rails",
      name: "railsdevs' referrals.user_id (t.belongs_to :user, foreign_key: true; users grown since): the new column gets the one foreign key once and the index Rails' rename would have given it (index_referrals_on_referred_user_id)",
      files: {
        "db/migrate/20240101000000_create_referrals.rb": `class CreateReferrals < ActiveRecord::Migration[7.0]
  def change
    create_table :users do |t|
      t.string :email
    end
    create_table :referrals do |t|
      t.belongs_to :user, null: false, foreign_key: true
      t.string :code, null: false
    end
    add_column :users, :referral_code, :string
  end
end
`,
      },
      path: "db/migrate/20240201000000_rework_referrals.rb",
      code: `class ReworkReferrals < ActiveRecord::Migration[7.0]
  def change
    rename_column :referrals, :user_id, :referred_user_id
  end
end
`,
      lines: [3],
      fixes: ["# expand: referred_user_id beside user_id, kept in step by a trigger while old and new code run\nadd_column :referrals, :referred_user_id, :bigint\nreversible do |dir|\n  dir.up do\n    execute <<~'SQL'\n      ALTER TABLE referrals ADD CONSTRAINT referrals_referred_user_id_fkey FOREIGN KEY (referred_user_id) REFERENCES users NOT VALID;\n      CREATE FUNCTION referrals_sync_referred_user_id() RETURNS trigger LANGUAGE plpgsql AS $$\n      BEGIN\n        IF TG_OP = 'INSERT' THEN\n          NEW.referred_user_id := COALESCE(NEW.referred_user_id, NEW.user_id);\n          NEW.user_id := COALESCE(NEW.user_id, NEW.referred_user_id);\n        ELSIF NEW.user_id IS DISTINCT FROM OLD.user_id THEN\n          NEW.referred_user_id := NEW.user_id;\n        ELSIF NEW.referred_user_id IS DISTINCT FROM OLD.referred_user_id THEN\n          NEW.user_id := NEW.referred_user_id;\n        END IF;\n        RETURN NEW;\n      END $$;\n      CREATE TRIGGER referrals_sync_referred_user_id BEFORE INSERT OR UPDATE ON referrals\n        FOR EACH ROW EXECUTE FUNCTION referrals_sync_referred_user_id();\n      ALTER TABLE referrals ADD CONSTRAINT referrals_referred_user_id_not_null CHECK (referred_user_id IS NOT NULL) NOT VALID;\n    SQL\n  end\n  dir.down do\n    execute <<~'SQL'\n      DROP TRIGGER referrals_sync_referred_user_id ON referrals;\n      DROP FUNCTION referrals_sync_referred_user_id();\n    SQL\n  end\nend\n\n# then a new migration, db/migrate/20240201000001_fill_referrals_referred_user_id.rb:\nclass FillReferralsReferredUserId < ActiveRecord::Migration[7.0]\n  disable_ddl_transaction!\n\n  def up\n    # 1000 rows a statement, each committed on its own (disable_ddl_transaction!), until one updates nothing\n    nil until connection.exec_update(\"UPDATE referrals SET referred_user_id = user_id WHERE ctid IN (SELECT ctid FROM referrals WHERE referred_user_id IS DISTINCT FROM user_id LIMIT 1000)\").zero?\n  end\n\n  def down\n    # nothing to undo: the copied values stay\n  end\nend\n\n# then a new migration, db/migrate/20240201000002_index_referrals_referred_user_id.rb:\nclass IndexReferralsReferredUserId < ActiveRecord::Migration[7.0]\n  disable_ddl_transaction!\n\n  def up\n    execute \"CREATE INDEX CONCURRENTLY index_referrals_on_referred_user_id ON referrals (referred_user_id);\"\n  end\n\n  def down\n    execute \"DROP INDEX CONCURRENTLY IF EXISTS index_referrals_on_referred_user_id;\"\n  end\nend\n\n# then a new migration, db/migrate/20240201000003_referrals_referred_user_id_not_null.rb:\nclass ReferralsReferredUserIdNotNull < ActiveRecord::Migration[7.0]\n  def up\n    execute \"ALTER TABLE referrals VALIDATE CONSTRAINT referrals_referred_user_id_not_null;\"\n    execute \"ALTER TABLE referrals ALTER COLUMN referred_user_id SET NOT NULL;\"\n    execute \"ALTER TABLE referrals DROP CONSTRAINT referrals_referred_user_id_not_null;\"\n  end\n\n  def down\n    change_column_null :referrals, :referred_user_id, true\n  end\nend\n\n# then a new migration, db/migrate/20240201000004_remove_referrals_user_id.rb:\nclass RemoveReferralsUserId < ActiveRecord::Migration[7.0]\n  def up\n    # once Referral has self.ignored_columns += [\"user_id\"] and no running code uses user_id:\n    execute \"ALTER TABLE referrals VALIDATE CONSTRAINT referrals_referred_user_id_fkey;\"\n    execute \"DROP TRIGGER referrals_sync_referred_user_id ON referrals;\"\n    execute \"DROP FUNCTION referrals_sync_referred_user_id();\"\n    remove_column :referrals, :user_id, :bigint\n  end\n\n  def down\n    raise ActiveRecord::IrreversibleMigration, \"user_id was dropped: restore it from a backup\"\n  end\nend"],
    },
    {
      framework: "rails",
      name: "e-petitions 20150618143114 (action to background), then the very next migration renames title to action: an expand would keep action and make it fail, and no release runs between the two, so the fix keeps the rename as written and says the rollout",
      files: {
        "db/migrate/20150602200239_initial_schema.rb": `class InitialSchema < ActiveRecord::Migration[4.2]
  def change
    create_table :petitions do |t|
      t.string :title, limit: 150, null: false
      t.string :action, limit: 200
    end
  end
end
`,
        "db/migrate/20150618144922_rename_title_to_action.rb": `class RenameTitleToAction < ActiveRecord::Migration[4.2]
  def change
    rename_column :petitions, :title, :action
  end
end
`,
      },
      path: "db/migrate/20150618143114_rename_action_to_background.rb",
      code: `class RenameActionToBackground < ActiveRecord::Migration[4.2]
  def change
    rename_column :petitions, :action, :background
  end
end
`,
      lines: [3],
      fixes: ["# keep this rename as written: db/migrate/20150618144922_rename_title_to_action.rb:3 renames title to action on petitions, the very next migration, so no release can run between the two to drop action\n# once no code uses it; keeping action in place beside background (the usual expand) would make that migration fail (\"column already exists\").\n# Ship both with the code that uses background: until every server runs it, the old code's queries of action fail, and once that migration\n# has run they read the other column's values under the name (stop the old code first where that matters: a maintenance window)\nrename_column :petitions, :action, :background"],
    },
    {
      framework: "rails",
      name: "a later migration, not the next one, renames title to action: the expand's fill and removal of action are numbered before it, and the fix says which migration takes the name",
      files: {
        "db/migrate/20150602200239_initial_schema.rb": `class InitialSchema < ActiveRecord::Migration[4.2]
  def change
    create_table :petitions do |t|
      t.string :title, limit: 150, null: false
      t.string :action, limit: 200
    end
  end
end
`,
        "db/migrate/20150618144000_add_state_to_petitions.rb": `class AddStateToPetitions < ActiveRecord::Migration[4.2]
  def change
    add_column :petitions, :state, :string
  end
end
`,
        "db/migrate/20150618144922_rename_title_to_action.rb": `class RenameTitleToAction < ActiveRecord::Migration[4.2]
  def change
    rename_column :petitions, :title, :action
  end
end
`,
      },
      path: "db/migrate/20150618143114_rename_action_to_background.rb",
      code: `class RenameActionToBackground < ActiveRecord::Migration[4.2]
  def change
    rename_column :petitions, :action, :background
  end
end
`,
      lines: [3],
      fixes: ["# expand: background beside action, kept in step by a trigger while old and new code run\nadd_column :petitions, :background, :string, limit: 200\nreversible do |dir|\n  dir.up do\n    execute <<~'SQL'\n      CREATE FUNCTION petitions_sync_background() RETURNS trigger LANGUAGE plpgsql AS $$\n      BEGIN\n        IF TG_OP = 'INSERT' THEN\n          NEW.background := COALESCE(NEW.background, NEW.action);\n          NEW.action := COALESCE(NEW.action, NEW.background);\n        ELSIF NEW.action IS DISTINCT FROM OLD.action THEN\n          NEW.background := NEW.action;\n        ELSIF NEW.background IS DISTINCT FROM OLD.background THEN\n          NEW.action := NEW.background;\n        END IF;\n        RETURN NEW;\n      END $$;\n      CREATE TRIGGER petitions_sync_background BEFORE INSERT OR UPDATE ON petitions\n        FOR EACH ROW EXECUTE FUNCTION petitions_sync_background();\n    SQL\n  end\n  dir.down do\n    execute <<~'SQL'\n      DROP TRIGGER petitions_sync_background ON petitions;\n      DROP FUNCTION petitions_sync_background();\n    SQL\n  end\nend\n# db/migrate/20150618144922_rename_title_to_action.rb:3 renames title to action on petitions, which fails while action is kept (\"column already exists\"): the new migrations below are numbered before it,\n# and it ships in a release after the one whose code stops using action\n\n# then a new migration, db/migrate/20150618144001_fill_petitions_background.rb:\nclass FillPetitionsBackground < ActiveRecord::Migration[4.2]\n  disable_ddl_transaction!\n\n  def up\n    # 1000 rows a statement, each committed on its own (disable_ddl_transaction!), until one updates nothing\n    nil until connection.exec_update(\"UPDATE petitions SET background = action WHERE ctid IN (SELECT ctid FROM petitions WHERE background IS DISTINCT FROM action LIMIT 1000)\").zero?\n  end\n\n  def down\n    # nothing to undo: the copied values stay\n  end\nend\n\n# then a new migration, db/migrate/20150618144002_remove_petitions_action.rb:\nclass RemovePetitionsAction < ActiveRecord::Migration[4.2]\n  def up\n    # once Petition has def self.columns; super.reject { |column| [\"action\"].include?(column.name) }; end and no running code uses action:\n    execute \"DROP TRIGGER petitions_sync_background ON petitions;\"\n    execute \"DROP FUNCTION petitions_sync_background();\"\n    remove_column :petitions, :action, :string, limit: 200\n  end\n\n  def down\n    raise ActiveRecord::IrreversibleMigration, \"action was dropped: restore it from a backup\"\n  end\nend"],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "renaming a column of a table created in the same migration",
      code: `class CreateDrafts < ActiveRecord::Migration[7.1]
  def change
    create_table :drafts do |t|
      t.text :txt
    end
    rename_column :drafts, :txt, :body
  end
end
`,
    },
  ],
});
