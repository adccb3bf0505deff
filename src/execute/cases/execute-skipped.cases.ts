import { defineExecutionCases } from "./execution-case.js";
import { golangMigrate, USERS } from "./folders.js";

export default defineExecutionCases({
  invalid: [
    {
      name: "an earlier migration needs an extension the test database lacks",
      files: golangMigrate({
        "001_places": ["CREATE EXTENSION postgis;\nCREATE TABLE places (id bigint PRIMARY KEY, at geometry);\n", "DROP TABLE places;\nDROP EXTENSION postgis;\n"],
        "002_places_name": ["ALTER TABLE places ADD COLUMN name text;\n", "ALTER TABLE places DROP COLUMN name;\n"],
      }),
      lines: [1],
    },
    {
      name: "a column of a type made outside the migrations (PostGIS's geometry, installed by the platform)",
      files: golangMigrate({ ...USERS, "002_home": ["ALTER TABLE users ADD COLUMN home geometry;\n", "ALTER TABLE users DROP COLUMN home;\n"] }),
      lines: [1],
    },
    {
      name: "a grant to a role made outside the migrations",
      files: golangMigrate({ ...USERS, "002_reporting_grant": ["GRANT SELECT ON users TO reporting;\n", "REVOKE SELECT ON users FROM reporting;\n"] }),
      lines: [1],
    },
    {
      name: "reading a server file is refused before anything runs",
      files: golangMigrate({ ...USERS, "002_import_users": ["COPY users (email) FROM '/var/lib/import/users.csv';\n", "DELETE FROM users;\n"] }),
      lines: [1],
    },
    {
      name: "a Rails migration written in SQL after one in Ruby's DSL: the schema it expects cannot be built",
      files: {
        "db/migrate/20240101000000_create_users.rb": "class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users do |t|\n      t.string :email\n    end\n  end\nend\n",
        "db/migrate/20240102000000_add_email_index.rb":
          'class AddEmailIndex < ActiveRecord::Migration[7.1]\n  def up\n    execute "CREATE INDEX users_email_idx ON users (email)"\n  end\n\n  def down\n    execute "DROP INDEX users_email_idx"\n  end\nend\n',
      },
      lines: [1],
    },
    {
      name: "an Alembic migration written in SQL: migguard does not follow Alembic's revision graph",
      files: {
        "alembic/versions/a1b2c3_create_users.py":
          'from alembic import op\n\nrevision = "a1b2c3"\ndown_revision = None\n\n\ndef upgrade():\n    op.execute("CREATE TABLE users (id bigserial PRIMARY KEY, email text)")\n\n\ndef downgrade():\n    op.execute("DROP TABLE users")\n',
        "alembic/versions/d4e5f6_email_index.py":
          'from alembic import op\n\nrevision = "d4e5f6"\ndown_revision = "a1b2c3"\n\n\ndef upgrade():\n    op.execute("CREATE INDEX users_email_idx ON users (email)")\n\n\ndef downgrade():\n    op.execute("DROP INDEX users_email_idx")\n',
      },
      lines: [1],
    },
    {
      name: "a Django RunSQL after a migration in Django's own operations: the schema it expects cannot be built",
      files: {
        "app/migrations/0001_initial.py":
          'from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    operations = [\n        migrations.CreateModel("Thing", [("id", models.AutoField(primary_key=True)), ("name", models.TextField())]),\n    ]\n',
        "app/migrations/0002_thing_name_idx.py":
          'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("app", "0001_initial")]\n    operations = [\n        migrations.RunSQL("CREATE INDEX thing_name_idx ON app_thing (name)", reverse_sql="DROP INDEX thing_name_idx"),\n    ]\n',
      },
      lines: [1],
    },
  ],
  valid: [
    {
      name: "an extension the test database has (its PGlite loads citext, hstore, pg_trgm, pgcrypto, uuid-ossp and other contrib extensions)",
      files: golangMigrate({
        "001_people": ["CREATE EXTENSION citext;\nCREATE TABLE people (id bigint PRIMARY KEY, email citext);\n", "DROP TABLE people;\nDROP EXTENSION citext;\n"],
        "002_people_email_idx": ["CREATE INDEX people_email_idx ON people (email);\n", "DROP INDEX people_email_idx;\n"],
      }),
    },
    {
      name: "a role the migration creates itself",
      files: golangMigrate({
        ...USERS,
        "002_reporting_role": ["CREATE ROLE reporting NOLOGIN;\nGRANT SELECT ON users TO reporting;\n", "REVOKE SELECT ON users FROM reporting;\nDROP ROLE reporting;\n"],
      }),
    },
    {
      name: "a Rails migration in Ruby's DSL is not a candidate at all: nothing runs and nothing is said (the static rules check it)",
      files: {
        "db/migrate/20240101000000_create_users.rb": "class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users do |t|\n      t.string :email\n    end\n  end\nend\n",
        "db/migrate/20240102000000_add_phone.rb": "class AddPhone < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :phone, :string\n  end\nend\n",
      },
    },
  ],
});
