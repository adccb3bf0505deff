/**
 * `migguard lint` on a Django 5.1 project whose AddField gets a NOT NULL column a default only to fill the existing
 * rows: the db_default fix must change the model's field too (makemigrations compares the models with the migrations'
 * state, so a db_default= written in the migration only comes back out in the next AlterField: froide's campaign
 * 0006, georegion 0004). A field a package's abstract model declares (froide's account 0038, oauth2_provider's
 * AbstractApplication) cannot take db_default= in the project: the fix is a RunSQL default of the migration's own.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { path: string; rule: string; fix?: string };

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-db-default-model-");

const INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Campaign", fields=[("id", models.AutoField(primary_key=True, serialize=False)), ("title", models.CharField(max_length=255))]),
    ]
`;

const ADD_HINT = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("campaign", "0001_initial")]
    operations = [
        migrations.AddField(model_name="campaign", name="request_hint", field=models.TextField(blank=True)),
    ]
`;

const PYPROJECT = `[project]\nname = "site"\ndependencies = ["Django>=5.1,<6", "psycopg>=3"]\n`;
const HINT = "campaign/migrations/0002_campaign_request_hint.py";

async function fixOf(models: string, extra: Record<string, string> = {}): Promise<string> {
  const files = { "pyproject.toml": PYPROJECT, "campaign/migrations/0001_initial.py": INITIAL, [HINT]: ADD_HINT, "campaign/models.py": models, ...extra };
  const { output } = await run(["lint", "--format", "json", "."], { cwd: repo(files) });
  const finding = (JSON.parse(output) as { findings: Finding[] }).findings.find((f) => f.path === HINT && f.rule === "required-column-without-default");
  return finding?.fix ?? "";
}

describe("the db_default fix of a Django field changes the model too", () => {
  it("the model declares the field: the fix shows its file, line and the field with db_default", async () => {
    const fix = await fixOf(`from django.db import models\n\n\nclass Campaign(models.Model):\n    title = models.CharField(max_length=255)\n    request_hint = models.TextField(blank=True)\n`);
    expect(fix).toContain('migrations.AddField(model_name="Campaign", name="request_hint", field=models.TextField(blank=True, db_default="")),');
    expect(fix).toContain("# campaign/models.py:6, in Campaign:\nrequest_hint = models.TextField(blank=True, db_default=\"\")");
  });

  it("a literal default= stays beside db_default= in the migration and the model (unsaved instances keep their Python value; seed 72, umap)", async () => {
    const added = ADD_HINT.replace('field=models.TextField(blank=True)', 'field=models.SmallIntegerField(default=0)').replace(/request_hint/g, "edit_status");
    const files = {
      "pyproject.toml": PYPROJECT,
      "campaign/migrations/0001_initial.py": INITIAL,
      "campaign/migrations/0002_campaign_edit_status.py": added,
      "campaign/models.py": `from django.db import models\n\n\nclass Campaign(models.Model):\n    title = models.CharField(max_length=255)\n    edit_status = models.SmallIntegerField(default=0)\n`,
    };
    const { output } = await run(["lint", "--format", "json", "."], { cwd: repo(files) });
    const fix = (JSON.parse(output) as { findings: Finding[] }).findings.find((f) => f.rule === "required-column-without-default")?.fix ?? "";
    expect(fix).toContain('migrations.AddField(model_name="Campaign", name="edit_status", field=models.SmallIntegerField(default=0, db_default=0)),');
    expect(fix).toContain("# campaign/models.py:6, in Campaign:\nedit_status = models.SmallIntegerField(default=0, db_default=0)");
  });

  it("a package's abstract model declares it: no db_default, a RunSQL default with Django's state as it is", async () => {
    const fix = await fixOf(`from oauth2_provider.models import AbstractApplication\n\n\nclass Campaign(AbstractApplication):\n    pass\n`, { "campaign/templates/oauth2_provider/form.html": "<form></form>\n" });
    expect(fix).toContain("it comes from oauth2_provider.models.AbstractApplication, a package's model");
    expect(fix).not.toContain('db_default=""');
    expect(fix).toContain(`"ALTER TABLE campaign_campaign ALTER COLUMN request_hint SET DEFAULT ''"`);
  });
});
