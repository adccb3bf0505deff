/**
 * `migguard lint` on a RunPython that imports today's model and uses more of it than a historical model has: a
 * nested class of its body (onadata's Instance.DecryptionStatus) and a project function handed its rows
 * (decrypt_instance(instance), create_xform_version(xform, ...)). The fix keeps the import and says why instead of
 * swapping in apps.get_model(), which would break the migration; a model used only through fields and its manager
 * is still swapped.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { path: string; rule: string; fix: string };

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-live-model-uses-");

const MODELS = `from django.db import models


class Instance(models.Model):
    class DecryptionStatus(models.TextChoices):
        FAILED = "failed"
        DONE = "done"

    decryption_status = models.CharField(max_length=10, choices=DecryptionStatus.choices)
`;

const TOOLS = `def decrypt_instance(instance):\n    instance.decrypt()\n`;

const INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Instance", fields=[("id", models.AutoField(primary_key=True, serialize=False)), ("decryption_status", models.CharField(max_length=10))]),
    ]
`;

const migration = (body: string) => `from django.db import migrations


def repair(apps, schema_editor):
    from logger.models import Instance
    from logger.kms import decrypt_instance

${body}


class Migration(migrations.Migration):
    dependencies = [("logger", "0001_initial")]
    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
`;

async function fixOf(body: string): Promise<string> {
  const root = repo({ "logger/models.py": MODELS, "logger/kms.py": TOOLS, "logger/migrations/0001_initial.py": INITIAL, "logger/migrations/0002_repair.py": migration(body) });
  const { output } = await run(["lint", "--format", "json", "."], { cwd: root });
  const findings = (JSON.parse(output) as { findings: Finding[] }).findings.filter((f) => f.rule === "runpython-model-import");
  expect(findings).toHaveLength(1);
  return findings[0].fix;
}

describe("RunPython code that needs today's model class", () => {
  it("keeps the import and names the nested class and the project function the historical model cannot serve", async () => {
    const fix = await fixOf(`    for instance in Instance.objects.filter(decryption_status=Instance.DecryptionStatus.FAILED).iterator():
        decrypt_instance(instance)`);
    expect(fix).not.toContain('Instance = apps.get_model("logger", "Instance")');
    expect(fix).toContain("Instance stays imported from the app");
    expect(fix).toContain("the nested class repair() reads that logger/models.py defines in today's class: Instance.DecryptionStatus");
    expect(fix).toContain("repair() hands its Instance rows to logger.kms.decrypt_instance()");
  });

  it("swaps in apps.get_model() when the code uses only fields and the manager", async () => {
    const fix = await fixOf(`    Instance.objects.filter(decryption_status="failed").update(decryption_status="done")`);
    expect(fix).toContain('Instance = apps.get_model("logger", "Instance")  # the historical model');
  });
});
