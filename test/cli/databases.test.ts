/**
 * The README's "Databases" section through the command line: a Rails app whose config/database.yml says mysql2
 * gets MySQL's findings and no PostgreSQL advice, `--verbose` says why, and a raw-SQL MySQL folder is read with
 * MySQL's grammar.
 */
import { join } from "node:path";
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-db-");

const RAILS = `class AddOrderKey < ActiveRecord::Migration[7.1]
  def change
    add_index :orders, :customer_id
    add_foreign_key :line_items, :orders
  end
end
`;

const DJANGO_INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Talk", fields=[("id", models.AutoField(primary_key=True)), ("slug", models.CharField(max_length=50))]),
    ]
`;

const DJANGO_ADD_INDEX = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("dojo", "0001_initial")]
    operations = [
        migrations.AddIndex(model_name="talk", index=models.Index(fields=["slug"], name="dojo_talk_slug_idx")),
    ]
`;

describe("the database of each migrations folder", () => {
  it("Rails on mysql2: MySQL's findings and fixes, never PostgreSQL's; --verbose names config/database.yml", async () => {
    const root = repo({ "config/database.yml": "default: &default\n  adapter: mysql2\nproduction:\n  <<: *default\n", "db/migrate/20240101000000_add_order_key.rb": RAILS });
    const result = await run(["lint", "--format", "json", "db/migrate"], { cwd: root });
    const { findings } = JSON.parse(result.output) as { findings: Array<{ rule: string; line: number; fix: string; message: string }> };
    expect(findings.map((f) => [f.rule, f.line])).toEqual([["mysql-table-copy", 4]]);
    expect(findings[0].fix).toContain('execute "SET foreign_key_checks = 0"');
    expect(findings.map((f) => f.message + f.fix).join("\n")).not.toMatch(/concurrently|NOT VALID|lock_timeout\b/i);
    const verbose = await run(["lint", "--verbose", "db/migrate"], { cwd: root });
    expect(verbose.output).toContain("database: db/migrate: MySQL (config/database.yml (production adapter mysql2))");
  });

  it("the same migration on PostgreSQL gets PostgreSQL's advice, and --verbose says it was assumed", async () => {
    const root = repo({ "db/migrate/20240101000000_add_order_key.rb": RAILS });
    const result = await run(["lint", "--verbose", "db/migrate"], { cwd: root });
    expect(result.output).toContain("index-without-concurrently");
    expect(result.output).not.toContain("mysql-table-copy");
    expect(result.output).toMatch(/database: db\/migrate: PostgreSQL \(assumed PostgreSQL: nothing in the repository names the database .*set `database:`/);
  });

  it("Django: the unit tests' settings naming SQLite do not decide over the production settings naming PostgreSQL", async () => {
    const root = repo({
      "dojo/settings/settings.dist.py": 'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "dojo"}}\n',
      "dojo/settings/unittests.py": 'DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "unittest.sqlite"}}\n',
      "dojo/migrations/__init__.py": "",
      "dojo/migrations/0001_initial.py": DJANGO_INITIAL,
      "dojo/migrations/0002_talk_slug_idx.py": DJANGO_ADD_INDEX,
    });
    const result = await run(["lint", "--format", "json", "dojo/migrations"], { cwd: root });
    const { findings } = JSON.parse(result.output) as { findings: Array<{ rule: string; line: number; fix: string }> };
    expect(findings.find((f) => f.rule === "index-without-concurrently")).toMatchObject({ line: 7 });
    expect(findings.find((f) => f.rule === "index-without-concurrently")!.fix).not.toContain("OnPostgreSQL");
    const verbose = await run(["lint", "--verbose", "dojo/migrations"], { cwd: root });
    expect(verbose.output).toContain(
      'database: dojo/migrations: PostgreSQL (dojo/settings/settings.dist.py (DATABASES["default"]["ENGINE"] is django.db.backends.postgresql); dojo/settings/unittests.py (DATABASES["default"]["ENGINE"] is django.db.backends.sqlite3) is a settings module for tests, not production)',
    );
    expect(verbose.output).not.toContain("also runs on SQLite");
  });

  it("raw SQL in a golang-migrate folder: backticks make it MySQL; CONVERT TO CHARACTER SET and a type change copy the table", async () => {
    const root = repo({
      "migrations/000002_utf8mb4.up.sql": "ALTER TABLE `users` CONVERT TO CHARACTER SET utf8mb4;\nALTER TABLE `users` MODIFY `bio` text;\n",
      "migrations/000002_utf8mb4.down.sql": "ALTER TABLE `users` CONVERT TO CHARACTER SET utf8;\n",
    });
    const result = await run(["lint", "--format", "json", "migrations"], { cwd: root });
    const { findings } = JSON.parse(result.output) as { findings: Array<{ rule: string; line: number; severity: string; fix: string }> };
    expect(findings.filter((f) => f.rule === "mysql-table-copy").map((f) => [f.line, f.severity])).toEqual([
      [1, "error"],
      [2, "warning"],
    ]);
    expect(findings.find((f) => f.rule === "mysql-table-copy")!.fix).toContain('--alter="CONVERT TO CHARACTER SET utf8mb4"');
    expect(findings.map((f) => f.rule)).toContain("mysql-lock-wait-timeout");
    expect(findings.map((f) => f.rule)).not.toContain("syntax-error");
  });
});

describe("a MySQL version written with two numbers", () => {
  // `database_version: "5.7"` and `image: mysql:5.7` are how people write it; the grammar needs major.minor.patch
  it.each([
    ["the configuration", { ".github/migguard.yml": 'database: mysql\ndatabase_version: "5.7"\n' }],
    ["docker-compose's image", { "docker-compose.yml": "services:\n  db:\n    image: mysql:5.7\n" }],
  ])("from %s: valid MySQL is read, not called a syntax error", async (_, files: Record<string, string>) => {
    const root = repo({
      ...files,
      "db/migrations/000001_create_items.up.sql": "CREATE TABLE items (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, created datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6));\n",
      "db/migrations/000001_create_items.down.sql": "DROP TABLE items;\n",
    });
    const result = await run(["lint", "--format", "json", "--verbose", "db/migrations"], { cwd: root });
    const { findings } = JSON.parse(result.output.slice(result.output.indexOf("{"))) as { findings: Array<{ rule: string }> };
    expect(findings.map((f) => f.rule)).not.toContain("syntax-error");
  });
});
