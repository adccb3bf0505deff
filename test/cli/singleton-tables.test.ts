/**
 * Django singletons through `migguard lint` (README: "A singleton's table"): a lock finding on the table of a model
 * that extends django-solo's SingletonModel, directly or through the project's own base in another app, is a note
 * that says the table holds one row; the same lock on a plain model's table stays an error.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "migguard-singleton-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

type Finding = { path: string; line: number; rule: string; severity: string; message: string; fix: string };
const lint = async (root: string) => (JSON.parse((await run(["lint", "--format", "json", "."], { cwd: root })).output) as { findings: Finding[] }).findings;

const INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(name="KadasterConfig", fields=[("id", models.AutoField(primary_key=True)), ("service", models.CharField(max_length=100))]),
        migrations.CreateModel(name="PrefillConfig", fields=[("id", models.AutoField(primary_key=True)), ("plugin", models.CharField(max_length=100))]),
        migrations.CreateModel(name="Parcel", fields=[("id", models.AutoField(primary_key=True)), ("code", models.CharField(max_length=100))]),
    ]
`;

const INDEXES = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("kadaster", "0001_initial")]

    operations = [
        migrations.AddIndex(model_name="kadasterconfig", index=models.Index(fields=["service"], name="kadasterconfig_service_idx")),
        migrations.AddIndex(model_name="prefillconfig", index=models.Index(fields=["plugin"], name="prefillconfig_plugin_idx")),
        migrations.AddIndex(model_name="parcel", index=models.Index(fields=["code"], name="parcel_code_idx")),
    ]
`;

const MODELS = `from django.db import models
from solo.models import SingletonModel

from core.models import ConfigBase


class KadasterConfig(SingletonModel):
    service = models.CharField(max_length=100)


class PrefillConfig(ConfigBase):
    plugin = models.CharField(max_length=100)


class Parcel(models.Model):
    code = models.CharField(max_length=100)
`;

describe("Django singletons' tables", () => {
  it("an index on a django-solo singleton's table is a note, through the project's own base too; a plain model's stays an error", async () => {
    const root = repo({
      "manage.py": "import django\n",
      "kadaster/__init__.py": "",
      "kadaster/models.py": MODELS,
      "kadaster/migrations/__init__.py": "",
      "kadaster/migrations/0001_initial.py": INITIAL,
      "kadaster/migrations/0002_indexes.py": INDEXES,
      "core/__init__.py": "",
      "core/models.py": "from solo.models import SingletonModel\n\n\nclass ConfigBase(SingletonModel):\n    class Meta:\n        abstract = True\n",
    });
    const indexes = (await lint(root)).filter((f) => f.rule === "index-without-concurrently" && f.path.endsWith("0002_indexes.py"));
    expect(indexes.map((f) => [f.line, f.severity])).toEqual([
      [8, "info"],
      [9, "info"],
      [10, "error"],
    ]);
    expect(indexes[0].message).toContain("KadasterConfig (kadaster/models.py) is a django-solo singleton (KadasterConfig extends solo.models.SingletonModel): kadaster_kadasterconfig holds one row");
    expect(indexes[1].message).toContain("(PrefillConfig extends ConfigBase extends solo.models.SingletonModel)");
    expect(indexes[0].fix).toContain("AddIndexConcurrently");
  });
});
