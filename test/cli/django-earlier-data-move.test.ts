/**
 * berth-reservations' JSON blob through `migguard lint` (seed 67): 0002's RunPython reads `r.data` on every
 * Reservation and sets the real fields from it, 0003 renames the model, and 0005 removes `data` from it and from
 * WinterStorageReservation, which 0004 created after the move with a `data` of its own. The first drop is the last
 * step of the planned move (a note that keeps the backup); the second has no copy anywhere: the data-loss error.
 * The application's code says `request.data` (another object's attribute of the same name): no use of the field.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";
import { checkFixSyntax, loadFixParsers } from "../../src/engine/testing/fix-syntax.js";

await loadFixParsers();

const migration = (name: string, dependency: string | undefined, operations: string, head = "") =>
  `from django.db import migrations, models\n${head}\n\nclass Migration(migrations.Migration):\n    dependencies = [${dependency ? `("applications", "${dependency}")` : ""}]\n\n    operations = [\n${operations}\n    ]\n`;

const FILES = (model: string) => ({
  "manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'berth.settings')\n",
  "applications/migrations/__init__.py": "",
  "applications/migrations/0001_initial.py": migration(
    "initial",
    undefined,
    `        migrations.CreateModel(
            name="Reservation",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("boat_name", models.CharField(max_length=200, blank=True)),
                ("data", models.JSONField(null=True, blank=True)),
            ],
        ),`,
  ),
  "applications/migrations/0002_from_data_to_main_fields.py": migration(
    "from_data",
    "0001_initial",
    "        migrations.RunPython(from_data_to_main_fields, migrations.RunPython.noop),",
    `

def from_data_to_main_fields(apps, schema_editor):
    Reservation = apps.get_model("applications", "Reservation")
    for r in Reservation.objects.all():
        if r.data:
            r.boat_name = r.data.get("boat", {}).get("name", "")
            r.save()
`,
  ),
  "applications/migrations/0003_rename_reservation.py": migration("rename", "0002_from_data_to_main_fields", '        migrations.RenameModel(old_name="Reservation", new_name="BerthApplication"),'),
  "applications/migrations/0004_winter_storage.py": migration(
    "winter",
    "0003_rename_reservation",
    `        migrations.CreateModel(
            name="WinterStorageApplication",
            fields=[("id", models.AutoField(primary_key=True)), ("data", models.JSONField(null=True, blank=True))],
        ),`,
  ),
  "applications/migrations/0005_remove_data_json_field.py": migration(
    "remove",
    "0004_winter_storage",
    `        migrations.RemoveField(model_name="berthapplication", name="data"),
        migrations.RemoveField(model_name="winterstorageapplication", name="data"),`,
  ),
  "applications/models.py": `from django.db import models


class BerthApplication(models.Model):
    boat_name = models.CharField(max_length=200, blank=True)
${model}

class WinterStorageApplication(models.Model):
    pass
`,
  "applications/views.py": "def export(request):\n    serializer = ExportSerializer(data=request.data)\n    return serializer.data\n",
});

type Finding = { rule: string; path: string; line: number; severity: string; message: string; fix: string };
const drops = async (model: string) => {
  const cwd = fileTree(FILES(model), "migguard-earlier-move-");
  const findings = (JSON.parse((await run(["lint", "--format", "json", "applications/migrations"], { cwd })).output) as { findings: Finding[] }).findings;
  return findings.filter((f) => f.rule === "drop-column" && f.path.endsWith("0005_remove_data_json_field.py"));
};

describe("a column an earlier migration's RunPython moved into real fields, dropped later", () => {
  it("is the last step of a planned move once the model no longer declares it: a note that keeps the backup; the table created after the move keeps the error", async () => {
    const [berth, winter] = await drops("");
    expect(berth).toMatchObject({ line: 8, severity: "info" });
    expect(berth.message).toContain("its values were copied by applications/migrations/0002_from_data_to_main_fields.py (RunPython(from_data_to_main_fields) read data on each row and set boat_name from it");
    expect(berth.message).toContain("Values written to data since that migration ran are lost: keep the backup step.");
    expect(berth.fix).toContain("CREATE TABLE applications_berthapplication_data_backup_0005 AS SELECT id, data FROM applications_berthapplication");
    expect(checkFixSyntax("python", berth.fix)).toEqual({ ok: true });
    expect(winter).toMatchObject({ line: 9, severity: "error" });
  });

  it("keeps the data-loss error while the model still declares the field", async () => {
    const [berth] = await drops("    data = models.JSONField(null=True, blank=True)\n");
    expect(berth).toMatchObject({ line: 8, severity: "error" });
    expect(berth.message).toContain("deletes its data");
  });
});
