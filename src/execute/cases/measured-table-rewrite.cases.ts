import { defineExecutionCases } from "./execution-case.js";
import { golangMigrate, USERS } from "./folders.js";

export default defineExecutionCases({
  invalid: [
    {
      name: "a column type change hidden in a DO block, where no static rule sees it",
      files: golangMigrate({
        ...USERS,
        "002_numeric_ids": ["SET lock_timeout = '5s';\nDO $$ BEGIN EXECUTE format('ALTER TABLE %I ALTER COLUMN id TYPE numeric', 'users'); END $$;\n", "ALTER TABLE users ALTER COLUMN id TYPE bigint;\n"],
      }),
      lines: [2],
    },
    {
      name: "a function an earlier migration created, which rewrites the table when called",
      files: golangMigrate({
        ...USERS,
        "002_widen_ids_function": [
          "CREATE FUNCTION widen_ids() RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n  ALTER TABLE users ALTER COLUMN id TYPE numeric;\nEND\n$$;\n",
          "DROP FUNCTION widen_ids();\n",
        ],
        "003_widen_ids": ["SET lock_timeout = '5s';\nSELECT widen_ids();\n", "ALTER TABLE users ALTER COLUMN id TYPE bigint;\n"],
      }),
      lines: [2],
    },
    {
      name: "a Django RunSQL calling such a function",
      files: {
        "app/migrations/0001_initial.py":
          'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    operations = [\n        migrations.RunSQL("CREATE TABLE things (id serial PRIMARY KEY, price integer)", reverse_sql="DROP TABLE things"),\n        migrations.RunSQL(\n            "CREATE FUNCTION exact_prices() RETURNS void LANGUAGE sql AS $$ ALTER TABLE things ALTER COLUMN price TYPE numeric $$",\n            reverse_sql="DROP FUNCTION exact_prices()",\n        ),\n    ]\n',
        "app/migrations/0002_exact_prices.py":
          'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("app", "0001_initial")]\n    operations = [\n        migrations.RunSQL("SELECT exact_prices()", reverse_sql="ALTER TABLE things ALTER COLUMN price TYPE integer"),\n    ]\n',
      },
      lines: [7],
    },
    {
      name: "a Rails execute of a DO block that changes a column's type",
      files: {
        "db/migrate/20240101000000_create_users.rb":
          'class CreateUsers < ActiveRecord::Migration[7.1]\n  def up\n    execute "CREATE TABLE users (id bigserial PRIMARY KEY, email text)"\n  end\n\n  def down\n    execute "DROP TABLE users"\n  end\nend\n',
        "db/migrate/20240102000000_numeric_ids.rb":
          'class NumericIds < ActiveRecord::Migration[7.1]\n  def up\n    execute "DO $$ BEGIN EXECUTE format(\'ALTER TABLE %I ALTER COLUMN id TYPE numeric\', \'users\'); END $$"\n  end\n\n  def down\n    execute "ALTER TABLE users ALTER COLUMN id TYPE bigint"\n  end\nend\n',
      },
      lines: [3],
    },
  ],
  valid: [
    {
      name: "widening varchar(50) to varchar(100) keeps the table's storage (no rewrite)",
      files: golangMigrate({
        ...USERS,
        "002_longer_names": ["SET lock_timeout = '5s';\nDO $$ BEGIN EXECUTE format('ALTER TABLE %I ALTER COLUMN name TYPE varchar(100)', 'users'); END $$;\n", "ALTER TABLE users ALTER COLUMN name TYPE varchar(50);\n"],
      }),
    },
    {
      name: "a new column with a constant default is stored in the catalog (PostgreSQL 11+), not written to every row",
      files: golangMigrate({
        ...USERS,
        "002_active": ["SET lock_timeout = '5s';\nDO $$ BEGIN EXECUTE format('ALTER TABLE %I ADD COLUMN active boolean NOT NULL DEFAULT true', 'users'); END $$;\n", "ALTER TABLE users DROP COLUMN active;\n"],
      }),
    },
    {
      name: "a plain ALTER COLUMN ... TYPE is not reported twice: column-type-change reports it, and the measurement is added to its details",
      files: golangMigrate({
        ...USERS,
        "002_numeric_ids": ["SET lock_timeout = '5s';\nALTER TABLE users ALTER COLUMN id TYPE numeric;\n", "ALTER TABLE users ALTER COLUMN id TYPE bigint;\n"],
      }),
    },
    {
      name: "rewriting a table the same migration creates copies no one's rows",
      files: golangMigrate({
        ...USERS,
        "002_events": ["CREATE TABLE events (id integer, at timestamp);\nDO $$ BEGIN EXECUTE format('ALTER TABLE %I ALTER COLUMN id TYPE bigint', 'events'); END $$;\n", "DROP TABLE events;\n"],
      }),
    },
  ],
});
