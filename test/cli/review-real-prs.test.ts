/**
 * False alarms seen when real pull requests of mature projects (Mastodon, Saleor) were replayed through
 * `migguard review --base C^` (issue #19), each rebuilt in a small git repository and reviewed through the CLI.
 */
import { Repo } from "./support/git-repo.js";
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const railsMigration = (klass: string, body: string, preamble = "") =>
  `class ${klass} < ActiveRecord::Migration[7.1]\n${preamble}  def change\n    ${body}\n  end\nend\n`;
const schemaRb = (version: string, columns: string[] = ["email"]) =>
  `ActiveRecord::Schema[7.1].define(version: ${version}) do\n  create_table "users" do |t|\n${columns.map((c) => `    t.string "${c}"\n`).join("")}  end\nend\n`;

describe("db/post_migrate is a migration folder of the same database (Mastodon, GitLab)", () => {
  function mastodon(): Repo {
    const repo = featureBranchOn({
        "db/migrate/20240101000000_create_users.rb": railsMigration("CreateUsers", "create_table :users do |t|\n      t.string :email\n    end"),
        "db/post_migrate/20240102000000_backfill_users.rb": railsMigration("BackfillUsers", "add_index :users, :email, algorithm: :concurrently", "  disable_ddl_transaction!\n\n"),
        "db/schema.rb": schemaRb("2024_01_02_000000"),
      });
    return repo;
  }

  it("a schema.rb dumped at a post-deployment migration's version is up to date", async () => {
    const repo = mastodon();
    repo
      .write({
        "db/migrate/20240201000000_add_locale.rb": railsMigration("AddLocale", "add_column :users, :locale, :string"),
        "db/post_migrate/20240202000000_remove_email_index.rb": railsMigration("RemoveEmailIndex", "remove_index :users, :email, algorithm: :concurrently", "  disable_ddl_transaction!\n\n"),
        "db/schema.rb": schemaRb("2024_02_02_000000", ["email", "locale"]),
      })
      .commit("pr");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule.startsWith("schema-dump"))).toEqual([]);
  });

  it("schema.rb changing for a post-deployment migration alone is not a dump without migration", async () => {
    const repo = mastodon();
    repo
      .write({
        "db/post_migrate/20240202000000_add_locale.rb": railsMigration("AddLocale", "add_column :users, :locale, :string"),
        "db/schema.rb": schemaRb("2024_02_02_000000", ["email", "locale"]),
      })
      .commit("pr");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule.startsWith("schema-dump"))).toEqual([]);
  });

  it("a post-deployment migration without the dump is drift, and its version is ordered with db/migrate's", async () => {
    const repo = mastodon();
    repo.write({ "db/migrate/20240101120000_add_locale.rb": railsMigration("AddLocale", "add_column :users, :locale, :string") }).commit("pr");
    const { findings } = await reviewJson(repo);
    expect(findings.map((f) => f.rule).filter((r) => r.startsWith("schema-dump") || r === "migration-version-order").sort()).toEqual([
      "migration-version-order",
      "schema-dump-not-updated",
    ]);
    expect(findings.find((f) => f.rule === "migration-version-order")!.message).toContain("db/post_migrate/20240102000000_backfill_users.rb");
  });

  it("a migration whose version the base branch's structure.sql already records needs no dump update", async () => {
    const structure = (...versions: string[]) =>
      `CREATE TABLE public.users (id bigint, email text, locale text);\n\nINSERT INTO "schema_migrations" (version) VALUES\n${versions.map((v) => `('${v}')`).join(",\n")};\n\n`;
    const repo = featureBranchOn({
        "db/migrate/20240101000000_create_users.rb": railsMigration("CreateUsers", "create_table :users do |t|\n      t.string :email\n    end"),
        "db/structure.sql": structure("20240101000000", "20240201000000"),
      });
    repo.write({ "db/post_migrate/20240201000000_add_locale.rb": railsMigration("AddLocale", "add_column :users, :locale, :string") }).commit("pr");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule.startsWith("schema-dump"))).toEqual([]);
  });
});

describe("an edited merged migration is judged by what the edit changes", () => {
  const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    operations = [
        migrations.CreateModel(
            name="Product",
            fields=[("id", models.BigAutoField(primary_key=True)), ("description", models.TextField(blank=True)), ("plaintext", models.TextField(null=True))],
        ),
    ]
`;
  /** Saleor's 0138: a text column becomes JSON (a rewrite, long merged), cleaned by a sanitizer, then a RunPython backfill. */
  const toJson = (module: string, sanitizer: string, body = "product.plaintext = clean_editor_js(product.description, to_string=True)") => `from django.db import migrations

import shop.core.db.fields
import ${module}


def fill_plaintext(apps, schema_editor):
    Product = apps.get_model("product", "Product")
    for product in Product.objects.all():
        ${body}
        product.save(update_fields=["plaintext"])


class Migration(migrations.Migration):
    dependencies = [("product", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="product",
            name="description",
            field=shop.core.db.fields.SanitizedJSONField(blank=True, null=True, sanitizer=${module}.${sanitizer}),
        ),
        migrations.RunPython(fill_plaintext, migrations.RunPython.noop),
    ]
`;
  const path = "shop/product/migrations/0002_description_json.py";

  function saleor(): Repo {
    const repo = featureBranchOn({ "shop/product/migrations/0001_initial.py": initial, [path]: toJson("shop.core.utils.editorjs", "clean_editor_js"), "shop/product/migrations/__init__.py": "" });
    return repo;
  }

  it("a moved module (imports and a sanitizer function) is a note whose fix is not to revert, and its old operations are not linted again", async () => {
    const repo = saleor();
    repo.write({ [path]: toJson("shop.core.editorjs", "clean_editorjs") }).commit("move editorjs");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(0);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: "edited-migration", severity: "info", path, line: 4 });
    expect(findings[0].message).toContain("imports and options Django keeps in Python only (sanitizer), nothing the database sees");
    // after a module moved, `git checkout <base> -- file` would break every migrate with an ImportError
    expect(findings[0].fix).not.toContain("git checkout");
  });

  it("a RunPython function that computes something else is a behaviour change: a warning on the changed line", async () => {
    const repo = saleor();
    repo.write({ [path]: toJson("shop.core.utils.editorjs", "clean_editor_js", "product.plaintext = editorjs_to_text(product.description)") }).commit("new text");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(0);
    expect(findings).toEqual([expect.objectContaining({ rule: "edited-migration", severity: "warning", path, line: 10 })]);
    expect(findings[0].message).toContain("changes what its data code does");
    expect(findings[0].message).toContain("editorjs_to_text");
  });

  it("the same function reformatted is only a note", async () => {
    const repo = saleor();
    repo.write({ [path]: toJson("shop.core.utils.editorjs", "clean_editor_js", "product.plaintext = clean_editor_js(\n            product.description, to_string=True,  # keep plain text\n        )") }).commit("black");
    const { findings } = await reviewJson(repo);
    expect(findings).toEqual([expect.objectContaining({ rule: "edited-migration", severity: "info" })]);
    expect(findings[0].message).toContain("comments or formatting");
  });

  it("an edit that changes the schema is an error, and only the changed operation is linted again", async () => {
    const repo = saleor();
    const edited = toJson("shop.core.utils.editorjs", "clean_editor_js").replace(
      '        migrations.RunPython(fill_plaintext, migrations.RunPython.noop),',
      '        migrations.AlterField(model_name="product", name="plaintext", field=models.CharField(max_length=100, null=True)),\n        migrations.RunPython(fill_plaintext, migrations.RunPython.noop),',
    ).replace("from django.db import migrations\n", "from django.db import migrations, models\n");
    repo.write({ [path]: edited }).commit("narrow plaintext");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(1);
    const edit = findings.find((f) => f.rule === "edited-migration")!;
    expect(edit).toMatchObject({ severity: "error", line: 23 });
    // the long-merged text -> JSON rewrite on line 18 is not reported again; the new narrowing on line 23 is
    expect(findings.filter((f) => f.rule !== "edited-migration").every((f) => f.line === 23)).toBe(true);
    expect(findings.some((f) => f.rule !== "edited-migration")).toBe(true);
  });
});

describe("repairs, clean-ups and migrations outside a transaction (Mastodon)", () => {
  const migration = (klass: string, body: string, down = "  def down; end\n") =>
    `class ${klass} < ActiveRecord::Migration[8.1]\n  disable_ddl_transaction!\n\n  class Account < ApplicationRecord; end\n\n  def up\n${body}\n  end\n\n${down}end\n`;

  function mastodon(): Repo {
    const repo = featureBranchOn({
        "db/migrate/20260101000000_create_keypairs.rb": "class CreateKeypairs < ActiveRecord::Migration[8.1]\n  def change\n    create_table :keypairs do |t|\n      t.string :uri\n    end\n    add_index :keypairs, :uri, name: :index_keypairs_on_uri, unique: true\n  end\nend\n",
        "db/migrate/20260629124055_add_new_index_on_uri_to_keypairs.rb": migration(
          "AddNewIndexOnUriToKeypairs",
          "    add_index :keypairs, :uri, name: :index_keypairs_on_non_null_uri, unique: true, where: 'uri IS NOT NULL', algorithm: :concurrently",
          "  def down\n    remove_index :keypairs, name: :index_keypairs_on_non_null_uri\n  end\n",
        ),
        "db/schema.rb": schemaRb("2026_06_29_124055"),
      });
    return repo;
  }

  it("a deleted migration undone where it ran by a guarded repair with an empty down fails nothing", async () => {
    const repo = mastodon();
    repo
      .remove("db/migrate/20260629124055_add_new_index_on_uri_to_keypairs.rb")
      .write({
        "db/migrate/20260630070531_revert_add_new_index_on_uri_to_keypairs.rb": migration(
          "RevertAddNewIndexOnUriToKeypairs",
          "    return unless index_exists?(:keypairs, :uri, name: :index_keypairs_on_non_null_uri)\n\n    remove_index :keypairs, :uri, name: :index_keypairs_on_non_null_uri, algorithm: :concurrently",
        ),
        "db/schema.rb": schemaRb("2026_06_30_070531"),
      })
      .commit("revert");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(0);
    expect(findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(findings.find((f) => f.rule === "deleted-migration")!.message).toContain("db/migrate/20260630070531_revert_add_new_index_on_uri_to_keypairs.rb undoes what it did only where it ran");
    expect(findings.some((f) => f.rule === "empty-down")).toBe(false);
  });

  it("a clean-up that only deletes rows, with an explicit empty down, is a note", async () => {
    const repo = mastodon();
    repo
      .write({
        "db/post_migrate/20260720124731_clean_up_invalid_accounts.rb": migration("CleanUpInvalidAccounts", "    Account.where.not(domain: nil).where(uri: nil).in_batches.delete_all"),
        "db/schema.rb": schemaRb("2026_07_20_124731"),
      })
      .commit("clean up");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(0);
    expect(findings.find((f) => f.rule === "empty-down")).toMatchObject({ severity: "info" });
    expect(findings.find((f) => f.rule === "empty-down")!.message).toContain("only changes rows, not the schema");
  });

  it("deduplicating rows for a unique index outside the DDL transaction is a note that no lock is held across the data change", async () => {
    const repo = mastodon();
    repo
      .write({
        "db/post_migrate/20260720104058_add_unique_index_on_accounts_uri.rb": migration(
          "AddUniqueIndexOnAccountsUri",
          "    add_index :accounts, :uri, algorithm: :concurrently, unique: true\n  rescue ActiveRecord::RecordNotUnique\n    remove_index :accounts, name: :index_accounts_on_uri, algorithm: :concurrently\n    Account.where(uri: nil).delete_all\n    retry",
          "  def down\n    remove_index :accounts, name: :index_accounts_on_uri\n  end\n",
        ),
        "db/schema.rb": schemaRb("2026_07_20_104058"),
      })
      .commit("unique uri");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(0);
    const mixed = findings.find((f) => f.rule === "mixed-ddl-dml")!;
    expect(mixed.severity).toBe("info");
    expect(mixed.message).toContain("outside a transaction (disable_ddl_transaction!)");
    expect(mixed.message).toContain("no lock outlives its statement");
    expect(mixed.message).not.toContain("runs with the schema change's locks");
  });
});

describe("the last step of a two-step removal is a note (info) with a backup, not a data-loss error", () => {
  it("Django: a column that left the state in an earlier migration (SeparateDatabaseAndState) is dropped with RunSQL", async () => {
    const repo = featureBranchOn({
        "shop/site/__init__.py": "",
        "shop/site/models.py": "from django.db import models\n\n\nclass SiteSettings(models.Model):\n    name = models.CharField(max_length=100)\n",
        "shop/site/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    operations = [
        migrations.CreateModel(
            name="SiteSettings",
            fields=[("id", models.AutoField(primary_key=True)), ("name", models.CharField(max_length=100)), ("default_digital_max_downloads", models.IntegerField(null=True))],
        ),
    ]
`,
        "shop/site/migrations/0002_remove_digital_settings_from_state.py": `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("site", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.RemoveField(model_name="sitesettings", name="default_digital_max_downloads")],
            database_operations=[],
        ),
    ]
`,
      });
    repo
      .write({
        "shop/site/migrations/0003_drop_digital_settings.py": `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("site", "0002_remove_digital_settings_from_state")]

    operations = [
        migrations.RunSQL(
            sql="ALTER TABLE site_sitesettings DROP COLUMN default_digital_max_downloads;",
            reverse_sql="ALTER TABLE site_sitesettings ADD COLUMN default_digital_max_downloads integer;",
        ),
    ]
`,
      })
      .commit("drop");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(0);
    const drop = findings.find((f) => f.rule === "drop-column")!;
    expect(drop).toMatchObject({ severity: "info", line: 9 });
    expect(drop.message).toContain("planned last step of a two-step removal (an earlier migration, 0002_remove_digital_settings_from_state, removed it from Django's state only)");
    // the backup keeps the key and the dropped column only, not a copy of the whole table
    expect(drop.fix).toContain('migrations.RunSQL("CREATE TABLE site_sitesettings_default_digital_max_downloads_backup_0003 AS SELECT id, default_digital_max_downloads FROM site_sitesettings"');
    // no model name invented: nothing in the fix names a model
    expect(drop.fix).not.toMatch(/model_name|class |DeleteModel|RemoveField/);
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("Rails: the model already lists the column in ignored_columns", async () => {
    const repo = featureBranchOn({
        "db/migrate/20240101000000_create_users.rb": railsMigration("CreateUsers", "create_table :users do |t|\n      t.string :phone_number\n    end"),
        "db/schema.rb": schemaRb("2024_01_01_000000", ["phone_number"]),
        "app/models/user.rb": 'class User < ApplicationRecord\n  self.ignored_columns += ["phone_number"]\nend\n',
      });
    repo
      .write({
        "db/migrate/20240201000000_remove_phone_number.rb": "class RemovePhoneNumber < ActiveRecord::Migration[7.1]\n  def up\n    remove_column :users, :phone_number\n  end\n\n  def down\n    add_column :users, :phone_number, :string\n  end\nend\n",
        "db/schema.rb": schemaRb("2024_02_01_000000", []),
      })
      .commit("drop");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(0);
    const drop = findings.find((f) => f.rule === "drop-column")!;
    expect(drop).toMatchObject({ severity: "info", line: 3 });
    expect(drop.message).toContain("User lists it in ignored_columns (app/models/user.rb)");
    expect(drop.fix).toContain('execute "CREATE TABLE users_phone_number_backup_20240201000000 AS SELECT id, phone_number FROM users"');
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
  });
});

describe("a merged migration's data code moved to another library (Mastodon's Oj -> JSON)", () => {
  const path = "db/migrate/20230215074423_move_user_settings.rb";
  const migration = (load: string, dump: string, save = "update_column") =>
    `class MoveUserSettings < ActiveRecord::Migration[7.0]\n  class User < ApplicationRecord; end\n\n  def up\n    User.where.not(settings: nil).find_each do |user|\n      settings = ${load}(user.attributes_before_type_cast['settings'])\n      user.${save}('settings', ${dump}(settings))\n    end\n  end\n\n  def down; end\nend\n`;

  function mastodon(): Repo {
    const repo = featureBranchOn({
        "db/migrate/20230101000000_create_users.rb": railsMigration("CreateUsers", "create_table :users do |t|\n      t.text :settings\n    end"),
        [path]: migration("Oj.load", "Oj.dump"),
      });
    return repo;
  }

  it("the same arguments given to another library's functions are a note naming the swap", async () => {
    const repo = mastodon();
    repo.write({ [path]: migration("JSON.parse", "JSON.generate") }).commit("drop Oj");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(0);
    expect(findings).toEqual([expect.objectContaining({ rule: "edited-migration", severity: "info", path, line: 6 })]);
    expect(findings[0].message).toContain("Oj.load → JSON.parse, Oj.dump → JSON.generate");
  });

  it("another method called on the records is what the data code does: a warning", async () => {
    const repo = mastodon();
    repo.write({ [path]: migration("JSON.parse", "JSON.generate", "update_attribute") }).commit("callbacks");
    const { findings } = await reviewJson(repo);
    expect(findings).toEqual([expect.objectContaining({ rule: "edited-migration", severity: "warning", path })]);
    expect(findings[0].message).toContain("changes what its data code does");
  });
});

describe("a reference's foreign_key: options as Rails reads them (Mastodon's generated_annual_reports)", () => {
  const path = "db/migrate/20240111033014_create_generated_annual_reports.rb";
  const migration = (foreignKey: string) =>
    railsMigration("CreateGeneratedAnnualReports", `create_table :generated_annual_reports do |t|\n      t.belongs_to :account, null: false, foreign_key: ${foreignKey}, index: false\n      t.integer :year, null: false\n    end`);

  function mastodon(): Repo {
    const repo = featureBranchOn({
        "db/migrate/20230101000000_create_accounts.rb": railsMigration("CreateAccounts", "create_table :accounts do |t|\n      t.string :username\n    end"),
        [path]: migration("{ on_cascade: :delete }"),
      });
    return repo;
  }

  it("replacing a misspelt key Rails ignores by `true` creates the same key: a note, nothing the database sees", async () => {
    const repo = mastodon();
    repo.write({ [path]: migration("true") }).commit("fix the misspelt option");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(0);
    expect(findings).toEqual([expect.objectContaining({ rule: "edited-migration", severity: "info", path })]);
    expect(findings[0].message).toContain("nothing the database sees");
    expect(findings[0].message).toContain("an option Rails ignores (foreign_key: { on_cascade: })");
  });

  it("a key Rails reads (on_delete) changes the key: not judged as nothing", async () => {
    const repo = mastodon();
    repo.write({ [path]: migration("{ on_delete: :cascade }") }).commit("cascade");
    const { findings } = await reviewJson(repo);
    const edit = findings.find((f) => f.rule === "edited-migration")!;
    expect(edit.severity).not.toBe("info");
  });
});

describe("scenic views: an edited migration judged by where its steps end (Mastodon's account_summaries v3)", () => {
  const path = "db/migrate/20260728145403_update_account_summaries_to_version_3.rb";
  const merged = `class UpdateAccountSummariesToVersion3 < ActiveRecord::Migration[8.0]
  def up
    reapplication_follow_recommendations_v1 do
      drop_view :account_summaries, materialized: true
      create_view :account_summaries, version: 3, materialized: { no_data: true }
      safety_assured { add_index :account_summaries, :account_id, unique: true }
    end
  end

  def down
    reapplication_follow_recommendations_v1 do
      drop_view :account_summaries, materialized: true
      create_view :account_summaries, version: 2, materialized: { no_data: true }
      safety_assured { add_index :account_summaries, :account_id, unique: true }
    end
  end

  def reapplication_follow_recommendations_v1
    drop_view :follow_recommendations, materialized: true
    yield
    create_view :follow_recommendations, version: 1, materialized: { no_data: true }
    safety_assured { add_index :follow_recommendations, :account_id, unique: true }
  end
end
`;
  /** the same end built beside the old view, then renamed into place; `version` is the view's version it ends with */
  const sideBySide = (version: number) => `class UpdateAccountSummariesToVersion3 < ActiveRecord::Migration[8.0]
  def up
    # build the new version beside the old one first
    create_view :tmp_account_summaries,
                sql_definition: Scenic::Definition.new(:account_summaries, ${version}).to_sql,
                materialized: true

    rename_index :account_summaries, :index_account_summaries_on_account_id, :tmp_index_account_summaries_on_account_id
    safety_assured { add_index :tmp_account_summaries, :account_id, name: :index_account_summaries_on_account_id, unique: true }

    drop_view :follow_recommendations, materialized: true
    drop_view :account_summaries, materialized: true

    safety_assured { execute('ALTER MATERIALIZED VIEW tmp_account_summaries RENAME TO account_summaries') }

    create_view :follow_recommendations, version: 1, materialized: true
    safety_assured { add_index :follow_recommendations, :account_id, unique: true }
  end

  def down
    drop_view :account_summaries, materialized: true
    create_view :account_summaries, version: 2, materialized: true
  end
end
`;

  function mastodon(): Repo {
    const repo = featureBranchOn({
        "db/migrate/20260101000000_create_account_summaries.rb": railsMigration("CreateAccountSummaries", "create_view :account_summaries, version: 2, materialized: true"),
        "db/views/account_summaries_v02.sql": "SELECT accounts.id AS account_id FROM accounts\n",
        "db/views/account_summaries_v03.sql": "SELECT accounts.id AS account_id, accounts.locked FROM accounts\n",
        "db/views/follow_recommendations_v01.sql": "SELECT account_id FROM account_summaries\n",
        [path]: merged,
      });
    return repo;
  }

  it("rebuilt beside the old one and renamed into place, ending with the same views and indexes: a note, the check passes", async () => {
    const repo = mastodon();
    repo.write({ [path]: sideBySide(3) }).commit("side by side");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(0);
    const edit = findings.find((f) => f.rule === "edited-migration")!;
    expect(edit).toMatchObject({ severity: "info", path });
    expect(edit.message).toContain("both versions leave the same views and indexes");
  });

  it("ending with another version of the view is a schema change: an error", async () => {
    const repo = mastodon();
    repo.write({ [path]: sideBySide(2) }).commit("side by side, wrong version");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).not.toBe(0);
    expect(findings.find((f) => f.rule === "edited-migration")).toMatchObject({ severity: "error", path });
  });
});

describe("a data-only Django migration without a reverse is a warning, as a Rails backfill with only an up", () => {
  const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    operations = [
        migrations.CreateModel(name="Page", fields=[("id", models.BigAutoField(primary_key=True)), ("slug", models.SlugField(null=True))]),
    ]
`;
  const backfill = (extra = "") => `from django.db import migrations, models


def fill_slugs(apps, schema_editor):
    Page = apps.get_model("page", "Page")
    Page.objects.filter(slug__isnull=True).update(slug="home")


class Migration(migrations.Migration):
    dependencies = [("page", "0001_initial")]

    operations = [${extra}
        migrations.RunPython(fill_slugs),
    ]
`;
  function saleor(): Repo {
    const repo = featureBranchOn({ "shop/page/migrations/0001_initial.py": initial, "shop/page/migrations/__init__.py": "" });
    return repo;
  }

  it("RunPython without reverse_code that only backfills: a warning that a rollback stops there, the check passes", async () => {
    const repo = saleor();
    repo.write({ "shop/page/migrations/0002_fill_slugs.py": backfill() }).commit("backfill");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(0);
    const irreversible = findings.find((f) => f.rule === "irreversible-migration")!;
    expect(irreversible).toMatchObject({ severity: "warning", line: 13 });
    expect(irreversible.message).toContain("a rollback past it stops here");
    expect(irreversible.fix).toContain("reverse_code=migrations.RunPython.noop");
  });

  it("the same RunPython beside a schema change stays an error", async () => {
    const repo = saleor();
    repo.write({ "shop/page/migrations/0002_fill_slugs.py": backfill('\n        migrations.AddField(model_name="page", name="title", field=models.TextField(null=True)),') }).commit("column and backfill");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).not.toBe(0);
    expect(findings.find((f) => f.rule === "irreversible-migration")).toMatchObject({ severity: "error" });
  });
});

describe("a formatter splitting a field over lines in a merged Django migration (wger's trophies)", () => {
  const path = "shop/trophies/migrations/0002_add_last_complete_weekend_date.py";
  const migration = (field: string) => `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("trophies", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="userstatistics",
            name="last_complete_weekend_date",
            field=${field},
        ),
    ]
`;
  const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    operations = [
        migrations.CreateModel(name="UserStatistics", fields=[("id", models.BigAutoField(primary_key=True))]),
    ]
`;

  it("a trailing comma after a Python-only option (verbose_name) is formatting: a note", async () => {
    const repo = featureBranchOn({
        "shop/trophies/migrations/__init__.py": "",
        "shop/trophies/migrations/0001_initial.py": initial,
        [path]: migration("models.DateField(blank=True, help_text='Last weekend with workouts on both days', null=True, verbose_name='Last complete weekend')"),
      });
    repo
      .write({ [path]: migration("models.DateField(\n                blank=True,\n                help_text='Last weekend with workouts on both days',\n                null=True,\n                verbose_name='Last complete weekend',\n            )") })
      .commit("automatic formatting");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(0);
    expect(findings).toEqual([expect.objectContaining({ rule: "edited-migration", severity: "info", path })]);
  });
});

describe("a Django upgrade editing merged migrations (taiga-back's on_delete= and default=list)", () => {
  const path = "shop/users/migrations/0002_user_settings.py";
  const migration = (fk: string, settings: string) => `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("users", "0001_initial")]

    operations = [
        migrations.AddField(model_name="user", name="team", field=models.ForeignKey(${fk}null=True, to="users.team")),
        migrations.AddField(model_name="user", name="settings", field=models.JSONField(default=${settings})),
    ]
`;
  const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    operations = [
        migrations.CreateModel(name="Team", fields=[("id", models.BigAutoField(primary_key=True))]),
        migrations.CreateModel(name="User", fields=[("id", models.BigAutoField(primary_key=True))]),
    ]
`;
  const base = () => {
    const repo = featureBranchOn({ "shop/users/migrations/__init__.py": "", "shop/users/migrations/0001_initial.py": initial, [path]: migration("", "{}") });
    return repo;
  };

  it("on_delete= (emulated in Python) and default={} -> dict (the same value) change nothing in the database: a note", async () => {
    const repo = base();
    repo.write({ [path]: migration("on_delete=django.db.models.deletion.CASCADE, ", "dict") }).commit("Django 2: on_delete is required");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(0);
    expect(findings).toEqual([expect.objectContaining({ rule: "edited-migration", severity: "info", path })]);
  });

  it("a default with another value, or Django 6's database-level on_delete, is a change", async () => {
    const other = base();
    other.write({ [path]: migration("", '{"theme": "dark"}') }).commit("another default");
    expect((await reviewJson(other)).findings.find((f) => f.rule === "edited-migration")).toMatchObject({ severity: "error" });
    const database = base();
    database.write({ [path]: migration("on_delete=models.DB_CASCADE, ", "{}") }).commit("ON DELETE CASCADE in the database");
    expect((await reviewJson(database)).findings.find((f) => f.rule === "edited-migration")?.severity).not.toBe("info");
  });
});

describe("an empty reverse added to a merged RunPython (taiga-back's 105d700781)", () => {
  const path = "shop/users/migrations/0002_user_is_staff.py";
  const migration = (reverse: string, extra = "") => `from django.db import migrations, models


def update_is_staff(apps, schema_editor):
    apps.get_model("users", "User").objects.filter(is_superuser=True).update(is_staff=True)
${extra}

class Migration(migrations.Migration):
    dependencies = [("users", "0001_initial")]

    operations = [
        migrations.AddField(model_name="user", name="is_superuser", field=models.BooleanField(default=False)),
        migrations.AddField(model_name="user", name="is_staff", field=models.BooleanField(default=False)),
        migrations.RunPython(update_is_staff${reverse}),
    ]
`;
  const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    operations = [migrations.CreateModel(name="User", fields=[("id", models.BigAutoField(primary_key=True))])]
`;
  const base = () => {
    const repo = new Repo().write({ "shop/users/migrations/__init__.py": "", "shop/users/migrations/0001_initial.py": initial, [path]: migration("") }).commit("base");
    repo.git("checkout", "-q", "-b", "feature");
    return repo;
  };

  it.each([
    ["an empty function", ", empty_reverse", "\n\ndef empty_reverse(apps, schema_editor):\n    pass\n"],
    ["RunPython.noop", ", migrations.RunPython.noop", ""],
    ["reverse_code=RunPython.noop", ", reverse_code=migrations.RunPython.noop", ""],
  ])("%s as the reverse: the untouched AddFields and the same forward data step are not judged again, and the edit is a note", async (_, reverse, extra) => {
    const repo = base();
    repo.write({ [path]: migration(reverse, extra) }).commit("add empty reverse for migrations");
    const { exitCode, findings } = await reviewJson(repo);
    expect(findings).toEqual([expect.objectContaining({ rule: "edited-migration", severity: "info", path })]);
    expect(findings[0].message).toContain("its down");
    expect(exitCode).toBe(0);
  });

  it("an edit that changes the forward data step is still judged, with the findings on that step", async () => {
    const repo = base();
    repo.write({ [path]: migration(", migrations.RunPython.noop").replace("is_superuser=True", "is_active=True") }).commit("another filter");
    const { findings } = await reviewJson(repo);
    expect(findings.find((f) => f.rule === "edited-migration")).toMatchObject({ severity: "warning" });
    expect(findings.some((f) => f.rule === "required-column-without-default")).toBe(false);
  });
});

describe("a down written to raise ActiveRecord::IrreversibleMigration is the author's statement (casa's follow-up drop)", () => {
  const up = "add_column :users, :locale, :string";
  const migration = (down: string) =>
    `class DropOldUserRoles < ActiveRecord::Migration[7.2]\n  def up\n    ${up}\n  end\n\n  def down\n${down}  end\nend\n`;
  function casa(down: string): Repo {
    const repo = new Repo().write({ "db/schema.rb": schemaRb("2024_01_01_000000") }).commit("base");
    repo.git("checkout", "-q", "-b", "feature");
    return repo.write({ "db/migrate/20240201000000_drop_old_user_roles.rb": migration(down), "db/schema.rb": schemaRb("2024_02_01_000000") }).commit("pr");
  }

  it.each(["    fail ActiveRecord::IrreversibleMigration\n", "    raise ActiveRecord::IrreversibleMigration\n"])("%s: a note that a rollback stops there (a declared decision), the check passes", async (down) => {
    const { exitCode, findings } = await reviewJson(casa(down));
    expect(findings.find((f) => f.rule === "irreversible-migration")).toMatchObject({ severity: "info", line: 7 });
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it("up without a down stays an error that says what Rails does: the rollback runs nothing yet deletes the version", async () => {
    const repo = new Repo().write({ "db/schema.rb": schemaRb("2024_01_01_000000") }).commit("base");
    repo.git("checkout", "-q", "-b", "feature");
    repo.write({ "db/migrate/20240201000000_drop_old_user_roles.rb": railsMigration("DropOldUserRoles", up).replace("def change", "def up"), "db/schema.rb": schemaRb("2024_02_01_000000") }).commit("pr");
    const finding = (await reviewJson(repo)).findings.find((f) => f.rule === "irreversible-migration");
    expect(finding).toMatchObject({ severity: "error" });
    expect(finding?.message).toContain("a rollback runs nothing (Rails' Migration#down returns when the class defines no down) yet deletes the version");
  });
});

describe("the usage search does not read CI workflows (casa's users.token matched `token` in .github/workflows)", () => {
  it("a dropped column named only in a workflow is not still used; named in the app it is", async () => {
    const repo = new Repo()
      .write({
        "db/schema.rb": schemaRb("2024_01_01_000000", ["email", "token"]),
        ".github/workflows/labels.yml": "jobs:\n  label:\n    steps:\n      - uses: actions/labeler@v5\n        with:\n          token: ${{ secrets.GITHUB_TOKEN }}\n",
      })
      .commit("base");
    repo.git("checkout", "-q", "-b", "feature");
    repo.write({ "db/migrate/20240201000000_remove_token_from_users.rb": railsMigration("RemoveTokenFromUsers", "safety_assured { remove_column :users, :token, :string }"), "db/schema.rb": schemaRb("2024_02_01_000000") }).commit("pr");
    expect((await reviewJson(repo)).findings.filter((f) => f.rule === "dropped-object-still-used")).toEqual([]);
    repo.write({ "app/models/user.rb": "class User < ApplicationRecord\n  def api_key = token\nend\n" }).commit("code still reads it");
    expect((await reviewJson(repo)).findings.find((f) => f.rule === "dropped-object-still-used")?.message).toContain("app/models/user.rb:2");
  });
});

describe("sixth replay (Lago): what is not a migration of the reviewed database, and what is not application code", () => {
  it("db/clickhouse_migrate (clickhouse-activerecord) is not reviewed: ClickHouse SQL is no PostgreSQL syntax error and its versions are not the primary database's", async () => {
    const repo = featureBranchOn({
      "db/migrate/20240101000000_create_plans.rb": railsMigration("CreatePlans", "create_table :plans do |t|\n      t.string :name\n    end"),
      "db/clickhouse_migrate/20240301000000_create_events_enriched.rb": railsMigration("CreateEventsEnriched", 'execute "CREATE TABLE events_enriched (id String, at DateTime64(3)) ENGINE = MergeTree ORDER BY id"'),
    });
    repo
      .write({
        "db/clickhouse_migrate/20240302000000_events_enriched_default.rb": railsMigration("EventsEnrichedDefault", 'execute "ALTER TABLE events_enriched MODIFY COLUMN at DEFAULT now64()"'),
        "db/migrate/20240201000000_add_code_to_plans.rb": railsMigration("AddCodeToPlans", "add_column :plans, :code, :string"),
      })
      .commit("pr");
    const { exitCode, findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.path.includes("clickhouse_migrate"))).toEqual([]);
    // the Rails migration is older than no primary-database migration: the ClickHouse version does not count
    expect(findings.filter((f) => f.rule === "migration-version-order")).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it("a spec that still names a dropped column is not a usage: the test run catches it before the merge", async () => {
    const repo = featureBranchOn({
      "db/migrate/20240101000000_create_charges.rb": railsMigration("CreateCharges", "create_table :charges do |t|\n      t.date :start_date\n    end"),
      "spec/services/charges/calculate_spec.rb": 'RSpec.describe Charges::Calculate do\n  let(:start_date) { Date.new(2024, 1, 1) }\n  it { expect(start_date).to be_present }\nend\n',
    });
    repo.write({ "db/migrate/20240201000000_remove_start_date.rb": railsMigration("RemoveStartDate", "remove_column :charges, :start_date, :date") }).commit("pr");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "dropped-object-still-used")).toEqual([]);
  });
});

describe("edits of merged migrations that leave the databases the same (README: edited-migration)", () => {
  it("schema-qualifying a name the up already used is a warning, not a failed check; through_fields added to a many-to-many is a note", async () => {
    const m2m = (extra: string) =>
      `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("orgs", "0001_initial")]\n\n    operations = [\n        migrations.AddField(\n            model_name="organization",\n            name="members",\n            field=models.ManyToManyField(related_name="orgs", through="orgs.OrganizationMember",${extra} to="users.User"),\n        ),\n    ]\n`;
    const repo = featureBranchOn({
      "migrations/20221003041400_add_aal.up.sql": "ALTER TABLE auth.sessions ADD COLUMN IF NOT EXISTS aal aal_level NULL;\n",
      ...djangoApp("orgs", { "orgs/migrations/0002_members.py": m2m("") }),
    });
    repo
      .write({
        "migrations/20221003041400_add_aal.up.sql": "ALTER TABLE auth.sessions ADD COLUMN IF NOT EXISTS aal auth.aal_level NULL;\n",
        "orgs/migrations/0002_members.py": m2m(' through_fields=("organization", "user"),'),
      })
      .commit("pr");
    const { exitCode, findings } = await reviewJson(repo);
    const edits = findings.filter((f) => f.rule === "edited-migration");
    expect(edits.find((f) => f.path.endsWith("add_aal.up.sql"))).toMatchObject({ severity: "warning" });
    expect(edits.find((f) => f.path.endsWith("add_aal.up.sql"))!.message).toContain("only adds or removes the schema qualification");
    expect(edits.find((f) => f.path.endsWith("0002_members.py"))).toMatchObject({ severity: "info" });
    expect(exitCode).toBe(0);
  });
});
