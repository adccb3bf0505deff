/**
 * The false alarms issue #19 found by replaying real pull requests (Mastodon through glitch-soc, Saleor), each
 * sent to the App as a signed webhook against the local GitHub API: what the check concludes and how each
 * finding is annotated. The same patterns go through `migguard review` in test/cli/review-real-prs.test.ts.
 */
import { describe, expect, it } from "@jest/globals";
import type { FakeCheckRun } from "./support/fake-github.js";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

let s: Scenario | undefined;
useScenario();

const latestRun = (head: string): FakeCheckRun => s!.fake.checkRunsFor(head).at(-1)!;
const annotationsOf = (run: FakeCheckRun, rule: string) => run.annotations.filter((a) => a.title.startsWith(`${rule}`));

const railsMigration = (klass: string, body: string, preamble = "") => `class ${klass} < ActiveRecord::Migration[8.1]\n${preamble}  def change\n    ${body}\n  end\nend\n`;
const schemaRb = (version: string, columns: string[] = ["email"]) =>
  `ActiveRecord::Schema[8.1].define(version: ${version}) do\n  create_table "accounts", force: :cascade do |t|\n${columns.map((c) => `    t.string "${c}"\n`).join("")}  end\nend\n`;

/** Mastodon: db/migrate and db/post_migrate feed one database, dumped into db/schema.rb. */
const MASTODON = {
  "README.md": "# Mastodon\n",
  "db/migrate/20260101000000_create_accounts.rb": railsMigration("CreateAccounts", "create_table :accounts do |t|\n      t.string :email\n      t.string :uri\n    end"),
  "db/post_migrate/20260102000000_add_index_on_accounts_email.rb": railsMigration(
    "AddIndexOnAccountsEmail",
    "add_index :accounts, :email, algorithm: :concurrently",
    "  disable_ddl_transaction!\n\n",
  ),
  "db/migrate/20260103000000_add_index_on_accounts_uri.rb": railsMigration("AddIndexOnAccountsUri", "add_index :accounts, :uri, name: :index_accounts_on_uri, algorithm: :concurrently", "  disable_ddl_transaction!\n\n"),
  "db/schema.rb": schemaRb("2026_01_03_000000", ["email", "uri"]),
};

describe("Mastodon's post-deployment migrations, repairs and clean-ups", () => {
  it("a post-deployment migration with db/schema.rb dumped at its version passes without drift", async () => {
    s = await startScenario({ baseFiles: MASTODON });
    const head = s.openPull(1, {
      "db/post_migrate/20260202000000_remove_index_on_accounts_email.rb": railsMigration("RemoveIndexOnAccountsEmail", "remove_index :accounts, :email, algorithm: :concurrently", "  disable_ddl_transaction!\n\n"),
      "db/schema.rb": schemaRb("2026_02_02_000000", ["email", "uri"]),
    });
    await s.pullRequest("opened", 1);
    const run = latestRun(head);
    expect(run.conclusion).toBe("success");
    expect(run.annotations.filter((a) => a.title.startsWith("schema-dump"))).toEqual([]);
  });

  it("a deleted migration undone where it ran by a guarded repair with an empty down passes, with notes", async () => {
    s = await startScenario({ baseFiles: MASTODON });
    const head = s.openPull(2, {
      "db/migrate/20260103000000_add_index_on_accounts_uri.rb": null,
      "db/migrate/20260110000000_revert_add_index_on_accounts_uri.rb": [
        "class RevertAddIndexOnAccountsUri < ActiveRecord::Migration[8.1]",
        "  disable_ddl_transaction!",
        "",
        "  def up",
        "    return unless index_exists?(:accounts, :uri, name: :index_accounts_on_uri)",
        "",
        "    remove_index :accounts, :uri, name: :index_accounts_on_uri, algorithm: :concurrently",
        "  end",
        "",
        "  def down; end",
        "end",
        "",
      ].join("\n"),
      "db/schema.rb": schemaRb("2026_01_10_000000", ["email", "uri"]),
    });
    await s.pullRequest("opened", 2);
    const run = latestRun(head);
    expect(run.conclusion).toBe("success");
    expect(annotationsOf(run, "empty-down")).toEqual([]);
    // the deleted file has no line at head: its note is in the summary only
    expect(run.output.summary).toContain("undoes what it did only where it ran");
    expect(s.fake.reviewComments).toEqual([]);
  });

  it("a clean-up outside the DDL transaction is a note that holds no lock across the data change, and its empty down a note", async () => {
    s = await startScenario({ baseFiles: MASTODON });
    const path = "db/post_migrate/20260120000000_dedupe_accounts_uri.rb";
    const head = s.openPull(3, {
      [path]: [
        "class DedupeAccountsUri < ActiveRecord::Migration[8.1]",
        "  disable_ddl_transaction!",
        "",
        "  class Account < ApplicationRecord; end",
        "",
        "  def up",
        "    Account.where(uri: nil).in_batches.delete_all",
        "    add_index :accounts, :uri, unique: true, name: :index_accounts_on_uri_unique, algorithm: :concurrently",
        "  end",
        "",
        "  def down; end",
        "end",
        "",
      ].join("\n"),
      "db/schema.rb": schemaRb("2026_01_20_000000", ["email", "uri"]),
    });
    await s.pullRequest("opened", 3);
    const run = latestRun(head);
    const mixed = annotationsOf(run, "mixed-ddl-dml");
    expect(mixed).toEqual([expect.objectContaining({ path, annotation_level: "notice" })]);
    expect(mixed[0].message).toContain("outside a transaction (disable_ddl_transaction!)");
    expect(mixed[0].message).not.toContain("runs with the schema change's locks");
    expect(s.fake.reviewComments.filter((c) => c.body.includes("mixed-ddl-dml"))).toEqual([]);
  });
});

/** Saleor: a Django app with its migrations, the models file, and a JSON field cleaned by a sanitizer. */
const SALEOR = {
  "README.md": "# Saleor\n",
  "shop/__init__.py": "",
  "shop/site/__init__.py": "",
  "shop/site/models.py": "from django.db import models\n\n\nclass SiteSettings(models.Model):\n    name = models.CharField(max_length=100)\n",
  "shop/site/migrations/__init__.py": "",
  "shop/site/migrations/0001_initial.py": `import shop.core.utils.editorjs
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    operations = [
        migrations.CreateModel(
            name="SiteSettings",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("name", models.CharField(max_length=100)),
                ("description", models.JSONField(null=True, sanitizer=shop.core.utils.editorjs.clean_editor_js)),
                ("default_digital_max_downloads", models.IntegerField(null=True)),
            ],
        ),
        migrations.CreateModel(name="CustomerType", fields=[("id", models.AutoField(primary_key=True))]),
        migrations.CreateModel(name="Voucher", fields=[("id", models.AutoField(primary_key=True)), ("code", models.CharField(max_length=12))]),
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
        # Saleor's 0204: the database side only loosens a foreign key, the state side deletes the model
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="Voucher")], database_operations=[]),
    ]
`,
};

describe("Saleor's edited migrations, foreign keys and two-step removals", () => {
  it("old migrations importing a moved module pass with a note, whose fix is not to revert", async () => {
    s = await startScenario({ baseFiles: SALEOR });
    const path = "shop/site/migrations/0001_initial.py";
    const head = s.openPull(10, { [path]: SALEOR[path].replace(/shop\.core\.utils\.editorjs\.clean_editor_js/g, "shop.core.editorjs.clean_editorjs").replace("import shop.core.utils.editorjs", "import shop.core.editorjs") });
    await s.pullRequest("opened", 10);
    const run = latestRun(head);
    expect(run.conclusion).toBe("success");
    const edited = annotationsOf(run, "edited-migration");
    expect(edited).toEqual([expect.objectContaining({ path, annotation_level: "notice" })]);
    expect(edited[0].message).toContain("imports and options Django keeps in Python only (sanitizer)");
    expect(run.output.summary).not.toContain("git checkout");
    // the rest of the old migration is not linted again
    expect(run.annotations.map((a) => a.title.split(":")[0])).toEqual(["edited-migration"]);
  });

  it("AddField of a nullable ForeignKey gets no NOT VALID finding", async () => {
    s = await startScenario({ baseFiles: SALEOR });
    const path = "shop/site/migrations/0003_sitesettings_customer_type.py";
    const head = s.openPull(11, {
      [path]: `import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("site", "0002_remove_digital_settings_from_state")]

    operations = [
        migrations.AddField(
            model_name="sitesettings",
            name="customer_type",
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="site.customertype"),
        ),
    ]
`,
    });
    await s.pullRequest("opened", 11);
    const run = latestRun(head);
    expect(run.conclusion).toBe("success");
    expect(annotationsOf(run, "constraint-without-not-valid")).toEqual([]);
  });

  it("dropping a column that left Django's state in an earlier migration is a note (a notice annotation) with a backup, not a failure", async () => {
    s = await startScenario({ baseFiles: SALEOR });
    const path = "shop/site/migrations/0003_drop_digital_settings.py";
    const head = s.openPull(12, {
      [path]: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("site", "0002_remove_digital_settings_from_state")]

    operations = [
        migrations.RunSQL(
            sql="ALTER TABLE site_sitesettings DROP COLUMN default_digital_max_downloads;",
            reverse_sql="ALTER TABLE site_sitesettings ADD COLUMN default_digital_max_downloads integer;",
        ),
    ]
`,
    });
    await s.pullRequest("opened", 12);
    const run = latestRun(head);
    expect(run.conclusion).toBe("success");
    const drop = annotationsOf(run, "drop-column");
    expect(drop).toEqual([expect.objectContaining({ path, annotation_level: "notice" })]);
    expect(drop[0].message).toContain("planned last step of a two-step removal");
    // the backup keeps the key and the dropped column, not the whole table
    expect(run.output.summary).toContain("CREATE TABLE site_sitesettings_default_digital_max_downloads_backup_0003 AS SELECT id, default_digital_max_downloads FROM site_sitesettings");
  });
});

describe("the planned last step of a two-step removal, through the App", () => {
  it("Django: dropping the table of a model that left the state earlier is a note with a backup, in the model's own migration language", async () => {
    s = await startScenario({ baseFiles: SALEOR });
    const path = "shop/site/migrations/0003_drop_voucher_table.py";
    const head = s.openPull(13, {
      [path]: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("site", "0002_remove_digital_settings_from_state")]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS site_voucher;", reverse_sql=migrations.RunSQL.noop),
    ]
`,
    });
    await s.pullRequest("opened", 13);
    const run = latestRun(head);
    expect(run.conclusion).toBe("success");
    const drop = annotationsOf(run, "drop-table");
    expect(drop).toEqual([expect.objectContaining({ path, start_line: 8, annotation_level: "notice" })]);
    expect(drop[0].message).toContain("planned last step of a two-step removal (an earlier migration, 0002_remove_digital_settings_from_state, removed it from Django's state only)");
    // DROP TABLE IF EXISTS: the copy runs only where the table is there (to_regclass), as the drop does
    expect(run.output.summary).toContain(`migrations.RunSQL("DO $$ BEGIN IF to_regclass('site_voucher') IS NOT NULL THEN CREATE TABLE site_voucher_backup_0003 AS TABLE site_voucher; END IF; END $$"`);
    // a note is not an inline review comment at the default level (errors only)
    expect(s.fake.reviewComments).toEqual([]);
  });

  it("Rails: removing a column the model lists in ignored_columns is a note with a backup, and the check passes", async () => {
    s = await startScenario({
      baseFiles: {
        ...MASTODON,
        "app/models/account.rb": "class Account < ApplicationRecord\n  self.ignored_columns += %w(\n    uri\n  )\nend\n",
      },
    });
    const path = "db/post_migrate/20260301000000_remove_uri_from_accounts.rb";
    const head = s.openPull(14, {
      [path]: "class RemoveUriFromAccounts < ActiveRecord::Migration[8.1]\n  def up\n    remove_column :accounts, :uri\n  end\n\n  def down\n    add_column :accounts, :uri, :string\n  end\nend\n",
      "db/schema.rb": schemaRb("2026_03_01_000000", ["email"]),
    });
    await s.pullRequest("opened", 14);
    const run = latestRun(head);
    expect(run.conclusion).toBe("success");
    const drop = annotationsOf(run, "drop-column");
    expect(drop).toEqual([expect.objectContaining({ path, start_line: 3, annotation_level: "notice" })]);
    expect(drop[0].message).toContain("Account lists it in ignored_columns (app/models/account.rb)");
    expect(run.output.summary).toContain('execute "CREATE TABLE accounts_uri_backup_20260301000000 AS SELECT id, uri FROM accounts"');
    expect(run.annotations.filter((a) => a.annotation_level === "failure")).toEqual([]);
  });

  it("without either sign the same drop is the data-loss error", async () => {
    s = await startScenario({ baseFiles: MASTODON });
    const path = "db/post_migrate/20260301000000_remove_uri_from_accounts.rb";
    const head = s.openPull(15, {
      [path]: "class RemoveUriFromAccounts < ActiveRecord::Migration[8.1]\n  def up\n    remove_column :accounts, :uri\n  end\n\n  def down\n    add_column :accounts, :uri, :string\n  end\nend\n",
      "db/schema.rb": schemaRb("2026_03_01_000000", ["email"]),
    });
    await s.pullRequest("opened", 15);
    const run = latestRun(head);
    expect(run.conclusion).toBe("failure");
    expect(annotationsOf(run, "drop-column")).toEqual([expect.objectContaining({ path, start_line: 3, annotation_level: "failure" })]);
  });
});
