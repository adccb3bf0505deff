import { defineExecutionCases } from "./execution-case.js";
import { golangMigrate, USERS } from "./folders.js";

const djangoThings =
  'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    operations = [\n        migrations.RunSQL("CREATE TABLE things (id serial PRIMARY KEY, name text)", reverse_sql="DROP TABLE things"),\n    ]\n';

export default defineExecutionCases({
  invalid: [
    {
      name: "a misspelt column in a backfill, reported on the line PostgreSQL's error points at",
      files: golangMigrate({
        ...USERS,
        "002_age": ["ALTER TABLE users ADD COLUMN age integer;\n\nUPDATE users\n   SET age = 0\n WHERE emial IS NOT NULL;\n", "ALTER TABLE users DROP COLUMN age;\n"],
      }),
      lines: [5],
    },
    {
      name: "a misspelt built-in type: a typo, not a type the test database lacks",
      files: golangMigrate({ ...USERS, "002_age": ["ALTER TABLE users ADD COLUMN age intger;\n", "ALTER TABLE users DROP COLUMN age;\n"] }),
      lines: [1],
    },
    {
      name: "a foreign key whose type does not match the key it references",
      files: golangMigrate({
        "001_teams": ["CREATE TABLE teams (id uuid PRIMARY KEY);\nCREATE TABLE users (id bigserial PRIMARY KEY);\n", "DROP TABLE users;\nDROP TABLE teams;\n"],
        "002_team_id": ["ALTER TABLE users ADD COLUMN team_id bigint REFERENCES teams (id);\n", "ALTER TABLE users DROP COLUMN team_id;\n"],
      }),
      lines: [1],
    },
    {
      name: "CREATE INDEX CONCURRENTLY beside another statement, so golang-migrate runs it in a transaction",
      files: golangMigrate({
        ...USERS,
        "002_email_idx": ["SET lock_timeout = '5s';\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n", "DROP INDEX CONCURRENTLY users_email_idx;\n"],
      }),
      lines: [2],
    },
    {
      name: "a Django RunSQL with CREATE INDEX CONCURRENTLY in an atomic migration",
      files: {
        "app/migrations/0001_initial.py": djangoThings,
        "app/migrations/0002_things_name_idx.py":
          'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("app", "0001_initial")]\n    operations = [\n        migrations.RunSQL("CREATE INDEX CONCURRENTLY things_name_idx ON things (name)", reverse_sql="DROP INDEX things_name_idx"),\n    ]\n',
      },
      lines: [7],
    },
    {
      name: "a Rails execute of CREATE INDEX CONCURRENTLY without disable_ddl_transaction!",
      files: {
        "db/migrate/20240101000000_create_users.rb":
          'class CreateUsers < ActiveRecord::Migration[7.1]\n  def up\n    execute "CREATE TABLE users (id bigserial PRIMARY KEY, email text)"\n  end\n\n  def down\n    execute "DROP TABLE users"\n  end\nend\n',
        "db/migrate/20240102000000_add_email_index.rb":
          'class AddEmailIndex < ActiveRecord::Migration[7.1]\n  def up\n    execute "CREATE INDEX CONCURRENTLY users_email_idx ON users (email)"\n  end\n\n  def down\n    execute "DROP INDEX CONCURRENTLY users_email_idx"\n  end\nend\n',
      },
      lines: [3],
    },
  ],
  valid: [
    {
      name: "the same Django migration with atomic = False",
      files: {
        "app/migrations/0001_initial.py": djangoThings,
        "app/migrations/0002_things_name_idx.py":
          'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    atomic = False\n    dependencies = [("app", "0001_initial")]\n    operations = [\n        migrations.RunSQL("CREATE INDEX CONCURRENTLY things_name_idx ON things (name)", reverse_sql="DROP INDEX things_name_idx"),\n    ]\n',
      },
    },
    {
      name: "the same backfill with the column spelt right",
      files: golangMigrate({
        ...USERS,
        "002_age": ["ALTER TABLE users ADD COLUMN age integer;\n\nUPDATE users\n   SET age = 0\n WHERE email IS NOT NULL;\n", "ALTER TABLE users DROP COLUMN age;\n"],
      }),
    },
    {
      name: "CREATE INDEX CONCURRENTLY alone in its file, which golang-migrate runs outside a transaction",
      files: golangMigrate({ ...USERS, "002_email_idx": ["CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n", "DROP INDEX CONCURRENTLY users_email_idx;\n"] }),
    },
    {
      name: "a schema no migration of the folder creates is the test database's lack, not the migration's fault (execute-skipped says so)",
      files: golangMigrate({ ...USERS, "002_sessions": ["GRANT SELECT ON auth.sessions TO PUBLIC;\n", "REVOKE SELECT ON auth.sessions FROM PUBLIC;\n"] }),
    },
    {
      name: "a dbmate migration whose up section turns the transaction off for CREATE INDEX CONCURRENTLY",
      files: {
        "db/migrations/20240101000000_users.sql": "-- migrate:up\nCREATE TABLE users (id bigserial PRIMARY KEY, email text);\n\n-- migrate:down\nDROP TABLE users;\n",
        "db/migrations/20240102000000_email_idx.sql":
          "-- migrate:up transaction:false\nSET lock_timeout = '5s';\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n\n-- migrate:down\nDROP INDEX users_email_idx;\n",
      },
    },
  ],
});
