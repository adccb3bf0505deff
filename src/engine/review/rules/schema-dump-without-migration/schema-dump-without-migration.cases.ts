import { defineReviewCases } from "../../review-rule.js";

const schema = (version: string, column = "email") =>
  `ActiveRecord::Schema[7.1].define(version: ${version}) do\n  create_table "users" do |t|\n    t.string "${column}"\n  end\nend\n`;

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
      name: "structure.sql changed alone",
      base: { "db/structure.sql": "CREATE TABLE users (id bigint);\n\nINSERT INTO \"schema_migrations\" (version) VALUES\n('20240101000000');\n" },
      head: { "db/structure.sql": "CREATE TABLE users (id bigint, phone text);\n\nINSERT INTO \"schema_migrations\" (version) VALUES\n('20240101000000');\n" },
      findings: [{ path: "db/structure.sql", line: 3 }],
    },
  ],
  valid: [
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
      name: "the dump changes with its migration",
      base: { "db/schema.rb": schema("2024_01_01_000000") },
      head: {
        "db/schema.rb": schema("2024_02_01_000000", "phone"),
        "db/migrate/20240201000000_phone.rb": "class Phone < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :phone, :string\n  end\nend\n",
      },
    },
    {
      name: "the dump changes with a post-deployment migration (db/post_migrate)",
      base: { "db/schema.rb": schema("2024_01_01_000000") },
      head: {
        "db/schema.rb": schema("2024_02_01_000000", "phone"),
        "db/post_migrate/20240201000000_phone.rb": "class Phone < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :phone, :string\n  end\nend\n",
      },
    },
  ],
});
