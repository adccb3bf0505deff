/**
 * `migguard lint` end to end on temporary repositories: exit codes, the exact JSON contract, SARIF valid
 * against the OASIS 2.1.0 schema, bad input (syntax errors, binary and huge files, invalid config) reported
 * without stopping the rest.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { run } from "../../src/cli/main.js";
import { UsageError } from "../../src/cli/collect-files.js";
import { Repo } from "./support/git-repo.js";

function repo(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), "migguard-cli-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const json = async (args: string[], cwd: string) => {
  const result = await run(["lint", "--format", "json", ...args], { cwd });
  return { exitCode: result.exitCode, body: JSON.parse(result.output) as { findings: Array<Record<string, unknown>>; errors: Array<Record<string, unknown>> } };
};

describe("which files are migrations", () => {
  const revision = 'from alembic import op\n\nrevision = "b2"\ndown_revision = "a1"\n\n\ndef upgrade():\n    op.create_index("ix_flow_name", "flow", ["name"])\n\n\ndef downgrade():\n    op.drop_index("ix_flow_name")\n';

  it("finds Alembic revisions under any script_location (_migrations/versions/postgresql), and a revision named on the command line anywhere", async () => {
    const root = repo({ "src/app/_migrations/versions/postgresql/b2_index.py": revision, "scratch/b2_index.py": revision, "scratch/helpers.py": "def upgrade():\n    pass\n" });
    const walked = await json(["src"], root);
    expect(walked.body.findings.map((f) => [f.path, f.rule])).toContainEqual(["src/app/_migrations/versions/postgresql/b2_index.py", "index-without-concurrently"]);
    const named = await json(["scratch/b2_index.py", "scratch/helpers.py"], root);
    expect(named.body.findings.map((f) => [f.path, f.rule])).toEqual([["scratch/b2_index.py", "index-without-concurrently"]]);
  });

  it("finds the revisions of a script_location named only in alembic.ini (dispatch's database/revisions/core), by its env.py and script.py.mako", async () => {
    const location = "src/dispatch/database/revisions/core";
    const root = repo({
      [`${location}/env.py`]: "from alembic import context\n",
      [`${location}/script.py.mako`]: '"""${message}"""\n',
      [`${location}/versions/2025-01-01_b2_index.py`]: revision,
      // the same pair of names without the template is not Alembic's
      "src/tools/env.py": "import os\n",
      "src/tools/versions/b2_index.py": revision,
    });
    const walked = await json(["src"], root);
    expect(walked.body.findings.map((f) => [f.path, f.rule])).toEqual([[`${location}/versions/2025-01-01_b2_index.py`, "index-without-concurrently"]]);
  });

  it("finds the revisions in the folders alembic.ini's version_locations lists (%(here)s, a second folder of the same database)", async () => {
    const root = repo({
      "alembic.ini": "[alembic]\nscript_location = %(here)s/alembic\nversion_locations = %(here)s/alembic/versions %(here)s/billing/schema\n",
      "alembic/env.py": "from alembic import context\n",
      "alembic/script.py.mako": '"""${message}"""\n',
      "billing/schema/__init__.py": "",
      "billing/schema/3c1a_add_flow_index.py": revision,
      // not listed: not a revision
      "billing/tools/3c1a_add_flow_index.py": revision,
    });
    const walked = await json(["."], root);
    expect(walked.body.findings.map((f) => [f.path, f.rule])).toEqual([["billing/schema/3c1a_add_flow_index.py", "index-without-concurrently"]]);
    // linting the folder alone, from the root beside alembic.ini
    const folder = await json(["billing/schema"], root);
    expect(folder.body.findings.map((f) => f.path)).toEqual(["billing/schema/3c1a_add_flow_index.py"]);
  });

  describe("a migrations folder or one migration given alone is analysed as its parent is, and what yields none is said (agenta: core/versions gave no problems)", () => {
    const addIndex = 'from alembic import op\n\nrevision: str = "b2"\ndown_revision = "a1"\n\n\ndef upgrade() -> None:\n    op.create_index("ix_flow_name", "flow", ["name"])\n\n\ndef downgrade() -> None:\n    op.drop_index("ix_flow_name")\n';
    const createFlow = 'from alembic import op\nimport sqlalchemy as sa\n\nrevision = "a1"\ndown_revision = None\n\n\ndef upgrade():\n    op.create_table("flow", sa.Column("id", sa.Integer, primary_key=True), sa.Column("name", sa.Text))\n\n\ndef downgrade():\n    op.drop_table("flow")\n';
    const initial = 'from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n    operations = [\n        migrations.CreateModel(name="Order", fields=[("id", models.AutoField(primary_key=True)), ("total", models.IntegerField())]),\n    ]\n';
    const dropTotal = 'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("shop", "0001_initial")]\n    operations = [\n        migrations.RemoveField(model_name="order", name="total"),\n    ]\n';
    const addRailsIndex = "class AddEmailIndex < ActiveRecord::Migration[7.1]\n  def change\n    add_index :users, :email\n  end\nend\n";
    const project = () =>
      repo({
        // a script location named neither alembic nor migrations, marked by its env.py and script.py.mako only
        "api/databases/core/env.py": "from alembic import context\n",
        "api/databases/core/script.py.mako": '"""${message}"""\n',
        "api/databases/core/utils.py": "def helper():\n    pass\n",
        "api/databases/core/versions/__init__.py": "",
        "api/databases/core/versions/a1_create_flow.py": createFlow,
        "api/databases/core/versions/b2_flow_index.py": addIndex,
        // agenta's core_oss: env.py beside alembic.ini, no template (its revisions are written by hand)
        "api/databases/core_oss/alembic.ini": "[alembic]\nscript_location = /app/api/databases/core_oss\n",
        "api/databases/core_oss/env.py": "from alembic import context\n",
        "api/databases/core_oss/versions/oss1_flow_index.py": addIndex,
        "shop/migrations/__init__.py": "",
        "shop/migrations/0001_initial.py": initial,
        "shop/migrations/0002_drop_total.py": dropTotal,
        "db/migrate/20240101000000_add_email_index.rb": addRailsIndex,
      });
    const shape = (findings: Array<Record<string, unknown>>) => findings.map((f) => [f.path, f.line, f.rule, f.message]);

    it.each([
      ["api/databases/core", "api/databases/core/versions", "api/databases/core/versions/b2_flow_index.py"],
      ["api/databases/core_oss", "api/databases/core_oss/versions", "api/databases/core_oss/versions/oss1_flow_index.py"],
      ["shop", "shop/migrations", "shop/migrations/0002_drop_total.py"],
      ["db", "db/migrate", "db/migrate/20240101000000_add_email_index.rb"],
    ])("%s, %s and %s alone give the same findings", async (parent, folder, file) => {
      const root = project();
      const fromParent = await json([parent], root);
      expect(fromParent.body.findings.length).toBeGreaterThan(0);
      for (const given of [folder, file]) {
        const alone = await json([given], root);
        expect({ given, findings: shape(alone.body.findings), errors: alone.body.errors, exitCode: alone.exitCode }).toEqual({
          given,
          findings: shape(fromParent.body.findings).filter(([path]) => given === folder || path === file),
          errors: [],
          exitCode: fromParent.exitCode,
        });
      }
    });

    it("judges a Rails, Alembic or Django migration named alone with its folder's history (a pre-commit hook): the down puts NOT NULL back where the earlier migration had it, a ForeignKey's column is <name>_id", async () => {
      const root = repo({
        "alembic/versions/a1_spans.py":
          'from alembic import op\nimport sqlalchemy as sa\n\nrevision = "a1"\ndown_revision = None\n\n\ndef upgrade():\n    op.create_table("spans", sa.Column("id", sa.UUID(), primary_key=True), sa.Column("created_at", sa.TIMESTAMP(), nullable=False), sa.Column("deleted_at", sa.TIMESTAMP(), nullable=True))\n\n\ndef downgrade():\n    op.drop_table("spans")\n',
        "alembic/versions/b2_relax.py":
          'from alembic import op\n\nrevision = "b2"\ndown_revision = "a1"\n\n\ndef upgrade():\n    for column in ("created_at", "deleted_at"):\n        op.execute(f\'ALTER TABLE "spans" ALTER COLUMN "{column}" DROP NOT NULL\')\n\n\ndef downgrade():\n    pass\n',
        "db/migrate/20240301000000_create_users.rb": "class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users do |t|\n      t.string :email, null: false\n      t.string :nickname\n    end\n  end\nend\n",
        "db/migrate/20240306000000_relax_users.rb": "class RelaxUsers < ActiveRecord::Migration[7.1]\n  def up\n    change_column_null :users, :email, true\n    change_column_null :users, :nickname, true\n  end\n\n  def down\n  end\nend\n",
        // webodm 0012: the RemoveField of a ForeignKey an earlier migration of the app added drops its task_id column
        "app/__init__.py": "",
        "app/migrations/__init__.py": "",
        "app/migrations/0001_initial.py":
          'from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n\n    operations = [\n        migrations.CreateModel(name="Task", fields=[("id", models.AutoField(primary_key=True))]),\n        migrations.CreateModel(name="ImageUpload", fields=[("id", models.AutoField(primary_key=True)), ("task", models.ForeignKey(on_delete=models.CASCADE, to="app.Task"))]),\n    ]\n',
        "app/migrations/0002_drop_task.py":
          'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("app", "0001_initial")]\n\n    operations = [\n        migrations.RemoveField(model_name="imageupload", name="task"),\n    ]\n',
      });
      for (const [folder, file, restore] of [
        ["alembic/versions", "alembic/versions/b2_relax.py", "ALTER TABLE spans ALTER COLUMN created_at SET NOT NULL"],
        ["db/migrate", "db/migrate/20240306000000_relax_users.rb", "change_column_null :users, :email, false"],
      ]) {
        const parent = (await json([folder], root)).body.findings.filter((f) => f.path === file);
        const alone = (await json([file], root)).body.findings;
        expect(alone).toEqual(parent);
        const down = String(alone.find((f) => f.rule === "empty-down")?.fix);
        expect(down).toContain(restore);
        expect(down).not.toMatch(/deleted_at|nickname/);
      }
      const parent = (await json(["app/migrations"], root)).body.findings.filter((f) => f.path === "app/migrations/0002_drop_task.py");
      const alone = (await json(["app/migrations/0002_drop_task.py"], root)).body.findings;
      expect(alone).toEqual(parent);
      expect(String(alone.find((f) => f.rule === "drop-column")?.message)).toContain("app_imageupload.task_id");
    });

    it("inside a repository, lints from inside a migrations folder as from the root, with the paths shown from where it runs", async () => {
      const files = project();
      // the same project as a repository's work tree
      const repository = new Repo();
      for (const entry of readdirSync(files)) cpSync(join(files, entry), join(repository.root, entry), { recursive: true });
      const root = repository.root;
      for (const [folder, given] of [
        ["db/migrate", "."],
        ["shop/migrations", "0002_drop_total.py"],
        ["api/databases/core/versions", "."],
        ["api/databases/core/versions", "b2_flow_index.py"],
      ]) {
        const fromRoot = await json([`${folder}/${given}`.replace(/\/\.$/, "")], root);
        const inside = await json([given], join(root, folder));
        expect({ folder, given, findings: shape(inside.body.findings), errors: inside.body.errors, exitCode: inside.exitCode }).toEqual({
          folder,
          given,
          findings: shape(fromRoot.body.findings).map(([path, ...rest]) => [String(path).slice(folder.length + 1), ...rest]),
          errors: [],
          exitCode: fromRoot.exitCode,
        });
        expect(inside.body.findings.length).toBeGreaterThan(0);
      }
    });

    it("fails the gate for a folder under which nothing is a migration, and for a named migration its path does not place", async () => {
      const root = project();
      // from inside the folders, the paths no longer say which project they belong to
      const insideRails = await json(["."], join(root, "db/migrate"));
      expect(insideRails.exitCode).toBe(1);
      expect(insideRails.body.errors).toEqual([{ path: ".", message: expect.stringContaining("no migration found under this folder") }]);
      const insideDjango = await json(["0002_drop_total.py"], join(root, "shop/migrations"));
      expect(insideDjango.exitCode).toBe(1);
      expect(insideDjango.body.errors).toEqual([{ path: "0002_drop_total.py", message: expect.stringContaining("reads as a Django migration") }]);
      const noMigrations = await json(["api/databases/core/versions", "docs"], repo({ "api/databases/core/versions/b2_flow_index.py": "print(1)\n", "docs/README.md": "# docs\n" }));
      expect(noMigrations.exitCode).toBe(1);
      expect(noMigrations.body.errors.map((e) => e.path)).toEqual(["api/databases/core/versions", "docs"]);
    });

    it("says which named files are not migrations without failing the gate for them (a pre-commit hook names helpers and __init__.py)", async () => {
      const named = await json(["api/databases/core/utils.py", "shop/migrations/__init__.py"], project());
      expect(named.exitCode).toBe(0);
      expect(named.body.errors).toEqual([
        { path: "api/databases/core/utils.py", message: "not a migration migguard recognises; not analysed" },
        { path: "shop/migrations/__init__.py", message: "not a migration migguard recognises; not analysed" },
      ]);
    });
  });

  describe("Django's MIGRATION_MODULES (DefectDojo: dojo.db_migrations, set under an if)", () => {
    const initial = 'from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n    operations = [\n        migrations.CreateModel(name="Finding", fields=[("id", models.AutoField(primary_key=True)), ("title", models.TextField())]),\n    ]\n';
    const removeTitle = 'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("dojo", "0001_initial")]\n    operations = [\n        migrations.RemoveField(model_name="finding", name="title"),\n    ]\n';
    const settings = (setting: string) => `import environ\n\nenv = environ.Env()\nDATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "dojo"}}\n\nif env("DD_TRACK_MIGRATIONS"):\n    ${setting}\n`;
    const dojo = (setting: string) =>
      repo({
        "dojo/settings/settings.dist.py": settings(setting),
        "dojo/db_migrations/__init__.py": "",
        "dojo/db_migrations/0001_initial.py": initial,
        "dojo/db_migrations/0002_remove_title.py": removeTitle,
        // numbered, but in no folder a setting names
        "dojo/tools/0001_parser.py": removeTitle,
      });

    it("lints the folder the setting names, with the app's table names, from the root or from the folder itself", async () => {
      const root = dojo('MIGRATION_MODULES = {"dojo": "dojo.db_migrations"}');
      const walked = await json(["."], root);
      expect(walked.body.findings.filter((f) => f.severity === "error").map((f) => [f.path, f.rule])).toEqual([["dojo/db_migrations/0002_remove_title.py", "drop-column"]]);
      expect(String(walked.body.findings.find((f) => f.rule === "drop-column")?.message)).toContain("dojo_finding.title");
      const named = await json(["dojo/db_migrations/0002_remove_title.py"], root);
      expect(named.body.findings.map((f) => f.rule)).toContain("drop-column");
    });

    it("reads a setting given one app at a time, and nothing without it", async () => {
      const oneAtATime = await json(["."], dojo('MIGRATION_MODULES["dojo"] = "dojo.db_migrations"'));
      expect(oneAtATime.body.findings.map((f) => f.path)).toContain("dojo/db_migrations/0002_remove_title.py");
      const disabled = await json(["."], dojo('MIGRATION_MODULES = {"dojo": None}'));
      expect(disabled.body.findings).toEqual([]);
    });
  });

  it("finds Prisma's migrations by their structure under a folder of any name (formbricks' packages/database/migration/), and leaves seeds and dumps out", async () => {
    const root = repo({
      "packages/database/schema.prisma": 'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n',
      "packages/database/migration/migration_lock.toml": 'provider = "postgresql"\n',
      "packages/database/migration/20240101000000_init/migration.sql": 'CREATE TABLE "Survey" ("id" TEXT NOT NULL, "name" TEXT NOT NULL);\n',
      "packages/database/migration/20240202000000_survey_name/migration.sql": 'CREATE INDEX "Survey_name_idx" ON "Survey"("name");\n',
      // diesel's folder names, under the folder its diesel.toml names
      "crates/store/schema_changes/2025-08-01-000027_orders/up.sql": "CREATE INDEX orders_total_idx ON orders (total);\n",
      "crates/store/schema_changes/2025-08-01-000027_orders/down.sql": "DROP INDEX orders_total_idx;\n",
      // SQL that is not a migration: a seed, a fixture, a schema dump, a file that only shares the name
      "packages/database/seed/seed.sql": 'DROP TABLE "Survey";\n',
      "packages/database/fixtures/001_surveys.sql": 'DROP TABLE "Survey";\n',
      "packages/database/dump/schema.sql": 'DROP TABLE "Survey";\n',
      "packages/database/tmp/init/migration.sql": 'DROP TABLE "Survey";\n',
    });
    const walked = await json(["packages", "crates"], root);
    const found = walked.body.findings.map((f) => [f.path, f.rule]);
    expect(found).toContainEqual(["packages/database/migration/20240202000000_survey_name/migration.sql", "index-without-concurrently"]);
    expect(found).toContainEqual(["crates/store/schema_changes/2025-08-01-000027_orders/up.sql", "index-without-concurrently"]);
    expect(new Set(walked.body.findings.map((f) => f.path))).toEqual(
      new Set(["packages/database/migration/20240202000000_survey_name/migration.sql", "crates/store/schema_changes/2025-08-01-000027_orders/up.sql"]),
    );
    // the same findings as for the file named alone
    const named = await json(["packages/database/migration/20240202000000_survey_name/migration.sql"], root);
    expect(named.body.findings.map((f) => f.rule)).toEqual(walked.body.findings.filter((f) => String(f.path).startsWith("packages/")).map((f) => f.rule));
  });
});

describe("Alembic's raw COMMIT, by the driver the project's dependency files name (hypothesis/lms)", () => {
  const revision = `from alembic import op

revision = "3d0c022c716c"
down_revision = "7858a12c4e4a"


def upgrade() -> None:
    # CONCURRENTLY can't be used inside a transaction. Finish the current one.
    op.execute("COMMIT")

    op.create_index(
        op.f("ix__assignment_grouping_assignment_id"),
        "assignment_grouping",
        ["assignment_id"],
        unique=False,
        postgresql_concurrently=True,
    )


def downgrade() -> None:
    op.execute("COMMIT")
    op.drop_index(op.f("ix__assignment_grouping_assignment_id"), table_name="assignment_grouping", postgresql_concurrently=True)
`;
  const lintWith = async (requirements: string) => {
    const root = repo({ "requirements/prod.txt": requirements, "lms/migrations/versions/3d0c022c716c_add_missing_indexes_for_fks.py": revision });
    return (await json(["lms"], root)).body.findings;
  };

  it("psycopg2 sends no BEGIN again: CONCURRENTLY runs, and a COMMIT with nothing before it and one statement after is a note (nothing can be half applied)", async () => {
    const findings = await lintWith("alembic==1.13.1\npsycopg2==2.9.9\n");
    expect(findings.map((f) => f.rule)).not.toContain("concurrently-in-transaction");
    const commit = findings.find((f) => f.rule === "transaction-nesting");
    expect(commit?.line).toBe(9);
    expect(commit?.severity).toBe("info");
    expect(commit?.message).toContain("only line 11 changes anything after it");
    expect(commit?.fix).toContain('op.f("ix__assignment_grouping_assignment_id"),');
    expect(commit?.fix).not.toContain("(...");
  });

  it("psycopg 3 begins a new transaction: CONCURRENTLY after the COMMIT fails", async () => {
    const findings = await lintWith("alembic==1.13.1\npsycopg[binary]==3.2.1\n");
    expect(findings.filter((f) => f.rule === "concurrently-in-transaction").map((f) => [f.line, f.severity])).toEqual([[11, "error"]]);
  });
});

describe("the repository's Django version", () => {
  const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Order", fields=[("id", models.BigAutoField(primary_key=True)), ("number", models.CharField(max_length=200))]),
    ]
`;
  const addSize = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]
    operations = [
        migrations.AddField(model_name="order", name="size", field=models.FloatField(default=0)),
    ]
`;
  const fixOf = async (manifest: Record<string, string>) => {
    const root = repo({ "shop/migrations/0001_initial.py": initial, "shop/migrations/0002_order_size.py": addSize, ...manifest });
    const { body } = await json(["shop"], root);
    const finding = body.findings.find((f) => f.rule === "required-column-without-default");
    expect(finding).toBeDefined();
    return String(finding!.fix);
  };

  it("is read from requirements.txt or pyproject.toml beside the apps, and the fix uses what that version has", async () => {
    // db_default= exists from Django 5.0: on 4.2 the fix keeps the AddField and sets the database default with SQL
    const old = await fixOf({ "requirements.txt": "Django==4.2.30\npsycopg==3.1\n" });
    expect(old).toContain("# Django before 5.0 drops the column's default");
    expect(old).not.toContain("db_default");
    expect(old).toContain('"ALTER TABLE shop_order ALTER COLUMN size SET DEFAULT 0"');
    const recent = await fixOf({ "pyproject.toml": '[project]\nname = "shop"\ndependencies = ["django>=5.1,<6"]\n' });
    expect(recent).toContain("db_default=0");
  });

  it("is read from setup.cfg, setup.py (install_requires) and the Pipfile too", async () => {
    expect(await fixOf({ "setup.cfg": "[options]\ninstall_requires =\n    Django>=4.2,<5\n" })).toContain("# Django before 5.0 drops the column's default");
    expect(await fixOf({ "setup.py": 'from setuptools import setup\n\nsetup(name="shop", install_requires=["Django==4.2.30"])\n' })).not.toContain("db_default");
    expect(await fixOf({ Pipfile: '[packages]\ndjango = "~=5.1"\n' })).toContain("db_default=0");
  });
});

describe("django-safemigrate", () => {
  const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Order", fields=[("id", models.BigAutoField(primary_key=True)), ("note", models.TextField(null=True))]),
    ]
`;
  const removeNote = (safe: string) => `from django.db import migrations
from django_safemigrate import Safe


class Migration(migrations.Migration):
    safe = ${safe}
    dependencies = [("shop", "0001_initial")]
    operations = [
        migrations.RemoveField(model_name="order", name="note"),
    ]
`;
  const dropOf = async (safe: string) => {
    const root = repo({ "shop/migrations/0001_initial.py": initial, "shop/migrations/0002_remove_order_note.py": removeNote(safe) });
    const { exitCode, body } = await json(["shop"], root);
    return { exitCode, finding: body.findings.find((f) => f.rule === "drop-column") };
  };

  it("reads Safe.after_deploy() as the planned last step of a removal: a warning with a backup, not the data-loss error", async () => {
    const planned = await dropOf("Safe.after_deploy(delay=timedelta(days=1))");
    expect(planned.finding).toMatchObject({ severity: "warning" });
    expect(String(planned.finding!.fix)).toContain("shop_order_note_backup");
    expect(planned.exitCode).toBe(0);
    const always = await dropOf("Safe.always()");
    expect(always.finding).toMatchObject({ severity: "error" });
    expect(always.exitCode).toBe(1);
  });
});

describe("golang-migrate's implicit transaction", () => {
  const init = "CREATE TABLE jobs (id int, policy_id int);\nCREATE INDEX jobs_policy ON jobs (policy_id);\n";

  it("DROP INDEX CONCURRENTLY stays in place alone in its file, and beside other statements moves out (or x-multi-statement)", async () => {
    const root = repo({
      "db/migrations/000001_init.up.sql": init,
      "db/migrations/000001_init.down.sql": "DROP TABLE jobs;\n",
      "db/migrations/000002_alone.up.sql": "DROP INDEX jobs_policy;\n",
      "db/migrations/000002_alone.down.sql": "CREATE INDEX jobs_policy ON jobs (policy_id);\n",
      "db/migrations/000003_shared.up.sql": "CREATE TABLE policies (id int);\nDROP INDEX jobs_policy;\n",
      "db/migrations/000003_shared.down.sql": "CREATE INDEX jobs_policy ON jobs (policy_id);\nDROP TABLE policies;\n",
    });
    const { body } = await json(["db"], root);
    const fixOf = (path: string) => String(body.findings.find((f) => f.rule === "drop-index-without-concurrently" && f.path === path)?.fix);
    expect(fixOf("db/migrations/000002_alone.up.sql")).toBe(
      "-- the only statement of its file: golang-migrate sends it as a query of its own, outside a transaction\nDROP INDEX CONCURRENTLY IF EXISTS jobs_policy;",
    );
    const shared = fixOf("db/migrations/000003_shared.up.sql");
    expect(shared).toContain("sends the whole file as one query, which PostgreSQL runs as one implicit transaction");
    expect(shared).toContain("set x-multi-statement=true in the database URL");
    expect(shared).not.toContain("-- outside a transaction:");
  });
});

describe("exit codes", () => {
  it("is 0 without error findings and 1 with them", async () => {
    const root = repo({
      "db/migrations/001_ok.sql": "SET lock_timeout = '1s';\nALTER TABLE t ADD COLUMN a text;\n",
      "db/migrations/002_bad.sql": "DROP TABLE users;\n",
    });
    expect((await run(["lint", "db/migrations/001_ok.sql"], { cwd: root })).exitCode).toBe(0);
    expect((await run(["lint", "db"], { cwd: root })).exitCode).toBe(1);
  });

  it("is 1 when a migration could not be analysed, even without an error finding (the real process)", async () => {
    const root = repo({
      "db/migrations/001_ok.sql": "SET lock_timeout = '1s';\nALTER TABLE t ADD COLUMN a text;\n",
      "db/migrations/002_blob.sql": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
    });
    expect((await run(["lint", "db/migrations/001_ok.sql"], { cwd: root })).exitCode).toBe(0);
    const project = join(import.meta.dirname, "..", "..");
    // the repository is the working directory, so tsx is resolved from the project
    const tsx = pathToFileURL(createRequire(join(project, "package.json")).resolve("tsx")).href;
    const cli = spawnSync(process.execPath, ["--no-warnings", "--import", tsx, join(project, "src", "cli", "main.ts"), "lint", "db"], { cwd: root, encoding: "utf8" });
    expect(cli.stdout).toContain("db/migrations/002_blob.sql: skipped: a binary file");
    expect(cli.status).toBe(1);
  });

  it("never reads a symbolic link, named or a companion: not analysed, exit 1, nothing of its target printed", async () => {
    const root = repo({
      "secret.txt": "AUTHORIZATION: basic c2VjcmV0\n",
      "db/migrations/000001_ok.up.sql": "SET lock_timeout = '1s';\nALTER TABLE t ADD COLUMN a text;\n",
    });
    symlinkSync("../../secret.txt", join(root, "db/migrations/000001_ok.down.sql"));
    symlinkSync("../../secret.txt", join(root, "db/migrations/000002_link.up.sql"));
    const named = await json(["db/migrations/000001_ok.up.sql", "db/migrations/000002_link.up.sql"], root);
    expect(named.body.errors).toEqual([
      { path: "db/migrations/000002_link.up.sql", message: expect.stringMatching(/^a symbolic link: migguard never follows links/) },
      { path: "db/migrations/000001_ok.down.sql", message: expect.stringMatching(/^a symbolic link/) },
    ]);
    expect(named.exitCode).toBe(1);
    expect(JSON.stringify(named.body)).not.toMatch(/AUTHORIZATION|c2VjcmV0/);
    // walking a folder follows no link either, and a migration that is one is never skipped silently
    const walked = await json(["db"], root);
    expect(walked.body.errors.map((e) => e.path).sort()).toEqual(["db/migrations/000001_ok.down.sql", "db/migrations/000002_link.up.sql"]);
    expect(walked.exitCode).toBe(1);
    expect(JSON.stringify(walked.body)).not.toMatch(/AUTHORIZATION|c2VjcmV0/);
  });

  it("is 2 on usage errors", async () => {
    const root = repo({ "a.sql": "SELECT 1;" });
    await expect(run(["lint"], { cwd: root })).rejects.toBeInstanceOf(UsageError);
    await expect(run(["lint", "--format", "xml", "a.sql"], { cwd: root })).rejects.toBeInstanceOf(UsageError);
    await expect(run(["lint", "missing.sql"], { cwd: root })).rejects.toBeInstanceOf(UsageError);
    await expect(run(["frobnicate"], { cwd: root })).rejects.toBeInstanceOf(UsageError);
    // the real process: usage errors go to stderr with exit status 2
    const project = join(import.meta.dirname, "..", "..");
    const cli = spawnSync(process.execPath, ["--import", "tsx", join(project, "src", "cli", "main.ts"), "lint", "--format", "xml", join(root, "a.sql")], { cwd: project, encoding: "utf8" });
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain('unknown --format "xml"');
  });
});

describe("JSON contract", () => {
  it("has exactly the agreed fields, paths relative to the working directory", async () => {
    const root = repo({ "svc/db/migrations/000001_drop.up.sql": "-- é ✓\nALTER TABLE users DROP COLUMN phone_number;\n" });
    const { exitCode, body } = await json(["svc"], root);
    expect(exitCode).toBe(1);
    expect(Object.keys(body).sort()).toEqual(["errors", "findings"]);
    const dropColumn = body.findings.find((f) => f.rule === "drop-column")!;
    expect(Object.keys(dropColumn).sort()).toEqual(["category", "endLine", "fix", "line", "message", "path", "rule", "severity"]);
    expect(dropColumn).toMatchObject({ path: "svc/db/migrations/000001_drop.up.sql", line: 2, endLine: 2, category: "data-loss", severity: "error" });
    const missing = body.findings.find((f) => f.rule === "missing-down")!;
    expect(missing.category).toBe("irreversible");
  });

  it("reads the paired down file when only the up is named", async () => {
    const root = repo({
      "migrations/000002_bio.up.sql": "ALTER TABLE profiles ADD COLUMN bio text;",
      "migrations/000002_bio.down.sql": "ALTER TABLE profiles DROP COLUMN bio;",
    });
    const { body } = await json(["migrations/000002_bio.up.sql"], root);
    expect(body.findings.map((f) => f.rule)).not.toContain("missing-down");
  });
});

describe("bad input", () => {
  it("reports a syntax error on its line and still analyses the other files", async () => {
    const root = repo({
      "db/migrations/001_broken.sql": "ALTER TABLE t ADD COLUMN a int;\nALTER TABLE t ALTR COLUMN b SET NOT NULL;\n",
      "db/migrations/002_drop.sql": "DROP TABLE old;\n",
    });
    const { body } = await json(["db"], root);
    expect(body.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "db/migrations/001_broken.sql", line: 2, rule: "syntax-error", category: "syntax", severity: "error" }),
        expect.objectContaining({ path: "db/migrations/002_drop.sql", rule: "drop-table" }),
      ]),
    );
    expect(body.findings.find((f) => f.rule === "syntax-error")!.message).toContain('syntax error at or near "ALTR"');
  });

  it("skips binary and oversized files with a reason", async () => {
    const root = repo({
      "db/migrations/001_blob.sql": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x49, 0x48, 0x44, 0x52]),
      "db/migrations/002_big.sql": `-- ${"x".repeat(2000)}\nSELECT 1;`,
      "db/migrations/003_drop.sql": "DROP TABLE old;",
      ".github/migguard.yml": "max_file_bytes: 1000\n",
    });
    const { body } = await json(["db"], root);
    expect(body.errors).toEqual([
      { path: "db/migrations/002_big.sql", message: "larger than 1000 bytes (max_file_bytes)" },
      { path: "db/migrations/001_blob.sql", message: "a binary file (it contains NUL bytes): not checked" },
    ]);
    expect(body.findings.map((f) => f.rule)).toContain("drop-table");
  });

  it("reports an invalid config key, uses its default, and keeps the valid keys", async () => {
    const root = repo({
      ".github/migguard.yml": "postgres_version: eleven\nrules:\n  drop-table: off\n  no-such-rule: error\nfavourite_colour: blue\n",
      "db/migrations/001_drop.sql": "DROP TABLE old;\nALTER TABLE t ADD COLUMN c uuid DEFAULT gen_random_uuid();\n",
    });
    const { body } = await json(["db"], root);
    const config = body.findings.filter((f) => f.rule === "invalid-config");
    expect(config.map((f) => f.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining("`postgres_version`"),
        expect.stringContaining("`rules.no-such-rule`"),
        expect.stringContaining("`favourite_colour`"),
      ]),
    );
    expect(config[0].path).toBe(".github/migguard.yml");
    expect(body.findings.map((f) => f.rule)).not.toContain("drop-table"); // the valid part applies
    expect(body.findings.map((f) => f.rule)).toContain("volatile-default");
  });
});

describe("SARIF", () => {
  it("is valid SARIF 2.1.0 with rules and locations", async () => {
    const root = repo({ "db/migrations/001_x.sql": "CREATE INDEX i ON posts (author_id);\nDROP TABLE old;\n" });
    const result = await run(["lint", "--format", "sarif", "db"], { cwd: root });
    const sarif = JSON.parse(result.output);
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, "..", "schemas", "sarif-2.1.0.json"), "utf8"));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate.errors ?? []).toEqual([]);
    expect(validate(sarif)).toBe(true);
    const results = sarif.runs[0].results as Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { region: { startLine: number } } }> }>;
    expect(results.map((r) => [r.ruleId, r.level, r.locations[0].physicalLocation.region.startLine])).toEqual(
      expect.arrayContaining([
        ["index-without-concurrently", "error", 1],
        ["drop-table", "error", 2],
      ]),
    );
  });
});

describe("a Django fix's new migration in the app's graph", () => {
  const migration = (depends: string, operations: string) =>
    `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [${depends}]\n\n    operations = [\n${operations}\n    ]\n`;
  const files = {
    "shop/migrations/0001_initial.py": migration("", '        migrations.CreateModel(name="Order", fields=[("id", models.BigAutoField(primary_key=True)), ("code", models.CharField(max_length=20, null=True))]),'),
    "shop/migrations/0002_order_code_idx.py": migration(
      '("shop", "0001_initial")',
      '        migrations.AddField(model_name="order", name="ref", field=models.CharField(max_length=10, null=True)),\n        migrations.AlterField(model_name="order", name="code", field=models.CharField(max_length=20)),\n        migrations.AddIndex(model_name="order", index=models.Index(fields=["code"], name="order_code_idx")),',
    ),
    "shop/migrations/0003_order_note.py": migration('("shop", "0002_order_code_idx")', '        migrations.AddField(model_name="order", name="note", field=models.TextField(null=True)),'),
  };

  it("depends on the app's newest migration when later ones exist, not on the migration it splits (a second leaf node: migrate refuses)", async () => {
    const { body } = await json(["shop"], repo(files));
    const [finding] = body.findings.filter((f) => f.rule === "set-not-null");
    expect(finding.path).toBe("shop/migrations/0002_order_code_idx.py");
    expect(finding.fix).toContain('dependencies = [("shop", "0003_order_note")]');
    expect(finding.fix).not.toContain('dependencies = [("shop", "0002_order_code_idx")]');
    expect(finding.fix).not.toContain("did not read all of this app's migrations");
  });

  it("a concurrent index build in a migration that is not the app's newest is made in place, atomic = False: no migration after the newest, where a later one may have deleted the model (ynr uk_results 0010)", async () => {
    const { body } = await json(["shop"], repo(files));
    const [finding] = body.findings.filter((f) => f.rule === "index-without-concurrently");
    expect(finding.fix).toContain("# the migration becomes, shop/migrations/0002_order_code_idx.py:");
    expect(finding.fix).toContain("atomic = False");
    expect(finding.fix).toContain('AddIndexConcurrently(model_name="order", index=models.Index(fields=["code"], name="order_code_idx"))');
    expect(finding.fix).not.toContain("a new migration");
  });

  it("a lint of the named file alone (a pre-commit hook) reads the app's other migrations: the same fixes as a lint of the folder", async () => {
    const root = repo(files);
    const alone = (await json(["shop/migrations/0002_order_code_idx.py"], root)).body.findings;
    const folder = (await json(["shop"], root)).body.findings.filter((f) => f.path === "shop/migrations/0002_order_code_idx.py");
    expect(alone).toEqual(folder);
  });
});
