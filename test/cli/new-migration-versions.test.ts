/**
 * Several fixes of one migration that each write a new migration file, through `migguard lint` (README: fixes):
 * each is numbered after the files of the fixes before it, so all of them applied together run (govuk-chat
 * c655abc85b: twelve NOT NULL fixes all wrote 20260326123211_..., which Rails refuses as a duplicate version).
 * Rails: the next versions; Django and Alembic: the next numbers, each fix running alone (its first file depends on
 * the newest migration the repository holds, never on another fix's new one), saying in a comment what to depend on
 * when the fix before it is applied too (one leaf node / one head).
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-new-migration-versions-");

type Finding = { rule: string; line: number; fix: string };
const lint = async (cwd: string, folder: string) =>
  (JSON.parse((await run(["lint", "--format", "json", folder], { cwd })).output) as { findings: Finding[] }).findings.filter((f) => f.rule === "set-not-null").sort((a, b) => a.line - b.line);
/** the paths of the new files a fix writes */
const newFiles = (fix: string) => [...fix.matchAll(/then a new migration, (\S+):/g)].map((m) => m[1]);

describe("new migration files of several fixes of one migration", () => {
  it("Rails: each fix's new file gets its own version after the newest migration", async () => {
    const findings = await lint(
      repo({
        "db/migrate/20240101000000_create_things.rb": "class CreateThings < ActiveRecord::Migration[7.1]\n  def change\n    create_table :posts do |t|\n      t.string :title\n    end\n    create_table :comments do |t|\n      t.string :body\n    end\n  end\nend\n",
        "db/migrate/20240201000000_not_null.rb": "class NotNull < ActiveRecord::Migration[7.1]\n  def change\n    change_column_null :posts, :title, false\n    change_column_null :comments, :body, false\n  end\nend\n",
      }),
      "db/migrate",
    );
    expect(findings.map((f) => newFiles(f.fix))).toEqual([["db/migrate/20240201000001_validate_posts_title_not_null.rb"], ["db/migrate/20240201000002_validate_comments_body_not_null.rb"]]);
  });

  it("Django: the second fix's files are numbered after the first's and depend on what the repository holds, saying what to depend on with the first applied", async () => {
    const findings = await lint(
      repo({
        "shop/__init__.py": "",
        "shop/migrations/__init__.py": "",
        "shop/migrations/0001_initial.py":
          'from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n\n    dependencies = []\n\n    operations = [\n        migrations.CreateModel(\n            name="Order",\n            fields=[\n                ("id", models.AutoField(primary_key=True)),\n                ("note", models.TextField(null=True)),\n                ("code", models.TextField(null=True)),\n            ],\n        ),\n    ]\n',
        "shop/migrations/0002_not_null.py":
          'from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("shop", "0001_initial")]\n\n    operations = [\n        migrations.AlterField(model_name="order", name="note", field=models.TextField(default="")),\n        migrations.AlterField(model_name="order", name="code", field=models.TextField(default="")),\n    ]\n',
      }),
      "shop/migrations",
    );
    const [first, second] = findings.map((f) => newFiles(f.fix));
    expect(first).toEqual(["shop/migrations/0003_fill_shop_order_note.py", "shop/migrations/0004_validate_shop_order_note_not_null.py"]);
    expect(second).toEqual(["shop/migrations/0005_fill_shop_order_code.py", "shop/migrations/0006_validate_shop_order_code_not_null.py"]);
    // each fix runs alone: its first new migration depends on the newest one the repository holds
    expect(findings[1].fix).toContain(
      '    # if you also apply the fix of shop/migrations/0002_not_null.py that adds shop/migrations/0004_validate_shop_order_note_not_null.py: dependencies = [("shop", "0004_validate_shop_order_note_not_null")] instead (one leaf node: with two, migrate refuses)\n    dependencies = [("shop", "0002_not_null")]',
    );
    expect(findings[0].fix).toContain('dependencies = [("shop", "0002_not_null")]');
    expect(findings[0].fix).not.toContain("if you also apply");
  });

  it("Alembic: the second fix's revision follows the repository's head, saying what to follow with the first applied", async () => {
    const revision = (id: string, down: string, body: string) =>
      `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${down}\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n${body}\n\n\ndef downgrade():\n    pass\n`;
    const findings = await lint(
      repo({
        "migrations/versions/a1_create.py": revision("a1", "None", '    op.create_table("posts", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("title", sa.Text()), sa.Column("body", sa.Text()))'),
        "migrations/versions/b2_not_null.py": revision("b2", '"a1"', '    op.alter_column("posts", "title", nullable=False)\n    op.alter_column("posts", "body", nullable=False)'),
      }),
      "migrations/versions",
    );
    expect(findings).toHaveLength(2);
    const downRevisions = (fix: string) => [...fix.matchAll(/^down_revision = "(\w+)"$/gm)].map((m) => m[1]);
    const firstIds = [...findings[0].fix.matchAll(/^NEW_REVISION_ID = "(\w+)"$/gm)].map((m) => m[1]);
    expect(firstIds).toHaveLength(1);
    // alone, each fix's new revision follows b2, the head the repository holds: never the other fix's new one
    expect(downRevisions(findings[0].fix)).toEqual(["b2"]);
    expect(downRevisions(findings[1].fix)).toEqual(["b2"]);
    expect(findings[1].fix).toContain(`# if you also apply the fix of migrations/versions/b2_not_null.py that adds ${newFiles(findings[0].fix)[0]}: down_revision = "${firstIds[0]}" instead (one head: with two, \`alembic upgrade head\` refuses)\ndown_revision = "b2"`);
  });
});
