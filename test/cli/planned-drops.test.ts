/**
 * Planned drops through `migguard lint` (README: Usages): a Rails drop_table of a table no model maps to or names
 * (the code left in this or an earlier change) is a warning to keep a copy; the same drop while a model still
 * names the table, or with no models to read, keeps the data-loss error.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "migguard-planned-drops-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

type Finding = { path: string; rule: string; severity: string; message: string };
const lint = async (cwd: string) => (JSON.parse((await run(["lint", "--format", "json", "db/migrate"], { cwd })).output) as { findings: Finding[] }).findings;

const drop = "class DropPartnerTables < ActiveRecord::Migration[7.2]\n  def change\n    drop_table :partnered_signups\n  end\nend\n";
const user = (body: string) => `class User < ApplicationRecord\n${body}end\n`;

describe("planned drops", () => {
  it("a drop_table whose model and references are gone is a warning; a model that still names it keeps the error", async () => {
    const gone = repo({ "db/migrate/20240920170139_drop_partner_tables.rb": drop, "app/models/user.rb": user("  has_many :events\n") });
    const planned = (await lint(gone)).find((f) => f.rule === "drop-table")!;
    expect(planned.severity).toBe("warning");
    expect(planned.message).toContain("no model of the application maps to partnered_signups");

    const used = repo({ "db/migrate/20240920170139_drop_partner_tables.rb": drop, "app/models/user.rb": user("  has_many :partnered_signups\n") });
    expect((await lint(used)).find((f) => f.rule === "drop-table")!.severity).toBe("error");

    const unread = repo({ "db/migrate/20240920170139_drop_partner_tables.rb": drop });
    expect((await lint(unread)).find((f) => f.rule === "drop-table")!.severity).toBe("error");
  });

  it("a remove_column whose column the table's model and code never name is a warning before Rails 7.0; a model that names it, or Rails 7.0+, keeps the error", async () => {
    const migration = "class DropUnusedColumnsFromUsers < ActiveRecord::Migration[6.1]\n  def up\n    remove_column :users, :email_verification_key\n  end\n\n  def down\n    add_column :users, :email_verification_key, :string\n  end\nend\n";
    const path = "db/migrate/20191116224228_drop_unused_columns_from_users.rb";
    const unused = (await lint(repo({ [path]: migration, "app/models/user.rb": user("  has_many :events\n") }))).find((f) => f.rule === "drop-column")!;
    expect(unused.severity).toBe("warning");
    expect(unused.message).toContain("never name email_verification_key");

    const named = repo({ [path]: migration, "app/models/user.rb": user("  def verify(key) = email_verification_key == key\n") });
    expect((await lint(named)).find((f) => f.rule === "drop-column")!.severity).toBe("error");
    expect((await lint(repo({ [path]: migration }))).find((f) => f.rule === "drop-column")!.severity).toBe("error");
    // Rails 7.0+ names every cached column in its INSERTs (partial_inserts off): old servers fail until they restart
    const rails7 = repo({ [path]: migration.replace("Migration[6.1]", "Migration[7.2]"), "app/models/user.rb": user("  has_many :events\n") });
    expect((await lint(rails7)).find((f) => f.rule === "drop-column")!.severity).toBe("error");
  });

  it("a Django RemoveField whose field left the app's models.py is a warning; a model that still declares it keeps the error", async () => {
    const migration = 'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("books", "0073_sort")]\n\n    operations = [\n        migrations.RemoveField(model_name="connector", name="politeness_delay"),\n    ]\n';
    const path = "books/migrations/0074_remove_connector_politeness_delay.py";
    const djangoLint = async (cwd: string) =>
      (JSON.parse((await run(["lint", "--format", "json", "books/migrations"], { cwd })).output) as { findings: Finding[] }).findings.find((f) => f.rule === "drop-column")!;
    const gone = await djangoLint(repo({ [path]: migration, "books/models.py": "class Connector(models.Model):\n    identifier = models.CharField(max_length=255)\n" }));
    expect(gone.severity).toBe("warning");
    expect(gone.message).toContain("no longer declares politeness_delay");

    const declared = repo({ [path]: migration, "books/models.py": "class Connector(models.Model):\n    politeness_delay = models.IntegerField()\n" });
    expect((await djangoLint(declared)).severity).toBe("error");
    expect((await djangoLint(repo({ [path]: migration }))).severity).toBe("error");
  });
});
