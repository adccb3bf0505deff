import { defineReviewCases } from "../../review-rule.js";

const schema = (version: string) => `ActiveRecord::Schema[7.1].define(version: ${version}) do\n  create_table "users" do |t|\n    t.string "email"\n  end\nend\n`;
const rails = (name: string) => `class ${name} < ActiveRecord::Migration[7.1]
  def change
    add_column :users, :${name.toLowerCase()}, :string
  end
end
`;

/** db/structure.sql recording `versions` (a users table with `columns`) */
const structure = (columns: string, ...versions: string[]) =>
  `CREATE TABLE public.users (\n    id bigint NOT NULL,\n    ${columns}\n);\n\nINSERT INTO "schema_migrations" (version) VALUES\n${versions.map((v) => `('${v}')`).join(",\n")};\n`;
/** config/application.rb with `setting` in the application class */
const application = (setting: string) => `module Shop\n  class Application < Rails::Application\n    config.load_defaults 7.1\n${setting ? `    ${setting}\n` : ""}  end\nend\n`;
/** a `:sql` application that still has the db/schema.rb it wrote in 2013 */
const SQL_APPLICATION = {
  "config/application.rb": application("config.active_record.schema_format = :sql"),
  "db/schema.rb": schema("2013_01_02_225500"),
  "db/structure.sql": structure("nickname character varying", "20240101000000"),
  "db/migrate/20240101000000_nickname.rb": rails("Nickname"),
};

const NO_OP = "# @note This migration is for testing purposes only.\nclass NoOpMigration < ActiveRecord::Migration[7.1]\n  def change\n    # no-op\n  end\nend\n";

/** db/schema.rb at `version` with a lodgings table of `columns` and `indexes` (book-secure-move-api's, 8f968c2adf) */
const lodgings = (version: string, columns: string[], indexes: string[] = []) =>
  `ActiveRecord::Schema[7.0].define(version: ${version}) do\n  create_table "lodgings", force: :cascade do |t|\n${[...columns, ...indexes].map((c) => `    ${c}\n`).join("")}  end\nend\n`;
const LODGINGS = ['t.uuid "move_id", null: false', 't.string "start_date"'];
const UNIQUE_INDEX = 't.index ["start_date", "move_id"], name: "index_lodgings_on_start_date_and_move_id", unique: true';
const CREATE_LODGINGS = "class CreateLodgings < ActiveRecord::Migration[7.0]\n  def change\n    create_table :lodgings do |t|\n      t.uuid :move_id, null: false\n      t.string :start_date\n    end\n    add_index :lodgings, [:start_date, :move_id], unique: true\n  end\nend\n";
/** the three migrations of book-secure-move-api's #2206: a column, an index dropped, a data change */
const LODGING_MIGRATIONS = {
  "db/migrate/20240115123450_add_status_to_lodgings.rb": "class AddStatusToLodgings < ActiveRecord::Migration[7.0]\n  def change\n    add_column :lodgings, :status, :string, null: false, default: 'proposed'\n  end\nend\n",
  "db/migrate/20240118090915_remove_unique_index_from_lodgings.rb": "class RemoveUniqueIndexFromLodgings < ActiveRecord::Migration[7.0]\n  def change\n    remove_index :lodgings, 'start_date_and_move_id'\n  end\nend\n",
  "db/migrate/20240118133654_replace_move_overnight_lodge_with_lodge_create.rb":
    "class ReplaceMoveOvernightLodgeWithLodgeCreate < ActiveRecord::Migration[7.0]\n  def change\n    GenericEvent.where(type: 'GenericEvent::MoveOvernightLodge').update_all(type: 'GenericEvent::LodgingCreate')\n  end\nend\n",
};
const RESTORED = "db/migrate/20231019080657_replace_oauth_applications_show_on_dashboard_with_api_only.rb";
const RESTORED_TEXT = `class ReplaceOauthApplicationsShowOnDashboardWithApiOnly < ActiveRecord::Migration[7.0]
  def up
    add_column :users, :api_only, :boolean, default: false, null: false
    execute "UPDATE users SET api_only = NOT show_on_dashboard"
    remove_column :users, :show_on_dashboard
  end
end
`;
const STATUS = 't.string "status", default: "proposed", null: false';

export default defineReviewCases({
  invalid: [
    {
      // alphagov/signon 85053868: the revert of a Rails upgrade that had deleted its 2023 migrations, the dump left as it was
      name: "Rails: a revert restores a migration the base branch deleted, at the version db/schema.rb records, beside a new one: only the new one needs the dump",
      base: { "db/schema.rb": schema("2023_10_19_080657") },
      head: { [RESTORED]: RESTORED_TEXT, "db/migrate/20240301000000_nickname.rb": rails("Nickname") },
      removedOnBase: { [RESTORED]: { commit: "a39f7542e8f05cb16a43486ec881dca7bcb20ab1", content: RESTORED_TEXT } },
      findings: [{ path: "db/migrate/20240301000000_nickname.rb", line: 1, message: "adds a migration (db/migrate/20240301000000_nickname.rb)" }],
    },
    {
      name: "Rails: a migration that runs nothing, newer than the version db/schema.rb records: db:migrate writes the new version into it",
      base: { "db/schema.rb": schema("2024_01_01_000000"), "db/migrate/20240101000000_nickname.rb": rails("Nickname") },
      head: { "db/migrate/20240201000000_no_op_migration.rb": NO_OP },
      findings: [{ path: "db/migrate/20240201000000_no_op_migration.rb", line: 1, severity: "warning" }],
    },
    {
      name: "Rails: an older migration that runs nothing beside one that adds a column: the dump has to change",
      base: { "db/schema.rb": schema("2024_03_01_000000"), "db/migrate/20240301000000_nickname.rb": rails("Nickname") },
      head: { "db/migrate/20240201000000_no_op_migration.rb": NO_OP, "db/migrate/20240401000000_phone.rb": rails("Phone") },
      findings: [{ path: "db/migrate/20240401000000_phone.rb", line: 1, severity: "warning" }],
    },
    {
      name: "Rails: a migration without db/schema.rb",
      base: { "db/schema.rb": schema("2024_01_01_000000"), "db/migrate/20240101000000_nickname.rb": rails("Nickname") },
      head: { "db/migrate/20240201000000_phone.rb": rails("Phone") },
      findings: [{ path: "db/migrate/20240201000000_phone.rb", line: 1 }],
    },
    {
      name: "dbmate: a migration without db/schema.sql",
      base: {
        "db/schema.sql": "CREATE TABLE public.users (id bigint);\n\nINSERT INTO public.schema_migrations (version) VALUES\n    ('20240101000000');\n",
        "db/migrations/20240101000000_users.sql": "-- migrate:up\nCREATE TABLE users (id bigint);\n-- migrate:down\nDROP TABLE users;\n",
      },
      head: { "db/migrations/20240201000000_email.sql": "-- migrate:up\nALTER TABLE users ADD COLUMN email text;\n-- migrate:down\nALTER TABLE users DROP COLUMN email;\n" },
      findings: [{ path: "db/migrations/20240201000000_email.sql", line: 1 }],
    },
    {
      name: "a configured dump",
      config: { schema_dumps: ["schema/current.sql"] },
      base: { "schema/current.sql": "CREATE TABLE users (id bigint);\n", "migrations/001_users.up.sql": "CREATE TABLE users (id bigint);\n" },
      head: { "migrations/002_email.up.sql": "ALTER TABLE users ADD COLUMN email text;\n" },
      findings: [{ path: "migrations/002_email.up.sql", line: 1 }],
    },
    {
      name: "Rails: a post-deployment migration (db/post_migrate) without db/schema.rb",
      base: { "db/schema.rb": schema("2024_01_01_000000"), "db/migrate/20240101000000_nickname.rb": rails("Nickname") },
      head: { "db/post_migrate/20240201000000_phone.rb": rails("Phone") },
      findings: [{ path: "db/post_migrate/20240201000000_phone.rb", line: 1 }],
    },
    {
      name: "the config's schema_dumps wins over the Rails name: db/structure.sql describing golang-migrate files",
      config: { schema_dumps: ["db/structure.sql"] },
      base: { "db/structure.sql": "CREATE TABLE users (id bigint);\n", "db/migrations/001_users.up.sql": "CREATE TABLE users (id bigint);\n" },
      head: { "db/migrations/002_email.up.sql": "ALTER TABLE users ADD COLUMN email text;\n" },
      findings: [{ path: "db/migrations/002_email.up.sql", line: 1 }],
    },
    {
      name: "Rails: config/application.rb sets schema_format = :sql: the dump to update is db/structure.sql, not the db/schema.rb left from before",
      base: SQL_APPLICATION,
      head: { "db/migrate/20240201000000_phone.rb": rails("Phone") },
      findings: [{ path: "db/migrate/20240201000000_phone.rb", line: 1, message: "does not update db/structure.sql" }],
    },
    {
      name: "Rails: no schema_format setting and both dumps current (db/schema.rb at the version db/structure.sql records): both are written, the one the change leaves alone is reported",
      base: { ...SQL_APPLICATION, "config/application.rb": application(""), "db/schema.rb": schema("2024_01_01_000000") },
      head: { "db/migrate/20240201000000_phone.rb": rails("Phone"), "db/structure.sql": structure("nickname character varying,\n    phone character varying", "20240101000000", "20240201000000") },
      findings: [{ path: "db/migrate/20240201000000_phone.rb", line: 1, message: "does not update db/schema.rb" }],
    },
    {
      name: "Rails: db/schema.rb's version is past the migrations, but it lacks the column one adds: it was not dumped from a database that ran them",
      base: { "db/schema.rb": lodgings("2024_01_18_133654", LODGINGS), "db/migrate/20230701000000_create_lodgings.rb": CREATE_LODGINGS },
      head: LODGING_MIGRATIONS,
      findings: [{ path: "db/migrate/20240115123450_add_status_to_lodgings.rb", line: 1, message: "adds a migration (db/migrate/20240115123450_add_status_to_lodgings.rb)" }],
    },
    {
      name: "Rails: db/schema.rb shows the migrations' changes but records an older version: db:migrate writes the new one",
      base: { "db/schema.rb": lodgings("2024_01_01_000000", [...LODGINGS, STATUS]), "db/migrate/20230701000000_create_lodgings.rb": CREATE_LODGINGS },
      head: LODGING_MIGRATIONS,
      findings: [{ path: "db/migrate/20240118133654_replace_move_overnight_lodge_with_lodge_create.rb", line: 1, message: "adds 3 migrations" }],
    },
    {
      name: "Rails: db/schema.rb at the migrations' version still has the index one drops: not the dump they make",
      base: { "db/schema.rb": lodgings("2024_01_18_133654", [...LODGINGS, STATUS], [UNIQUE_INDEX]), "db/migrate/20230701000000_create_lodgings.rb": CREATE_LODGINGS },
      head: LODGING_MIGRATIONS,
      findings: [{ path: "db/migrate/20240118090915_remove_unique_index_from_lodgings.rb", line: 1, message: "adds a migration (db/migrate/20240118090915_remove_unique_index_from_lodgings.rb)" }],
    },
  ],
  valid: [
    {
      name: "Rails: config/application.rb sets schema_format = :sql and the change updates db/structure.sql: the db/schema.rb of 2013 beside it is a leftover nothing writes (inaturalist 8810f6d081)",
      base: SQL_APPLICATION,
      head: { "db/migrate/20240201000000_phone.rb": rails("Phone"), "db/structure.sql": structure("nickname character varying,\n    phone character varying", "20240101000000", "20240201000000") },
    },
    {
      name: "Rails: config/environments/development.rb, where db:migrate dumps, sets schema_format = :sql",
      base: { ...SQL_APPLICATION, "config/application.rb": application(""), "config/environments/development.rb": "Rails.application.configure do\n  config.active_record.schema_format = :sql\nend\n" },
      head: { "db/migrate/20240201000000_phone.rb": rails("Phone"), "db/structure.sql": structure("nickname character varying,\n    phone character varying", "20240101000000", "20240201000000") },
    },
    {
      name: "Rails: no schema_format setting, but db/schema.rb records a version long behind db/structure.sql's, which the change updates: the history says structure.sql is the dump",
      base: { ...SQL_APPLICATION, "config/application.rb": application("") },
      head: { "db/migrate/20240201000000_phone.rb": rails("Phone"), "db/structure.sql": structure("nickname character varying,\n    phone character varying", "20240101000000", "20240201000000") },
    },
    {
      name: "Rails: a migration that runs nothing (`def change; end`), older than the version db/schema.rb records (caseflow 5e0f9522df 20241007131619_no_op_migration.rb): db:migrate dumps the same file, a note",
      base: { "db/schema.rb": schema("2024_03_01_000000"), "db/migrate/20240301000000_nickname.rb": rails("Nickname") },
      head: { "db/migrate/20240201000000_no_op_migration.rb": NO_OP },
    },
    {
      name: "the migration comes with its dump",
      base: { "db/schema.rb": schema("2024_01_01_000000"), "db/migrate/20240101000000_nickname.rb": rails("Nickname") },
      head: { "db/migrate/20240201000000_phone.rb": rails("Phone"), "db/schema.rb": schema("2024_02_01_000000") },
    },
    {
      name: "the repository keeps no dump",
      base: { "db/migrate/20240101000000_nickname.rb": rails("Nickname") },
      head: { "db/migrate/20240201000000_phone.rb": rails("Phone") },
    },
    {
      name: "another database's dump does not describe these migrations",
      base: { "db/animals_schema.rb": schema("2024_01_01_000000"), "db/migrate/20240101000000_nickname.rb": rails("Nickname") },
      head: { "db/migrate/20240201000000_phone.rb": rails("Phone") },
    },
    {
      name: "a post-deployment migration's own database dump (db/post_schema.rb) is not the primary one",
      base: { "db/post_schema.rb": schema("2024_01_01_000000"), "db/migrate/20240101000000_nickname.rb": rails("Nickname") },
      head: { "db/migrate/20240201000000_phone.rb": rails("Phone") },
    },
    {
      name: "the base branch's structure.sql already records the version (dumped when it was merged elsewhere)",
      base: {
        "db/structure.sql": "CREATE TABLE users (id bigint, phone text);\n\nINSERT INTO \"schema_migrations\" (version) VALUES\n('20240101000000'),\n('20240201000000');\n",
        "db/migrate/20240101000000_nickname.rb": rails("Nickname"),
      },
      head: { "db/post_migrate/20240201000000_phone.rb": rails("Phone") },
    },
    {
      name: "Rails: the base branch's db/schema.rb records the newest migration's version (2024_01_18_133654) and shows every change of the migrations (an earlier change committed that dump early, book-secure-move-api 8f968c2adf, issue #19): re-dumping changes nothing",
      base: { "db/schema.rb": lodgings("2024_01_18_133654", [...LODGINGS, STATUS]), "db/migrate/20230701000000_create_lodgings.rb": CREATE_LODGINGS },
      head: LODGING_MIGRATIONS,
    },
    {
      name: "Rails: db/schema.rb's version is newer than the migration, whose column it shows",
      base: { "db/schema.rb": lodgings("2024_02_01_000000", [...LODGINGS, STATUS]), "db/migrate/20230701000000_create_lodgings.rb": CREATE_LODGINGS },
      head: { "db/migrate/20240115123450_add_status_to_lodgings.rb": LODGING_MIGRATIONS["db/migrate/20240115123450_add_status_to_lodgings.rb"] },
    },
  ],
});
