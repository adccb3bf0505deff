/**
 * Planned drops through `migguard lint` (README: Usages): a Rails drop_table of a table no model maps to or names
 * (the code left in this or an earlier change) is a warning to keep a copy; the same drop while a model still
 * names the table, or with no models to read, keeps the data-loss error. With the application's code read by lint
 * itself (app/, lib/, config/; a Python project's files) and naming nothing of it, the strong evidence makes it a note.
 */
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { run } from "../../src/cli/main.js";
import { featureBranchOn, reviewJson } from "./support/review-repo.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-planned-drops-");

type Finding = { path: string; rule: string; severity: string; message: string };
const lint = async (cwd: string) => (JSON.parse((await run(["lint", "--format", "json", "db/migrate"], { cwd })).output) as { findings: Finding[] }).findings;

const drop = "class DropPartnerTables < ActiveRecord::Migration[7.2]\n  def change\n    drop_table :partnered_signups\n  end\nend\n";
const user = (body: string) => `class User < ApplicationRecord\n${body}end\n`;

describe("planned drops", () => {
  it("Ruby code where the table's name is only a local, a keyword argument, an attr_reader or a %w word does not use the table: a note that says how it knew (identity-idp's proofing_components)", async () => {
    const code = {
      "db/migrate/20250106232958_drop_proofing_components_table.rb": "class DropProofingComponentsTable < ActiveRecord::Migration[7.2]\n  def change\n    drop_table :proofing_components\n  end\nend\n",
      "app/models/user.rb": user("  has_many :profiles\n"),
      "app/jobs/proofing_agent_job.rb":
        "class ProofingAgentJob < ApplicationJob\n  attr_reader :proofing_components\n\n  def perform(proofing_components: {})\n    proofing_components[:document_check] = 'vendor'\n  end\nend\n",
      "lib/analytics_events_documenter.rb": "class AnalyticsEventsDocumenter\n  OPTIONAL = %w[proofing_components].freeze\nend\n",
    };
    const planned = (await lint(repo(code))).find((f) => f.rule === "drop-table")!;
    expect(planned.severity).toBe("info");
    expect(planned.message).toContain("its Ruby read with Prism: no ProofingComponent constant, no association, query or string naming proofing_components");
    const queried = { ...code, "app/services/verified.rb": "class Verified\n  def self.call = Profile.joins(:proofing_component)\nend\n" };
    expect((await lint(repo(queried))).find((f) => f.rule === "drop-table")!.severity).toBe("error");
  });

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

  it("lint reads the application's code itself: a drop no model or code file names is a note, one a controller or module still names keeps the error", async () => {
    const migration = "class DropUnusedColumnsFromUsers < ActiveRecord::Migration[6.1]\n  def up\n    remove_column :users, :email_verification_key\n  end\n\n  def down\n    add_column :users, :email_verification_key, :string\n  end\nend\n";
    const path = "db/migrate/20191116224228_drop_unused_columns_from_users.rb";
    const controller = (body: string) => `class UsersController < ApplicationController\n  def show\n${body}  end\nend\n`;
    const base = { [path]: migration, "app/models/user.rb": user("  has_many :events\n") };
    const unused = (await lint(repo({ ...base, "app/controllers/users_controller.rb": controller("    @user = User.find(params[:id])\n") }))).find((f) => f.rule === "drop-column")!;
    expect(unused.severity).toBe("info");
    expect(unused.message).toContain("the 2 files of its code read never name email_verification_key");
    // lib/ is application code too; spec/ is not (a test that names it fails before the merge)
    const inLib = repo({ ...base, "lib/tasks/verify.rb": "User.where(email_verification_key: nil).count\n" });
    expect((await lint(inLib)).find((f) => f.rule === "drop-column")!.severity).toBe("error");
    const inSpec = repo({ ...base, "app/controllers/users_controller.rb": controller(""), "spec/models/user_spec.rb": "it { expect(user.email_verification_key).to be_nil }\n" });
    expect((await lint(inSpec)).find((f) => f.rule === "drop-column")!.severity).toBe("info");

    const migrationPy = 'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("books", "0073_sort")]\n\n    operations = [\n        migrations.RemoveField(model_name="connector", name="politeness_delay"),\n    ]\n';
    const pyPath = "books/migrations/0074_remove_connector_politeness_delay.py";
    const models = { [pyPath]: migrationPy, "books/models.py": "class Connector(models.Model):\n    identifier = models.CharField(max_length=255)\n" };
    const djangoLint = async (cwd: string) =>
      (JSON.parse((await run(["lint", "--format", "json", "books/migrations"], { cwd })).output) as { findings: Finding[] }).findings.find((f) => f.rule === "drop-column")!;
    expect((await djangoLint(repo({ ...models, "books/views.py": "def connectors(request):\n    return Connector.objects.all()\n" }))).severity).toBe("info");
    expect((await djangoLint(repo({ ...models, "books/connectors/base.py": "def wait(connector):\n    time.sleep(connector.politeness_delay)\n" }))).severity).toBe("error");
  });

  it("a Django squash, with replaces or named <first>_squashed_<last>, makes its drops notes; another migration keeps the error", async () => {
    const body = (replaces: string) =>
      `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("books", "0005_x")]\n${replaces}\n    operations = [\n        migrations.RemoveField(model_name="user", name="actor"),\n    ]\n`;
    const dropOf = async (files: Record<string, string>) =>
      (JSON.parse((await run(["lint", "--format", "json", "books/migrations"], { cwd: repo(files) })).output) as { findings: Finding[] }).findings.find((f) => f.rule === "drop-column")!;
    const listed = await dropOf({ "books/migrations/0006_a_squashed_0007_b.py": body('    replaces = [("books", "0006_a"), ("books", "0007_b")]\n') });
    expect(listed.severity).toBe("info");
    expect(listed.message).toContain("a squashed migration: it runs only on a database that applied none of the 2 migrations it replaces");
    expect((await dropOf({ "books/migrations/0006_a_squashed_0064_b.py": body("") })).severity).toBe("info");
    expect((await dropOf({ "books/migrations/0065_remove_actor.py": body("") })).severity).toBe("error");
  });

  it("partial inserts decide a Rails 7+ remove_column: load_defaults below 7.0 in config/application.rb makes an unnamed column a note, 7.0+ keeps the error", async () => {
    const migration = "class DropUnusedColumnsFromUsers < ActiveRecord::Migration[7.2]\n  def up\n    remove_column :users, :email_verification_key\n  end\n\n  def down\n    add_column :users, :email_verification_key, :string\n  end\nend\n";
    const files = (defaults: string) => ({
      "db/migrate/20191116224228_drop_unused_columns_from_users.rb": migration,
      "app/models/user.rb": user("  has_many :events\n"),
      "app/controllers/users_controller.rb": "class UsersController < ApplicationController\n  def show\n    @user = User.find(params[:id])\n  end\nend\n",
      "config/application.rb": `module App\n  class Application < Rails::Application\n    config.load_defaults ${defaults}\n  end\nend\n`,
    });
    const old = (await lint(repo(files("6.1")))).find((f) => f.rule === "drop-column")!;
    expect(old.severity).toBe("info");
    expect(old.message).toContain("config/application.rb keeps load_defaults 6.1");
    expect((await lint(repo(files("7.2")))).find((f) => f.rule === "drop-column")!.severity).toBe("error");
  });

  it("an Alembic drop_column whose SQLAlchemy model no longer declares the column and that no code names is a note; a model that still maps it keeps the error", async () => {
    const revision = 'from alembic import op\nimport sqlalchemy as sa\n\nrevision = "d4"\ndown_revision = None\n\n\ndef upgrade():\n    op.drop_column("users", "nickname")\n\n\ndef downgrade():\n    op.add_column("users", sa.Column("nickname", sa.String(80)))\n';
    const model = (extra: string) => `from sqlalchemy import Column, Integer, String\n\nfrom .base import Base\n\n\nclass User(Base):\n    __tablename__ = "users"\n    id = Column(Integer, primary_key=True)\n${extra}`;
    const alembicLint = async (files: Record<string, string>) =>
      (JSON.parse((await run(["lint", "--format", "json", "alembic/versions"], { cwd: repo(files) })).output) as { findings: Finding[] }).findings.find((f) => f.rule === "drop-column")!;
    const base = { "alembic/versions/d4_drop_nickname.py": revision, "app/views.py": "def home(session):\n    return session.query(User).count()\n" };
    const gone = await alembicLint({ ...base, "app/models.py": model("") });
    expect(gone.severity).toBe("info");
    expect(gone.message).toContain("User (app/models.py) no longer declares nickname");
    expect((await alembicLint({ ...base, "app/models.py": model("    nickname = Column(String(80))\n") })).severity).toBe("error");
    expect((await alembicLint({ "alembic/versions/d4_drop_nickname.py": revision })).severity).toBe("error");
  });

  describe("plain SQL (golang-migrate) beside Go code", () => {
    const init =
      "CREATE TABLE app_config_variables (key text PRIMARY KEY, value text NOT NULL, is_public boolean NOT NULL DEFAULT false, is_internal boolean NOT NULL DEFAULT false);\n" +
      "CREATE TABLE one_time_access_tokens (id uuid PRIMARY KEY, token text NOT NULL);\n";
    const drops =
      "ALTER TABLE app_config_variables DROP COLUMN is_public;\nALTER TABLE app_config_variables DROP COLUMN is_internal;\nDROP TABLE one_time_access_tokens;\n";
    // gorm maps the field IsInternal to is_internal; is_public and the tokens table are named nowhere any more
    const model = 'package model\n\ntype AppConfigVariable struct {\n\tKey        string `gorm:"primaryKey"`\n\tValue      string\n\tIsInternal bool\n}\n';
    const files = {
      "go.mod": "module example.com/app\n\ngo 1.22\n",
      "migrations/000001_init.up.sql": init,
      "migrations/000001_init.down.sql": "DROP TABLE one_time_access_tokens;\nDROP TABLE app_config_variables;\n",
      "migrations/000002_drop_unused.up.sql": drops,
      "migrations/000002_drop_unused.down.sql": "ALTER TABLE app_config_variables ADD COLUMN is_public boolean NOT NULL DEFAULT false;\n",
      "internal/model/app_config.go": model,
      // a test that names them fails before the merge: not application code
      "internal/model/app_config_test.go": 'package model\n\nconst q = "SELECT is_public FROM app_config_variables"\n',
    };
    const sqlLint = async (extra: Record<string, string> = {}) =>
      (JSON.parse((await run(["lint", "--format", "json", "migrations"], { cwd: repo({ ...files, ...extra }) })).output) as { findings: Array<Finding & { line: number; fix: string }> }).findings.filter(
        (f) => f.path === "migrations/000002_drop_unused.up.sql",
      );

    it("a drop no Go code names is a note with its backup; a column a gorm field still maps keeps the error, which names the file", async () => {
      const findings = await sqlLint();
      const isPublic = findings.find((f) => f.rule === "drop-column" && f.line === 1)!;
      expect(isPublic.severity).toBe("info");
      expect(isPublic.message).toContain("none of the 1 source file of application code read names is_public");
      expect(isPublic.fix).toContain("CREATE TABLE app_config_variables_is_public_backup_000002 AS SELECT key, is_public FROM app_config_variables");
      const isInternal = findings.find((f) => f.rule === "drop-column" && f.line === 2)!;
      expect(isInternal.severity).toBe("error");
      expect(isInternal.message).toContain("Application code still names is_internal: internal/model/app_config.go:6.");
      const tokens = findings.find((f) => f.rule === "drop-table")!;
      expect(tokens.severity).toBe("info");
      expect(tokens.fix).toContain("one_time_access_tokens_backup");
    });

    it("a struct tag in a file that queries the table, an SQL string or the table's model struct keeps the error; with no application code read nothing changes", async () => {
      // a `db:` tag on a struct no table is known for counts only where its file queries the table (frontier: another table's trial_days)
      const tagged = await sqlLint({ "internal/dto/config.go": 'package dto\n\ntype Config struct {\n\tPublic bool `db:"is_public"`\n}\n\nconst list = "SELECT * FROM app_config_variables"\n' });
      expect(tagged.find((f) => f.rule === "drop-column" && f.line === 1)!.message).toContain("internal/dto/config.go:4");
      const elsewhere = await sqlLint({ "internal/dto/config.go": 'package dto\n\ntype Config struct {\n\tPublic bool `db:"is_public"`\n}\n' });
      expect(elsewhere.find((f) => f.rule === "drop-column" && f.line === 1)!.message).not.toContain("internal/dto/config.go:4");
      // a model struct: tagged for the ORM (an untagged struct of the name in a file that imports none may be any value's)
      const struct = await sqlLint({ "internal/model/token.go": 'package model\n\ntype OneTimeAccessToken struct {\n\tToken string `gorm:"column:token"`\n}\n' });
      const table = struct.find((f) => f.rule === "drop-table")!;
      expect(table.severity).toBe("error");
      expect(table.message).toContain("names one_time_access_tokens or OneTimeAccessToken: internal/model/token.go:3");
      const bare = (JSON.parse((await run(["lint", "--format", "json", "migrations/000002_drop_unused.up.sql"], { cwd: repo({ "migrations/000002_drop_unused.up.sql": drops, "migrations/000001_init.up.sql": init }) })).output) as { findings: Finding[] }).findings;
      expect(bare.filter((f) => f.rule === "drop-column" || f.rule === "drop-table").map((f) => f.severity)).toEqual(["error", "error", "error"]);
    });

    it("Go ties a column to its table: a field of another table's model (TableName), of a GraphQL type or of an in-memory struct is no use; the table's model or SQL on it is (bitmagnet)", async () => {
      const drop = "ALTER TABLE app_config_variables DROP COLUMN is_public;\nALTER TABLE app_config_variables DROP COLUMN value;\n";
      const others = {
        "migrations/000002_drop_unused.up.sql": drop,
        "internal/model/app_config.go": 'package model\n\nconst TableNameAppConfigVariable = "app_config_variables"\n\ntype AppConfigVariable struct {\n\tKey string `gorm:"column:key;primaryKey"`\n}\n\nfunc (*AppConfigVariable) TableName() string {\n\treturn TableNameAppConfigVariable\n}\n',
        "internal/model/setting.go": 'package model\n\nconst TableNameSetting = "settings"\n\ntype Setting struct {\n\tIsPublic bool `gorm:"column:is_public"`\n\tValue string `gorm:"column:value"`\n}\n\nfunc (*Setting) TableName() string {\n\treturn TableNameSetting\n}\n',
        "internal/gql/model.go": "package gql\n\ntype AppConfigVariable struct {\n\tIsPublic bool\n\tValue string\n}\n",
        "internal/cache/cache.go": "package cache\n\ntype entry struct{ value string }\n\nfunc read(e entry) string { return e.value }\n",
        "graphql/schema.graphql": "type AppConfigVariable {\n  is_public: Boolean!\n}\n",
      };
      const unrelated = await sqlLint(others);
      expect(unrelated.filter((f) => f.rule === "drop-column").map((f) => [f.line, f.severity])).toEqual([[1, "info"], [2, "info"]]);
      const sql = await sqlLint({ ...others, "internal/store/store.go": 'package store\n\nconst q = `\nSELECT key, value\nFROM app_config_variables`\n' });
      const value = sql.find((f) => f.rule === "drop-column" && f.line === 2)!;
      expect(value.severity).toBe("error");
      expect(value.message).toContain("Application code still names value: internal/store/store.go:4.");
    });

    it("a web UI's GraphQL client names the API's fields, not the column; a template's variable is weak evidence: the message says migguard could not tell whose (bitmagnet's webui)", async () => {
      const web = {
        "webui/src/app/graphql/generated/index.ts": "import { gql } from 'apollo-angular';\nexport type AppConfigVariable = { isPublic: boolean; isInternal: boolean };\n",
        "webui/src/app/config.component.html": "<p>{{ config.isInternal }}</p>\n<span>{{ config.is_internal }}</span>\n",
      };
      const model = 'package model\n\ntype Setting struct {\n\tKey string `gorm:"column:key"`\n}\n';
      const findings = await sqlLint({ ...web, "internal/model/app_config.go": model });
      const isPublic = findings.find((f) => f.rule === "drop-column" && f.line === 1)!;
      expect(isPublic.severity).toBe("info");
      const isInternal = findings.find((f) => f.rule === "drop-column" && f.line === 2)!;
      expect(isInternal.severity).toBe("error");
      expect(isInternal.message).not.toContain("Application code still names");
      expect(isInternal.message).toContain("Templates name is_internal where migguard could not tell whose (a variable of any model or API object): webui/src/app/config.component.html:2;");
    });

    it("linted from the temp directory (or the home directory, or /) with no repository around, no code and no deploy file is read: those folders hold unrelated trees (here another folder's Dockerfile, an offline deploy), and the drops keep their error", async () => {
      // another test's folder beside it, once read as the deploy: its container migrates, then serves (offline), which made the drops warnings
      repo({ Dockerfile: "FROM ruby:3.3\nCOPY . /app\nCMD bin/rails db:migrate && bin/rails server -b 0.0.0.0\n" });
      const project = repo(files);
      const fromTmp = (JSON.parse((await run(["lint", "--format", "json", join(basename(project), "migrations")], { cwd: tmpdir() })).output) as { findings: Finding[] }).findings;
      const drops = fromTmp.filter((f) => f.path.endsWith("000002_drop_unused.up.sql") && (f.rule === "drop-column" || f.rule === "drop-table"));
      expect(drops.map((f) => f.severity)).toEqual(["error", "error", "error"]);
      expect(drops[0].message).not.toContain("application code read names");
    });

    it("a search stopped at max_code_files proves nothing: the unnamed drop keeps the error, which says the rest was not read", async () => {
      const others = Object.fromEntries(["a", "b", "c"].map((n) => [`internal/${n}/${n}.go`, `package ${n}\n\nfunc Hello() string { return "${n}" }\n`]));
      const capped = await sqlLint({ ...others, ".github/migguard.yml": "max_code_files: 1\n" });
      const isPublic = capped.find((f) => f.rule === "drop-column" && f.line === 1)!;
      expect(isPublic.severity).toBe("error");
      expect(isPublic.message).toContain("but the search stopped at a limit");
      expect((await sqlLint(others)).find((f) => f.rule === "drop-column" && f.line === 1)!.severity).toBe("info");
    });
    it("migguard review decides the same from the pull request's head: the unnamed drops are notes, the one Go still maps an error that names the file", async () => {
      const { "migrations/000002_drop_unused.up.sql": up, "migrations/000002_drop_unused.down.sql": down, ...base } = files;
      const repo = featureBranchOn(base);
      repo.write({ "migrations/000002_drop_unused.up.sql": up, "migrations/000002_drop_unused.down.sql": down }).commit("drop unused");
      const { findings } = await reviewJson(repo);
      const drops = findings.filter((f) => f.rule === "drop-column" || f.rule === "drop-table");
      expect(drops.map((f) => [f.line, f.rule, f.severity])).toEqual([
        [1, "drop-column", "info"],
        [2, "drop-column", "error"],
        [3, "drop-table", "info"],
      ]);
      expect(drops[1].message).toContain("Application code still names is_internal: internal/model/app_config.go:6.");
      expect(drops[0].fix).toContain("CREATE TABLE app_config_variables_is_public_backup_000002 AS");
    });

    it("migguard review ties Go to the table too: another table's model field tagged with the column is no use of it; SQL on the table is (dropped-object-still-used)", async () => {
      const { "migrations/000002_drop_unused.up.sql": _up, "migrations/000002_drop_unused.down.sql": _down, ...base } = files;
      const setting = 'package model\n\ntype Setting struct {\n\tIsPublic bool `gorm:"column:is_public"`\n}\n\nfunc (*Setting) TableName() string {\n\treturn "settings"\n}\n';
      const drop = "ALTER TABLE app_config_variables DROP COLUMN is_public;\n";
      const reviewed = async (extra: Record<string, string>) => {
        const repo = featureBranchOn({ ...base, "internal/model/setting.go": setting, ...extra });
        repo.write({ "migrations/000002_drop_public.up.sql": drop }).commit("drop is_public");
        return (await reviewJson(repo)).findings.filter((f) => f.rule === "dropped-object-still-used");
      };
      expect(await reviewed({})).toEqual([]);
      const sql = await reviewed({ "internal/store/store.go": 'package store\n\nconst q = "SELECT is_public FROM app_config_variables"\n' });
      expect(sql.map((f) => [f.severity, f.message.includes("internal/store/store.go:3"), f.message.includes("setting.go")])).toEqual([["error", true, false]]);
    });

    it("a review whose change also removes the last Go code that names a column keeps its error: the servers run the base branch's code until the deploy", async () => {
      const { "migrations/000002_drop_unused.up.sql": up, "migrations/000002_drop_unused.down.sql": down, ...base } = files;
      const repo = featureBranchOn(base);
      repo.write({ "migrations/000002_drop_unused.up.sql": up, "migrations/000002_drop_unused.down.sql": down, "internal/model/app_config.go": model.replace("\tIsInternal bool\n", "") }).commit("drop unused");
      const { findings } = await reviewJson(repo);
      const isInternal = findings.find((f) => f.rule === "drop-column" && f.line === 2)!;
      expect(isInternal.severity).toBe("error");
      expect(isInternal.message).toContain("This change removes the last code that names is_internal, but the servers run the base branch's until the deploy: internal/model/app_config.go:6.");
      expect(findings.find((f) => f.rule === "drop-column" && f.line === 1)!.severity).toBe("info");
      // lint reads the working tree only: there the column is named nowhere
      expect((await run(["lint", "--format", "json", "migrations"], { cwd: repo.root })).output).toContain("none of the 1 source file of application code read names is_internal");
    });

    it("under a deploy that stops the old servers first (deploy: offline) the code the change removes reads nothing: the drop is the data-loss warning, with no 'drop it in a later change' (dhis2-core replay 40)", async () => {
      const { "migrations/000002_drop_unused.up.sql": up, "migrations/000002_drop_unused.down.sql": down, ...base } = files;
      const repo = featureBranchOn({ ...base, ".github/migguard.yml": "deploy: offline\n" });
      repo.write({ "migrations/000002_drop_unused.up.sql": up, "migrations/000002_drop_unused.down.sql": down, "internal/model/app_config.go": model.replace("\tIsInternal bool\n", "") }).commit("drop unused");
      const { findings } = await reviewJson(repo);
      const isInternal = findings.find((f) => f.rule === "drop-column" && f.line === 2)!;
      expect(isInternal.severity).not.toBe("error");
      expect(isInternal.message).toContain("Dropping column app_config_variables.is_internal deletes its data, and a rollback cannot restore the values.");
      expect(isInternal.message).not.toContain("Drop it in a later change");
    });
  });

  describe("Prisma beside TypeScript (trigger.dev's JobVersion.prepare and Workflow.eventRule)", () => {
    const init =
      '-- CreateTable\nCREATE TABLE "JobVersion" ("id" TEXT NOT NULL, "prepare" BOOLEAN NOT NULL DEFAULT false, CONSTRAINT "JobVersion_pkey" PRIMARY KEY ("id"));\n' +
      '-- CreateTable\nCREATE TABLE "Workflow" ("id" TEXT NOT NULL, "eventRule" JSONB, CONSTRAINT "Workflow_pkey" PRIMARY KEY ("id"));\n';
    const drops = '-- AlterTable\nALTER TABLE "JobVersion" DROP COLUMN "prepare";\n\n-- AlterTable\nALTER TABLE "Workflow" DROP COLUMN "eventRule";\n';
    const schema = (jobVersionFields = "") => `datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\nmodel JobVersion {\n  id String @id\n${jobVersionFields}}\n\nmodel Workflow {\n  id String @id\n}\n`;
    const files = {
      "package.json": '{ "name": "app" }\n',
      "prisma/migrations/20221219142856_init/migration.sql": init,
      "prisma/migrations/20230515102310_remove_prepare/migration.sql": drops,
      "prisma/schema.prisma": schema(),
      // the words without the columns: a comment, a local function, JSX prose, a type named like the column
      "app/components/QueryEditor.tsx": "export function QueryEditor() {\n  // Handle query submission - prepare for title generation\n  const prepare = () => 1;\n  return <p>prepare {prepare()}</p>;\n}\n",
      "packages/core/src/schemas/eventFilter.ts": "export type EventRule = { event: string; source: string };\n",
      "app/models/jobVersion.server.ts": "export const versions = (prisma) => prisma.jobVersion.findMany({ where: { id: { not: '' } } });\n",
    };
    const prismaLint = async (extra: Record<string, string> = {}) =>
      (JSON.parse((await run(["lint", "--format", "json", "prisma/migrations"], { cwd: repo({ ...files, ...extra }) })).output) as { findings: Array<Finding & { line: number }> }).findings.filter(
        (f) => f.path.endsWith("20230515102310_remove_prepare/migration.sql") && f.rule === "drop-column",
      );

    it("columns the schema no longer declares and no SQL names are notes, whatever else says the words", async () => {
      const [prepare, eventRule] = await prismaLint();
      expect([prepare.severity, eventRule.severity]).toEqual(["info", "info"]);
      expect(prepare.message).toContain("the Prisma schema (prisma/schema.prisma) no longer declares it, so Prisma's client does not read it, and none of the 3 source files of application code read names prepare in SQL on JobVersion");
    });

    it("a field the schema still declares is an error that cites it; raw SQL on the table is an error that names the file, and only that line", async () => {
      const declared = await prismaLint({ "prisma/schema.prisma": schema("  prepare Boolean @default(false)\n") });
      expect(declared[0].severity).toBe("error");
      expect(declared[0].message).toContain("The Prisma schema still declares it (prisma/schema.prisma:8: prepare Boolean @default(false))");
      expect(declared[1].severity).toBe("info");
      const raw = await prismaLint({ "app/models/workflow.server.ts": 'export const rules = (prisma) => prisma.$queryRaw`SELECT "eventRule" FROM "Workflow"`;\n' });
      expect(raw.map((f) => f.severity)).toEqual(["info", "error"]);
      expect(raw[1].message).toContain("Application code still names eventRule: app/models/workflow.server.ts:1.");
    });

    it("migguard review of the change that takes the field out of schema.prisma with the drop keeps the error: the servers run the base branch's client, which selects it", async () => {
      const { "prisma/migrations/20230515102310_remove_prepare/migration.sql": up, ...base } = { ...files, "prisma/schema.prisma": schema("  prepare Boolean @default(false)\n") };
      const repo = featureBranchOn(base);
      repo.write({ "prisma/migrations/20230515102310_remove_prepare/migration.sql": up, "prisma/schema.prisma": schema() }).commit("remove prepare");
      const { findings } = await reviewJson(repo);
      const drops = findings.filter((f) => f.rule === "drop-column");
      expect(drops.map((f) => f.severity)).toEqual(["error", "info"]);
      expect(drops[0].message).toContain("This change removes the last code that names prepare, but the servers run the base branch's until the deploy: prisma/schema.prisma:8.");
    });
  });
});
