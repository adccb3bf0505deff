/**
 * The review API as the App calls it: plan -> fetch -> review -> (code search when asked) -> review again.
 * Rule-by-rule behaviour lives in the rules' case tables; this covers what the API itself promises.
 */
import { resolveConfig } from "../config.js";
import { reviewCase } from "./testing/review-case-runner.js";
import { review } from "./review.js";

const removePhone = "class RemovePhoneNumber < ActiveRecord::Migration[7.1]\n  def change\n    remove_column :users, :phone_number, :string\n  end\nend\n";

describe("review", () => {
  it("asks for application code only when something is dropped or renamed", async () => {
    const input = { changes: [{ path: "db/migrations/002_b.up.sql", status: "added" as const }], head: [{ path: "db/migrations/002_b.up.sql", content: "ALTER TABLE users DROP COLUMN phone_number;\n" }] };
    const first = await review(input);
    expect(first.codeSearch).toEqual({ needed: true, identifiers: ["phone_number"] });
    const second = await review({ ...input, codeFiles: [{ path: "app/x.rb", content: "user.phone_number\n" }] });
    expect(second.codeSearch.needed).toBe(false);
    expect(second.findings.find((f) => f.rule === "dropped-object-still-used")?.details).toEqual(["app/x.rb:1: user.phone_number"]);

    const additive = await review({ changes: [{ path: "db/migrations/003_c.up.sql", status: "added" }], head: [{ path: "db/migrations/003_c.up.sql", content: "ALTER TABLE users ADD COLUMN a text;\n" }] });
    expect(additive.codeSearch).toEqual({ needed: false, identifiers: [] });
  });

  it("says a column is safe to drop now when the ORM no longer reads it", async () => {
    const rails = await reviewCase({
      name: "rails",
      base: { "app/models/user.rb": 'class User < ApplicationRecord\n  self.ignored_columns = %w[phone_number]\nend\n' },
      head: { "db/migrate/20240201000000_remove_phone_number.rb": removePhone },
    });
    expect(rails.findings.find((f) => f.rule === "dropped-object-still-used")).toMatchObject({ severity: "info", message: expect.stringMatching(/safe to drop now.*User lists it in ignored_columns \(app\/models\/user.rb:2\)/) });

    const namespaced = await reviewCase({
      name: "rails namespace",
      base: { "app/models/spree/variant.rb": "module Spree\n  class Variant < Spree::Base\n    self.ignored_columns += %i[owner_id]\n  end\nend\n" },
      head: { "db/migrate/20240201000000_remove_owner.rb": "class RemoveOwner < ActiveRecord::Migration[7.1]\n  def change\n    remove_column :spree_variants, :owner_id, :integer\n  end\nend\n" },
    });
    expect(namespaced.findings.find((f) => f.rule === "dropped-object-still-used")).toMatchObject({ severity: "info", message: expect.stringContaining("Variant lists it in ignored_columns") });

    const django = await reviewCase({
      name: "django",
      base: { "accounts/models.py": "from django.db import models\n\n\nclass User(models.Model):\n    email = models.EmailField()\n\n    class Meta:\n        db_table = \"accounts_user\"\n" },
      head: {
        "accounts/migrations/0002_remove_phone.py":
          'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("accounts", "0001_initial")]\n    operations = [migrations.RemoveField(model_name="user", name="phone_number")]\n',
      },
    });
    // the deployed model (a file this change does not touch) no longer declares it: one finding, drop-column's
    // planned-removal warning that says why, instead of an error beside a "safe to drop now" note
    expect(django.findings.filter((f) => f.rule === "dropped-object-still-used")).toEqual([]);
    expect(django.findings.filter((f) => f.rule === "drop-column")).toEqual([
      expect.objectContaining({ severity: "warning", message: expect.stringMatching(/^Dropping column accounts_user\.phone_number deletes its data for good\. It is the planned last step of a two-step removal \(the User model \(accounts\/models.py\) no longer declares phone_number/) }),
    ]);
  });

  it("does not call a column safe to drop when the change itself takes it out of the model (babybuddy's Timer.duration)", async () => {
    const removeDuration =
      'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("core", "0026_x")]\n    operations = [migrations.RemoveField(model_name="timer", name="duration")]\n';
    const result = await reviewCase({
      name: "django same change",
      base: { "core/models.py": "from django.db import models\n\n\nclass Timer(models.Model):\n    start = models.DateTimeField()\n    duration = models.DurationField(null=True)\n" },
      head: {
        "core/models.py": "from django.db import models\n\n\nclass Timer(models.Model):\n    start = models.DateTimeField()\n",
        "core/migrations/0027_remove_timer_duration.py": removeDuration,
      },
    });
    // servers still running the deployed model select duration until they restart: drop-column's error stands alone
    expect(result.findings.filter((f) => f.rule === "dropped-object-still-used")).toEqual([]);
    expect(result.findings.filter((f) => f.rule === "drop-column").map((f) => f.severity)).toEqual(["error"]);

    const rails = await reviewCase({
      name: "rails same change",
      base: { "app/models/user.rb": "class User < ApplicationRecord\nend\n" },
      head: {
        "app/models/user.rb": 'class User < ApplicationRecord\n  self.ignored_columns += ["phone_number"]\nend\n',
        "db/migrate/20240201000000_remove_phone_number.rb": "class RemovePhoneNumber < ActiveRecord::Migration[7.1]\n  def up\n    remove_column :users, :phone_number\n  end\n\n  def down\n    add_column :users, :phone_number, :string\n  end\nend\n",
      },
    });
    expect(rails.findings.filter((f) => f.rule === "dropped-object-still-used" && /safe to drop/.test(f.message))).toEqual([]);
    // nor a "planned last step": the entry ships with the drop, the running servers still read phone_number
    expect(rails.findings.filter((f) => f.rule === "drop-column").map((f) => f.severity)).toEqual(["error"]);
  });

  it("finds no data loss in dropping a table an earlier migration of the same change created (jumpserver's reports 0001 .. 0003)", async () => {
    const create = (name: string) => `CreateModel(name="${name}", fields=[("id", models.UUIDField(primary_key=True)), ("status", models.CharField(max_length=16))])`;
    const django = (deps: string, ops: string[]) =>
      `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [${deps}]\n\n    operations = [\n${ops.map((o) => `        migrations.${o},\n`).join("")}    ]\n`;
    const result = await reviewCase({
      name: "created and dropped in one change",
      base: { "apps/users/migrations/0004_fix.py": django("", []) },
      head: {
        "apps/reports/migrations/0001_initial.py": django('("users", "0004_fix")', [create("Report"), create("ReportExecution"), create("ReportSendRecord")]),
        "apps/reports/migrations/0002_alter_reportexecution_status.py": django('("reports", "0001_initial")', ['AlterField(model_name="reportexecution", name="status", field=models.CharField(max_length=16, default="pending"))']),
        "apps/reports/migrations/0003_drop.py": django('("reports", "0002_alter_reportexecution_status")', ['DeleteModel("ReportSendRecord")', 'DeleteModel("ReportExecution")']),
      },
    });
    // the plan is read as a whole: the drops at the end must still see the tables the start created
    expect(result.findings.filter((f) => f.rule === "drop-table")).toEqual([]);

    // created, renamed by a second migration, dropped by a third; and a table of the base branch dropped beside it
    const sql = await reviewCase({
      name: "renamed then dropped",
      base: { "db/migrations/001_init.up.sql": "CREATE TABLE legacy (id bigint);\n" },
      head: {
        "db/migrations/002_a.up.sql": "CREATE TABLE scratch (id bigint);\n",
        "db/migrations/003_b.up.sql": "ALTER TABLE scratch RENAME TO scratch_old;\n",
        "db/migrations/004_c.up.sql": "DROP TABLE scratch_old;\nDROP TABLE legacy;\n",
      },
    });
    expect(sql.findings.filter((f) => f.rule === "drop-table").map((f) => `${f.path}:${f.line}`)).toEqual(["db/migrations/004_c.up.sql:2"]);
  });

  it("a dropped name a later migration of the same change creates again: no code runs between them, so drop-table and drop-column are warnings; in a migration the base branch already holds, the window stays an error", async () => {
    const change = await reviewCase({
      name: "dropped and created again in one change (manage.get.gov 0168/0169)",
      base: { "db/migrations/001_init.up.sql": "CREATE TABLE zones (id bigint PRIMARY KEY, name text);\nCREATE TABLE records (id bigint PRIMARY KEY, zone_id bigint);\n" },
      head: {
        "db/migrations/002_drop.up.sql": "ALTER TABLE records DROP COLUMN zone_id;\nDROP TABLE zones;\n",
        "db/migrations/003_create.up.sql": "CREATE TABLE zones (id uuid PRIMARY KEY, name text);\nALTER TABLE records ADD COLUMN zone_id uuid;\n",
      },
    });
    const drops = change.findings.filter((f) => f.rule === "drop-table" || f.rule === "drop-column");
    expect(drops.map((f) => [f.rule, f.line, f.severity])).toEqual([["drop-column", 1, "warning"], ["drop-table", 2, "warning"]]);
    expect(drops[1].message).toContain("db/migrations/003_create.up.sql:1 creates table zones again. Both are in this change, so no deployed code runs between them: only the rows are lost.");

    const merged = await reviewCase({
      name: "the re-creation was merged before (out of order)",
      base: { "db/migrations/001_init.up.sql": "CREATE TABLE zones (id bigint PRIMARY KEY, name text);\n", "db/migrations/003_create.up.sql": "CREATE TABLE zones (id uuid PRIMARY KEY, name text);\n" },
      head: { "db/migrations/002_drop.up.sql": "DROP TABLE zones;\n" },
    });
    expect(merged.findings.filter((f) => f.rule === "drop-table").map((f) => f.severity)).toEqual(["error"]);
  });

  it("reports lint findings of changed files only, and none for an edit that changes nothing a migration does", async () => {
    const result = await reviewCase({
      name: "lint scope",
      base: {
        "db/migrations/001_a.up.sql": "DROP TABLE legacy;\n",
        "db/migrations/001_a.down.sql": "CREATE TABLE legacy (id bigint);\n",
        "db/migrations/002_b.up.sql": "DROP TABLE old_stuff;\n",
      },
      head: {
        "db/migrations/001_a.down.sql": "CREATE TABLE legacy (id bigint, note text);\n",
        "db/migrations/002_b.up.sql": "-- cleanup of the old tables\nDROP TABLE old_stuff;\n",
      },
    });
    // 001's up is only fetched to pair with its edited down: its DROP TABLE is not under review
    expect(result.findings.filter((f) => f.path === "db/migrations/001_a.up.sql")).toEqual([]);
    // 002 gained a comment: a note from edited-migration, no lint findings for statements that already ran
    expect(result.findings.filter((f) => f.path === "db/migrations/002_b.up.sql").map((f) => [f.rule, f.severity])).toEqual([["edited-migration", "info"]]);
  });

  it("skips what needs the base tree when it is not given, and never crashes on unreadable dumps or migrations", async () => {
    const { config } = resolveConfig({});
    const result = await review({
      changes: [
        { path: "db/migrate/20240101000000_a.rb", status: "added" },
        { path: "db/schema.rb", status: "modified" },
        { path: "db/migrate/20240102000000_b.rb", status: "added" },
      ],
      head: [
        { path: "db/migrate/20240101000000_a.rb", content: "class A < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :a, :string\n  end\nend\n" },
        { path: "db/schema.rb", content: "ActiveRecord::Schema[7.1].define(version: 2024_01_01_000000) do\n  create_table \"users\" do |t|\n" },
        { path: "db/migrate/20240102000000_b.rb", content: "class B < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :b,\n" },
      ],
      config,
    });
    expect(result.errors.filter((e) => e.path === "(review)")).toEqual([]);
    expect(result.findings.some((f) => f.rule === "syntax-error" && f.path === "db/migrate/20240102000000_b.rb")).toBe(true);
    // without the base tree nothing is known about older migrations or unchanged dumps
    expect(result.findings.filter((f) => f.rule === "migration-version-order" || f.rule === "schema-dump-not-updated")).toEqual([]);
  });

  it("lets an inline waiver with a reason clear a review finding", async () => {
    const result = await reviewCase({
      name: "waiver",
      base: { "reports/export.py": "SELECT = 'phone_number'\n" },
      head: { "db/migrations/002_drop.up.sql": "-- migguard:ignore dropped-object-still-used export.py is dead code, removed in #88\nALTER TABLE users DROP COLUMN phone_number;\n" },
    });
    expect(result.findings.filter((f) => f.rule === "dropped-object-still-used")).toEqual([]);
  });

  it("lists waived regulated-data statements for the App's sign-off", async () => {
    const result = await reviewCase({
      name: "regulated",
      config: { sensitive: ["users.phone_number"] },
      base: {},
      head: { "db/migrations/002_drop.up.sql": "-- migguard:ignore regulated-data retention ended, LEGAL-42\nALTER TABLE users DROP COLUMN phone_number;\n" },
    });
    expect(result.regulatedWaivers).toEqual([
      expect.objectContaining({ path: "db/migrations/002_drop.up.sql", line: 2, waiverLine: 1, reason: "retention ended, LEGAL-42", what: "drops users.phone_number" }),
    ]);
    expect(result.findings.filter((f) => f.rule === "regulated-data")).toEqual([]);
  });
});
