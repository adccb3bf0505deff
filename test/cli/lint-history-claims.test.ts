/**
 * `migguard lint` on what the README says of Rails rollbacks, gem-owned tables and Django's initial set: a re-run
 * that changes nothing is no irreversibility while an increment is; a change_column in a loop becomes up and down
 * with every iteration's value and options; an up-only drop of a table no migration defines gets no
 * irreversible-migration; a fix for a table no model maps invents no class; an index in an `initial = True` part
 * on a table the app's earlier initial part created is a note, and an error once the part is not initial.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

type Finding = { rule: string; path: string; line: number; severity: string; message: string; fix?: string };
const lint = async (repo: Repo, path: string) => (JSON.parse((await run(["lint", "--format", "json", path], { cwd: repo.root })).output) as { findings: Finding[] }).findings;
const rails = (name: string, body: string) => `class ${name} < ActiveRecord::Migration[7.1]\n${body}end\n`;
const CREATE_USERS = rails("CreateUsers", "  def change\n    create_table :users do |t|\n      t.string :email\n      t.integer :score\n    end\n  end\n");

describe("lint: the README's claims on Rails rollbacks and gem tables", () => {
  it("warns on data code whose second run on rollback changes rows, not on a fill of NULLs", async () => {
    const repo = new Repo()
      .write({
        "db/migrate/20240101000000_create_users.rb": CREATE_USERS,
        "db/migrate/20240201000000_backfill_kind.rb": rails("BackfillKind", '  def change\n    add_column :users, :kind, :string\n    User.where(kind: nil).update_all(kind: "member")\n    User.update_all("score = score + 1")\n  end\n'),
        "app/models/user.rb": "class User < ApplicationRecord\nend\n",
      })
      .commit("app");
    const reruns = (await lint(repo, "db/migrate")).filter((f) => f.rule === "irreversible-migration");
    expect(reruns.map((f) => [f.line, f.severity])).toEqual([[5, "warning"]]);
    expect(reruns[0].message).toContain('User.update_all("score = score + 1")');
  });

  it("writes a change_column loop as up and down with each iteration's value and options, never the loop's variable", async () => {
    const repo = new Repo()
      .write({ "db/migrate/20240301000000_precise_timestamps.rb": rails("PreciseTimestamps", "  def change\n    %i[users tips].each do |table|\n      change_column table, :created_at, :datetime, precision: 6\n    end\n  end\n") })
      .commit("app");
    const [finding] = (await lint(repo, "db/migrate")).filter((f) => f.rule === "irreversible-migration");
    expect(finding.fix).toContain("def up\n  change_column :users, :created_at, :datetime, precision: 6\n  change_column :tips, :created_at, :datetime, precision: 6\nend");
    expect(finding.fix).not.toMatch(/change_column table\b/);
  });

  it("gives an up-only drop of a table no migration defines no irreversible-migration, and a gem table's fix no invented class", async () => {
    const repo = new Repo()
      .write({
        "db/migrate/20240401000000_remove_shop.rb": rails("RemoveShop", "  def up\n    drop_table :shops\n  end\n"),
        "db/migrate/20240501000000_upgrade_cms.rb": rails("UpgradeCms", "  def change\n    remove_column :comfy_cms_files, :file_file_name, :string\n  end\n"),
        "app/models/user.rb": "class User < ApplicationRecord\nend\n",
      })
      .commit("app");
    const findings = await lint(repo, "db/migrate");
    expect(findings.filter((f) => f.rule === "irreversible-migration")).toEqual([]);
    expect(findings.some((f) => f.rule === "drop-table" && f.path.endsWith("remove_shop.rb"))).toBe(true);
    const removal = findings.find((f) => f.rule === "remove-column-in-change");
    expect(removal?.fix).toContain("no model in app/models maps comfy_cms_files");
    expect(removal?.fix).not.toMatch(/class ComfyCmsFile/);
  });
});

describe("lint: Django's initial set", () => {
  const part2 = (initial: boolean) =>
    `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n${initial ? "    initial = True\n" : ""}    dependencies = [("ipam", "0001_initial_part_1")]\n    operations = [\n        migrations.AddIndex(model_name="prefix", index=models.Index(fields=["network"], name="ipam_prefix_network_idx")),\n    ]\n`;
  const PART_1 =
    'from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n    operations = [\n        migrations.CreateModel(\n            name="Prefix",\n            fields=[\n                ("id", models.BigAutoField(primary_key=True)),\n                ("network", models.CharField(max_length=64)),\n            ],\n        ),\n    ]\n';

  it("makes an index of a later initial part on a table an earlier part created a note, and an error when the part is not initial", async () => {
    const repo = new Repo()
      .write({ "ipam/__init__.py": "", "ipam/migrations/__init__.py": "", "ipam/migrations/0001_initial_part_1.py": PART_1, "ipam/migrations/0002_initial_part_2.py": part2(true) })
      .commit("app");
    const index = async () => (await lint(repo, "ipam/migrations")).find((f) => f.rule === "index-without-concurrently");
    expect(await index()).toMatchObject({ severity: "info", message: expect.stringContaining("an earlier `initial = True` migration of this app") });
    repo.write({ "ipam/migrations/0002_initial_part_2.py": part2(false) }).commit("not initial");
    expect(await index()).toMatchObject({ severity: "error" });
  });
});
