import { defineExecutionCases } from "./execution-case.js";
import { golangMigrate, USERS } from "./folders.js";

const ROLES = { "001_roles": ["CREATE TABLE roles (\n  id serial PRIMARY KEY,\n  name text NOT NULL UNIQUE\n);\n", "DROP TABLE roles;\n"] } as const;

export default defineExecutionCases({
  invalid: [
    {
      name: "the down leaves the index behind, so CREATE INDEX fails the second time",
      files: golangMigrate({
        ...USERS,
        "002_email": ["ALTER TABLE users ADD COLUMN verified boolean;\nCREATE INDEX users_email_idx ON users (email);\n", "ALTER TABLE users DROP COLUMN verified;\n"],
      }),
      lines: [2],
    },
    {
      name: "seed data the down does not delete hits the unique key the second time (the schema alone looks restored)",
      files: golangMigrate({ ...ROLES, "002_admin_role": ["INSERT INTO roles (name) VALUES ('admin');\n", "DELETE FROM roles WHERE name = 'administrator';\n"] }),
      lines: [1],
    },
    {
      name: "a Rails migration written in SQL whose down leaves the enum type behind",
      files: {
        "db/migrate/20240101000000_create_users.rb":
          'class CreateUsers < ActiveRecord::Migration[7.1]\n  def up\n    execute "CREATE TABLE users (id bigserial PRIMARY KEY, email text)"\n  end\n\n  def down\n    execute "DROP TABLE users"\n  end\nend\n',
        "db/migrate/20240102000000_add_mood.rb":
          'class AddMood < ActiveRecord::Migration[7.1]\n  def up\n    execute "CREATE TYPE mood AS ENUM (\'happy\', \'sad\')"\n    execute "ALTER TABLE users ADD COLUMN mood mood"\n  end\n\n  def down\n    execute "ALTER TABLE users DROP COLUMN mood"\n  end\nend\n',
      },
      lines: [3],
    },
    {
      name: "a Django RunSQL seeding a row its reverse_sql does not delete",
      files: {
        "app/migrations/0001_initial.py":
          'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    operations = [\n        migrations.RunSQL("CREATE TABLE app_role (id serial PRIMARY KEY, name text NOT NULL UNIQUE)", reverse_sql="DROP TABLE app_role"),\n    ]\n',
        "app/migrations/0002_admin_role.py":
          'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("app", "0001_initial")]\n    operations = [\n        migrations.RunSQL("INSERT INTO app_role (name) VALUES (\'admin\')", reverse_sql="DELETE FROM app_role WHERE name = \'Admin\'"),\n    ]\n',
      },
      lines: [7],
    },
  ],
  valid: [
    {
      name: "the down deletes the seed data the up inserts",
      files: golangMigrate({ ...ROLES, "002_admin_role": ["INSERT INTO roles (name) VALUES ('admin');\n", "DELETE FROM roles WHERE name = 'admin';\n"] }),
    },
    {
      name: "seed data inserted with ON CONFLICT DO NOTHING",
      files: golangMigrate({ ...ROLES, "002_admin_role": ["INSERT INTO roles (name) VALUES ('admin') ON CONFLICT (name) DO NOTHING;\n", "DELETE FROM roles WHERE name = 'admin';\n"] }),
    },
    {
      name: "CREATE INDEX IF NOT EXISTS runs again although the down forgets the index (down-does-not-restore-schema reports that)",
      files: golangMigrate({ ...USERS, "002_email_idx": ["CREATE INDEX IF NOT EXISTS users_email_idx ON users (email);\n", "SELECT 1;\n"] }),
    },
  ],
});
