/**
 * `migguard review --base REF` end to end in temporary git repositories: a main branch with merged
 * migrations, a feature branch (committed, staged, unstaged and untracked changes), and the review the
 * App would run on it. Covers the done-when: an edited merged migration (history), a migration
 * without db/schema.rb (drift), and remove_column :users, :phone_number while app/reports/legacy.rb still
 * reads it (breaking-change naming the file and line).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { UsageError } from "../../src/cli/collect-files.js";
import { GIT_ENV, Repo } from "./support/git-repo.js";
import { run } from "../../src/cli/main.js";

interface Finding {
  path: string;
  line: number;
  endLine: number;
  rule: string;
  category: string;
  severity: string;
  message: string;
  fix: string;
}

async function reviewJson(repo: Repo, args: string[] = [], cwd = repo.root) {
  const result = await run(["review", "--base", "main", "--format", "json", ...args], { cwd });
  return { exitCode: result.exitCode, body: JSON.parse(result.output) as { findings: Finding[]; errors: Array<{ path: string; message: string }> } };
}

const rails = (klass: string, body: string) => `class ${klass} < ActiveRecord::Migration[7.1]\n  def change\n    ${body}\n  end\nend\n`;
const schemaRb = (version: string) => `ActiveRecord::Schema[7.1].define(version: ${version}) do\n  create_table "users" do |t|\n    t.string "email"\n    t.string "phone_number"\n  end\nend\n`;

/** A Rails app on main: users with a phone number, its schema.rb, and a legacy report that reads it. */
function railsApp(): Repo {
  const repo = new Repo()
    .write({
      "db/migrate/20240101000000_create_users.rb": rails("CreateUsers", "create_table :users do |t|\n      t.string :email\n      t.string :phone_number\n    end"),
      "db/schema.rb": schemaRb("2024_01_01_000000"),
      "app/models/user.rb": "class User < ApplicationRecord\nend\n",
      "app/reports/legacy.rb": "class LegacyReport\n  def rows\n    User.where.not(phone_number: nil).pluck(:id, :phone_number)\n  end\nend\n",
    })
    .commit("users");
  repo.git("checkout", "-q", "-b", "feature");
  return repo;
}

describe("the issue's done-when, in a test repository", () => {
  it("editing a merged migration is a history error", async () => {
    const repo = new Repo()
      .write({ "db/migrations/001_users.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY);\n", "db/migrations/001_users.down.sql": "DROP TABLE users;\n" })
      .commit("users");
    repo.git("checkout", "-q", "-b", "feature");
    repo.write({ "db/migrations/001_users.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY);\nALTER TABLE users ADD COLUMN email text;\n" }).commit("edit");
    const { exitCode, body } = await reviewJson(repo);
    expect(exitCode).toBe(1);
    const edited = body.findings.find((f) => f.rule === "edited-migration");
    expect(edited).toMatchObject({ path: "db/migrations/001_users.up.sql", line: 2, category: "history", severity: "error" });
    expect(edited!.message).toMatch(/silently skip/);
  });

  it("adding a migration without updating db/schema.rb is drift", async () => {
    const repo = railsApp();
    repo.write({ "db/migrate/20240201000000_add_locale.rb": rails("AddLocale", "add_column :users, :locale, :string") }).commit("locale");
    const { body } = await reviewJson(repo);
    const drift = body.findings.filter((f) => f.category === "drift");
    expect(drift).toEqual([expect.objectContaining({ rule: "schema-dump-not-updated", path: "db/migrate/20240201000000_add_locale.rb", line: 1 })]);
    expect(drift[0].message).toContain("db/schema.rb");
  });

  it("remove_column :users, :phone_number while app/reports/legacy.rb reads it is a breaking-change error naming the file and line", async () => {
    const repo = railsApp();
    repo
      .write({
        "db/migrate/20240201000000_drop_phone_number.rb": rails("DropPhoneNumber", "remove_column :users, :phone_number, :string"),
        "db/schema.rb": schemaRb("2024_02_01_000000").replace('    t.string "phone_number"\n', ""),
      })
      .commit("drop phone");
    const { exitCode, body } = await reviewJson(repo);
    expect(exitCode).toBe(1);
    const breaking = body.findings.find((f) => f.rule === "dropped-object-still-used");
    expect(breaking).toMatchObject({ path: "db/migrate/20240201000000_drop_phone_number.rb", line: 3, category: "breaking-change", severity: "error" });
    expect(breaking!.message).toContain("app/reports/legacy.rb:3");
    // the text output lists each usage under the finding
    const text = await run(["review", "--base", "main"], { cwd: repo.root });
    expect(text.output).toContain("app/reports/legacy.rb:3: User.where.not(phone_number: nil).pluck(:id, :phone_number)");
    expect(body.findings.some((f) => f.category === "drift")).toBe(false);
  });
});

describe("what counts as the change", () => {
  it("reviews a Prisma migration added under a folder of any name (formbricks' packages/database/migration/)", async () => {
    const repo = new Repo()
      .write({
        "packages/database/migration/migration_lock.toml": 'provider = "postgresql"\n',
        "packages/database/migration/20240101000000_init/migration.sql": 'CREATE TABLE "Survey" ("id" TEXT NOT NULL, "name" TEXT NOT NULL);\n',
      })
      .commit("init");
    repo.git("checkout", "-q", "-b", "feature");
    repo.write({ "packages/database/migration/20240202000000_survey_name/migration.sql": 'CREATE INDEX "Survey_name_idx" ON "Survey"("name");\n' }).commit("index");
    const { body } = await reviewJson(repo);
    expect(body.findings.map((f) => [f.path, f.rule])).toContainEqual(["packages/database/migration/20240202000000_survey_name/migration.sql", "index-without-concurrently"]);
  });

  it("reviews committed, unstaged and untracked changes against the merge base", async () => {
    const repo = new Repo().write({ "db/migrations/001_users.up.sql": "CREATE TABLE users (id bigint);\n" }).commit("users");
    repo.git("checkout", "-q", "-b", "feature");
    repo.write({ "db/migrations/002_a.up.sql": "ALTER TABLE users ADD COLUMN a text;\n" }).commit("a");
    repo.write({ "db/migrations/002_a.up.sql": "ALTER TABLE users ADD COLUMN a text NOT NULL;\n" }); // unstaged edit
    repo.write({ "db/migrations/003_b.up.sql": "DROP TABLE users;\n" }); // untracked
    const { body } = await reviewJson(repo);
    const paths = new Set(body.findings.map((f) => f.path));
    expect(paths.size).toBe(2);
    // committed on the branch, then edited without staging: the working tree's version is reviewed
    expect(body.findings.some((f) => f.path === "db/migrations/002_a.up.sql" && f.rule === "required-column-without-default")).toBe(true);
    expect(paths.has("db/migrations/001_users.up.sql")).toBe(false); // unchanged since the merge base
    expect(body.findings.some((f) => f.path === "db/migrations/003_b.up.sql" && f.rule === "drop-table")).toBe(true); // untracked
  });

  it("sees renames (git mv) and deletions", async () => {
    const repo = new Repo()
      .write({
        "db/migration/V1__users.sql": "CREATE TABLE users (id bigint);\n",
        "db/migration/V2__orders.sql": "CREATE TABLE orders (id bigint);\n",
      })
      .commit("base");
    repo.git("checkout", "-q", "-b", "feature");
    repo.git("mv", "db/migration/V2__orders.sql", "db/migration/V3__orders.sql");
    repo.remove("db/migration/V1__users.sql");
    const { body } = await reviewJson(repo);
    const byRule = (rule: string) => body.findings.filter((f) => f.rule === rule).map((f) => f.path);
    expect(byRule("renamed-migration")).toEqual(["db/migration/V3__orders.sql"]);
    expect(byRule("deleted-migration")).toEqual(["db/migration/V1__users.sql"]);
  });

  it("judges version order against the base branch's tip, where newer migrations may have merged meanwhile", async () => {
    const repo = railsApp();
    repo.write({ "db/migrate/20240201000000_add_locale.rb": rails("AddLocale", "add_column :users, :locale, :string"), "db/schema.rb": schemaRb("2024_02_01_000000") }).commit("locale");
    repo.git("checkout", "-q", "main");
    repo.write({ "db/migrate/20240301000000_add_name.rb": rails("AddName", 'add_column :users, :name, :string\n    execute "UPDATE users SET name = \'\'"'), "db/schema.rb": schemaRb("2024_03_01_000000") }).commit("name");
    repo.git("checkout", "-q", "feature");
    const { body } = await reviewJson(repo);
    const order = body.findings.find((f) => f.rule === "migration-version-order");
    expect(order).toMatchObject({ path: "db/migrate/20240201000000_add_locale.rb", severity: "warning", category: "history" });
    expect(order!.message).toContain("20240301000000");
    // the branch did not touch what main added: no history finding for it
    expect(body.findings.some((f) => f.path.includes("20240301000000"))).toBe(false);
  });

  it("reviews a migration added to the folder Django's MIGRATION_MODULES names (DefectDojo's dojo.db_migrations)", async () => {
    const repo = new Repo()
      .write({
        "dojo/settings/settings.dist.py": 'import environ\n\nenv = environ.Env()\n\nif env("DD_TRACK_MIGRATIONS"):\n    MIGRATION_MODULES = {"dojo": "dojo.db_migrations"}\n',
        "dojo/db_migrations/__init__.py": "",
        "dojo/db_migrations/0001_initial.py": 'from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n    operations = [\n        migrations.CreateModel(name="Finding", fields=[("id", models.AutoField(primary_key=True)), ("title", models.TextField())]),\n    ]\n',
      })
      .commit("dojo");
    repo.git("checkout", "-q", "-b", "feature");
    repo.write({ "dojo/db_migrations/0002_remove_title.py": 'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("dojo", "0001_initial")]\n    operations = [\n        migrations.RemoveField(model_name="finding", name="title"),\n    ]\n' }).commit("drop title");
    const { body } = await reviewJson(repo);
    expect(body.findings.find((f) => f.rule === "drop-column")).toMatchObject({ path: "dojo/db_migrations/0002_remove_title.py", severity: "error" });
  });

  it("reviews a revision added to a folder alembic.ini's version_locations lists", async () => {
    const revision = (id: string, down: string, up: string) => `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${down}\n\n\ndef upgrade():\n    ${up}\n\n\ndef downgrade():\n    pass\n`;
    const repo = new Repo()
      .write({
        "alembic.ini": "[alembic]\nscript_location = %(here)s/alembic\nversion_path_separator = os\nversion_locations = %(here)s/alembic/versions:%(here)s/billing/schema\n",
        "alembic/env.py": "from alembic import context\n",
        "alembic/script.py.mako": '"""${message}"""\n',
        "alembic/versions/a1_initial.py": revision("a1", "None", 'op.create_table("invoice", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("number", sa.String()))'),
      })
      .commit("alembic");
    repo.git("checkout", "-q", "-b", "feature");
    repo.write({ "billing/schema/b2_invoice_index.py": revision("b2", '"a1"', 'op.create_index("ix_invoice_number", "invoice", ["number"])') }).commit("index");
    const { body } = await reviewJson(repo);
    expect(body.findings.find((f) => f.rule === "index-without-concurrently")).toMatchObject({ path: "billing/schema/b2_invoice_index.py" });
  });

  it("reads every migration main merged since the branch left (Lago's branches lag 48-61): whether the order matters depends on each", async () => {
    const repo = railsApp();
    repo.write({ "db/migrate/20240115000000_add_locale.rb": rails("AddLocale", "add_column :users, :locale, :string") }).commit("locale");
    repo.git("checkout", "-q", "main");
    for (let i = 1; i <= 16; i++) {
      const day = String(i).padStart(2, "0");
      repo.write({ [`db/migrate/202402${day}000000_create_ledger_${i}.rb`]: rails(`CreateLedger${i}`, `create_table :ledger_${i} do |t|\n      t.bigint :amount\n    end`) }).commit(`ledger ${i}`);
    }
    repo.git("checkout", "-q", "feature");
    const order = async () => (await reviewJson(repo)).body.findings.find((f) => f.rule === "migration-version-order");
    // none of the 16 touches users: the order makes no difference, a note
    expect(await order()).toMatchObject({ path: "db/migrate/20240115000000_add_locale.rb", severity: "info" });
    expect((await order())!.message).toContain("so the order makes no difference here");
    // the 17th newer one does (it writes the rows of users): a warning naming the table
    repo.git("checkout", "-q", "main");
    repo.write({ "db/migrate/20240220000000_add_name.rb": rails("AddName", 'add_column :users, :name, :string\n    execute "UPDATE users SET name = \'\'"') }).commit("name");
    repo.git("checkout", "-q", "feature");
    expect(await order()).toMatchObject({ severity: "warning", message: expect.stringContaining("Both touch users") });
  });

  it("prints paths relative to the working directory, like lint", async () => {
    const repo = railsApp();
    repo.write({ "db/migrate/20240201000000_add_locale.rb": rails("AddLocale", "add_column :users, :locale, :string") }).commit("locale");
    const { body } = await reviewJson(repo, [], join(repo.root, "db"));
    expect(body.findings.find((f) => f.rule === "schema-dump-not-updated")?.path).toBe("migrate/20240201000000_add_locale.rb");
  });
});

describe("output and config", () => {
  it("keeps lint's JSON contract and exit codes", async () => {
    const repo = railsApp();
    repo.write({ "db/migrate/20240201000000_add_locale.rb": rails("AddLocale", "add_column :users, :locale, :string") }).commit("locale");
    const { exitCode, body } = await reviewJson(repo);
    expect(exitCode).toBe(0); // a drift warning is not an error
    expect(Object.keys(body).sort()).toEqual(["errors", "findings"]);
    for (const f of body.findings) expect(Object.keys(f).sort()).toEqual(["category", "endLine", "fix", "line", "message", "path", "rule", "severity"]);
  });

  it("writes SARIF that validates against the 2.1.0 schema, with the review rules in the catalogue", async () => {
    const repo = railsApp();
    repo.write({ "db/migrate/20240201000000_add_locale.rb": rails("AddLocale", "add_column :users, :locale, :string") }).commit("locale");
    const sarif = JSON.parse((await run(["review", "--base", "main", "--format", "sarif"], { cwd: repo.root })).output);
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, "..", "schemas", "sarif-2.1.0.json"), "utf8"));
    const ajv = new Ajv2020({ strict: false, validateSchema: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(sarif)).toBe(true);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "schema-dump-not-updated");
    expect(sarif.runs[0].tool.driver.rules[result.ruleIndex].id).toBe("schema-dump-not-updated");
  });

  it("takes review rule severities from the config", async () => {
    const repo = railsApp();
    repo.write({ ".github/migguard.yml": "rules:\n  schema-dump-not-updated: error\n" }).commit("config");
    repo.write({ "db/migrate/20240201000000_add_locale.rb": rails("AddLocale", "add_column :users, :locale, :string") }).commit("locale");
    const { exitCode, body } = await reviewJson(repo);
    expect(body.findings.some((f) => f.rule === "invalid-config")).toBe(false);
    expect(body.findings.find((f) => f.rule === "schema-dump-not-updated")?.severity).toBe("error");
    expect(exitCode).toBe(1);
  });

  it("notes that a waived drop of regulated data needs a maintainer's approval in the App", async () => {
    const repo = railsApp();
    repo.write({ ".github/migguard.yml": "sensitive:\n  - users.phone_number\n" }).commit("config");
    repo
      .write({
        "db/migrate/20240201000000_drop_phone_number.rb": rails("DropPhoneNumber", "# migguard:ignore regulated-data,dropped-object-still-used retention ended, LEGAL-42\n    remove_column :users, :phone_number, :string"),
        "db/schema.rb": schemaRb("2024_02_01_000000"),
      })
      .commit("drop");
    const { body } = await reviewJson(repo);
    const regulated = body.findings.filter((f) => f.rule === "regulated-data");
    expect(regulated).toEqual([expect.objectContaining({ severity: "info", line: 4 })]);
    expect(regulated[0].message).toMatch(/maintain or admin permission/);
  });

  it("never reads a symbolic link out of the tree: a linked migration is not analysed (exit 1), a linked code file is not searched", async () => {
    const repo = railsApp();
    // what actions/checkout leaves in .git/config, naming the dropped column
    const secret = '[http "https://github.com/"]\n  extraheader = AUTHORIZATION: basic phone_number-token\n';
    repo.write({ ".git/secret-config": secret });
    const drop = rails("DropPhoneNumber", "remove_column :users, :phone_number, :string");
    repo.write({ "db/migrate/20240201000000_drop_phone_number.rb": drop, "outside/add.rb": rails("AddLocale", "add_column :users, :locale, :string") });
    repo.remove("app/reports/legacy.rb");
    symlinkSync("../.git/secret-config", join(repo.root, "app/settings.yml"));
    symlinkSync("../../outside/add.rb", join(repo.root, "db/migrate/20240202000000_add_locale.rb"));
    repo.commit("drop, with links");
    const { exitCode, body } = await reviewJson(repo);
    expect(body.errors).toEqual([{ path: "db/migrate/20240202000000_add_locale.rb", message: expect.stringMatching(/^a symbolic link: migguard never follows links/) }]);
    expect(exitCode).toBe(1);
    expect(JSON.stringify(body)).not.toContain("app/settings.yml");
    const text = await run(["review", "--base", "main"], { cwd: repo.root });
    expect(text.output).not.toContain("extraheader");
    // the linked migration has only the path's own finding (no dump update), nothing read from its target
    expect(body.findings.filter((f) => f.path.includes("add_locale")).map((f) => f.rule)).toEqual(["schema-dump-not-updated"]);
    // the other migration is analysed as usual
    expect(body.findings.some((f) => f.path === "db/migrate/20240201000000_drop_phone_number.rb" && f.severity === "error")).toBe(true);
  });

  it("rejects bad invocations with usage errors", async () => {
    const repo = railsApp();
    await expect(run(["review"], { cwd: repo.root })).rejects.toBeInstanceOf(UsageError);
    await expect(run(["review", "--base", "no-such-branch"], { cwd: repo.root })).rejects.toThrow(/unknown git ref "no-such-branch"/);
    await expect(run(["review", "--base", "main", "db"], { cwd: repo.root })).rejects.toBeInstanceOf(UsageError);
    const outside = mkdtempSync(join(tmpdir(), "migguard-not-git-"));
    await expect(run(["review", "--base", "main"], { cwd: outside })).rejects.toThrow(/not inside a git repository/);
  });

  it("runs as a real process with lint's exit status", () => {
    const repo = railsApp();
    repo.write({ "db/migrate/20240201000000_drop_phone_number.rb": rails("DropPhoneNumber", "remove_column :users, :phone_number, :string") }).commit("drop");
    const project = join(import.meta.dirname, "..", "..");
    // the repository is the working directory, so tsx is resolved from the project
    const tsx = pathToFileURL(createRequire(join(project, "package.json")).resolve("tsx")).href;
    const cli = spawnSync(process.execPath, ["--no-warnings", "--import", tsx, join(project, "src", "cli", "main.ts"), "review", "--base", "main"], { cwd: repo.root, encoding: "utf8", env: GIT_ENV });
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain("dropped-object-still-used");
    expect(cli.stdout).toContain("app/reports/legacy.rb:3");
  });
});
