/**
 * A migration a Django squash `replaces`, through `migguard lint`: no database runs it any more (a new one runs the
 * squash, an existing one applied it before the squash), so its findings are notes that name the squash, fix kept.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-replaced-by-squash-");

const INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Instance", fields=[("id", models.BigAutoField(primary_key=True, serialize=False)), ("json", models.TextField(null=True))]),
    ]
`;

// one-way data change with no reverse_code, using today's model: irreversible-migration and runpython-model-import
const REGENERATE = `from django.db import migrations

from logger.models import Instance


def regenerate_instance_json(apps, schema_editor):
    for inst in Instance.objects.all():
        inst.save()


class Migration(migrations.Migration):
    dependencies = [("logger", "0001_initial")]
    operations = [migrations.RunPython(regenerate_instance_json)]
`;

const SQUASH = `from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [("logger", "0001_initial"), ("logger", "0002_regenerate_json")]
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Instance", fields=[("id", models.BigAutoField(primary_key=True, serialize=False)), ("json", models.TextField(null=True))]),
    ]
`;

type Finding = { path: string; rule: string; severity: string; message: string; fix: string };

async function findingsOn(files: Record<string, string>, path: string): Promise<Finding[]> {
  const result = await run(["lint", "--format", "json", "."], { cwd: repo(files) });
  return (JSON.parse(result.output) as { findings: Finding[] }).findings.filter((f) => f.path === path);
}

const REPLACED = "logger/migrations/0002_regenerate_json.py";
const APP = { "logger/migrations/0001_initial.py": INITIAL, [REPLACED]: REGENERATE };

describe("a migration a Django squash replaces", () => {
  it("has its findings as notes that name the squash, the fix kept", async () => {
    const plain = await findingsOn(APP, REPLACED);
    const replaced = await findingsOn({ ...APP, "logger/migrations/0001_pre_upgrade_squashed.py": SQUASH }, REPLACED);
    expect(plain.filter((f) => f.severity !== "info").map((f) => f.rule).sort()).toEqual(expect.arrayContaining(["irreversible-migration", "runpython-model-import"]));
    expect(replaced.map((f) => f.rule).sort()).toEqual(plain.map((f) => f.rule).sort());
    for (const finding of replaced) {
      expect(finding.severity).toBe("info");
      expect(finding.message).toContain("replaced by the squashed migration 0001_pre_upgrade_squashed.py");
      expect(finding.message).toContain("Django runs this file only on a database that had applied part of the replaced set");
      expect(finding.fix).toBe(plain.find((f) => f.rule === finding.rule)!.fix);
    }
  });
});
