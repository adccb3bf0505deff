import { defineReviewCases } from "../../review-rule.js";

const schema = (version: string, column = "email") =>
  `ActiveRecord::Schema[7.1].define(version: ${version}) do\n  create_table "users" do |t|\n    t.string "${column}"\n  end\nend\n`;

const structure = (columns: string, versions: string[]) =>
  `CREATE TABLE users (\n    id bigint,\n${columns}\n);\n\nINSERT INTO "schema_migrations" (version) VALUES\n${versions.map((v) => `('${v}')`).join(",\n")};\n`;
// the users dump once a migration adds phone
const WITH_PHONE = schema("2024_02_01_000000").replace('t.string "email"', 't.string "email"\n    t.string "phone"');
const BASE_STRUCTURE = structure("    email text", ["20240101000000"]);
const PHONE_STRUCTURE = structure("    email text,\n    phone text", ["20240201000000", "20240101000000"]);
const ADD_PHONE = { "db/migrate/20240201000000_add_phone_to_users.rb": "class AddPhoneToUsers < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :phone, :string\n  end\nend\n" };
// bike_index: primary_replica reads the primary's database; a rake task copies db/structure.sql to its dump
const REPLICA_YML = [
  "production:",
  "  primary:",
  "    adapter: postgresql",
  "    database: app_production",
  "  primary_replica:",
  "    adapter: postgresql",
  "    database: app_production",
  "    replica: true",
  "",
].join("\n");
const REPLICA_BASE = {
  "config/database.yml": REPLICA_YML,
  "db/structure.sql": BASE_STRUCTURE,
  "db/primary_replica_structure.sql": BASE_STRUCTURE,
  "db/migrate/20240101000000_create_users.rb": "class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users do |t|\n      t.string :email\n    end\n  end\nend\n",
};


// forms-admin 4ce3b3473d: 20250709114819 removed pages.next_page on the base branch, the dump still listed it
const pagesSchema = (version: string, columns: string[]) =>
  `ActiveRecord::Schema[8.0].define(version: ${version}) do\n  create_table "pages", force: :cascade do |t|\n${columns.map((c) => `    ${c}\n`).join("")}  end\nend\n`;
const PAGES_COLUMNS = ['t.text "question_text"', 't.integer "next_page"', 't.boolean "is_optional", null: false', 't.index ["next_page"], name: "index_pages_on_next_page"'];
const rb = (name: string, body: string) => `class ${name} < ActiveRecord::Migration[8.0]\n  def change\n    ${body}\n  end\nend\n`;
const PAGES_MIGRATIONS = {
  "db/migrate/20250101000000_create_pages.rb": rb("CreatePages", 'create_table :pages do |t|\n      t.text :question_text\n      t.integer :next_page, index: true\n      t.boolean :is_optional, null: false\n    end'),
  "db/migrate/20250709114819_remove_next_page_from_pages.rb": rb("RemoveNextPageFromPages", "remove_column :pages, :next_page, :integer"),
};
const PAGES_BASE = { ...PAGES_MIGRATIONS, "db/schema.rb": pagesSchema("2025_07_02_152808", PAGES_COLUMNS) };
// caseflow 9a2c9d32ea: a table a script made (db/scripts' SQL), dumped from a database that had it, then removed by hand
const LEAKED_TABLE = '  create_table "vbms_ext_claim", id: false, force: :cascade do |t|\n    t.string "claim_id"\n    t.index ["claim_id"], name: "index_vbms_ext_claim_on_claim_id"\n  end\n\n';
const withLeakedTable = (dump: string) => dump.replace('  create_table "pages"', `${LEAKED_TABLE}  create_table "pages"`);
const PAGES_NOW = pagesSchema("2025_07_09_114819", PAGES_COLUMNS.filter((c) => !c.includes("next_page")));
const pagesStructure = (columns: string, versions: string[]) =>
  `CREATE TABLE public.pages (\n    id bigint NOT NULL,\n${columns}\n);\n\nCREATE INDEX index_pages_on_next_page ON public.pages USING btree (next_page);\n\nINSERT INTO "schema_migrations" (version) VALUES\n${versions.map((v) => `('${v}')`).join(",\n")};\n`;


// panoptes 2357a864d0: a Rails 4 dump (an INSERT per version), then the same schema dumped again by Rails 5 (Rails'
// own ar_internal_metadata table, all versions in one INSERT, a newer pg_dump's settings)
const RAILS4_STRUCTURE = `SET statement_timeout = 0;\nSET default_with_oids = false;\n\nCREATE TABLE public.users (\n    id integer NOT NULL,\n    email character varying\n);\n\nCREATE INDEX index_users_on_email ON public.users USING btree (email);\n\nSET search_path TO "$user", public;\n\nINSERT INTO schema_migrations (version) VALUES ('20150210025312');\n\nINSERT INTO schema_migrations (version) VALUES ('20150216192914');\n\n`;
const rails5Structure = (versions: string[]) =>
  `SET statement_timeout = 0;\nSELECT pg_catalog.set_config('search_path', '', false);\n\nCREATE TABLE public.ar_internal_metadata (\n    key character varying NOT NULL,\n    value character varying,\n    created_at timestamp without time zone NOT NULL,\n    updated_at timestamp without time zone NOT NULL\n);\n\nCREATE TABLE public.users (\n    id integer NOT NULL,\n    email character varying\n);\n\nALTER TABLE ONLY public.ar_internal_metadata\n    ADD CONSTRAINT ar_internal_metadata_pkey PRIMARY KEY (key);\n\nCREATE INDEX index_users_on_email ON public.users USING btree (email);\n\nSET search_path TO "$user", public;\n\nINSERT INTO "schema_migrations" (version) VALUES\n${versions.map((v) => `('${v}')`).join(",\n")};\n\n`;
const RAILS4_MIGRATIONS = {
  "db/migrate/20150210025312_create_users.rb": "class CreateUsers < ActiveRecord::Migration\n  def change\n    create_table :users do |t|\n      t.string :email, index: true\n    end\n  end\nend\n",
  "db/migrate/20150216192914_add_users_email_index.rb": "class AddUsersEmailIndex < ActiveRecord::Migration\n  def change\n  end\nend\n",
};

// book-secure-move-api: CreateVersions (2020, Ruby 2.6) made item_type NOT NULL with `t.string :item_type, {:null=>false}`;
// a Ruby 3 dump (9065d983) read the hash as a column name, and b6078f9319 edited the dump back by hand
const versionsSchema = (columns: string[]) =>
  `ActiveRecord::Schema[7.0].define(version: 2024_05_02_112955) do\n  create_table "versions", force: :cascade do |t|\n${columns.map((c) => `    ${c}\n`).join("")}    t.index ["item_type", "item_id"], name: "index_versions_on_item_type_and_item_id"\n  end\nend\n`;
const VERSIONS_TAIL = ['t.uuid "item_id", null: false', 't.string "event", null: false', 't.uuid "supplier_id"'];
const VERSIONS_RUBY3 = versionsSchema(['t.string "item_type"', 't.string "{:null=>false}"', ...VERSIONS_TAIL]);
const VERSIONS_REPAIRED = versionsSchema(['t.string "item_type", null: false', ...VERSIONS_TAIL]);
const VERSIONS_MIGRATIONS = {
  "db/migrate/20200203145050_create_versions.rb":
    "class CreateVersions < ActiveRecord::Migration[5.2]\n  def change\n    create_table :versions do |t|\n      t.string   :item_type, {:null=>false}\n      t.uuid     :item_id,   null: false\n      t.string   :event,     null: false\n    end\n    add_index :versions, %i(item_type item_id)\n  end\nend\n",
  "db/migrate/20201102120213_add_supplier_id_to_versions.rb":
    "class AddSupplierIdToVersions < ActiveRecord::Migration[6.0]\n  def change\n    add_column :versions, :supplier_id, :uuid, null: true\n  end\nend\n",
};
const CREATE_VERSIONS_NULLABLE = "class CreateVersions < ActiveRecord::Migration[5.2]\n  def change\n    create_table :versions do |t|\n      t.string :item_type\n      t.uuid :item_id, null: false\n      t.string :event, null: false\n    end\n  end\nend\n";

// book-secure-move-api 9065d983 (#2240): the change adds locations.extradition_capable with its migration, and its dump,
// written from a database migrated under Ruby 3, also adds the bogus column `{:null=>false}` and drops versions.item_type's NOT NULL
const movesSchema = (version: string, locations: string[], versions: string[]) =>
  `ActiveRecord::Schema[7.0].define(version: ${version}) do\n  create_table "locations", id: :uuid, force: :cascade do |t|\n${locations.map((c) => `    ${c}\n`).join("")}  end\n\n  create_table "versions", force: :cascade do |t|\n${versions.map((c) => `    ${c}\n`).join("")}    t.index ["item_type", "item_id"], name: "index_versions_on_item_type_and_item_id"\n  end\nend\n`;
const LOCATIONS = ['t.string "key", null: false', 't.float "longitude"'];
const MOVES_BASE = {
  ...VERSIONS_MIGRATIONS,
  "db/migrate/20200101000000_create_locations.rb": rb("CreateLocations", 'create_table :locations, id: :uuid do |t|\n      t.string :key, null: false\n      t.float :longitude\n    end'),
  "db/schema.rb": movesSchema("2024_01_18_133654", LOCATIONS, ['t.string "item_type", null: false', ...VERSIONS_TAIL]),
};
const ADD_EXTRADITION = { "db/migrate/20240430143853_add_extradition_capable_to_locations.rb": rb("AddExtraditionCapableToLocations", "add_column :locations, :extradition_capable, :boolean") };
const WITH_EXTRADITION = [...LOCATIONS, 't.boolean "extradition_capable"'];
// the same dump with a migration that adds users.phone, and what else the database it came from had
const PHONE_MIGRATION = { "db/migrate/20240201000000_add_phone_to_users.rb": rb("AddPhoneToUsers", "add_column :users, :phone, :string") };
const USERS_BASE = { "db/migrate/20240101000000_create_users.rb": rb("CreateUsers", "create_table :users do |t|\n      t.string :email\n    end"), "db/schema.rb": schema("2024_01_01_000000") };
const usersWith = (...lines: string[]) => schema("2024_02_01_000000").replace('t.string "email"', ['t.string "email"', ...lines].join("\n    "));


// signon 076612af (MySQL): add_foreign_key on user_application_permissions.application_id, whose only index starts with
// user_id: InnoDB adds an index for the key, named after it (fk_rails_<hash>), and the dump lists it
const permissionsSchema = (version: string, extra: string[], keys: string[]) =>
  `ActiveRecord::Schema[7.0].define(version: ${version}) do\n  create_table "oauth_applications", id: :integer, charset: "utf8mb3", force: :cascade do |t|\n    t.string "name"\n  end\n\n  create_table "user_application_permissions", id: :integer, charset: "utf8mb3", force: :cascade do |t|\n    t.integer "user_id", null: false\n    t.integer "application_id", null: false\n${extra.map((l) => `    ${l}\n`).join("")}    t.index ["user_id", "application_id"], name: "index_app_permissions_on_user_and_app", unique: true\n  end\n${keys.map((k) => `\n  ${k}`).join("")}\nend\n`;
const PERMISSIONS_BASE = (adapter: string) => ({
  "config/database.yml": `production:\n  adapter: ${adapter}\n`,
  "db/migrate/20230101000000_create_permissions.rb": rb(
    "CreatePermissions",
    'create_table :oauth_applications, id: :integer do |t|\n      t.string :name\n    end\n    create_table :user_application_permissions, id: :integer do |t|\n      t.integer :user_id, null: false\n      t.integer :application_id, null: false\n      t.index [:user_id, :application_id], name: "index_app_permissions_on_user_and_app", unique: true\n    end',
  ),
  "db/schema.rb": permissionsSchema("2023_01_01_000000", [], []),
});
const PERMISSIONS_KEY = {
  "db/migrate/20231017152747_add_foreign_key_for_permissions_application_id.rb": rb("AddForeignKeyForPermissionsApplicationId", "add_foreign_key :user_application_permissions, :oauth_applications, column: :application_id"),
  "db/schema.rb": permissionsSchema("2023_10_17_152747", ['t.index ["application_id"], name: "fk_rails_36355a4090"'], ['add_foreign_key "user_application_permissions", "oauth_applications", column: "application_id"']),
};

export default defineReviewCases({
  invalid: [
    {
      name: "db/schema.rb edited by hand",
      base: { "db/schema.rb": schema("2024_01_01_000000"), "db/migrate/20240101000000_users.rb": "class Users < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users\n  end\nend\n" },
      head: { "db/schema.rb": schema("2024_01_01_000000", "phone") },
      findings: [{ path: "db/schema.rb", line: 1 }],
    },
    {
      name: "dumped again by Rails 8.1, with a column that changed on the way",
      base: { "db/schema.rb": schema("2024_01_01_000000").replace('t.string "email"', 't.string "name"\n    t.string "email"') },
      head: { "db/schema.rb": schema("2024_01_01_000000").replace("Schema[7.1]", "Schema[8.1]").replace('t.string "email"', 't.string "email", null: false\n    t.string "name"') },
      findings: [{ path: "db/schema.rb", line: 1, severity: "warning" }],
    },
    {
      name: "dumped again with another extension enabled than before: not the same schema",
      base: { "db/schema.rb": 'ActiveRecord::Schema[7.2].define(version: 2024_01_01_000000) do\n  enable_extension "plpgsql"\nend\n' },
      head: { "db/schema.rb": 'ActiveRecord::Schema[8.0].define(version: 2024_01_01_000000) do\n  enable_extension "pg_catalog.plpgsql"\n  enable_extension "citext"\nend\n' },
      findings: [{ path: "db/schema.rb", line: 1 }],
    },
    {
      name: "structure.sql with a column moved and its type changed: not the same schema",
      base: { "db/structure.sql": "CREATE TABLE public.pages (\n    id bigint NOT NULL,\n    position integer,\n    body text\n);\n" },
      head: { "db/structure.sql": "CREATE TABLE public.pages (\n    id bigint NOT NULL,\n    body character varying,\n    position integer\n);\n" },
      findings: [{ path: "db/structure.sql", line: 1 }],
    },
    {
      name: "structure.sql dumped again by Rails 5 (ar_internal_metadata, one INSERT) with a version gone from schema_migrations: not the same versions",
      base: { ...RAILS4_MIGRATIONS, "db/structure.sql": RAILS4_STRUCTURE },
      head: { "db/structure.sql": rails5Structure(["20150210025312"]) },
      findings: [{ path: "db/structure.sql", line: 23 }],
    },
    {
      name: "structure.sql changed alone",
      base: { "db/structure.sql": "CREATE TABLE users (id bigint);\n\nINSERT INTO \"schema_migrations\" (version) VALUES\n('20240101000000');\n" },
      head: { "db/structure.sql": "CREATE TABLE users (id bigint, phone text);\n\nINSERT INTO \"schema_migrations\" (version) VALUES\n('20240101000000');\n" },
      findings: [{ path: "db/structure.sql", line: 3 }],
    },
    {
      name: "the dump of a replica (config/database.yml: replica: true) changed alone: written from its source again, never reverted alone",
      base: REPLICA_BASE,
      head: { "db/primary_replica_structure.sql": PHONE_STRUCTURE },
      findings: [{ path: "db/primary_replica_structure.sql", line: 7, message: "the dump it copies (config/database.yml declares primary_replica a replica (`replica: true`) of primary)" }],
    },
    {
      name: "db/structure.sql and its byte-for-byte mirror edited alike without a migration: one finding, reverting both",
      base: { ...REPLICA_BASE, "config/database.yml": "production:\n  adapter: postgresql\n" },
      head: { "db/structure.sql": PHONE_STRUCTURE, "db/primary_replica_structure.sql": PHONE_STRUCTURE },
      findings: [{ path: "db/structure.sql", line: 7, message: "(db/primary_replica_structure.sql copies it and changed alike.)" }],
    },
    {
      name: "db/schema.rb loses a column a base migration removed, but a later one added it back: the migrations still build it",
      base: {
        ...PAGES_BASE,
        "db/migrate/20250710000000_add_next_page_back.rb": rb("AddNextPageBack", "add_column :pages, :next_page, :integer"),
      },
      head: { "db/schema.rb": pagesSchema("2025_07_10_000000", PAGES_COLUMNS.filter((c) => !c.includes("next_page"))) },
      findings: [{ path: "db/schema.rb", line: 1, message: "no migration it describes did" }],
    },
    {
      name: "db/schema.rb catches up with the removal of next_page and adds a column no migration adds: not only a catch-up",
      base: PAGES_BASE,
      head: { "db/schema.rb": pagesSchema("2025_07_09_114819", [...PAGES_COLUMNS.filter((c) => !c.includes("next_page")), 't.string "slug"']) },
      findings: [{ path: "db/schema.rb", line: 1, message: "no migration it describes did" }],
    },
    {
      name: "db/schema.rb loses a table a migration creates: the dump no longer matches the migrations",
      base: { ...PAGES_MIGRATIONS, "db/schema.rb": PAGES_NOW },
      head: { "db/schema.rb": 'ActiveRecord::Schema[8.0].define(version: 2025_07_09_114819) do\nend\n' },
      findings: [{ path: "db/schema.rb", line: 1, message: "no migration it describes did" }],
    },
    {
      name: "db/schema.rb loses a table no migration creates, but one passes it to the project's own helper (add_external_table :vbms_ext_claim): what the helper does is not known, the warning stays",
      base: {
        ...PAGES_MIGRATIONS,
        "db/migrate/20250201000000_add_external_claims.rb": rb("AddExternalClaims", "add_external_table :vbms_ext_claim"),
        "db/schema.rb": withLeakedTable(PAGES_NOW),
      },
      head: { "db/schema.rb": PAGES_NOW },
      findings: [{ path: "db/schema.rb", line: 1, message: "no migration it describes did" }],
    },
    {
      name: "db/schema.rb makes a column NOT NULL that the migrations leave nullable: not a repair, the warning stays",
      base: { ...VERSIONS_MIGRATIONS, "db/migrate/20200203145050_create_versions.rb": CREATE_VERSIONS_NULLABLE, "db/schema.rb": versionsSchema(['t.string "item_type"', ...VERSIONS_TAIL]) },
      head: { "db/schema.rb": VERSIONS_REPAIRED },
      findings: [{ path: "db/schema.rb", line: 1, severity: "warning" }],
    },
    {
      name: "the same repair of versions.item_type, but no migration read creates versions: the history does not cover the table, the warning stays",
      base: { "db/migrate/20201102120213_add_supplier_id_to_versions.rb": VERSIONS_MIGRATIONS["db/migrate/20201102120213_add_supplier_id_to_versions.rb"], "db/schema.rb": VERSIONS_RUBY3 },
      head: { "db/schema.rb": VERSIONS_REPAIRED },
      findings: [{ path: "db/schema.rb", line: 1, severity: "warning" }],
    },
    {
      name: "the repair of versions.item_type with a column no migration adds: the warning stays, and says the repair is right",
      base: { ...VERSIONS_MIGRATIONS, "db/schema.rb": VERSIONS_RUBY3 },
      head: { "db/schema.rb": versionsSchema(['t.string "item_type", null: false', ...VERSIONS_TAIL, 't.string "whodunnit"']) },
      findings: [{ path: "db/schema.rb", line: 1, severity: "warning", message: "Part of the change is right: it makes versions.item_type NOT NULL again, as db/migrate/20200203145050_create_versions.rb defines it" }],
    },
    {
      name: "the dump changes with its migration and more (book-secure-move-api 9065d983): a Ruby 3 dump adds the bogus column `{:null=>false}` and drops NOT NULL from versions.item_type, which neither the change's migration nor CreateVersions does",
      base: MOVES_BASE,
      head: { ...ADD_EXTRADITION, "db/schema.rb": movesSchema("2024_04_30_143853", WITH_EXTRADITION, ['t.string "item_type"', 't.string "{:null=>false}"', ...VERSIONS_TAIL]) },
      findings: [{ path: "db/schema.rb", line: 9, message: "it drops NOT NULL from versions.item_type and adds column versions.{:null=>false}" }],
    },
    {
      name: "the dump changes with its migration and adds a column no migration adds (dumped from a database that ran another branch's migration)",
      base: USERS_BASE,
      head: { ...PHONE_MIGRATION, "db/schema.rb": usersWith('t.string "phone"', 't.string "nickname"') },
      findings: [{ path: "db/schema.rb", line: 5, message: "adds column users.nickname" }],
    },
    {
      name: "the dump changes with its migration and loses a column the base branch's migrations build: the finding is on the version line and names the base branch's line",
      base: USERS_BASE,
      head: { ...PHONE_MIGRATION, "db/schema.rb": schema("2024_02_01_000000", "phone") },
      findings: [{ path: "db/schema.rb", line: 1, message: "removes column users.email" }],
    },
    {
      name: "the dump changes with its migration and gains an index and a foreign key no migration adds",
      base: USERS_BASE,
      head: { ...PHONE_MIGRATION, "db/schema.rb": usersWith('t.string "phone"', 't.index ["email"], name: "index_users_on_email"').replace("\nend\n", '\n  add_foreign_key "users", "accounts"\nend\n') },
      findings: [{ path: "db/schema.rb", line: 5, message: "adds index index_users_on_email" }],
    },
    {
      name: "the dump changes with its migration and writes a column otherwise (string to text) that no migration changes",
      base: USERS_BASE,
      head: { ...PHONE_MIGRATION, "db/schema.rb": schema("2024_02_01_000000").replace('t.string "email"', 't.text "email"\n    t.string "phone"') },
      findings: [{ path: "db/schema.rb", line: 3, message: 'writes column users.email otherwise (`t.text "email"`, was `t.string "email"`)' }],
    },
    {
      name: "structure.sql changes with its migration and adds a column no migration adds",
      base: { ...REPLICA_BASE, "config/database.yml": "production:\n  adapter: postgresql\n" },
      head: { ...ADD_PHONE, "db/structure.sql": structure("    email text,\n    phone text,\n    nickname text", ["20240201000000", "20240101000000"]) },
      findings: [{ path: "db/structure.sql", line: 5, message: "adds column users.nickname" }],
    },
    {
      name: "PostgreSQL creates no index for a foreign key: the fk_rails_ index the dump adds is drift there (the MySQL counterpart is valid)",
      base: PERMISSIONS_BASE("postgresql"),
      head: PERMISSIONS_KEY,
      findings: [{ path: "db/schema.rb", line: 9, message: "adds index fk_rails_36355a4090" }],
    },
  ],
  valid: [
    {
      name: "signon 076612af, MySQL: add_foreign_key on a column no index starts with, and the dump's new index named after the key (fk_rails_36355a4090), which InnoDB creates: no drift",
      base: PERMISSIONS_BASE("mysql2"),
      head: PERMISSIONS_KEY,
    },
    {
      name: "db/schema.rb loses a table, its column and index, that no migration creates (caseflow 9a2c9d32ea: vbms_ext_claim, made by a script and dumped from a database that had it): closer to the migrations, a note",
      base: { ...PAGES_MIGRATIONS, "db/schema.rb": withLeakedTable(PAGES_NOW) },
      head: { "db/schema.rb": PAGES_NOW },
    },
    {
      name: "the same removal where a migration calls the project's own index helper with a table and literals (caseflow's add_safe_index :pages, [:question_text]): it works on pages, not on the removed table, a note",
      base: {
        ...PAGES_MIGRATIONS,
        "db/migrate/20250201000000_add_question_text_index.rb": rb("AddQuestionTextIndex", "add_safe_index :pages, [:question_text]"),
        "db/schema.rb": withLeakedTable(PAGES_NOW),
      },
      head: { "db/schema.rb": PAGES_NOW },
    },
    {
      name: "db/schema.rb loses a column and its index that no migration builds (codebar/planner's schema-rb-drift: leaked from an unmerged branch): closer to the migrations, a note",
      base: { ...PAGES_MIGRATIONS, "db/schema.rb": pagesSchema("2025_07_09_114819", ['t.text "question_text"', 't.boolean "is_optional", null: false', 't.string "slug"', 't.index ["slug"], name: "index_pages_on_slug"']) },
      head: { "db/schema.rb": pagesSchema("2025_07_09_114819", ['t.text "question_text"', 't.boolean "is_optional", null: false']) },
    },
    {
      name: "db/schema.rb brought in line with a base migration that removed a column it still listed (forms-admin 4ce3b3473d, remove_next_page_from_pages): a note that it catches the dump up",
      base: PAGES_BASE,
      head: { "db/schema.rb": pagesSchema("2025_07_09_114819", PAGES_COLUMNS.filter((c) => !c.includes("next_page"))) },
    },
    {
      name: "structure.sql brought in line with the same removal, the column's index with it: a note",
      base: { ...PAGES_MIGRATIONS, "db/structure.sql": pagesStructure("    question_text text,\n    next_page integer", ["20250709114819", "20250101000000"]) },
      head: { "db/structure.sql": pagesStructure("    question_text text", ["20250709114819", "20250101000000"]).replace(/CREATE INDEX[^\n]*\n\n/, "") },
    },
    {
      name: "only the version changed, to one newer than every migration (hackatime cb04bb0677): schema-dump-version names that line, not this rule",
      base: { "db/schema.rb": schema("2024_01_01_000000"), "db/migrate/20240101000000_users.rb": "class Users < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users\n  end\nend\n" },
      head: { "db/schema.rb": schema("2024_03_01_000000") },
    },
    {
      name: "the dump of a replica (config/database.yml: replica: true) changes with the primary's migration (bike_index's db/primary_replica_structure.sql)",
      base: REPLICA_BASE,
      head: { ...ADD_PHONE, "db/structure.sql": PHONE_STRUCTURE, "db/primary_replica_structure.sql": PHONE_STRUCTURE },
    },
    {
      name: "structure.sql with a column moved back to where its create_table made it, nothing else (bike_index cc7f41330c): a note",
      base: { "db/structure.sql": "CREATE TABLE public.pages (\n    id bigint NOT NULL,\n    title character varying,\n    position integer,\n    body text\n);\n\nINSERT INTO \"schema_migrations\" (version) VALUES\n('20240101000000');\n" },
      head: { "db/structure.sql": "CREATE TABLE public.pages (\n    id bigint NOT NULL,\n    title character varying,\n    body text,\n    position integer\n);\n\nINSERT INTO \"schema_migrations\" (version) VALUES\n('20240101000000');\n" },
    },
    {
      name: "structure.sql dumped again after the Rails 5 upgrade (panoptes 2357a864d0): Rails' own ar_internal_metadata table, the versions in one INSERT, newer pg_dump settings; the same tables, indexes and versions: a note",
      base: { ...RAILS4_MIGRATIONS, "db/structure.sql": RAILS4_STRUCTURE },
      head: { "db/structure.sql": rails5Structure(["20150210025312", "20150216192914"]) },
    },
    {
      name: "the stale dump of a replica written again from db/structure.sql, which the change leaves alone (bike_index efe21edeb1): a note",
      base: { ...REPLICA_BASE, "db/structure.sql": PHONE_STRUCTURE },
      head: { "db/primary_replica_structure.sql": PHONE_STRUCTURE },
    },
    {
      name: "a named dump that is the primary's byte for byte changes with the primary's migration (no replica in config/database.yml)",
      base: { ...REPLICA_BASE, "config/database.yml": "production:\n  adapter: postgresql\n" },
      head: { ...ADD_PHONE, "db/structure.sql": PHONE_STRUCTURE, "db/primary_replica_structure.sql": PHONE_STRUCTURE },
    },
    {
      name: "dumped again by Rails 8.1: columns sorted and the Schema[8.1] header, the same schema (rubygems' upgrade): a note",
      base: {
        "db/schema.rb": 'ActiveRecord::Schema[8.0].define(version: 2024_01_01_000000) do\n  create_table "users", force: :cascade do |t|\n    t.string "name"\n    t.string "email", null: false\n    t.index ["email"], name: "index_users_on_email", unique: true\n  end\nend\n',
      },
      head: {
        "db/schema.rb": 'ActiveRecord::Schema[8.1].define(version: 2024_01_01_000000) do\n  create_table "users", force: :cascade do |t|\n    t.string "email", null: false\n    t.string "name"\n    t.index ["email"], name: "index_users_on_email", unique: true\n  end\nend\n',
      },
    },
    {
      name: "dumped again by Rails 8.0: the Schema[8.0] header and plpgsql written with its schema (pg_catalog.plpgsql), the same schema (alphagov/publishing-api): a note",
      base: {
        "db/schema.rb": 'ActiveRecord::Schema[7.2].define(version: 2024_01_01_000000) do\n  enable_extension "plpgsql"\n\n  create_table "users", force: :cascade do |t|\n    t.string "email", null: false\n  end\nend\n',
      },
      head: {
        "db/schema.rb": 'ActiveRecord::Schema[8.0].define(version: 2024_01_01_000000) do\n  # These are extensions that must be enabled in order to support this database\n  enable_extension "pg_catalog.plpgsql"\n\n  create_table "users", force: :cascade do |t|\n    t.string "email", null: false\n  end\nend\n',
      },
    },
    {
      name: "db/schema.rb repaired by hand (book-secure-move-api b6078f9319): the bogus column `{:null=>false}` a Ruby 3 dump made of CreateVersions' options removed, versions.item_type NOT NULL again as CreateVersions defines it: a note, never a revert",
      base: { ...VERSIONS_MIGRATIONS, "db/schema.rb": VERSIONS_RUBY3 },
      head: { "db/schema.rb": VERSIONS_REPAIRED.replace("Schema[7.0]", "Schema[7.1]") },
    },
    {
      name: "db/schema.rb lets a column take NULL again, as a later change_column_null defines it: a note",
      base: {
        ...VERSIONS_MIGRATIONS,
        "db/migrate/20210101000000_allow_null_item_type.rb": "class AllowNullItemType < ActiveRecord::Migration[6.0]\n  def change\n    change_column_null :versions, :item_type, true\n  end\nend\n",
        "db/schema.rb": versionsSchema(['t.string "item_type", null: false', ...VERSIONS_TAIL]).replace("2024_05_02_112955", "2021_01_01_000000"),
      },
      head: { "db/schema.rb": versionsSchema(['t.string "item_type"', ...VERSIONS_TAIL]).replace("2024_05_02_112955", "2021_01_01_000000") },
    },
    {
      name: "the dump changes with its migration",
      base: { "db/schema.rb": schema("2024_01_01_000000") },
      head: {
        "db/schema.rb": WITH_PHONE,
        "db/migrate/20240201000000_phone.rb": "class Phone < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :phone, :string\n  end\nend\n",
      },
    },
    {
      // access-your-teaching-qualifications 6c8f54776f: the gem's upgrade rewrote 20_230_329_102_114 as 20230329102114
      name: "db/data_schema.rb (the data_migrate gem's record of its data migrations) rewritten: not a schema dump",
      base: { "db/schema.rb": schema("2024_01_01_000000"), "db/data_schema.rb": "DataMigrate::Data.define(version: 20_230_329_102_114)\n" },
      head: { "db/data_schema.rb": "DataMigrate::Data.define(version: 20230329102114)\n" },
    },
    {
      name: "the dump changes with a post-deployment migration (db/post_migrate)",
      base: { "db/schema.rb": schema("2024_01_01_000000") },
      head: {
        "db/schema.rb": WITH_PHONE,
        "db/post_migrate/20240201000000_phone.rb": "class Phone < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :phone, :string\n  end\nend\n",
      },
    },
    {
      name: "the dump changes exactly as its migration does (book-secure-move-api's extradition_capable, dumped from a database migrated under Ruby 2)",
      base: MOVES_BASE,
      head: { ...ADD_EXTRADITION, "db/schema.rb": movesSchema("2024_04_30_143853", WITH_EXTRADITION, ['t.string "item_type", null: false', ...VERSIONS_TAIL]) },
    },
    {
      name: "the dump changes with its migration and also repairs versions.item_type (NOT NULL again, as CreateVersions defines it, the bogus column gone): a repair, not drift",
      base: { ...MOVES_BASE, "db/schema.rb": movesSchema("2024_01_18_133654", LOCATIONS, ['t.string "item_type"', 't.string "{:null=>false}"', ...VERSIONS_TAIL]) },
      head: { ...ADD_EXTRADITION, "db/schema.rb": movesSchema("2024_04_30_143853", WITH_EXTRADITION, ['t.string "item_type", null: false', ...VERSIONS_TAIL]) },
    },
    {
      name: "the dump changes with its migration and catches up with a base migration it had not recorded (its column): not drift",
      base: { ...USERS_BASE, "db/migrate/20240115000000_add_name_to_users.rb": rb("AddNameToUsers", "add_column :users, :name, :string") },
      head: { ...PHONE_MIGRATION, "db/schema.rb": usersWith('t.string "name"', 't.string "phone"') },
    },
    {
      name: "the dump changes with its migration, written in another style (single quotes, hash rockets, `using: :btree` left out) and in another order: the same schema",
      base: {
        ...USERS_BASE,
        "db/schema.rb": "ActiveRecord::Schema.define(version: 2024_01_01_000000) do\n  create_table 'users', :force => :cascade do |t|\n    t.string 'email', :null => false\n    t.string 'name', :limit => 80, :default => ''\n    t.index ['email'], :name => 'index_users_on_email', :using => :btree\n  end\nend\n",
      },
      head: {
        ...PHONE_MIGRATION,
        "db/schema.rb": 'ActiveRecord::Schema.define(version: 2024_02_01_000000) do\n  create_table "users", force: :cascade do |t|\n    t.string "name", default: "", limit: 80\n    t.string "email", null: false\n    t.string "phone"\n    t.index ["email"], name: "index_users_on_email"\n  end\nend\n',
      },
    },
    {
      name: "the dump changes with its migration, dumped by a newer Rails (Schema[7.0] to Schema[7.1], `precision: nil` written otherwise): its columns' options are not judged",
      base: { ...USERS_BASE, "db/schema.rb": schema("2024_01_01_000000").replace("Schema[7.1]", "Schema[7.0]").replace('t.string "email"', 't.string "email"\n    t.datetime "created_at", precision: nil') },
      head: { ...PHONE_MIGRATION, "db/schema.rb": usersWith('t.datetime "created_at"', 't.string "phone"') },
    },
    {
      name: "the dump changes with a migration that creates a table with a reference: the table, its columns, index and foreign key are the migration's",
      base: USERS_BASE,
      head: {
        "db/migrate/20240201000000_create_posts.rb": rb("CreatePosts", "create_table :posts do |t|\n      t.references :user, foreign_key: true\n      t.string :title\n    end"),
        "db/schema.rb": schema("2024_02_01_000000").replace(
          "\nend\n",
          '\n\n  create_table "posts", force: :cascade do |t|\n    t.bigint "user_id"\n    t.string "title"\n    t.index ["user_id"], name: "index_posts_on_user_id"\n  end\n\n  add_foreign_key "posts", "users"\nend\n',
        ),
      },
    },
    {
      name: "the dump changes with a migration that adds a reference to an existing table: its column, index and foreign key are the migration's",
      base: USERS_BASE,
      head: {
        "db/migrate/20240201000000_add_account_to_users.rb": rb("AddAccountToUsers", "add_reference :users, :account, foreign_key: true"),
        "db/schema.rb": usersWith('t.bigint "account_id"', 't.index ["account_id"], name: "index_users_on_account_id"').replace("\nend\n", '\n  add_foreign_key "users", "accounts"\nend\n'),
      },
    },
    {
      name: "the dump changes with a migration that calls the project's own helper with no table: what it does is not known, the dump is not judged",
      base: USERS_BASE,
      head: { "db/migrate/20240201000000_tune.rb": rb("Tune", "apply_project_tuning"), "db/schema.rb": usersWith('t.string "nickname"') },
    },
    {
      name: "structure.sql changes exactly as its migration does",
      base: { ...REPLICA_BASE, "config/database.yml": "production:\n  adapter: postgresql\n" },
      head: { ...ADD_PHONE, "db/structure.sql": PHONE_STRUCTURE },
    },
    {
      name: "the dump changes with a migration renamed and edited before release (book-secure-move-api 92db67c497: create_flight_details to create_extradition_flights): the table it no longer creates is the edit's",
      base: {
        ...USERS_BASE,
        "db/migrate/20240201000000_create_flight_details.rb": rb("CreateFlightDetails", "create_table :flight_details do |t|\n      t.string :flight_number\n    end"),
        "db/schema.rb": schema("2024_02_01_000000").replace("\nend\n", '\n\n  create_table "flight_details", force: :cascade do |t|\n    t.string "flight_number"\n  end\nend\n'),
      },
      renames: { "db/migrate/20240201000000_create_extradition_flights.rb": "db/migrate/20240201000000_create_flight_details.rb" },
      head: {
        "db/migrate/20240201000000_create_extradition_flights.rb": rb("CreateExtraditionFlights", "create_table :extradition_flights do |t|\n      t.string :flight_number\n    end"),
        "db/schema.rb": schema("2024_02_01_000000").replace("\nend\n", '\n\n  create_table "extradition_flights", force: :cascade do |t|\n    t.string "flight_number"\n  end\nend\n'),
      },
    },
  ],
});
