import { defineCases } from "../support/rule.js";

/** ifme's first migration: db/schema.rb copied into the class body, outside any method; Rails runs it as it loads the file. */
const SETUP_IN_CLASS_BODY = `class SetupDatabase < ActiveRecord::Migration[4.2]
  enable_extension "plpgsql"

  create_table "moments", force: true do |t|
    t.string   "mood"
    t.text     "strategies"
    t.integer  "userid"
  end

  %w[groups meetings].each do |name|
    create_table name do |t|
      t.string :title, limit: 100
    end
  end
end
`;


export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "change_column that rewrites, then add_index on the table in the migration's transaction: the build runs under the rewrite's lock and is named in its finding",
      path: "db/migrate/20240101000000_widen_invoice_amount.rb",
      files: { "db/migrate/20230101000000_create_invoices.rb": "class CreateInvoices < ActiveRecord::Migration[7.1]\n  def change\n    create_table :invoices do |t|\n      t.integer :amount\n      t.string :number\n    end\n  end\nend\n" },
      code: `class WidenInvoiceAmount < ActiveRecord::Migration[7.1]
  def up
    change_column :invoices, :amount, :bigint
    add_index :invoices, :amount
  end

  def down
    remove_index :invoices, :amount
    change_column :invoices, :amount, :integer
  end
end
`,
      lines: [3],
      messages: ["The lock stays held until commit, through line 4's build of index index_invoices_on_amount too: it adds its time to this outage, so it has no finding of its own."],
    },
    {
      framework: "rails",
      name: "npq-registration: a string column to citext rewrites no row (the extension's cast is WITHOUT FUNCTION): a note that any index on it is rebuilt",
      path: "db/migrate/20260729110031_convert_closed_registration_users_to_citext.rb",
      files: {
        "db/migrate/20240215174312_create_closed_registration_users.rb": `class CreateClosedRegistrationUsers < ActiveRecord::Migration[7.1]
  def change
    create_table :closed_registration_users do |t|
      t.string :email

      t.timestamps
    end
  end
end
`,
      },
      code: `class ConvertClosedRegistrationUsersToCitext < ActiveRecord::Migration[8.1]
  def up
    change_column :closed_registration_users, :email, :citext
  end

  def down
    change_column :closed_registration_users, :email, :string
  end
end
`,
      lines: [3],
      severities: ["info"],
      messages: ["varchar -> citext is binary-coercible (the citext extension's casts are WITHOUT FUNCTION), so no row is rewritten, but any index on closed_registration_users.email is rebuilt"],
    },
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
      fixes: ["# id_new of the new type beside id, kept converted by a trigger while the code writes id:\nadd_column :issues, :id_new, :bigint\nreversible do |dir|\n  dir.up do\n    execute <<~'SQL'\n      CREATE FUNCTION issues_sync_id_new() RETURNS trigger LANGUAGE plpgsql AS $$\n      BEGIN\n        NEW.id_new := NEW.id;\n        RETURN NEW;\n      END $$;\n      CREATE TRIGGER issues_sync_id_new BEFORE INSERT OR UPDATE ON issues\n        FOR EACH ROW EXECUTE FUNCTION issues_sync_id_new();\n      ALTER TABLE issues ADD CONSTRAINT issues_id_new_not_null CHECK (id_new IS NOT NULL) NOT VALID;\n    SQL\n  end\n  dir.down do\n    execute <<~'SQL'\n      DROP TRIGGER issues_sync_id_new ON issues;\n      DROP FUNCTION issues_sync_id_new();\n    SQL\n  end\nend\n\n# then a new migration, db/migrate/20260202160001_fill_issues_id_new.rb:\nclass FillIssuesIdNew < ActiveRecord::Migration[7.0]\n  disable_ddl_transaction!\n\n  def up\n    # 1000 rows a statement, each committed on its own (disable_ddl_transaction!), until one updates nothing\n    nil until connection.exec_update(\"UPDATE issues SET id_new = id WHERE ctid IN (SELECT ctid FROM issues WHERE id_new IS DISTINCT FROM id::bigint LIMIT 1000)\").zero?\n  end\n\n  def down\n    # nothing to undo: the converted values stay\n  end\nend\n\n# then a new migration, db/migrate/20260202160002_index_issues_id_new.rb:\nclass IndexIssuesIdNew < ActiveRecord::Migration[7.0]\n  disable_ddl_transaction!\n\n  def up\n    execute \"CREATE UNIQUE INDEX CONCURRENTLY issues_pkey_new ON issues (id_new);\"\n  end\n\n  def down\n    # nothing to undo before the swap's own down\n  end\nend\n\n# then a new migration, db/migrate/20260202160003_swap_issues_id.rb:\nclass SwapIssuesId < ActiveRecord::Migration[7.0]\n  def up\n    # the swap: short locks, no rewrite; a view that reads the old column makes DROP COLUMN fail, and an index or constraint on it that the migrations do not show goes with it: create them again over the new one in the same step\n    # the columns of other tables that reference id (the history names none; list them: SELECT conrelid::regclass, conname FROM pg_constraint WHERE confrelid = 'issues'::regclass) stay integer: change them to bigint too (the same steps)\n    # the earlier migrations create issues with create_table, whose constraints and indexes on id migguard rebuilds here as far as it reads them: list them (\\d issues) and rebuild on id_new any other that reads id; FOREIGN KEYs that reference id must be dropped before the swap and added back after it\n    execute <<~'SQL'\n      ALTER TABLE issues VALIDATE CONSTRAINT issues_id_new_not_null;\n      ALTER TABLE issues ALTER COLUMN id_new SET NOT NULL;\n      ALTER TABLE issues DROP CONSTRAINT issues_id_new_not_null;\n      DROP TRIGGER issues_sync_id_new ON issues;\n      DROP FUNCTION issues_sync_id_new();\n      ALTER SEQUENCE issues_id_seq OWNED BY issues.id_new;\n      ALTER SEQUENCE issues_id_seq AS bigint;\n      ALTER TABLE issues DROP COLUMN id;\n      ALTER TABLE issues RENAME COLUMN id_new TO id;\n      ALTER TABLE issues ADD CONSTRAINT issues_pkey PRIMARY KEY USING INDEX issues_pkey_new;\n      ALTER TABLE issues ALTER COLUMN id SET DEFAULT nextval('issues_id_seq'::regclass);\n    SQL\n  end\n\n  def down\n    raise ActiveRecord::IrreversibleMigration, \"the id of the old type was dropped\"\n  end\nend"],
    },
    {
      framework: "rails",
      name: "a Rails 4.2 primary key to bigint: the integer column t.references added with foreign_key: true is converted with it, its foreign key (fk_rails_..., from the history) dropped and added back NOT VALID, validated after",
      path: "db/migrate/20260301000000_change_repos_id_to_bigint.rb",
      files: {
        "db/migrate/20150101000000_create_repos.rb": `class CreateRepos < ActiveRecord::Migration[4.2]
  def change
    create_table :repos do |t|
      t.string :name
    end
    create_table :issues do |t|
      t.references :repo, index: true, foreign_key: { on_delete: :cascade }
      t.string :title
    end
  end
end
`,
      },
      code: `class ChangeReposIdToBigint < ActiveRecord::Migration[7.0]
  def up
    change_column :repos, :id, :bigint
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      lines: [3],
      fixes: ["# repos.id and the columns that reference it (issues.repo_id) converted together:\n# a FOREIGN KEY holds only between columns of compatible types. A column of the new type beside each, kept converted by a trigger\n# while the code writes the old one; each filled in batches; one swap exchanges them all, the keys added back NOT VALID:\nadd_column :repos, :id_new, :bigint\nreversible do |dir|\n  dir.up do\n    execute <<~'SQL'\n      CREATE FUNCTION repos_sync_id_new() RETURNS trigger LANGUAGE plpgsql AS $$\n      BEGIN\n        NEW.id_new := NEW.id;\n        RETURN NEW;\n      END $$;\n      CREATE TRIGGER repos_sync_id_new BEFORE INSERT OR UPDATE ON repos\n        FOR EACH ROW EXECUTE FUNCTION repos_sync_id_new();\n      ALTER TABLE repos ADD CONSTRAINT repos_id_new_not_null CHECK (id_new IS NOT NULL) NOT VALID;\n    SQL\n  end\n  dir.down do\n    execute <<~'SQL'\n      DROP TRIGGER repos_sync_id_new ON repos;\n      DROP FUNCTION repos_sync_id_new();\n    SQL\n  end\nend\nadd_column :issues, :repo_id_new, :bigint\nreversible do |dir|\n  dir.up do\n    execute <<~'SQL'\n      CREATE FUNCTION issues_sync_repo_id_new() RETURNS trigger LANGUAGE plpgsql AS $$\n      BEGIN\n        NEW.repo_id_new := NEW.repo_id;\n        RETURN NEW;\n      END $$;\n      CREATE TRIGGER issues_sync_repo_id_new BEFORE INSERT OR UPDATE ON issues\n        FOR EACH ROW EXECUTE FUNCTION issues_sync_repo_id_new();\n    SQL\n  end\n  dir.down do\n    execute <<~'SQL'\n      DROP TRIGGER issues_sync_repo_id_new ON issues;\n      DROP FUNCTION issues_sync_repo_id_new();\n    SQL\n  end\nend\n\n# then a new migration, db/migrate/20260301000001_fill_repos_id_new.rb:\nclass FillReposIdNew < ActiveRecord::Migration[7.0]\n  disable_ddl_transaction!\n\n  def up\n    # 1000 rows a statement, each committed on its own (disable_ddl_transaction!), until one updates nothing\n    nil until connection.exec_update(\"UPDATE repos SET id_new = id WHERE ctid IN (SELECT ctid FROM repos WHERE id_new IS DISTINCT FROM id::bigint LIMIT 1000)\").zero?\n  end\n\n  def down\n    # nothing to undo: the converted values stay\n  end\nend\n\n# then a new migration, db/migrate/20260301000002_fill_issues_repo_id_new.rb:\nclass FillIssuesRepoIdNew < ActiveRecord::Migration[7.0]\n  disable_ddl_transaction!\n\n  def up\n    # 1000 rows a statement, each committed on its own (disable_ddl_transaction!), until one updates nothing\n    nil until connection.exec_update(\"UPDATE issues SET repo_id_new = repo_id WHERE ctid IN (SELECT ctid FROM issues WHERE repo_id_new IS DISTINCT FROM repo_id::bigint LIMIT 1000)\").zero?\n  end\n\n  def down\n    # nothing to undo: the converted values stay\n  end\nend\n\n# then a new migration, db/migrate/20260301000003_index_repos_id_new.rb:\nclass IndexReposIdNew < ActiveRecord::Migration[7.0]\n  disable_ddl_transaction!\n\n  def up\n    execute \"CREATE UNIQUE INDEX CONCURRENTLY repos_pkey_new ON repos (id_new);\"\n    execute \"CREATE INDEX CONCURRENTLY index_issues_on_repo_id_new ON issues (repo_id_new);\"\n  end\n\n  def down\n    # nothing to undo before the swap's own down\n  end\nend\n\n# then a new migration, db/migrate/20260301000004_swap_repos_id.rb:\nclass SwapReposId < ActiveRecord::Migration[7.0]\n  def up\n    # the swap: short locks, no rewrite; a view that reads the old column makes DROP COLUMN fail, and an index or constraint on it that the migrations do not show goes with it: create them again over the new one in the same step\n    # the earlier migrations create repos with create_table, whose constraints and indexes on id migguard rebuilds here as far as it reads them: list them (\\d repos) and rebuild on id_new any other that reads id; FOREIGN KEYs that reference id must be dropped before the swap and added back after it\n    # the earlier migrations create issues with create_table, whose constraints and indexes on repo_id migguard rebuilds here as far as it reads them: list them (\\d issues) and rebuild on repo_id_new any other that reads repo_id; FOREIGN KEYs that reference repo_id must be dropped before the swap and added back after it\n    execute <<~'SQL'\n      ALTER TABLE repos VALIDATE CONSTRAINT repos_id_new_not_null;\n      ALTER TABLE repos ALTER COLUMN id_new SET NOT NULL;\n      ALTER TABLE repos DROP CONSTRAINT repos_id_new_not_null;\n      DROP TRIGGER repos_sync_id_new ON repos;\n      DROP FUNCTION repos_sync_id_new();\n      DROP TRIGGER issues_sync_repo_id_new ON issues;\n      DROP FUNCTION issues_sync_repo_id_new();\n      ALTER TABLE issues DROP CONSTRAINT fk_rails_b8fed2daa2;\n      ALTER SEQUENCE repos_id_seq OWNED BY repos.id_new;\n      ALTER SEQUENCE repos_id_seq AS bigint;\n      ALTER TABLE repos DROP COLUMN id;\n      ALTER TABLE issues DROP COLUMN repo_id;\n      ALTER TABLE repos RENAME COLUMN id_new TO id;\n      ALTER TABLE issues RENAME COLUMN repo_id_new TO repo_id;\n      ALTER TABLE repos ADD CONSTRAINT repos_pkey PRIMARY KEY USING INDEX repos_pkey_new;\n      ALTER TABLE issues ADD CONSTRAINT fk_rails_b8fed2daa2 FOREIGN KEY (repo_id) REFERENCES repos (id) ON DELETE CASCADE NOT VALID;\n      ALTER TABLE repos ALTER COLUMN id SET DEFAULT nextval('repos_id_seq'::regclass);\n      ALTER INDEX index_issues_on_repo_id_new RENAME TO index_issues_on_repo_id;\n    SQL\n  end\n\n  def down\n    raise ActiveRecord::IrreversibleMigration, \"the id, repo_id of the old type were dropped\"\n  end\nend\n\n# then a new migration, db/migrate/20260301000005_validate_repos_id_keys.rb:\nclass ValidateReposIdKeys < ActiveRecord::Migration[7.0]\n  def up\n    execute \"ALTER TABLE issues VALIDATE CONSTRAINT fk_rails_b8fed2daa2;\"\n  end\n\n  def down\n    # nothing to undo before the swap's own down\n  end\nend"],
    },
    {
      framework: "rails",
      name: "pocket-id's client_id_type in Rails: the uuid key and the column referencing it changed to text in one migration get one plan on the first line, the other line points to it",
      path: "db/migrate/20260301000000_client_id_type.rb",
      files: {
        "db/migrate/20250101000000_create_oidc.rb": `class CreateOidc < ActiveRecord::Migration[7.1]
  def change
    create_table :oidc_clients, id: :uuid do |t|
      t.string :name, null: false
    end
    create_table :oidc_authorization_codes, id: :uuid do |t|
      t.references :client, type: :uuid, null: false, foreign_key: { to_table: :oidc_clients, on_delete: :cascade }
    end
  end
end
`,
      },
      code: `class ClientIdType < ActiveRecord::Migration[7.1]
  def up
    change_column :oidc_authorization_codes, :client_id, :text
    change_column :oidc_clients, :id, :text
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      lines: [3, 4],
      fixes: ["# oidc_clients.id and the columns that reference it (oidc_authorization_codes.client_id) converted together:\n# a FOREIGN KEY holds only between columns of compatible types. A column of the new type beside each, kept converted by a trigger\n# while the code writes the old one; each filled in batches; one swap exchanges them all, the keys added back NOT VALID:\nadd_column :oidc_clients, :id_new, :text\nreversible do |dir|\n  dir.up do\n    execute <<~'SQL'\n      CREATE FUNCTION oidc_clients_sync_id_new() RETURNS trigger LANGUAGE plpgsql AS $$\n      BEGIN\n        NEW.id_new := NEW.id;\n        RETURN NEW;\n      END $$;\n      CREATE TRIGGER oidc_clients_sync_id_new BEFORE INSERT OR UPDATE ON oidc_clients\n        FOR EACH ROW EXECUTE FUNCTION oidc_clients_sync_id_new();\n      ALTER TABLE oidc_clients ADD CONSTRAINT oidc_clients_id_new_not_null CHECK (id_new IS NOT NULL) NOT VALID;\n    SQL\n  end\n  dir.down do\n    execute <<~'SQL'\n      DROP TRIGGER oidc_clients_sync_id_new ON oidc_clients;\n      DROP FUNCTION oidc_clients_sync_id_new();\n    SQL\n  end\nend\nadd_column :oidc_authorization_codes, :client_id_new, :text\nreversible do |dir|\n  dir.up do\n    execute <<~'SQL'\n      CREATE FUNCTION oidc_authorization_codes_sync_client_id_new() RETURNS trigger LANGUAGE plpgsql AS $$\n      BEGIN\n        NEW.client_id_new := NEW.client_id;\n        RETURN NEW;\n      END $$;\n      CREATE TRIGGER oidc_authorization_codes_sync_client_id_new BEFORE INSERT OR UPDATE ON oidc_authorization_codes\n        FOR EACH ROW EXECUTE FUNCTION oidc_authorization_codes_sync_client_id_new();\n      ALTER TABLE oidc_authorization_codes ADD CONSTRAINT oidc_authorization_codes_client_id_new_not_null CHECK (client_id_new IS NOT NULL) NOT VALID;\n    SQL\n  end\n  dir.down do\n    execute <<~'SQL'\n      DROP TRIGGER oidc_authorization_codes_sync_client_id_new ON oidc_authorization_codes;\n      DROP FUNCTION oidc_authorization_codes_sync_client_id_new();\n    SQL\n  end\nend\n\n# then a new migration, db/migrate/20260301000001_fill_oidc_clients_id_new.rb:\nclass FillOidcClientsIdNew < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def up\n    # 1000 rows a statement, each committed on its own (disable_ddl_transaction!), until one updates nothing\n    nil until connection.exec_update(\"UPDATE oidc_clients SET id_new = id WHERE ctid IN (SELECT ctid FROM oidc_clients WHERE id_new IS DISTINCT FROM id::text LIMIT 1000)\").zero?\n  end\n\n  def down\n    # nothing to undo: the converted values stay\n  end\nend\n\n# then a new migration, db/migrate/20260301000002_fill_oidc_authorization_codes_client_id_new.rb:\nclass FillOidcAuthorizationCodesClientIdNew < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def up\n    # 1000 rows a statement, each committed on its own (disable_ddl_transaction!), until one updates nothing\n    nil until connection.exec_update(\"UPDATE oidc_authorization_codes SET client_id_new = client_id WHERE ctid IN (SELECT ctid FROM oidc_authorization_codes WHERE client_id_new IS DISTINCT FROM client_id::text LIMIT 1000)\").zero?\n  end\n\n  def down\n    # nothing to undo: the converted values stay\n  end\nend\n\n# then a new migration, db/migrate/20260301000003_index_oidc_clients_id_new.rb:\nclass IndexOidcClientsIdNew < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def up\n    execute \"CREATE UNIQUE INDEX CONCURRENTLY oidc_clients_pkey_new ON oidc_clients (id_new);\"\n    execute \"CREATE INDEX CONCURRENTLY index_oidc_authorization_codes_on_client_id_new ON oidc_authorization_codes (client_id_new);\"\n  end\n\n  def down\n    # nothing to undo before the swap's own down\n  end\nend\n\n# then a new migration, db/migrate/20260301000004_swap_oidc_clients_id.rb:\nclass SwapOidcClientsId < ActiveRecord::Migration[7.1]\n  def up\n    # the swap: short locks, no rewrite; a view that reads the old column makes DROP COLUMN fail, and an index or constraint on it that the migrations do not show goes with it: create them again over the new one in the same step\n    # the earlier migrations create oidc_clients with create_table, whose constraints and indexes on id migguard rebuilds here as far as it reads them: list them (\\d oidc_clients) and rebuild on id_new any other that reads id; FOREIGN KEYs that reference id must be dropped before the swap and added back after it\n    # the earlier migrations create oidc_authorization_codes with create_table, whose constraints and indexes on client_id migguard rebuilds here as far as it reads them: list them (\\d oidc_authorization_codes) and rebuild on client_id_new any other that reads client_id; FOREIGN KEYs that reference client_id must be dropped before the swap and added back after it\n    execute <<~'SQL'\n      ALTER TABLE oidc_clients VALIDATE CONSTRAINT oidc_clients_id_new_not_null;\n      ALTER TABLE oidc_clients ALTER COLUMN id_new SET NOT NULL;\n      ALTER TABLE oidc_clients DROP CONSTRAINT oidc_clients_id_new_not_null;\n      DROP TRIGGER oidc_clients_sync_id_new ON oidc_clients;\n      DROP FUNCTION oidc_clients_sync_id_new();\n      -- id's default and sequence, or its identity, if any (the migrations do not show them), given to id_new before DROP COLUMN takes them\n      DO $$\n      DECLARE\n        old_default text := (SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum\n                             WHERE d.adrelid = 'oidc_clients'::regclass AND a.attname = 'id');\n        owned text := pg_get_serial_sequence('oidc_clients', 'id');\n        old_identity \"char\" := (SELECT attidentity FROM pg_attribute WHERE attrelid = 'oidc_clients'::regclass AND attname = 'id');\n      BEGIN\n        IF old_identity IN ('a', 'd') THEN\n          EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET NOT NULL', 'oidc_clients', 'id_new');\n          EXECUTE format('ALTER TABLE %s ALTER COLUMN %I ADD GENERATED %s AS IDENTITY', 'oidc_clients', 'id_new', CASE old_identity WHEN 'a' THEN 'ALWAYS' ELSE 'BY DEFAULT' END);\n          EXECUTE format('SELECT setval(%L, last_value, is_called) FROM %s', pg_get_serial_sequence('oidc_clients', 'id_new'), owned);\n        END IF;\n        IF owned IS NOT NULL AND old_default IS NOT NULL THEN\n          EXECUTE format('ALTER SEQUENCE %s OWNED BY %s.%I', owned, 'oidc_clients', 'id_new');\n        END IF;\n        IF old_default IS NOT NULL THEN\n          EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET DEFAULT (%s)::text', 'oidc_clients', 'id_new', old_default);\n        END IF;\n      END $$;\n      ALTER TABLE oidc_authorization_codes VALIDATE CONSTRAINT oidc_authorization_codes_client_id_new_not_null;\n      ALTER TABLE oidc_authorization_codes ALTER COLUMN client_id_new SET NOT NULL;\n      ALTER TABLE oidc_authorization_codes DROP CONSTRAINT oidc_authorization_codes_client_id_new_not_null;\n      DROP TRIGGER oidc_authorization_codes_sync_client_id_new ON oidc_authorization_codes;\n      DROP FUNCTION oidc_authorization_codes_sync_client_id_new();\n      ALTER TABLE oidc_authorization_codes DROP CONSTRAINT fk_rails_491daa5d09;\n      ALTER TABLE oidc_clients DROP COLUMN id;\n      ALTER TABLE oidc_authorization_codes DROP COLUMN client_id;\n      ALTER TABLE oidc_clients RENAME COLUMN id_new TO id;\n      ALTER TABLE oidc_authorization_codes RENAME COLUMN client_id_new TO client_id;\n      ALTER TABLE oidc_clients ADD CONSTRAINT oidc_clients_pkey PRIMARY KEY USING INDEX oidc_clients_pkey_new;\n      ALTER TABLE oidc_authorization_codes ADD CONSTRAINT fk_rails_491daa5d09 FOREIGN KEY (client_id) REFERENCES oidc_clients (id) ON DELETE CASCADE NOT VALID;\n      ALTER INDEX index_oidc_authorization_codes_on_client_id_new RENAME TO index_oidc_authorization_codes_on_client_id;\n    SQL\n  end\n\n  def down\n    raise ActiveRecord::IrreversibleMigration, \"the id, client_id of the old type were dropped\"\n  end\nend\n\n# then a new migration, db/migrate/20260301000005_validate_oidc_clients_id_keys.rb:\nclass ValidateOidcClientsIdKeys < ActiveRecord::Migration[7.1]\n  def up\n    execute \"ALTER TABLE oidc_authorization_codes VALIDATE CONSTRAINT fk_rails_491daa5d09;\"\n  end\n\n  def down\n    # nothing to undo before the swap's own down\n  end\nend", "# oidc_clients.id is converted with the columns that reference it (oidc_authorization_codes.client_id) in the fix of line 3"],
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
    {
      framework: "rails",
      name: "a column created by create_table in an earlier migration's class body (outside any method): integer -> bigint rewrites, known from that create_table",
      path: "db/migrate/20160512174202_widen_moments_userid.rb",
      files: { "db/migrate/20150506005730_setup_database.rb": SETUP_IN_CLASS_BODY },
      code: `class WidenMomentsUserid < ActiveRecord::Migration[4.2]
  def up
    change_column :moments, :userid, :bigint
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`,
      lines: [3],
      severities: ["error"],
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
    {
      framework: "rails",
      name: "ifme's set_limits_on_text: columns created in an earlier migration's class body, string -> text and text -> text, change in the catalog only",
      path: "db/migrate/20160512174202_set_limits_on_text.rb",
      files: { "db/migrate/20150506005730_setup_database.rb": SETUP_IN_CLASS_BODY },
      code: `class SetLimitsOnText < ActiveRecord::Migration[4.2]
  def change
    change_column :moments, :mood, :text, :limit => nil
    change_column :moments, :strategies, :text, :limit => nil
  end
end
`,
    },
    {
      framework: "rails",
      name: "a varchar limit raised on tables an earlier migration's class body created in a loop",
      path: "db/migrate/20160601000000_widen_titles.rb",
      files: { "db/migrate/20150506005730_setup_database.rb": SETUP_IN_CLASS_BODY },
      code: `class WidenTitles < ActiveRecord::Migration[4.2]
  def change
    change_column :groups, :title, :string, limit: 200
    change_column :meetings, :title, :string, limit: 100
  end
end
`,
    },
  ],
});
