/**
 * A ForeignKey to `settings.AUTH_USER_MODEL` through `migguard lint`: the table is the project's user model's, read
 * from its settings (a django-configurations class attribute too) and that app's migrations (db_table), never
 * `auth_user` guessed; with no settings module to read, findings name the swappable setting instead.
 */
import { join } from "node:path";
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-user-model-");

const USER = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="User",
            fields=[("id", models.BigAutoField(primary_key=True, serialize=False))],
            options={"db_table": "impress_user"},
        ),
    ]
`;

const DOCUMENT = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Document", fields=[("id", models.BigAutoField(primary_key=True, serialize=False))]),
    ]
`;

const ADD_OWNER = `import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("wiki", "0001_initial"), migrations.swappable_dependency(settings.AUTH_USER_MODEL)]
    operations = [
        migrations.AddField(
            model_name="document",
            name="owner",
            field=models.ForeignKey(default=1, on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL),
        ),
    ]
`;

const SETTINGS = `from configurations import Configuration


class Base(Configuration):
    AUTH_USER_MODEL = "core.User"
`;

async function findingsOf(files: Record<string, string>) {
  const root = repo(files);
  const result = await run(["lint", "--format", "json", "."], { cwd: root });
  const { findings } = JSON.parse(result.output) as { findings: Array<{ path: string; rule: string; message: string; fix: string }> };
  return findings.filter((f) => f.path.startsWith("wiki/")).map((f) => `${f.rule}: ${f.message}\n${f.fix}`).join("\n");
}

const APPS = { "core/migrations/0001_initial.py": USER, "wiki/migrations/0001_initial.py": DOCUMENT, "wiki/migrations/0002_document_owner.py": ADD_OWNER };

describe("settings.AUTH_USER_MODEL", () => {
  it("names the custom user model's table, read from the settings class and the app's db_table", async () => {
    const text = await findingsOf({ ...APPS, "impress/settings.py": SETTINGS });
    expect(text).toContain("foreign key to impress_user");
    expect(text).not.toContain("auth_user");
  });

  it("without a settings module, names the swappable setting, not auth_user", async () => {
    const text = await findingsOf(APPS);
    expect(text).toContain("foreign key to settings.AUTH_USER_MODEL");
    expect(text).not.toContain("auth_user");
  });

  it("settings that do not set it: Django's default auth_user", async () => {
    const text = await findingsOf({ ...APPS, "impress/settings.py": "DEBUG = False\n" });
    expect(text).toContain("foreign key to auth_user");
  });
});

/** The owner removed again: drop-column's fix adds the column back on rollback, with the type of the user model's key. */
const REMOVE_OWNER = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("wiki", "0002_document_owner")]
    operations = [
        migrations.RemoveField(model_name="document", name="owner"),
    ]
`;

describe("a ForeignKey to settings.AUTH_USER_MODEL has the type of the user model's key", () => {
  const dropFix = async (files: Record<string, string>) => {
    const root = repo({ ...APPS, "wiki/migrations/0003_remove_document_owner.py": REMOVE_OWNER, ...files });
    const { findings } = JSON.parse((await run(["lint", "--format", "json", "."], { cwd: root })).output) as { findings: Array<{ path: string; rule: string; fix: string }> };
    return findings.find((f) => f.path.endsWith("0003_remove_document_owner.py") && f.rule === "drop-column")!.fix;
  };

  it("the custom user model's BigAutoField: the rollback adds owner_id back as bigint", async () => {
    const fix = await dropFix({ "impress/settings.py": SETTINGS });
    expect(fix).toContain("ADD COLUMN owner_id bigint NULL");
    expect(fix).not.toContain("does not know the column's type");
  });

  it("settings that do not set it: Django's auth.User, keyed by an AutoField (integer)", async () => {
    expect(await dropFix({ "impress/settings.py": "DEBUG = False\n" })).toContain("ADD COLUMN owner_id integer NULL");
  });

  it("without a settings module the user model is unknown, and so is the type: said, not guessed", async () => {
    expect(await dropFix({})).toContain("migguard does not know the column's type to re-add it");
  });
});
