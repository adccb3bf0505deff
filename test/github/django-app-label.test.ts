/**
 * A Django app whose AppConfig sets a label other than its folder's name (meinberlin's adminlog app is
 * `meinberlin_adminlog`): runpython-model-import's fix takes the model from `apps.get_model()` with that label, which
 * only the app's apps.py says. The CLI reads the apps.py beside a changed migration's app (cli/repository-files.ts);
 * the App fetches it with the repository's facts (repository/fact-paths.ts), so its fix names the same label.
 * Signed webhooks over HTTP, the local GitHub API checking every request against GitHub's OpenAPI description.
 */
import { describe, expect, it } from "@jest/globals";
import { startScenario, useScenario } from "./support/scenario.js";

const APPS = `from django.apps import AppConfig


class Config(AppConfig):
    name = "meinberlin.apps.adminlog"
    label = "meinberlin_adminlog"
`;

const INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="LogEntry", fields=[("id", models.AutoField(primary_key=True)), ("message", models.TextField())]),
    ]
`;

const ADDED = "meinberlin/apps/adminlog/migrations/0002_clear_log.py";
const MIGRATION = `from django.db import migrations

from meinberlin.apps.adminlog.models import LogEntry


def clear_log(apps, schema_editor):
    LogEntry.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("meinberlin_adminlog", "0001_initial")]

    operations = [migrations.RunPython(clear_log, migrations.RunPython.noop)]
`;

const BASE = {
  "requirements.txt": "Django==4.2\npsycopg2==2.9.9\n",
  "meinberlin/apps/adminlog/__init__.py": "",
  "meinberlin/apps/adminlog/apps.py": APPS,
  "meinberlin/apps/adminlog/models.py": "from django.db import models\n\n\nclass LogEntry(models.Model):\n    message = models.TextField()\n",
  "meinberlin/apps/adminlog/migrations/__init__.py": "",
  "meinberlin/apps/adminlog/migrations/0001_initial.py": INITIAL,
};

useScenario();

describe("the App reads a Django app's AppConfig label, as the CLI does", () => {
  it("runpython-model-import's fix takes the model with the label apps.py sets, not the folder's name", async () => {
    const s = await startScenario({ baseFiles: BASE });
    const head = s.openPull(7, { [ADDED]: MIGRATION });
    expect((await s.pullRequest("opened", 7)).status).toBe(200);
    const check = s.fake.checkRunsFor(head).at(-1)!;
    const annotation = check.annotations.find((a) => a.path === ADDED && a.title.startsWith("runpython-model-import"));
    expect(annotation).toBeDefined();
    const shown = JSON.stringify(check);
    expect(shown).toContain('apps.get_model(\\"meinberlin_adminlog\\", \\"LogEntry\\")');
    expect(shown).not.toContain('apps.get_model(\\"adminlog\\", \\"LogEntry\\")');
  });
});
