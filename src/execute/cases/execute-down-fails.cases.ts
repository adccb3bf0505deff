import { defineExecutionCases } from "./execution-case.js";
import { golangMigrate, USERS } from "./folders.js";

export default defineExecutionCases({
  invalid: [
    {
      name: "the down drops a table before the column that references it",
      files: golangMigrate({
        ...USERS,
        "002_teams": [
          "CREATE TABLE teams (id bigserial PRIMARY KEY);\nALTER TABLE users ADD COLUMN team_id bigint REFERENCES teams (id);\n",
          "DROP TABLE teams;\nALTER TABLE users DROP COLUMN team_id;\n",
        ],
      }),
      path: "db/migrations/002_teams.down.sql",
      lines: [1],
    },
    {
      name: "the down drops the index under another name",
      files: golangMigrate({ ...USERS, "002_email_idx": ["CREATE INDEX users_email_idx ON users (email);\n", "DROP INDEX users_email_index;\n"] }),
      path: "db/migrations/002_email_idx.down.sql",
      lines: [1],
    },
    {
      name: "a dbmate down section that drops a constraint under another name",
      files: {
        "db/migrations/20240101000000_users.sql": "-- migrate:up\nCREATE TABLE users (id bigserial PRIMARY KEY, age integer);\n\n-- migrate:down\nDROP TABLE users;\n",
        "db/migrations/20240102000000_age_check.sql":
          "-- migrate:up\nALTER TABLE users ADD CONSTRAINT users_age_positive CHECK (age > 0) NOT VALID;\n\n-- migrate:down\nALTER TABLE users DROP CONSTRAINT users_age_check;\n",
      },
      lines: [5],
    },
    {
      name: "a Django RunSQL whose reverse_sql drops a table before the column that references it",
      files: {
        "app/migrations/0001_initial.py":
          'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    operations = [\n        migrations.RunSQL("CREATE TABLE things (id serial PRIMARY KEY, name text)", reverse_sql="DROP TABLE things"),\n    ]\n',
        "app/migrations/0002_tags.py":
          'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("app", "0001_initial")]\n    operations = [\n        migrations.RunSQL(\n            ["CREATE TABLE tags (id serial PRIMARY KEY)", "ALTER TABLE things ADD COLUMN tag_id integer REFERENCES tags (id)"],\n            reverse_sql=["DROP TABLE tags", "ALTER TABLE things DROP COLUMN tag_id"],\n        ),\n    ]\n',
      },
      lines: [9],
    },
    {
      name: "a Rails migration written in SQL whose down drops a table before the column that references it",
      files: {
        "db/migrate/20240101000000_create_users.rb":
          'class CreateUsers < ActiveRecord::Migration[7.1]\n  def up\n    execute "CREATE TABLE users (id bigserial PRIMARY KEY, email text)"\n  end\n\n  def down\n    execute "DROP TABLE users"\n  end\nend\n',
        "db/migrate/20240102000000_create_teams.rb":
          'class CreateTeams < ActiveRecord::Migration[7.1]\n  def up\n    execute "CREATE TABLE teams (id bigserial PRIMARY KEY)"\n    execute "ALTER TABLE users ADD COLUMN team_id bigint REFERENCES teams (id)"\n  end\n\n  def down\n    execute "DROP TABLE teams"\n    execute "ALTER TABLE users DROP COLUMN team_id"\n  end\nend\n',
      },
      lines: [8],
    },
  ],
  valid: [
    {
      name: "the down undoes the up in reverse order",
      files: golangMigrate({
        ...USERS,
        "002_teams": [
          "CREATE TABLE teams (id bigserial PRIMARY KEY);\nALTER TABLE users ADD COLUMN team_id bigint REFERENCES teams (id);\n",
          "ALTER TABLE users DROP COLUMN team_id;\nDROP TABLE teams;\n",
        ],
      }),
    },
    {
      name: "IF EXISTS hides a wrong name from PostgreSQL (down-does-not-restore-schema reports the index it leaves)",
      files: golangMigrate({ ...USERS, "002_email_idx": ["CREATE INDEX users_email_idx ON users (email);\n", "DROP INDEX IF EXISTS users_email_index;\n"] }),
    },
    {
      name: "the up fails first: its down is never run (execute-up-fails reports the up)",
      files: golangMigrate({ ...USERS, "002_email": ["ALTER TABLE users ADD COLUMN email text;\n", "ALTER TABLE users DROP COLUMN emial;\n"] }),
    },
  ],
});
