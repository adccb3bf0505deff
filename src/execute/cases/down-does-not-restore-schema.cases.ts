import { defineExecutionCases } from "./execution-case.js";
import { golangMigrate, USERS } from "./folders.js";

const railsUsers = 'class CreateUsers < ActiveRecord::Migration[7.1]\n  def up\n    execute "CREATE TABLE users (id bigserial PRIMARY KEY, email text)"\n  end\n\n  def down\n    execute "DROP TABLE users"\n  end\nend\n';

export default defineExecutionCases({
  invalid: [
    {
      name: "the down forgets the index the up creates",
      files: golangMigrate({
        ...USERS,
        "002_notes": [
          "CREATE TABLE notes (\n  id bigserial PRIMARY KEY,\n  user_id bigint REFERENCES users (id),\n  body text\n);\nCREATE INDEX users_email_idx ON users (email);\n",
          "DROP TABLE notes;\n",
        ],
      }),
      path: "db/migrations/002_notes.down.sql",
      lines: [1],
    },
    {
      name: "the down drops the column but leaves the enum type it used",
      files: golangMigrate({
        ...USERS,
        "002_moods": ["CREATE TYPE mood AS ENUM ('happy', 'sad');\nALTER TABLE users ADD COLUMN mood mood;\n", "ALTER TABLE users DROP COLUMN mood;\n"],
      }),
      path: "db/migrations/002_moods.down.sql",
      lines: [1],
    },
    {
      name: "the down does not give a widened column its old type back",
      files: golangMigrate({
        ...USERS,
        "002_names": ["ALTER TABLE users ALTER COLUMN name TYPE varchar(100);\nALTER TABLE users ADD COLUMN nickname text;\n", "ALTER TABLE users DROP COLUMN nickname;\n"],
      }),
      path: "db/migrations/002_names.down.sql",
      lines: [1],
    },
    {
      name: "a Rails migration written in SQL whose down forgets the index",
      files: {
        "db/migrate/20240101000000_create_users.rb": railsUsers,
        "db/migrate/20240102000000_add_email_index.rb":
          'class AddEmailIndex < ActiveRecord::Migration[7.1]\n  def up\n    execute "CREATE INDEX users_email_idx ON users (email)"\n    execute "ALTER TABLE users ADD COLUMN name text"\n  end\n\n  def down\n    execute "ALTER TABLE users DROP COLUMN name"\n  end\nend\n',
      },
      lines: [8],
    },
    {
      name: "a Django RunSQL whose reverse_sql forgets the index",
      files: {
        "app/migrations/0001_initial.py":
          'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    operations = [\n        migrations.RunSQL("CREATE TABLE things (id serial PRIMARY KEY, name text)", reverse_sql="DROP TABLE things"),\n    ]\n',
        "app/migrations/0002_things_slug.py":
          'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("app", "0001_initial")]\n    operations = [\n        migrations.RunSQL(\n            ["ALTER TABLE things ADD COLUMN slug text", "CREATE INDEX things_name_idx ON things (name)"],\n            reverse_sql=["ALTER TABLE things DROP COLUMN slug"],\n        ),\n    ]\n',
      },
      lines: [9],
    },
  ],
  valid: [
    {
      name: "the down drops what the up created, in reverse order",
      files: golangMigrate({
        ...USERS,
        "002_moods": [
          "CREATE TYPE mood AS ENUM ('happy', 'sad');\nALTER TABLE users ADD COLUMN mood mood;\nCREATE INDEX users_mood_idx ON users (mood);\n",
          "DROP INDEX users_mood_idx;\nALTER TABLE users DROP COLUMN mood;\nDROP TYPE mood;\n",
        ],
      }),
    },
    {
      name: "the down restores a function's previous body (its layout and comments may differ)",
      files: golangMigrate({
        "001_greeting": ["CREATE FUNCTION greeting() RETURNS text LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN 'hi'; -- short\nEND\n$$;\n", "DROP FUNCTION greeting();\n"],
        "002_greeting": [
          "CREATE OR REPLACE FUNCTION greeting() RETURNS text LANGUAGE plpgsql AS $$ BEGIN RETURN 'hello'; END $$;\n",
          "CREATE OR REPLACE FUNCTION greeting() RETURNS text LANGUAGE plpgsql AS $$\n    BEGIN\n        RETURN 'hi';\n    END\n$$;\n",
        ],
      }),
    },
    {
      name: "a Django RunSQL whose reverse_sql undoes it",
      files: {
        "app/migrations/0001_initial.py":
          'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    operations = [\n        migrations.RunSQL("CREATE TABLE things (id serial PRIMARY KEY, name text)", reverse_sql="DROP TABLE things"),\n    ]\n',
        "app/migrations/0002_things_name_idx.py":
          'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("app", "0001_initial")]\n    operations = [\n        migrations.RunSQL("CREATE INDEX things_name_idx ON things (name)", reverse_sql="DROP INDEX things_name_idx"),\n    ]\n',
      },
    },
    {
      name: "a golang-migrate up without a down: there is nothing to run back (missing-down reports it)",
      files: golangMigrate({ ...USERS, "002_email_idx": ["CREATE INDEX users_email_idx ON users (email);\n"] }),
    },
    {
      name: "a Rails migration in Ruby's own DSL is not run, since Ruby never runs (empty-down reports this one statically)",
      files: {
        "db/migrate/20240101000000_create_users.rb": railsUsers,
        "db/migrate/20240102000000_add_email_index.rb": "class AddEmailIndex < ActiveRecord::Migration[7.1]\n  def up\n    add_index :users, :email\n  end\n\n  def down\n  end\nend\n",
      },
    },
  ],
});
