/**
 * `migguard lint` on Django RunSQL without reverse_sql (README "Fixed since", seed 72, umap 0014 and 0017): an UPDATE
 * that only fills the column the same migration adds gets `reverse_sql=migrations.RunSQL.noop` (unapplying drops the
 * column right after), and a RunSQL written over several lines gets the real fix (a copy of the values its UPDATE
 * overwrites, put back by reverse_sql), not a template.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { path: string; line: number; rule: string; fix?: string };

const INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Map", fields=[("id", models.AutoField(primary_key=True, serialize=False)), ("modified_at", models.DateTimeField(auto_now=True)), ("provider", models.CharField(max_length=40))]),
    ]
`;
const FILL = `import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("maps", "0001_initial")]
    operations = [
        migrations.AddField(model_name="map", name="created_at", field=models.DateTimeField(auto_now_add=True, default=django.utils.timezone.now), preserve_default=False),
        migrations.RunSQL("UPDATE maps_map SET created_at = modified_at"),
    ]
`;
const RENAME = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("maps", "0002_map_created_at")]
    operations = [
        migrations.RunSQL(
            "UPDATE maps_map "
            "SET provider = 'osm-oauth2' WHERE provider = 'osm'"
        ),
    ]
`;

async function reverseFixes(): Promise<Finding[]> {
  const root = fileTree({ "maps/migrations/0001_initial.py": INITIAL, "maps/migrations/0002_map_created_at.py": FILL, "maps/migrations/0003_provider.py": RENAME }, "migguard-runsql-reverse-");
  const { output } = await run(["lint", "--format", "json", "maps/migrations"], { cwd: root });
  return (JSON.parse(output) as { findings: Finding[] }).findings.filter((f) => f.rule === "irreversible-migration");
}

describe("the reverse_sql a Django RunSQL without one gets", () => {
  it("an UPDATE of the column the migration adds before it: RunSQL.noop, no copy of the table", async () => {
    const fix = (await reverseFixes()).find((f) => f.path.endsWith("0002_map_created_at.py"))?.fix ?? "";
    expect(fix).toContain("reverse_sql=migrations.RunSQL.noop,  # it writes only maps_map.created_at, which this migration adds before it");
    expect(fix).not.toContain("CREATE TABLE");
  });

  it("a RunSQL over several lines: its UPDATE's old values kept and put back, not a template", async () => {
    const finding = (await reverseFixes()).find((f) => f.path.endsWith("0003_provider.py"));
    expect(finding?.line).toBe(7);
    expect(finding?.fix).toContain("CREATE TABLE maps_map_backup_0003 AS TABLE maps_map;");
    expect(finding?.fix).toContain("UPDATE maps_map SET provider = b.provider FROM maps_map_backup_0003 b WHERE maps_map.id = b.id;");
    expect(finding?.fix).not.toContain("-- SQL that undoes it");
  });
});
