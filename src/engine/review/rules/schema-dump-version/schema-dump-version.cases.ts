import { defineReviewCases } from "../../review-rule.js";

const schema = (version: string) => `# This file is auto-generated\n\nActiveRecord::Schema[7.1].define(version: ${version}) do\n  create_table "users" do |t|\n    t.string "phone"\n  end\nend\n`;
const phone = "class Phone < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :phone, :string\n  end\nend\n";
const structure = (...versions: string[]) =>
  `SET statement_timeout = 0;\nCREATE TABLE public.users (id bigint, phone text);\n\nINSERT INTO "schema_migrations" (version) VALUES\n${versions.map((v) => `('${v}')`).join(",\n")};\n\n`;

export default defineReviewCases({
  invalid: [
    {
      name: "schema.rb dumped before the new migration ran",
      base: { "db/schema.rb": schema("2024_01_01_000000"), "db/migrate/20240101000000_users.rb": phone.replace("Phone", "Users") },
      head: { "db/migrate/20240201000000_phone.rb": phone, "db/schema.rb": schema("2024_01_15_000000") },
      findings: [{ path: "db/schema.rb", line: 3 }],
    },
    {
      name: "schema.rb dumped from a database with another branch's migration",
      base: { "db/schema.rb": schema("2024_01_01_000000"), "db/migrate/20240101000000_users.rb": phone.replace("Phone", "Users") },
      head: { "db/migrate/20240201000000_phone.rb": phone, "db/schema.rb": schema("2024_03_09_120000") },
      findings: [{ path: "db/schema.rb", line: 3 }],
    },
    {
      name: "structure.sql lacks the new version",
      base: { "db/structure.sql": structure("20240101000000"), "db/migrate/20240101000000_users.rb": phone.replace("Phone", "Users") },
      head: { "db/migrate/20240201000000_phone.rb": phone, "db/structure.sql": structure("20240101000000", "20240115000000") },
      findings: [{ path: "db/structure.sql", line: 4 }],
    },
  ],
  valid: [
    {
      name: "schema.rb at the newest migration",
      base: { "db/schema.rb": schema("2024_01_01_000000"), "db/migrate/20240101000000_users.rb": phone.replace("Phone", "Users") },
      head: { "db/migrate/20240201000000_phone.rb": phone, "db/schema.rb": schema("2024_02_01_000000") },
    },
    {
      name: "structure.sql at an engine's migration copied with its scope (OpenStreetMap's 20260223105922_create_noticed_tables.noticed.rb)",
      base: { "db/structure.sql": structure("20240101000000"), "db/migrate/20240101000000_users.rb": phone.replace("Phone", "Users") },
      head: { "db/migrate/20240201000000_create_noticed_tables.noticed.rb": phone.replace("Phone", "CreateNoticedTables"), "db/structure.sql": structure("20240101000000", "20240201000000") },
    },
    {
      name: "structure.sql records every version",
      base: { "db/structure.sql": structure("20240101000000"), "db/migrate/20240101000000_users.rb": phone.replace("Phone", "Users") },
      head: { "db/migrate/20240201000000_phone.rb": phone, "db/structure.sql": structure("20240101000000", "20240201000000") },
    },
    {
      name: "schema.rb at the newest post-deployment migration (db/post_migrate is dumped into db/schema.rb too)",
      base: { "db/schema.rb": schema("2024_01_01_000000"), "db/migrate/20240101000000_users.rb": phone.replace("Phone", "Users") },
      head: {
        "db/migrate/20240201000000_phone.rb": phone,
        "db/post_migrate/20240202000000_backfill_phone.rb": phone.replace("Phone", "BackfillPhone"),
        "db/schema.rb": schema("2024_02_02_000000"),
      },
    },
  ],
});
