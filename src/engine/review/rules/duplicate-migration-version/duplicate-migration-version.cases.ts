import { defineReviewCases } from "../../review-rule.js";

export default defineReviewCases({
  invalid: [
    {
      name: "two branches picked the same number",
      base: { "db/migrations/004_a.up.sql": "CREATE TABLE a (id bigint);\n" },
      head: { "db/migrations/004_b.up.sql": "CREATE TABLE b (id bigint);\n" },
      findings: [{ path: "db/migrations/004_b.up.sql", line: 1 }],
    },
    {
      name: "Flyway: 1.1 and 1_1 are the same version",
      base: { "db/migration/V1.1__a.sql": "CREATE TABLE a (id bigint);\n" },
      head: { "db/migration/V1_1__b.sql": "CREATE TABLE b (id bigint);\n" },
      findings: [{ path: "db/migration/V1_1__b.sql", line: 1 }],
    },
    {
      name: "two new migrations of one change share a version",
      base: {},
      head: {
        "db/migrate/20240101000000_a.rb": "class A < ActiveRecord::Migration[7.1]\n  def change\n    create_table :a\n  end\nend\n",
        "db/migrate/20240101000000_b.rb": "class B < ActiveRecord::Migration[7.1]\n  def change\n    create_table :b\n  end\nend\n",
      },
      findings: [{ path: "db/migrate/20240101000000_b.rb", line: 1 }],
    },
    {
      name: "Rails: a post-deployment migration reusing a db/migrate version (Rails refuses duplicate versions across its paths)",
      base: { "db/migrate/20240101000000_a.rb": "class A < ActiveRecord::Migration[7.1]\n  def change\n    create_table :a\n  end\nend\n" },
      head: { "db/post_migrate/20240101000000_b.rb": "class B < ActiveRecord::Migration[7.1]\n  def change\n    create_table :b\n  end\nend\n" },
      findings: [{ path: "db/post_migrate/20240101000000_b.rb", line: 1 }],
    },
    {
      name: "pop: two migrations of one version, each with its MySQL variant (each database would run two files of one version)",
      base: { "persistence/sql/migrations/20240101000000000000_a.up.sql": "CREATE TABLE a (id bigint);\n", "persistence/sql/migrations/20240101000000000000_a.mysql.up.sql": "CREATE TABLE a (id bigint);\n" },
      head: { "persistence/sql/migrations/20240101000000000000_b.up.sql": "CREATE TABLE b (id bigint);\n", "persistence/sql/migrations/20240101000000000000_b.mysql.up.sql": "CREATE TABLE b (id bigint);\n" },
      findings: [
        { path: "persistence/sql/migrations/20240101000000000000_b.mysql.up.sql", line: 1, message: "gobuffalo/pop records one schema_migration row per version" },
        { path: "persistence/sql/migrations/20240101000000000000_b.up.sql", line: 1 },
      ],
    },
  ],
  valid: [
    {
      name: "pop/popx: one version's files for each database (.postgres, .mysql, .sqlite3, .cockroach, the rest's fallback, .autocommit) are variants of one migration",
      base: { "persistence/sql/migrations/20230101000000000000_a.up.sql": "CREATE TABLE a (id bigint);\n" },
      head: {
        "persistence/sql/migrations/20240101000000000000_idx.postgres.autocommit.up.sql": "CREATE INDEX CONCURRENTLY IF NOT EXISTS a_id_idx ON a (id);\n",
        "persistence/sql/migrations/20240101000000000000_idx.mysql.up.sql": "CREATE INDEX a_id_idx ON a (id);\n",
        "persistence/sql/migrations/20240101000000000000_idx.sqlite3.up.sql": "CREATE INDEX a_id_idx ON a (id);\n",
        "persistence/sql/migrations/20240101000000000000_idx.cockroach.up.sql": "CREATE INDEX a_id_idx ON a (id);\n",
        "persistence/sql/migrations/20240101000000000000_idx.autocommit.up.sql": "CREATE INDEX a_id_idx ON a (id);\n",
      },
    },
    {
      name: "Django: the sqlmigrate copies kept beside a migration module (0002_x.sql, 0002_x_customers.sql) are no migrations: Django runs the module only",
      base: {
        "cl/api/migrations/__init__.py": "",
        "cl/api/migrations/0001_initial.py": "from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n    operations = []\n",
      },
      head: {
        "cl/api/migrations/0002_add_throttle.py":
          'from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("api", "0001_initial")]\n    operations = [\n        migrations.CreateModel(name="Throttle", fields=[("id", models.AutoField(primary_key=True))]),\n    ]\n',
        "cl/api/migrations/0002_add_throttle.sql": 'BEGIN;\nCREATE TABLE "api_throttle" ("id" serial NOT NULL PRIMARY KEY);\nCOMMIT;\n',
        "cl/api/migrations/0002_add_throttle_customers.sql": 'BEGIN;\nCREATE TABLE "api_throttle" ("id" serial NOT NULL PRIMARY KEY);\nCOMMIT;\n',
      },
    },
    {
      name: "diesel: migrations of one day differ by the rest of their timestamp (2025-08-01-000027 is 20250801000027)",
      base: { "migrations/2025-08-01-000026_a/up.sql": "CREATE TABLE a (id bigint);\n", "migrations/2025-08-01-000026_a/down.sql": "DROP TABLE a;\n" },
      head: { "migrations/2025-08-01-000027_b/up.sql": "CREATE TABLE b (id bigint);\n", "migrations/2025-08-01-000027_b/down.sql": "DROP TABLE b;\n" },
    },
    {
      name: "an up and its down share their version",
      base: { "db/migrations/004_a.up.sql": "CREATE TABLE a (id bigint);\n" },
      head: { "db/migrations/005_b.up.sql": "CREATE TABLE b (id bigint);\n", "db/migrations/005_b.down.sql": "DROP TABLE b;\n" },
    },
    {
      name: "Flyway: a versioned migration and its undo",
      base: {},
      head: { "db/migration/V7__b.sql": "CREATE TABLE b (id bigint);\n", "db/migration/U7__b.sql": "DROP TABLE b;\n" },
    },
  ],
});
