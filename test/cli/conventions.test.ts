/**
 * The repository's habits through `migguard lint`: a folder whose earlier migrations never have a down (an
 * up-only golang-migrate project) or always leave it empty gets the missing/empty-down finding with one more
 * sentence that names the config line turning the rule off, as a warning: the project rolls forward by policy, so the
 * gap is shown without failing a required check on every pull request.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-conventions-");

const lint = async (cwd: string, ...paths: string[]) =>
  (JSON.parse((await run(["lint", "--format", "json", ...paths], { cwd })).output) as { findings: Array<{ path: string; rule: string; severity: string; message: string }> }).findings;

const upOnly = (n: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`migrations/00000${i + 1}_step.up.sql`, `ALTER TABLE t${i} ADD COLUMN c text;\n`]));

describe("down habits", () => {
  it("says so when no earlier migration of the folder has a down, as a note (a later one has: not up-only, but the habit of the folder)", async () => {
    const root = repo({
      ...upOnly(3),
      "migrations/000004_phone.up.sql": "ALTER TABLE users ADD COLUMN phone text;\n",
      "migrations/000005_fax.up.sql": "ALTER TABLE users ADD COLUMN fax text;\n",
      "migrations/000005_fax.down.sql": "ALTER TABLE users DROP COLUMN fax;\n",
    });
    const finding = (await lint(root, "migrations")).find((f) => f.rule === "missing-down" && f.path === "migrations/000004_phone.up.sql")!;
    expect(finding.severity).toBe("info");
    expect(finding.message).toContain("`rules: { missing-down: error }` makes every such down a required fix again");
    expect(finding.message).toContain("None of the 3 earlier migrations in migrations/ has a down either");
    expect(finding.message).toContain("`rules: { missing-down: off }` in .github/migguard.yml");
  });

  it("says nothing of a habit when the earlier migrations have downs, or are too few to tell", async () => {
    const root = repo({
      ...upOnly(2),
      "migrations/000002_step.down.sql": "ALTER TABLE t1 DROP COLUMN c;\n",
      "migrations/000003_step.up.sql": "ALTER TABLE t2 ADD COLUMN c text;\n",
      "migrations/000004_phone.up.sql": "ALTER TABLE users ADD COLUMN phone text;\n",
    });
    const findings = (await lint(root, "migrations")).filter((f) => f.rule === "missing-down");
    expect(findings.map((f) => f.path).sort()).toEqual(["migrations/000001_step.up.sql", "migrations/000003_step.up.sql", "migrations/000004_phone.up.sql"]);
    for (const f of findings) expect(f.message).not.toContain("earlier migrations");
  });

  it("dbmate files whose `-- migrate:down` is empty in every one (supabase/postgres): up-only, one note for the folder on its newest", async () => {
    const dbmate = (table: string) => `-- migrate:up\nALTER TABLE ${table} ADD COLUMN c text;\n\n-- migrate:down\n`;
    const root = repo({
      "db/migrations/20240101000000_a.sql": dbmate("a"),
      "db/migrations/20240102000000_b.sql": dbmate("b"),
      "db/migrations/20240103000000_c.sql": dbmate("c"),
      "db/migrations/20240104000000_d.sql": dbmate("d"),
    });
    const findings = (await lint(root, "db")).filter((f) => f.rule === "empty-down");
    expect(findings.map((f) => [f.path, f.severity])).toEqual([["db/migrations/20240104000000_d.sql", "info"]]);
    expect(findings[0].message).toContain("None of the 4 migrations in db/migrations/ has a down that does anything (each one's is empty), and dbmate needs none");
    expect(findings[0].message).toContain("`rules: { empty-down: error }`");
  });

  it("golang-migrate: 5 of the 10 downs just before it are empty (half: a mixed habit), older ones written: a note; 4 of 10: the rule's error", async () => {
    const folder = (empties: number) =>
      Object.fromEntries(
        Array.from({ length: 12 }, (_, i) => i + 1).flatMap((n) => {
          const name = `migrations/0000${String(n).padStart(2, "0")}_step`;
          const empty = n > 12 - empties;
          return [[`${name}.up.sql`, `ALTER TABLE t${n} ADD COLUMN c text;\n`], [`${name}.down.sql`, empty ? "" : `ALTER TABLE t${n} DROP COLUMN c;\n`]];
        }),
      );
    const added = { "migrations/000013_phone.up.sql": "ALTER TABLE users ADD COLUMN phone text;\n", "migrations/000013_phone.down.sql": "" };
    const severityOf = async (empties: number) => (await lint(repo({ ...folder(empties), ...added }), "migrations")).find((f) => f.rule === "empty-down" && f.path === "migrations/000013_phone.up.sql")!;
    const note = await severityOf(5);
    expect(note.severity).toBe("info");
    expect(note.message).toContain("5 of the 10 most recent earlier migrations in migrations/ have no down or an empty one");
    expect((await severityOf(4)).severity).toBe("error");
  });
});

describe("up-only folders: no migration has a down, in a layout whose downs are optional (README: Frameworks and layouts)", () => {
  const missingDowns = async (root: string, path = ".") => (await lint(root, path)).filter((f) => f.rule === "missing-down");

  it("golang-migrate: one note for the folder on its newest migration, no warning per file, and no .down.sql in its fix", async () => {
    const root = repo({ ...upOnly(4), "migrations/000005_phone.up.sql": "ALTER TABLE users ADD COLUMN phone text;\n" });
    const findings = (await lint(root, "migrations")).filter((f) => f.rule === "missing-down") as Array<{ path: string; severity: string; message: string; fix?: string }>;
    expect(findings.map((f) => [f.path, f.severity])).toEqual([["migrations/000005_phone.up.sql", "info"]]);
    expect(findings[0].message).toContain("None of the 5 migrations in migrations/ has a down");
    expect(findings[0].fix).not.toContain(".down.sql");
    expect(findings[0].fix).toContain("ALTER TABLE users DROP COLUMN phone;");
  });

  it("keeps the finding on each file when the folder has another down: the team writes them", async () => {
    const root = repo({ ...upOnly(4), "migrations/000002_step.down.sql": "ALTER TABLE t1 DROP COLUMN c;\n" });
    expect((await missingDowns(root, "migrations")).map((f) => f.path).sort()).toEqual(["migrations/000001_step.up.sql", "migrations/000003_step.up.sql", "migrations/000004_step.up.sql"]);
  });

  it("goose without `-- +goose Down` sections and dbmate without `-- migrate:down` sections: one note each", async () => {
    const goose = Object.fromEntries([1, 2, 3, 4].map((n) => [`db/goose/0000${n}_g.sql`, `-- +goose Up\nALTER TABLE g${n} ADD COLUMN c text;\n`]));
    const dbmate = Object.fromEntries([1, 2, 3, 4].map((n) => [`db/migrations/2024010${n}000000_d.sql`, `-- migrate:up\nALTER TABLE d${n} ADD COLUMN c text;\n`]));
    const findings = await missingDowns(repo({ ...goose, ...dbmate }), "db");
    expect(findings.map((f) => [f.path, f.severity]).sort()).toEqual([
      ["db/goose/00004_g.sql", "info"],
      ["db/migrations/20240104000000_d.sql", "info"],
    ]);
  });

  it("sqitch keeps a finding per deploy script without a revert script (sqitch reverts a failed deploy through them), and Flyway V files without U files have nothing missing", async () => {
    const sqitch = Object.fromEntries(["a", "b", "c", "d"].map((n) => [`deploy/${n}.sql`, `ALTER TABLE ${n} ADD COLUMN c text;\n`]));
    const flyway = Object.fromEntries([1, 2, 3, 4].map((n) => [`src/main/resources/db/migration/V${n}__f.sql`, `ALTER TABLE f${n} ADD COLUMN c text;\n`]));
    const findings = await missingDowns(repo({ "sqitch.plan": "%project=x\n", ...sqitch, ...flyway }));
    expect(findings.map((f) => [f.path, f.severity]).sort()).toEqual(["a", "b", "c", "d"].map((n) => [`deploy/${n}.sql`, "warning"]));
  });
});

/** A Django data migration of app `users`, number `n`, whose RunPython has a reverse or not. */
const djangoData = (n: number, reverse: boolean) =>
  `from django.db import migrations\n\n\ndef fix(apps, schema_editor):\n    User = apps.get_model("users", "User")\n    User.objects.filter(email="").update(email=None)\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("users", "000${n}_previous")]\n\n    operations = [\n        migrations.RunPython(fix${reverse ? ", migrations.RunPython.noop" : ""}),\n    ]\n`;
const alterAndFill = `from django.db import migrations, models\n\n\ndef encrypt(apps, schema_editor):\n    Key = apps.get_model("auth_keys", "AccessKey")\n    for key in Key.objects.all():\n        key.save()\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("auth_keys", "0007_previous")]\n\n    operations = [\n        migrations.AlterField(model_name="accesskey", name="secret", field=models.CharField(max_length=512)),\n        migrations.RunPython(encrypt),\n    ]\n`;

describe("rollback habits and one-way migrations (README: Configuration, Rails)", () => {
  it("a RunPython without reverse_code is a warning naming the habit where the project's other RunPython steps have none, an error otherwise", async () => {
    const others = (reversible: number) => Object.fromEntries([2, 3, 4, 5, 6].map((n) => [`users/migrations/000${n}_fix.py`, djangoData(n - 1, n - 1 <= reversible)]));
    const habit = repo({ ...others(0), "auth_keys/migrations/0008_encrypt.py": alterAndFill });
    const finding = (await lint(habit, ".")).find((f) => f.rule === "irreversible-migration" && f.path === "auth_keys/migrations/0008_encrypt.py")!;
    expect(finding.severity).toBe("warning");
    expect(finding.message).toContain("5 of the 5 RunPython steps in the project's other migrations have no reverse_code either");
    expect(finding.message).toContain("`rules: { irreversible-migration: off }`");
    const mixed = repo({ ...others(2), "auth_keys/migrations/0008_encrypt.py": alterAndFill });
    expect((await lint(mixed, ".")).find((f) => f.rule === "irreversible-migration" && f.path === "auth_keys/migrations/0008_encrypt.py")!.severity).toBe("error");
  });

  it("a Rails data migration whose down raises on purpose is a note, and create_table force: on a table no earlier migration names drops nothing", async () => {
    const root = repo({
      "db/migrate/20230101000000_create_users.rb": "class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users do |t|\n      t.string :email\n    end\n  end\nend\n",
      "db/migrate/20230201000000_create_delayed_jobs.rb":
        "class CreateDelayedJobs < ActiveRecord::Migration[7.1]\n  def up\n    create_table :delayed_jobs, force: true do |t|\n      t.text :handler\n    end\n  end\n\n  def down\n    drop_table :delayed_jobs\n  end\nend\n",
      "db/migrate/20230301000000_liquid_options.rb":
        "class LiquidOptions < ActiveRecord::Migration[7.1]\n  class User < ActiveRecord::Base; end\n\n  def up\n    User.where(email: nil).update_all(email: \"\")\n  end\n\n  def down\n    raise ActiveRecord::IrreversibleMigration, \"options are now Liquid templates\"\n  end\nend\n",
    });
    const findings = await lint(root, "db/migrate");
    const force = findings.find((f) => f.rule === "drop-table" && f.path.endsWith("create_delayed_jobs.rb"))!;
    expect(force.severity).toBe("info");
    expect(force.message).toContain("no earlier migration of this folder creates, renames or alters delayed_jobs");
    const oneWay = findings.find((f) => f.rule === "irreversible-migration" && f.path.endsWith("liquid_options.rb"))!;
    expect(oneWay.severity).toBe("info");
    expect(oneWay.message).toContain("one-way by its author's choice");
  });
});
